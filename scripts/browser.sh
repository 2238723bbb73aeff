#!/usr/bin/env bash
# The browser tests' tools: Chromium from Debian's packages (installed when missing) and
# Playwright and axe-core from npm (tests/browser/package-lock.json). Prints the path of
# Chromium's executable; fails, saying why, when either cannot be had.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
        echo "Chromium is missing: install Debian's chromium package" >&2
        exit 1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >&2; }
    chromium=$(command -v chromium)
fi
command -v node >/dev/null || { echo "Node.js is missing: the browser tests need it" >&2; exit 1; }
(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >&2)
echo "$chromium"
