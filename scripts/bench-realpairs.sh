#!/usr/bin/env bash
# The real-collection table of BENCHMARKS.md ("Real pairs in the loop: the
# second stage"): every classical method of `causal baseline`, the embedded
# trees alone (predict --no-stack), and the second stage under nested
# leave-one-data-set-out (stack cv), each scored by `causal evaluate
# --weights` (weighted accuracy, weighted AUC, accuracy at decision rates)
# on the certified real-pair collection. Then fits the stage on the whole
# collection (OUT/stack.json) and, with GEN=1, the generated proxy of the
# pre-registered rule: the trees alone and trees + stage on
# the protocol's six test sets (200 pairs each, `causal lab test-sets`).
#
#   PAIRS=... INFO=... TARGET=... WEIGHTS=... GROUPFILE=... scripts/bench-realpairs.sh
#
# GROUPFILE is SampleID,Group (each pair's data set). The inner choice of
# the penalty is grouped INNER-fold (BENCHMARKS.md's amendment; 0: leave one
# data set out inside too, about 16x the CPU).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
REAL=${REAL:-testdata/realpairs}
PAIRS=${PAIRS:-$REAL/realpairs_pairs.csv}
INFO=${INFO:-$REAL/realpairs_publicinfo.csv}
TARGET=${TARGET:-$REAL/realpairs_target.csv}
WEIGHTS=${WEIGHTS:-$REAL/realpairs_weights.csv}
OUT=${OUT:-out/realpairs}
GROUPFILE=${GROUPFILE:-$REAL/realpairs_groups.csv}
CORES=${CORES:-2}
GEN=${GEN:-0}
INNER=${INNER:-10}
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
# metrics PREDICTIONS TARGET -> "AUC ACC"
metrics() {
  "$BIN" evaluate "$1" --target "$2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f %.4f" % (r["bidirectional_auc"], r["accuracy"]))'
}

# wmetrics PREDICTIONS -> "wacc wauc acc10 acc25 acc50 acc bidirAUC"
wmetrics() {
  "$BIN" evaluate "$1" --target "$TARGET" --weights "$WEIGHTS" --json | python3 -c '
import json,sys
r=json.load(sys.stdin); w=r["weighted"]; f=lambda v: "-" if v is None else "%.3f" % v
rates={x["rate"]: x["accuracy"] for x in w["decision_rates"]}
print(" | ".join([f(w["weighted_accuracy"]), f(w["weighted_auc"]), f(rates[0.1]), f(rates[0.25]), f(rates[0.5]), f(r["accuracy"]), f(r["bidirectional_auc"])]))'
}

log "classical methods"
rows=()
for m in $("$BIN" baseline --help | sed -n 's/.*Methods: //p' | tr -d '.' | tr ',' ' '); do
  [ -s "$OUT/baseline.$m.csv" ] || "$BIN" baseline -q "$PAIRS" --info "$INFO" --method "$m" --cores "$CORES" -o "$OUT/baseline.$m.csv"
  rows+=("| $m | $(wmetrics "$OUT/baseline.$m.csv") |")
done

log "embedded trees"
[ -s "$OUT/trees.csv" ] || "$BIN" predict -q "$PAIRS" --info "$INFO" --no-stack --cores "$CORES" -o "$OUT/trees.csv"
log "second stage: features, nested leave-one-data-set-out"
"$BIN" stack features > "$OUT/stack.plan"
[ -s "$OUT/stack.features" ] || "$BIN" featurize -q "$PAIRS" --info "$INFO" --plan "$OUT/stack.plan" --cores "$CORES" -o "$OUT/stack.features"
"$BIN" stack cv "$OUT/stack.features" --trees "$OUT/trees.csv" --target "$TARGET" --weights "$WEIGHTS" --groups "$GROUPFILE" --inner-folds "$INNER" --cores "$CORES" -o "$OUT/stack.lodo.csv"
"$BIN" stack fit "$OUT/stack.features" --trees "$OUT/trees.csv" --target "$TARGET" --weights "$WEIGHTS" --groups "$GROUPFILE" --cores "$CORES" -o "$OUT/stack.json"

echo "| method | weighted acc. | weighted AUC | acc. @10 % | @25 % | @50 % | unweighted acc. | bidir. AUC |"
echo "|---|---|---|---|---|---|---|---|"
echo "| **second stage** (leave one data set out) | $(wmetrics "$OUT/stack.lodo.csv") |"
echo "| embedded trees (never trained on it) | $(wmetrics "$OUT/trees.csv") |"
printf '%s\n' "${rows[@]}"

[ "$GEN" = 1 ] || exit 0
log "generated proxy: the protocol's six test sets"
[ -s "$OUT/gen/semireal_test_target.csv" ] || "$BIN" lab test-sets -q -o "$OUT/gen"
echo
echo "| source | trees alone: bidir. AUC / acc. | trees + stage |"
echo "|---|---|---|"
sumE=0 sumC=0
for spec in $("$BIN" lab sources); do
  name=${spec%%:*} prefix="$OUT/gen/${name}_test"
  [ -s "$OUT/gen.$name.trees.csv" ] || "$BIN" predict -q "${prefix}_pairs.csv" --info "${prefix}_publicinfo.csv" --no-stack --cores "$CORES" -o "$OUT/gen.$name.trees.csv"
  [ -s "$OUT/gen.$name.stack.features" ] || "$BIN" featurize -q "${prefix}_pairs.csv" --info "${prefix}_publicinfo.csv" --plan "$OUT/stack.plan" --cores "$CORES" -o "$OUT/gen.$name.stack.features"
  "$BIN" stack apply "$OUT/gen.$name.stack.features" --trees "$OUT/gen.$name.trees.csv" --stack "$OUT/stack.json" -o "$OUT/gen.$name.stacked.csv"
  e=$(metrics "$OUT/gen.$name.trees.csv" "${prefix}_target.csv") c=$(metrics "$OUT/gen.$name.stacked.csv" "${prefix}_target.csv")
  echo "| $name | ${e/ / \/ } | ${c/ / \/ } |"
  sumE=$(python3 -c "print($sumE + ${e%% *})") sumC=$(python3 -c "print($sumC + ${c%% *})")
done
python3 -c "print('| mean AUC | %.4f | %.4f |' % ($sumE / 6, $sumC / 6))"
