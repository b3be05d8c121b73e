#!/usr/bin/env bash
# The docs' browser test and the consumer tests' browser cell drive Debian's
# Chromium (/usr/bin/chromium, or CHROMIUM_PATH). Installs it with apt when it
# is missing and this user can; otherwise says how, and fails.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the browser tests (docs, consumer tests)…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update >/dev/null && apt-get install -y --no-install-recommends chromium >/dev/null; }
  exit 0
fi
echo "✖ Chromium is missing at $chromium: the browser tests (docs, consumer tests) need it." >&2
echo "  Install it with: sudo apt-get install -y chromium   (or set CHROMIUM_PATH to another Chromium)" >&2
exit 1
