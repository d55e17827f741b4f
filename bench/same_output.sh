#!/usr/bin/env bash
# Byte-for-byte checks of what `rasid extract` writes:
#
#     bash bench/same_output.sh [--before REV [--new-keys KEY,...]] [CORPUS.jsonl ...]
#
# - the compiled build (.venv-compiled, `make compiled`) codes exactly what the pure build (.venv) codes;
# - with --before REV, the sources as they are now code exactly what revision REV coded (REV checked
#   out into a temporary worktree and run with the pure .venv): the check for a change that must
#   not change output, such as a refactoring. With --new-keys, event fields added since REV are taken
#   out of today's output before the comparison (which is then of the re-serialised JSON), so a
#   change that only adds fields shows that nothing else moved.
#
# Inputs: the worked example, the development sets in ../shared/data (when present) and any corpora
# given (e.g. `python bench/corpus.py 3000 > /tmp/c.jsonl` for 3,000 whole articles). Every run is
# from outside the repository with `python -P`, so each imports its own install; each build prints
# its name, and any difference makes the script fail.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
before=""
new_keys=""
if [ "${1:-}" = "--before" ]; then
    before=${2:?--before needs a revision}
    shift 2
fi
if [ "${1:-}" = "--new-keys" ]; then
    new_keys=${2:?--new-keys needs KEY,...}
    shift 2
fi
TMP=$(mktemp -d)
cleanup() {
    [ -n "$before" ] && git -C "$ROOT" worktree remove --force "$TMP/before" 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT
corpora=()
for name in gsr-ar-dev articles-dev sentences-dev incidents-dev; do
    [ -f "$ROOT/../shared/data/$name.jsonl" ] && corpora+=("$ROOT/../shared/data/$name.jsonl")
done
corpora+=("$@")
if [ -n "$before" ]; then
    git -C "$ROOT" worktree add --quiet --detach "$TMP/before" "$before"
fi
cd "$TMP"
status=0

run() {  # build (pure | compiled | before), output, rasid extract arguments...
    local build=$1 out=$2; shift 2
    case $build in
        pure) "$ROOT/.venv/bin/python" -P -m rasid.cli extract "$@" -q -o "$out" ;;
        compiled) "$ROOT/.venv-compiled/bin/python" -P -m rasid.cli extract "$@" -q -o "$out" ;;
        before) PYTHONPATH="$TMP/before" "$ROOT/.venv/bin/python" -P -m rasid.cli extract "$@" -q -o "$out" ;;
    esac
}
builds=(pure compiled)
[ -n "$before" ] && builds+=(before)
echo "pure: rasid $("$ROOT/.venv/bin/python" -P -m rasid.cli --version)"
echo "compiled: rasid $("$ROOT/.venv-compiled/bin/python" -P -m rasid.cli --version)"
[ -n "$before" ] && echo "before: $(git -C "$ROOT" rev-parse --short "$before"), run from its sources with the pure .venv"

without_new_keys() {  # file: rewritten without the --new-keys fields of its events (and re-serialised alike)
    "$ROOT/.venv/bin/python" -P - "$1" "$new_keys" <<'PY'
import json, sys
path, keys = sys.argv[1], [k for k in sys.argv[2].split(",") if k]
out = []
for line in open(path, encoding="utf-8"):
    result = json.loads(line)
    for event in result.get("events", []):
        for key in keys:
            event.pop(key, None)
    out.append(json.dumps(result, ensure_ascii=False, separators=(",", ":")))
open(path, "w", encoding="utf-8").write("".join(line + "\n" for line in out))
PY
}

check() {  # name, rasid extract arguments...
    local name=$1; shift
    local build
    for build in "${builds[@]}"; do run "$build" "$TMP/$build.jsonl" "$@"; done
    for build in "${builds[@]:1}"; do
        if [ "$build" = before ] && [ -n "$new_keys" ]; then
            cp "$TMP/pure.jsonl" "$TMP/pure-old-keys.jsonl"
            without_new_keys "$TMP/pure-old-keys.jsonl"
            without_new_keys "$TMP/before.jsonl"
            if cmp -s "$TMP/pure-old-keys.jsonl" "$TMP/before.jsonl"; then
                echo "same: $name, pure without $new_keys = before ($(wc -l < "$TMP/pure.jsonl") results)"
            else
                echo "DIFFERENT: $name, pure without $new_keys != before"
                status=1
            fi
            continue
        fi
        if cmp -s "$TMP/pure.jsonl" "$TMP/$build.jsonl"; then
            echo "same: $name, pure = $build ($(wc -l < "$TMP/pure.jsonl") results)"
        else
            echo "DIFFERENT: $name, pure != $build: $(cmp "$TMP/pure.jsonl" "$TMP/$build.jsonl" 2>&1 || true)"
            status=1
        fi
    done
}
check "worked example" "$ROOT/examples/hasakah-prison.txt" --published 2022-01-24
for corpus in "${corpora[@]}"; do check "$(basename "$corpus")" "$corpus"; done
exit $status
