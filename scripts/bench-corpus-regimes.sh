#!/usr/bin/env bash
# Which regimes the generator's cause families and simulators put the
# classical methods in (BENCHMARKS.md, "What the training corpus changed"):
# for a few --causes and --simulator settings, 400 Numerical-Numerical pairs
# of the two causal classes (seed 78), scored by classical single-score
# methods that published work finds informative on real pairs. Generated data only; about a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
OUT=${OUT:-out/bench-corpus-regimes}
N=${N:-400}
METHODS=${METHODS:-igci_slope_uniform reci cds anm_hsic}
mkdir -p "$OUT"
score() { "$BIN" evaluate "$1" --target "$2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.3f / %.3f" % (r["bidirectional_auc"], r["accuracy"]))'; }
printf '| generate flags |'; for m in $METHODS; do printf ' %s AUC / acc. |' "$m"; done; echo
printf '|---|'; for _ in $METHODS; do printf -- '---|'; done; echo
for flags in "--causes all" "--causes gmm=3,uniform=3,all" "--causes gmm,uniform" \
             "--simulator sim" "--simulator sim-c" "--simulator sim-ln" "--simulator sim-g"; do
  name=$(echo "$flags" | sed 's/^--//' | tr ',= ' '___')
  # shellcheck disable=SC2086
  "$BIN" generate -q --n "$N" --seed 78 --type-mix NN=1 --class-weights 1,1,0,0 $flags -o "$OUT/$name"
  printf '| %s |' "$flags"
  for m in $METHODS; do
    "$BIN" baseline -q "$OUT/${name}_pairs.csv" --method "$m" -o "$OUT/$name.$m.csv"
    printf ' %s |' "$(score "$OUT/$name.$m.csv" "$OUT/${name}_target.csv")"
  done
  echo
done
