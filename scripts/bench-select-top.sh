#!/usr/bin/env bash
# Feature selection trade-off (BENCHMARKS.md): for each K, train on the
# default model's corpus with `--select-top K` (K=all: no selection), then
# report the model's feature count, training time, quality on the
# bench-quality test sets and the time to predict the 1,000 generated test
# pairs from raw pairs. Needs `make model` and `make bench-quality` outputs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
MODELDIR=${MODELDIR:-out/model}
BQ=${BQ:-out/bench-quality}
TUEB=${TUEB:-../shared/data/tuebingen}
KS=${KS:-300 1000 2000 all}
P=$(cat "$MODELDIR/params.txt")
score() { "$BIN" evaluate "$1" --target "$2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f / %.4f" % (r["bidirectional_auc"], r["accuracy"]))'; }
echo "| K | features | train s | generated AUC / acc. | Tübingen AUC / acc. | predict raw pairs s |"
for K in $KS; do
  sel=""; [ "$K" = all ] || sel="--select-top $K"
  m="$MODELDIR/top$K.txt"
  s=$(date +%s)
  # shellcheck disable=SC2086
  "$BIN" train -q "$MODELDIR/corpus_train.features" --target "$MODELDIR/corpus_train_target.csv" $P --valid-fraction 0.1 $sel -o "$m"
  t=$(( $(date +%s) - s ))
  nf=$(( $(grep -m1 max_feature_idx "$m" | cut -d= -f2) + 1 ))
  "$BIN" predict -q "$BQ/test.features" --model "$m" -o "$BQ/top$K.test.csv"
  "$BIN" predict -q "$BQ/tueb.features" --model "$m" -o "$BQ/top$K.tueb.csv"
  ps=$(date +%s.%N)
  "$BIN" predict -q "$BQ/test_pairs.csv" --info "$BQ/test_publicinfo.csv" --model "$m" -o "$BQ/top$K.raw.csv"
  pt=$(awk -v a="$ps" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  echo "| $K | $nf | $t | $(score "$BQ/top$K.test.csv" "$BQ/test_target.csv") | $(score "$BQ/top$K.tueb.csv" "$TUEB/target.csv") | $pt |"
done
