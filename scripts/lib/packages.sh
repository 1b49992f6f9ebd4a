# Shared by the scripts that need system packages: install them with apt-get on Debian or
# Ubuntu as root, or stop with a message saying what to install.
# Usage: install_or_explain "what needs them" PACKAGE...
install_or_explain() {
  local purpose=$1
  shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing system packages for $purpose: $*"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    return 0
  fi
  echo "$purpose need these system packages: $*." >&2
  echo "Install them (on Debian or Ubuntu: sudo apt-get install $*) and run the command again." >&2
  return 1
}
