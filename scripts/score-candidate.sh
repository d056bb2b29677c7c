#!/usr/bin/env bash
# Scores candidate default models on the protocol's six test sets, the rule's
# yardstick for replacing the embedded model (BENCHMARKS.md, "The default
# model: corpus v3 against v4"): each source's SIZE=small test pairs of
# scripts/bench-generalization.sh (200 pairs, seed 5000 + 1000·i + 500,
# 100-1,000 points; never a training pair of make-model's corpus), predicted
# from the raw pairs, so that a model's own feature plan and selection apply.
# NTEST=1000 MAXPTS=8000 OUT=out/score-full gives SIZE=full's test sets.
#
#   MODELS="v3= v6=out/model6/model.txt" scripts/score-candidate.sh
#
# MODELS lists name=path; an empty path means the embedded model. Each model
# may have its own binary: BIN_<name>=path (a plan-2 model needs a plan-2
# build); BIN is the default. Prints one Markdown table, bidirectional AUC /
# accuracy per source, and the mean AUC.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
MODELS=${MODELS:-"embedded="}
OUT=${OUT:-out/score-candidate}
SEED=${SEED:-5000}
NTEST=${NTEST:-200}
MAXPTS=${MAXPTS:-1000}
. scripts/protocol.sh
test_sets "$OUT/gen" "$NTEST" "$MAXPTS" "$SEED"
names=()
for spec in $SOURCES; do names+=("${spec%%:*}"); done

header="| source |" rule="|---|"
declare -A cell sum
for m in $MODELS; do
  mname=${m%%=*} mpath=${m#*=}
  header+=" $mname |" rule+="---|"
  binvar="BIN_$mname" bin=${!binvar:-$BIN}
  modelflag=(); [ -n "$mpath" ] && modelflag=(--model "$mpath")
  sum[$mname]=0
  for name in "${names[@]}"; do
    prefix="$OUT/gen/${name}_test" pred="$OUT/$mname.$name.predictions.csv"
    "$bin" predict -q "${prefix}_pairs.csv" --info "${prefix}_publicinfo.csv" "${modelflag[@]}" -o "$pred"
    r=$(BIN=$bin metrics "$pred" "${prefix}_target.csv")
    cell[$mname.$name]="${r% *} / ${r#* }"
    sum[$mname]=$(python3 -c "print(${sum[$mname]} + ${r% *})")
  done
done

echo "$header"
echo "$rule"
for name in "${names[@]}"; do
  row="| $name |"
  for m in $MODELS; do row+=" ${cell[${m%%=*}.$name]} |"; done
  echo "$row"
done
row="| mean AUC |"
for m in $MODELS; do row+=" $(python3 -c "print('%.4f' % (${sum[${m%%=*}]} / ${#names[@]}))") |"; done
echo "$row"
