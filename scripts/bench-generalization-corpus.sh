#!/usr/bin/env bash
# The leave-one-source-out protocol at a larger size than bench-generalization's
# SIZE=small, from features that already exist: for each source S, train on
# N pairs of each other source of make-model's corpus, test on the protocol's
# test pairs of S (BENCHMARKS.md, "Generalization: leave one source out").
#
#   CORPUS=out/model6 N=2000 TESTFEATS=out/bench-in-distribution \
#     scripts/bench-generalization-corpus.sh
#
# CORPUS is make-model.sh's OUT; a source's N pairs are chosen as in
# bench-in-distribution.sh (scripts/first-per-simulator.py). TESTFEATS holds
# <source>.test.features, the featurized test pairs that bench-in-distribution.sh
# writes (run it first; the test targets are read from TESTS). Full plan,
# the protocol's training flags. Prints the held-out AUC and accuracy per
# source, the mean and the worst; then, with the model trained on every
# source beside them, the source ablation: each model (all sources, or all
# but one) on every source's test pairs. Trained models are kept and
# reused (delete OUT to start again).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
CORPUS=${CORPUS:-out/model}
N=${N:-2000}
TESTFEATS=${TESTFEATS:-out/bench-in-distribution}
TESTS=${TESTS:-out/score-candidate/gen}
OUT=${OUT:-out/bench-generalization-corpus}
. scripts/protocol.sh
mkdir -p "$OUT"

names=()
for spec in $SOURCES; do
  name=${spec%%:*}
  names+=("$name")
  [ -s "$TESTFEATS/$name.test.features" ] || { echo "$TESTFEATS/$name.test.features is missing: run scripts/bench-in-distribution.sh first" >&2; exit 2; }
  [ -s "$OUT/$name.train.features" ] || select_first "$CORPUS" "$name" "${spec#*:}" "$N" "$OUT"
done

# fit MODEL FEATURES...: train MODEL.txt on the named sources' selected
# pairs (kept when it exists).
fit() {
  local model=$1 f targets=(); shift
  [ -s "$model.txt" ] && return
  for f in "$@"; do targets+=("${f%.train.features}_train"); done
  "$BIN" features concat -q -o "$model.features" "$@"
  "$BIN" pairs concat -q --tables target -o "$model" "${targets[@]}"
  # shellcheck disable=SC2086
  "$BIN" train -q "$model.features" --target "${model}_target.csv" $PARAMS -o "$model.txt"
  rm -f "$model.features"
}

# The models: all sources, and all but each one.
all=()
for o in "${names[@]}"; do all+=("$OUT/$o.train.features"); done
models=(all)
for s in "${names[@]}"; do
  feats=()
  for o in "${names[@]}"; do [ "$o" = "$s" ] || feats+=("$OUT/$o.train.features"); done
  log "hold out $s: train on ${#feats[@]} sources × $N pairs"
  fit "$OUT/without-$s" "${feats[@]}"
  models+=("without-$s")
done
log "train on all ${#names[@]} sources × $N pairs"
fit "$OUT/all" "${all[@]}"

# Every model on every source's test pairs, once: r[model.source] = "AUC ACC".
declare -A r
for m in "${models[@]}"; do
  for t in "${names[@]}"; do
    "$BIN" predict -q "$TESTFEATS/$t.test.features" --model "$OUT/$m.txt" -o "$OUT/$m.$t.predictions.csv"
    r[$m.$t]=$(metrics "$OUT/$m.$t.predictions.csv" "$TESTS/${t}_test_target.csv")
  done
done

echo "| held-out source | bidir. AUC | accuracy |"
echo "|---|---|---|"
for s in "${names[@]}"; do a=${r[without-$s.$s]}; echo "| $s | ${a% *} | ${a#* } |"; done
for s in "${names[@]}"; do a=${r[without-$s.$s]}; echo "$s ${a% *}"; done | python3 -c '
import sys
rows = [l.split() for l in sys.stdin if l.strip()]
w = min(rows, key=lambda r: float(r[1]))
print("| mean | %.4f | |" % (sum(float(a) for _, a in rows) / len(rows)))
print("| worst | %s (%s) | |" % (w[1], w[0]))'

echo
echo "Source ablation (bidirectional AUC on each source's test pairs; the held-out cell in bold; the mean is over the sources each model saw):"
echo
row="| trained on |"; rule="|---|"
for t in "${names[@]}"; do row+=" $t |"; rule+="---|"; done
echo "$row mean of the others |"; echo "$rule---|"
for m in "${models[@]}"; do
  if [ "$m" = all ]; then row="| all sources |"; else row="| all but ${m#without-} |"; fi
  seen=()
  for t in "${names[@]}"; do
    a=${r[$m.$t]%% *}
    if [ "$m" = "without-$t" ]; then row+=" **$a** |"; else row+=" $a |"; seen+=("$a"); fi
  done
  echo "$row $(python3 -c 'import sys; v = [float(a) for a in sys.argv[1:]]; print("%.4f" % (sum(v) / len(v)))' "${seen[@]}") |"
done
