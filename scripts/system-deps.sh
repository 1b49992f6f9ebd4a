#!/usr/bin/env bash
# Find, or install, the system programs the test suite needs. On Debian or Ubuntu as root it
# installs what is missing with apt-get; anywhere else it stops and says what to install.
# Usage: scripts/system-deps.sh COMMAND...   (known commands are listed in PACKAGES below)
set -euo pipefail
source "$(dirname "$0")/lib/packages.sh"

declare -A PACKAGES=(
  [node]=nodejs
  [npm]=npm
  [chromium]=chromium
  [java]=default-jre-headless
)

# Other names that do the same job (a CI runner may have Google Chrome instead).
declare -A ALTERNATIVES=(
  [chromium]="chromium chromium-browser google-chrome google-chrome-stable"
)

missing_cmds=()
for cmd in "$@"; do
  found=""
  for name in ${ALTERNATIVES[$cmd]:-$cmd}; do
    command -v "$name" >/dev/null 2>&1 && found=1 && break
  done
  [ -n "$found" ] || missing_cmds+=("$cmd")
done
[ ${#missing_cmds[@]} -eq 0 ] && exit 0

packages=()
for cmd in "${missing_cmds[@]}"; do
  packages+=("${PACKAGES[$cmd]:?unknown command $cmd}")
done

install_or_explain "the tests" "${packages[@]}"
