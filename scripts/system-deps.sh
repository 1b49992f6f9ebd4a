#!/usr/bin/env bash
# Find, or install, the system programs the test suite needs. On Debian or Ubuntu as root it
# installs what is missing with apt-get; anywhere else it stops and says what to install.
# Usage: scripts/system-deps.sh COMMAND...   (known commands are listed in PACKAGES below)
set -euo pipefail

declare -A PACKAGES=(
  [node]=nodejs
  [npm]=npm
  [chromium]=chromium
  [java]=default-jre-headless
)

missing_cmds=()
for cmd in "$@"; do
  command -v "$cmd" >/dev/null 2>&1 || missing_cmds+=("$cmd")
done
[ ${#missing_cmds[@]} -eq 0 ] && exit 0

packages=()
for cmd in "${missing_cmds[@]}"; do
  packages+=("${PACKAGES[$cmd]:?unknown command $cmd}")
done

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages for the tests: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi

echo "The tests need these programs: ${missing_cmds[*]}." >&2
echo "Install them (on Debian or Ubuntu: sudo apt-get install ${packages[*]}) and run make test again." >&2
exit 1
