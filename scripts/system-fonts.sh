#!/usr/bin/env bash
# Find, or install, what the share cards need from the system (plugins/images): fonts for
# Latin and Arabic (fonts-noto-core) and FriBiDi, which raqm uses to lay Arabic out right to
# left (libfribidi0; raqm itself ships inside Pillow's wheel). On Debian or Ubuntu as root it
# installs what is missing with apt-get; anywhere else it stops and says what to install.
# The build checks the same things itself and stops with the same advice.
# Usage: scripts/system-fonts.sh
set -euo pipefail
source "$(dirname "$0")/lib/packages.sh"

FONT_DIRS=(/usr/share/fonts /usr/local/share/fonts "$HOME/.local/share/fonts" "$HOME/.fonts")

have_font() {
  local name
  for name in "$@"; do
    if find "${FONT_DIRS[@]}" -name "$name" -print -quit 2>/dev/null | grep -q .; then
      return 0
    fi
  done
  return 1
}

packages=()
if ! have_font NotoSans-Bold.ttf DejaVuSans-Bold.ttf \
   || ! have_font NotoSansArabic-Bold.ttf NotoNaskhArabic-Bold.ttf DejaVuSans-Bold.ttf; then
  packages+=(fonts-noto-core)
fi
if ! have_library libfribidi.so.0; then
  packages+=(libfribidi0)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

install_or_explain "the share cards (le anteprime di condivisione)" "${packages[@]}"
