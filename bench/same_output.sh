#!/usr/bin/env bash
# Byte-for-byte check that the compiled build (.venv-compiled, `make compiled`) codes exactly what the
# pure build (.venv) codes, on the development set, the worked example and any corpora given:
#
#     bash bench/same_output.sh [CORPUS.jsonl ...]
#
# Both run from outside the repository with `python -P`, so each imports its own install; each
# prints its build, and a corpus whose outputs differ makes the script fail.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
corpora=("$@")
[ -f "$ROOT/../shared/data/gsr-ar-dev.jsonl" ] && corpora=("$ROOT/../shared/data/gsr-ar-dev.jsonl" "${corpora[@]}")
cd "$TMP"
status=0
for build in .venv .venv-compiled; do
    echo "$build: rasid $("$ROOT/$build/bin/python" -P -m rasid.cli --version)"
done
run() {  # build, output, rasid extract arguments...
    local build=$1 out=$2; shift 2
    "$ROOT/$build/bin/python" -P -m rasid.cli extract "$@" -q -o "$out"
}
check() {  # name, rasid extract arguments...
    local name=$1; shift
    run .venv "$TMP/pure.jsonl" "$@"
    run .venv-compiled "$TMP/compiled.jsonl" "$@"
    if cmp -s "$TMP/pure.jsonl" "$TMP/compiled.jsonl"; then
        echo "same: $name ($(wc -l < "$TMP/pure.jsonl") results)"
    else
        echo "DIFFERENT: $name: $(cmp "$TMP/pure.jsonl" "$TMP/compiled.jsonl" 2>&1 || true)"
        status=1
    fi
}
check "worked example" "$ROOT/examples/hasakah-prison.txt" --published 2022-01-24
for corpus in "${corpora[@]}"; do check "$corpus" "$corpus"; done
exit $status
