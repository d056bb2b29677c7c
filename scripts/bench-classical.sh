#!/usr/bin/env bash
# Classical direction methods on Tübingen (make bench-classical): each
# published method (and each existing simplified score) used directly as a
# baseline, no model, scored by causal evaluate. Tübingen is a test set:
# this only measures, nothing here is tuned on it. Prints a Markdown table
# (also written to $OUT/classical.md) with the bidirectional AUC, the sign
# accuracy and the wall time of each method on the 99 pairs.
# METHODS="a b" restricts the run to some methods.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
OUT=${OUT:-out/bench-classical}
TUEB=${TUEB:-../shared/data/tuebingen}
CORES=${CORES:-1}
METHODS=${METHODS:-$("$BIN" baseline --help | sed -n 's/.*Methods: \(.*\)\./\1/p' | tr -d ',')}
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
{
  echo "| method | Tübingen bidir. AUC | accuracy | undefined | wall time (s, $CORES core) |"
  echo "|---|---|---|---|---|"
  for m in $METHODS; do
    log "baseline $m"
    start=$(date +%s.%N)
    "$BIN" baseline --cores "$CORES" "$TUEB/pairs.csv" --info "$TUEB/publicinfo.csv" --method "$m" -o "$OUT/$m.csv" 2> "$OUT/$m.err"
    secs=$(echo "$(date +%s.%N) - $start" | bc)
    undef=$(sed -n 's/.* undefined on \([0-9]*\) pairs.*/\1/p' "$OUT/$m.err")
    "$BIN" evaluate "$OUT/$m.csv" --target "$TUEB/target.csv" --json |
      python3 -c 'import json,sys; r=json.load(sys.stdin); print("| %s | %.3f | %.3f | %s | %.1f |" % (sys.argv[1], r["bidirectional_auc"], r["accuracy"], sys.argv[2] or "0", float(sys.argv[3])))' "$m" "$undef" "$secs"
  done
} | tee "$OUT/classical.md"
