#!/usr/bin/env bash
# Classical direction methods (make bench-classical): each published method
# (and each existing simplified score) used directly as a baseline, no
# model, scored by causal evaluate on
#   (a) the 99 Tübingen pairs (a test set: this only measures, nothing is
#       tuned on it), every method;
#   (b) pairs of our SIM simulators (generate --simulator sim, sim-c, sim-ln,
#       sim-g; $NSIM each, 1,000 points, seed 303 as bench-quality), the
#       published methods only: a check of the implementations against the
#       papers' SIM figures, independent of Tübingen. SIM=0 skips it.
# Prints Markdown tables (also written to $OUT/classical.md) with the
# bidirectional AUC, the sign accuracy and the wall time of each method.
# METHODS="a b" restricts (a) to some methods, SIMMETHODS (b).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
OUT=${OUT:-out/bench-classical}
TUEB=${TUEB:-../shared/data/tuebingen}
CORES=${CORES:-1}
SIM=${SIM:-1}
NSIM=${NSIM:-100}
ALL=$("$BIN" baseline --help | sed -n 's/.*Methods: \(.*\)\./\1/p' | tr -d ',')
METHODS=${METHODS:-$ALL}
SIMMETHODS=${SIMMETHODS:-igci_slope_paper_uniform igci_slope_paper_gauss igci_entropy_uniform igci_entropy_gauss reci_paper anm_gp loci slope sloppy bqcd cds}
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

score() { # method pairs info target -> "AUC ACC UNDEFINED SECONDS"
  local m=$1 tag
  tag=$(basename "$2" .csv)
  start=$(date +%s.%N)
  "$BIN" baseline --cores "$CORES" "$2" --info "$3" --method "$m" -o "$OUT/$m.$tag.csv" 2> "$OUT/$m.$tag.err"
  secs=$(echo "$(date +%s.%N) - $start" | bc)
  undef=$(sed -n 's/.* undefined on \([0-9]*\) pairs.*/\1/p' "$OUT/$m.$tag.err")
  "$BIN" evaluate "$OUT/$m.$tag.csv" --target "$4" --json |
    python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.3f %.3f %s %.1f" % (r["bidirectional_auc"], r["accuracy"], sys.argv[1] or "0", float(sys.argv[2])))' "$undef" "$secs"
}

{
  echo "Tübingen (99 pairs, unweighted):"
  echo
  echo "| method | bidir. AUC | accuracy | undefined | wall time (s, $CORES core) |"
  echo "|---|---|---|---|---|"
  for m in $METHODS; do
    log "Tübingen: $m"
    read -r auc acc undef secs <<< "$(score "$m" "$TUEB/pairs.csv" "$TUEB/publicinfo.csv" "$TUEB/target.csv")"
    echo "| $m | $auc | $acc | $undef | $secs |"
  done
  if [ "$SIM" = 1 ]; then
    if [ ! -s "$OUT/sims_sim-g_pairs.csv" ]; then
      log "generate: $NSIM pairs of each SIM simulator (seed 303, 1,000 points)"
      BIN=$BIN scripts/generate-sims.sh "$OUT/sims" "$NSIM" 303 0 "" --min-points 1000 --max-points 1000
    fi
    echo
    echo "SIM simulators ($NSIM pairs each; accuracy, bidirectional AUC in brackets):"
    echo
    echo "| method | sim | sim-c | sim-ln | sim-g |"
    echo "|---|---|---|---|---|"
    for m in $SIMMETHODS; do
      line="| $m"
      for s in sim sim-c sim-ln sim-g; do
        log "$s: $m"
        read -r auc acc _ _ <<< "$(score "$m" "$OUT/sims_${s}_pairs.csv" "$OUT/sims_${s}_publicinfo.csv" "$OUT/sims_${s}_target.csv")"
        line="$line | $acc ($auc)"
      done
      echo "$line |"
    done
  fi
} | tee "$OUT/classical.md"
