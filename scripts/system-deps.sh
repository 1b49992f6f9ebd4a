#!/usr/bin/env bash
# Find, or install, the system programs and libraries the test suite needs. On Debian or
# Ubuntu as root (or with passwordless sudo) it installs what is missing with apt-get;
# anywhere else it stops and names the packages.
# Usage: scripts/system-deps.sh NAME...   (commands and libraries listed in PACKAGES below)
# With PYTHON set to the Python of .venv, it also checks that every library Playwright's own
# Node.js links against is there: a missing one otherwise surfaces in the browser tests only
# as "Connection closed while reading from the driver".
set -euo pipefail
source "$(dirname "$0")/lib/packages.sh"

# What provides each command or library on Debian and Ubuntu.
declare -A PACKAGES=(
  [node]=nodejs
  [npm]=npm
  [chromium]=chromium
  [java]=default-jre-headless
  [libatomic.so.1]=libatomic1 # Playwright's Node.js (playwright/driver/node)
)

# Other names that do the same job (a CI runner may have Google Chrome instead).
declare -A ALTERNATIVES=(
  [chromium]="chromium chromium-browser google-chrome google-chrome-stable"
)

have() {
  local name
  case $1 in
    *.so*) have_library "$1" ;;
    *)
      for name in ${ALTERNATIVES[$1]:-$1}; do
        command -v "$name" >/dev/null 2>&1 && return 0
      done
      return 1
      ;;
  esac
}

# Ubuntu packages Chromium only as a snap (its chromium-browser package installs the snap),
# which Playwright cannot drive from a container or a chroot.
is_ubuntu() {
  grep -qE '^(ID|ID_LIKE)=.*ubuntu' "${OS_RELEASE:-/etc/os-release}" 2>/dev/null
}

missing=()
for name in "$@"; do
  have "$name" && continue
  if [ "$name" = chromium ] && is_ubuntu; then
    echo "Chromium is missing, and Ubuntu has it only as a snap: install Google Chrome (google-chrome-stable from Google's apt repository) and run the command again." >&2
    exit 1
  fi
  missing+=("${PACKAGES[$name]:?unknown name $name}")
done
if [ ${#missing[@]} -gt 0 ]; then
  # OpenJDK's post-installation script links its man page into /usr/share/man/man1 and fails
  # when that folder is missing, as it is in Docker's slim Debian images (debian:trixie-slim).
  if [[ " ${missing[*]} " == *" default-jre-headless "* ]] && [ ! -d /usr/share/man/man1 ] \
     && command -v apt-get >/dev/null 2>&1 && can_be_root; then
    as_root mkdir -p /usr/share/man/man1
  fi
  install_or_explain "the tests" "${missing[@]}"
fi

# Playwright's Node.js: every shared library it needs must resolve.
if [ -n "${PYTHON:-}" ] && [ -x "$PYTHON" ]; then
  driver=$("$PYTHON" -c 'import pathlib, playwright; print(pathlib.Path(playwright.__file__).parent / "driver" / "node")' 2>/dev/null || true)
  if [ -n "$driver" ] && [ -x "$driver" ]; then
    unresolved=$(ldd "$driver" 2>/dev/null | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    if [ -n "$unresolved" ]; then
      echo "Playwright's Node.js ($driver) cannot start: these libraries are missing: ${unresolved% }. Install the packages that provide them (on Debian or Ubuntu: apt-file search NAME)." >&2
      exit 1
    fi
  fi
fi
