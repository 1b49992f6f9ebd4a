# Shared by the scripts that need system packages (bootstrap.sh, system-deps.sh,
# system-fonts.sh): install them with apt-get on Debian or Ubuntu, as root or through
# passwordless sudo (a CI runner); anywhere else stop with one line saying what to install.
# Usage: install_or_explain "what needs them" PACKAGE...
install_or_explain() {
  local purpose=$1
  shift
  if command -v apt-get >/dev/null 2>&1 && can_be_root; then
    echo "Installing system packages for $purpose: $*$([ "$(id -u)" = 0 ] || echo " (with sudo)")"
    # A stale or broken third-party source must not stop the install from Debian's own.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq \
      || echo "(apt-get update reported a problem: trying the install anyway)" >&2
    local log status=0
    log=$(mktemp)
    as_root env DEBIAN_FRONTEND=noninteractive \
      apt-get install -y -qq --no-install-recommends "$@" >"$log" 2>&1 || status=$?
    if [ "$status" = 0 ]; then
      rm -f "$log"
      return 0
    fi
    tail -n 20 "$log" >&2 # dpkg's reasons go to standard output
    rm -f "$log"
    echo "apt-get could not install $* ($purpose): see its messages above, install them and run the command again." >&2
    return 1
  fi
  echo "Missing system packages for $purpose: install them (on Debian or Ubuntu: sudo apt-get install $*) and run the command again." >&2
  return 1
}

# Root, or a user with passwordless sudo (GitHub's runners): asks for no password, ever.
can_be_root() {
  [ "$(id -u)" = 0 ] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

# Whether the dynamic linker finds a shared library, e.g. libatomic.so.1. ldconfig lives in
# /sbin, outside an ordinary user's PATH on Debian. Where there is no ldconfig at all (not
# glibc) the answer is yes: the program that needs the library says so itself.
have_library() {
  local ldconfig
  ldconfig=$(command -v ldconfig || command -v /sbin/ldconfig || command -v /usr/sbin/ldconfig) || return 0
  "$ldconfig" -p 2>/dev/null | awk -v name="$1" '$1 == name {found = 1} END {exit !found}'
}
