#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests (Playwright drives the system browser;
# it cannot download its own here). Installs it with apt-get when we are root or have sudo;
# otherwise says how, and the browser tests skip (in CI, where CI=true, they fail instead).
set -uo pipefail
for b in /usr/bin/chromium /usr/bin/chromium-browser; do
  [ -x "$b" ] && exit 0
done
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@";
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@";
  else return 1; fi
}
if command -v apt-get >/dev/null; then
  echo "[setup] installing Debian's chromium for the browser tests"
  if as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; then
    exit 0
  fi
fi
echo "[setup] chromium not installed: browser tests will be skipped (install it with: sudo apt-get install chromium)" >&2
exit 0
