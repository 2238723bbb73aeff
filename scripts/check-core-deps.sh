#!/usr/bin/env bash
# Fails when passerelle-core or passerelle-runtime (or anything they pull in) depends on a
# chat platform crate: the core and the runtime every adapter shares stay platform-neutral.
set -euo pipefail
cd "$(dirname "$0")/.."

forbidden='^(serenity|poise|teloxide|teloxide-core|matrix-sdk|matrix-sdk-base|ruma|twilight-[a-z-]+|telegram-bot|frankenstein) '
for crate in passerelle-core passerelle-runtime; do
    found=$(cargo tree --locked -p "$crate" -e normal,build --prefix none | grep -E "$forbidden" | sort -u || true)
    if [ -n "$found" ]; then
        echo "$crate must not depend on a chat platform crate, but it pulls in:"
        echo "$found"
        exit 1
    fi
    echo "ok: no chat platform crate under $crate"
done
