#!/usr/bin/env bash
# Create .venv and install the project into it, so that it is either complete or absent:
# a run that fails or is interrupted leaves nothing the next run would trust.
#   scripts/bootstrap.sh runtime   what `make html` needs (requirements.txt)
#   scripts/bootstrap.sh dev       what `make test` needs as well (requirements-dev.txt)
# The Makefile calls it before every target that uses .venv; when nothing changed it only
# compares a hash and exits. Environment: PY (the Python to create .venv with, default
# python3), VENV (default .venv).
#
# How it cannot half-fail: .venv/.runtime and .venv/.dev are written last, each holding the
# hash of everything that went into it (the requirement files, this script, the Python
# version). Both are removed before anything in .venv changes. A .venv with neither file is
# the leftover of a run that was killed, and is removed before anything else happens.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/packages.sh

PROFILE=${1:?usage: scripts/bootstrap.sh runtime|dev}
PY=${PY:-python3}
VENV=${VENV:-.venv}
PYTHON=$VENV/bin/python
MIN_PYTHON=(3 11)

# --- What each profile installs: the one place to change when the project grows -------------
# A new step goes into install_project, and every file it reads into inputs: a change to any
# of those files makes the next make run the steps again.
inputs() {
  echo scripts/bootstrap.sh requirements.txt
  [ -f pyproject.toml ] && echo pyproject.toml
  [ "$1" = dev ] && echo requirements-dev.txt
  return 0
}

install_project() {
  local profile=$1
  if [ "$profile" = dev ]; then
    pip_install --require-hashes -r requirements.txt -r requirements-dev.txt
  else
    pip_install --require-hashes -r requirements.txt
  fi
  # The project's own packages (rart, rart_tools, plugins), editable: see pyproject.toml. With
  # the pinned setuptools already installed, and no build isolation, nothing is downloaded.
  # (The bootstrap's own tests run it in a project without one.)
  if [ -f pyproject.toml ]; then pip_install --no-build-isolation -e .; fi
}

pip_install() {
  "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-input --no-deps "$@"
}
# ---------------------------------------------------------------------------------------------

fail() {
  echo "$*" >&2
  exit 1
}

case $PROFILE in runtime | dev) ;; *) fail "usage: scripts/bootstrap.sh runtime|dev" ;; esac

# Two makes at once in the same checkout (an editor's devserver, a test run) wait for each
# other instead of building the same .venv together. flock is in util-linux (Debian, Ubuntu).
if command -v flock >/dev/null 2>&1; then
  exec 9<scripts/bootstrap.sh
  flock 9
fi

stamp_of() { # hash of everything profile $1 depends on
  {
    "$PYTHON" -c 'import sys; print(sys.version)'
    cat $(inputs "$1") # file names without spaces: split on purpose
  } | sha256sum | cut -d' ' -f1
}

is_current() { # profile $1 is installed and nothing it depends on changed since
  [ -f "$VENV/.$1" ] && [ "$(cat "$VENV/.$1")" = "$(stamp_of "$1")" ]
}

# 1. A .venv that cannot be trusted goes: left by a killed run (no stamp), or whose Python no
#    longer starts (the system Python it points to was upgraded or removed).
if [ -e "$VENV" ]; then
  if [ ! -f "$VENV/.runtime" ] && [ ! -f "$VENV/.dev" ]; then
    echo "Removing $VENV: an earlier set-up did not finish. Starting again."
    rm -rf "$VENV"
  elif ! "$PYTHON" -c '' 2>/dev/null; then
    echo "Removing $VENV: its Python no longer starts (was the system Python upgraded?). Starting again."
    rm -rf "$VENV"
  fi
fi

if [ -d "$VENV" ]; then
  if is_current "$PROFILE" && { [ "$PROFILE" = runtime ] || is_current runtime; }; then
    exit 0
  fi
fi

# 2. From here on .venv changes: until the end, a failure or an interruption removes it.
finish() {
  local status=$?
  if [ "$status" != 0 ] && [ -e "$VENV" ]; then
    rm -rf "$VENV"
    echo "The set-up of $VENV did not finish, so it was removed: the next make starts it again from the beginning." >&2
  fi
  exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

if [ ! -d "$VENV" ]; then
  command -v "$PY" >/dev/null 2>&1 || fail "Python 3 is missing: install it (on Debian or Ubuntu: apt-get install python3) and run the command again."
  "$PY" -c "import sys; sys.exit(sys.version_info < (${MIN_PYTHON[0]}, ${MIN_PYTHON[1]}))" \
    || fail "Python ${MIN_PYTHON[0]}.${MIN_PYTHON[1]} or newer is needed, $PY is $("$PY" -c 'import sys; print(sys.version.split()[0])'): install a newer one, or name it with make PY=python3.X."
  # Debian and Ubuntu ship venv's ensurepip in a package of its own (python3.X-venv); without
  # it `python3 -m venv` leaves a .venv without pip.
  if ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
    venv_package="python$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')-venv"
    install_or_explain "Python's venv module" "$venv_package" || exit 1
    "$PY" -c 'import ensurepip, venv' 2>/dev/null \
      || fail "Python's venv module is still missing after installing $venv_package: install python3-venv for $PY and run the command again."
  fi
  echo "Creating $VENV (the first time takes a minute or two)"
  "$PY" -m venv "$VENV"
fi

rm -f "$VENV/.runtime" "$VENV/.dev"
echo "Installing the pinned Python packages ($PROFILE) into $VENV"
install_project "$PROFILE"

stamp_of runtime >"$VENV/.runtime"
[ "$PROFILE" = dev ] && stamp_of dev >"$VENV/.dev"
trap - EXIT
