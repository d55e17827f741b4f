#!/usr/bin/env bash
# Write `rasid extract --format jsonl` of the development sets into DIR (default /tmp/rasid-dev-out),
# and, given a second folder of earlier outputs, compare the two byte for byte:
#     bash bench/same_dev.sh /tmp/after [/tmp/before]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/rasid-dev-out}
mkdir -p "$out"
for name in gsr-ar-dev sentences-dev articles-dev incidents-dev; do
    "$ROOT/.venv/bin/rasid" extract "$ROOT/../shared/data/$name.jsonl" --format jsonl -o "$out/$name.jsonl" --quiet
done
if [ -n "${2:-}" ]; then
    for name in gsr-ar-dev sentences-dev articles-dev incidents-dev; do
        cmp "$2/$name.jsonl" "$out/$name.jsonl" && echo "$name: identical"
    done
fi
