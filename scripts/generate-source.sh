#!/usr/bin/env bash
# Generates the pairs of one source of the many-source corpus: N pairs drawn
# in equal parts from its simulators, then joined:
#   scripts/generate-source.sh PREFIX SIMS N SEED IDSTEM [generate flags...]
# SIMS is a comma-separated list of `causal generate --simulator` names; the
# k-th simulator draws its part (the first N mod k parts one pair more) with
# seed SEED + 17k and SampleIDs IDSTEM<simulator>-1, ..., into
# PREFIX_<simulator>_*.csv; PREFIX_{pairs,publicinfo,target}.csv join them.
# Used by make-model.sh and bench-generalization.sh.
set -euo pipefail
BIN=${BIN:-bin/causal}
prefix=$1 sims=$2 n=$3 seed=$4 stem=$5
shift 5
IFS=, read -r -a list <<< "$sims"
k=0 parts=()
for s in "${list[@]}"; do
  m=$(( n / ${#list[@]} ))
  if [ "$k" -lt $(( n % ${#list[@]} )) ]; then m=$((m + 1)); fi
  "$BIN" generate -q --simulator "$s" --n "$m" --seed $((seed + 17 * k)) "$@" --id-prefix "$stem$s-" -o "${prefix}_$s"
  parts+=("${prefix}_$s")
  k=$((k + 1))
done
"$BIN" pairs concat -q --tables pairs,publicinfo,target -o "$prefix" "${parts[@]}"
