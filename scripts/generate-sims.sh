#!/usr/bin/env bash
# Generates pairs of each SIM simulator (causal generate --simulator sim,
# sim-c, sim-ln, sim-g) and concatenates them:
#   scripts/generate-sims.sh PREFIX N SEED SEEDSTEP IDSTEM [generate flags...]
# writes PREFIX_<sim>_{pairs,publicinfo,target}.csv for each simulator (N
# pairs, seed SEED + k*SEEDSTEP for the k-th, SampleIDs IDSTEM<sim>-1, ...)
# and their concatenation PREFIX_{pairs,publicinfo,target}.csv. Used by
# make-model.sh and bench-quality.sh.
set -euo pipefail
BIN=${BIN:-bin/causal}
SIMS=${SIMS:-sim sim-c sim-ln sim-g}
prefix=$1 n=$2 seed=$3 step=$4 stem=$5
shift 5
for s in $SIMS; do
  "$BIN" generate -q --simulator "$s" --n "$n" --seed "$seed" "$@" --id-prefix "$stem$s-" -o "${prefix}_$s"
  seed=$((seed + step))
done
parts=()
for s in $SIMS; do parts+=("${prefix}_$s"); done
"$BIN" pairs concat -q --tables pairs,publicinfo,target -o "$prefix" "${parts[@]}"
