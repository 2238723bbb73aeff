#!/usr/bin/env bash
# Fuzzes each target of fuzz/ (cargo-fuzz, libFuzzer) for SECONDS seconds, 20 by default:
# CI's short run. A longer one: `scripts/fuzz.sh 3600`. Installs cargo-fuzz into the
# cache the first time; needs the nightly toolchain (rustup) and fails without it. The
# seed is printed; `FUZZ_SEED=N scripts/fuzz.sh` repeats a run. A crash fails the run,
# its input saved under fuzz/artifacts/TARGET/ (`cargo +nightly fuzz run TARGET FILE`
# replays it).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
seed=${FUZZ_SEED:-$RANDOM}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/passerelle-fuzz
export CARGO_TARGET_DIR="$cache/target"

rustup run nightly rustc --version >/dev/null 2>&1 || {
    echo "fuzzing needs the nightly toolchain: rustup toolchain install nightly" >&2
    exit 1
}
if ! [ -x "$cache/tools/bin/cargo-fuzz" ]; then
    cargo install cargo-fuzz --locked --root "$cache/tools"
fi
export PATH="$cache/tools/bin:$PATH"

# Seeds from what the project already holds, in each target's input shape (the leading
# bytes pick the instant, the zone or the format).
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
mkdir -p "$seeds"/{command,when,config,faq_file}
n=0
grep -hE '^[a-z]+: [/!]' tests/transcripts/*.txt | sed 's/^[a-z]*: //' | sort -u | while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$seeds/command/$n"
done
for text in "friday 19:00" "demain 19h" "5 déc. 18h Europe/Lisbon" "in 2 hours" "1h30" \
    "2026-12-05" "vendredi prochain à midi" "90 min"; do
    n=$((n + 1))
    printf '\x10\x20\x30\x00\x01%s' "$text" > "$seeds/when/$n"
done
cp config/*.toml config/demo/*.toml "$seeds/config/"
for file in config/demo/faq/*; do
    { printf '\x01'; cat "$file"; } > "$seeds/faq_file/$(basename "$file")"
done

echo "fuzzing each target for ${seconds}s, seed $seed"
log="$seeds/fuzz.log"
for target in command when config faq_file; do
    corpus="$cache/corpus/$target"
    mkdir -p "$corpus"
    echo "== $target"
    status=0
    cargo +nightly fuzz run "$target" "$corpus" "$seeds/$target" -- \
        -max_total_time="$seconds" -seed="$seed" -print_final_stats=1 > "$log" 2>&1 || status=$?
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb)' "$log" || true
    if [ "$status" -ne 0 ]; then
        tail -n 60 "$log"
        echo "fuzz target $target failed (seed $seed)" >&2
        exit "$status"
    fi
done
