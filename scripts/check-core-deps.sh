#!/usr/bin/env bash
# Fails when passerelle-core (or anything it pulls in) depends on a chat platform crate:
# the core must stay platform-neutral.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden='^(serenity|poise|teloxide|teloxide-core|matrix-sdk|matrix-sdk-base|ruma|twilight-[a-z-]+|telegram-bot|frankenstein) '
found=$(cargo tree --locked -p passerelle-core -e normal,build --prefix none | grep -E "$forbidden" | sort -u || true)
if [ -n "$found" ]; then
    echo "passerelle-core must not depend on a chat platform crate, but it pulls in:"
    echo "$found"
    exit 1
fi
echo "ok: no chat platform crate under passerelle-core"
