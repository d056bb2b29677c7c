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
SOURCES=${SOURCES:-"challenge:challenge sim:sim,sim-c,sim-ln,sim-g cdt:cdt rcc:rcc,ncc anlsmn:anlsmn semireal:semireal"}
SEED=${SEED:-5000}
NTEST=${NTEST:-200}
MAXPTS=${MAXPTS:-1000}
GENFLAGS="--min-points 100 --max-points $MAXPTS --class-weights 1,1,1,1 --type-mix NN=60,NC=5,NB=5,CN=5,CC=5,CB=5,BN=5,BC=5,BB=5 --coarse-fraction 0.2"
mkdir -p "$OUT/gen"

i=0 names=()
for spec in $SOURCES; do
  name=${spec%%:*} prefix="$OUT/gen/${name}_test"
  if [ ! -s "${prefix}_target.csv" ]; then
    # shellcheck disable=SC2086
    BIN=$BIN scripts/generate-source.sh "$prefix" "${spec#*:}" "$NTEST" $((SEED + 1000 * i + 500)) "$name-test-" $GENFLAGS
  fi
  names+=("$name")
  i=$((i + 1))
done

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
    r=$("$bin" evaluate "$pred" --target "${prefix}_target.csv" --json |
      python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f %.4f" % (r["bidirectional_auc"], r["accuracy"]))')
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
