#!/usr/bin/env bash
# Checks that LightGBM 4.6 ($LIGHTGBM, its CLI; scripts/build-lightgbm.sh
# builds it) and leaves (what causal predict uses) give a causal model the
# same raw scores on real feature rows: the first ROWS rows of FEATURES
# (and their mirror rows for an antisymmetric model). Prints the largest
# absolute difference and how many scores differ by more than 1e-9.
#
# Usage: LIGHTGBM=/path/to/lightgbm scripts/lightgbm-compat.sh MODEL FEATURES [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
MODEL=$1 FEATURES=$2 ROWS=${3:-1000}
LGB=${LIGHTGBM:?LIGHTGBM must point at the LightGBM CLI}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
go build -o "$DIR/lgbm-compat" ./scripts/lgbm-compat
"$DIR/lgbm-compat" -model "$MODEL" -features "$FEATURES" -rows "$ROWS" -csv "$DIR/rows.csv" -raw "$DIR/leaves.txt"
"$LGB" task=predict data="$DIR/rows.csv" input_model="$MODEL" output_result="$DIR/lgb.txt" predict_raw_score=true \
	header=false label_column=0 precise_float_parser=true num_threads=2 >"$DIR/lgb.log" 2>&1 ||
	{ cat "$DIR/lgb.log" >&2; exit 1; }
paste "$DIR/lgb.txt" "$DIR/leaves.txt" | awk -F'\t' '{
	k = NF / 2
	for (i = 1; i <= k; i++) { d = $i - $(i + k); if (d < 0) d = -d; if (d > m) m = d; if (d > 1e-9) n++ }
} END {printf "LightGBM vs leaves raw scores on %d rows: max |diff| %.3g, %d scores differ by more than 1e-9\n", NR, m, n}'
