#!/usr/bin/env bash
# Measures `causal train`'s peak RSS against the size of its feature file
# (issue 12's target: at most 0.4x). Extra arguments go to causal train.
#
# Usage: scripts/bench-train-memory.sh FEATURES TARGET [train flags...]
# Environment: CAUSAL (default bin/causal), OUT (model path, default a temp file).
set -euo pipefail
FEATURES=$1 TARGET=$2
shift 2
CAUSAL=${CAUSAL:-bin/causal}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
OUT=${OUT:-$TMP/model.txt}
/usr/bin/time -v "$CAUSAL" train -q "$FEATURES" --target "$TARGET" -o "$OUT" "$@" 2>"$TMP/time" ||
	{ cat "$TMP/time" >&2; exit 1; }
size=$(stat -c %s "$FEATURES")
awk -v size="$size" '
	/Maximum resident set size/ {rss = $6 * 1024}
	/Elapsed \(wall clock\)/ {wall = $NF}
	/User time|System time/ {cpu += $4}
	END {printf "feature file %.0f MB, peak RSS %.0f MB (%.2fx the file), wall %s, CPU %.1f s\n", size/1e6, rss/1e6, rss/size, wall, cpu}
' "$TMP/time"
