#!/usr/bin/env bash
# Helper of scripts/bench-train.sh: trains LightGBM ($LIGHTGBM, its CLI) on
# the benchmark matrix in DIR with the parameters ours used, and compares
# it with ours (DIR/ours.json, DIR/ours.time, DIR/ours.model.txt and its
# leaves scores DIR/ours.model.txt.leaves, written by bench-train).
#
# Usage: bench-train-lightgbm.sh DIR ROUNDS LEAVES LR FF MAXBIN THREADS
#
# Times are quoted as CPU seconds (user+sys, /usr/bin/time) as well as
# wall: on a shared machine the CPU ratio is the steadier one. Our CPU
# time includes binning the matrix; LightGBM's includes loading its
# binary dataset. Both use seed 1, and the same features per tree
# (internal/gbdt's sampler draws LightGBM's).
set -euo pipefail
DIR=$1 ROUNDS=$2 LEAVES=$3 LR=$4 FF=$5 MAXBIN=$6 THREADS=$7
LGB=${LIGHTGBM:?LIGHTGBM must point at the LightGBM CLI}
[[ -x $LGB ]] || { echo "bench-train: LIGHTGBM=$LGB is not executable (build it with scripts/build-lightgbm.sh)" >&2; exit 1; }

rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
wall() { awk '/Elapsed \(wall clock\)/ {n = split($NF, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s*60 + t[i]; printf "%.1f", s}' "$1"; }
field() { grep -o "\"$2\": *[0-9.eE+-]*" "$1" | sed -E 's/.*: *//'; }
cpu() { awk '/User time|System time/ {s += $4} END {printf "%.1f", s}' "$1"; }

[[ -f $DIR/train.csv && -f $DIR/valid.csv ]] || "$DIR/bench-train" -dir "$DIR" -csv
io="header=false label_column=0 precise_float_parser=true num_threads=$THREADS"
if [[ ! -f $DIR/train.csv.bin ]]; then
	echo "lightgbm: binning the text matrix into its binary dataset (not timed)" >&2
	"$LGB" task=save_binary data="$DIR/train.csv" max_bin="$MAXBIN" $io >"$DIR/lgb.save.log" 2>&1
	[[ -f $DIR/train.csv.bin ]] || mv "$DIR/train.bin" "$DIR/train.csv.bin"
fi
echo "lightgbm: $ROUNDS rounds" >&2
/usr/bin/time -v "$LGB" task=train data="$DIR/train.csv.bin" objective=binary num_iterations="$ROUNDS" \
	num_leaves="$LEAVES" learning_rate="$LR" feature_fraction="$FF" max_bin="$MAXBIN" min_data_in_leaf=20 \
	lambda_l2=0 seed=1 output_model="$DIR/lgb.model.txt" $io >"$DIR/lgb.train.log" 2>"$DIR/lgb.time"
"$LGB" task=predict data="$DIR/valid.csv" input_model="$DIR/lgb.model.txt" output_result="$DIR/lgb.valid.pred" \
	predict_raw_score=true $io >"$DIR/lgb.predict.log" 2>&1
# LightGBM's scores of our model, against leaves' scores of it
"$LGB" task=predict data="$DIR/valid.csv" input_model="$DIR/ours.model.txt" output_result="$DIR/ours.valid.lgb" \
	predict_raw_score=true $io >"$DIR/lgb.predict-ours.log" 2>&1

ot=$(field "$DIR/ours.json" seconds) oa=$(field "$DIR/ours.json" auc)
lt=$(wall "$DIR/lgb.time") la=$("$DIR/bench-train" -dir "$DIR" -auc-of "$DIR/lgb.valid.pred")
orss=$(rss "$DIR/ours.time") lrss=$(rss "$DIR/lgb.time")
diff=$(paste "$DIR/ours.valid.lgb" "$DIR/ours.model.txt.leaves" |
	awk '{d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; if (d > 1e-9) n++} END {printf "%.3g (%d of %d rows above 1e-9)", m, n, NR}')
ocpu=$(cpu "$DIR/ours.time") lcpu=$(cpu "$DIR/lgb.time")
printf '%-8s %7s %12s %11s %8s %11s\n' system rounds wall_seconds cpu_seconds auc peak_RSS_MB
printf '%-8s %7s %12.1f %11s %8.4f %11s\n' ours "$ROUNDS" "$ot" "$ocpu" "$oa" "$orss"
printf '%-8s %7s %12.1f %11s %8.4f %11s\n' lightgbm "$ROUNDS" "$lt" "$lcpu" "$la" "$lrss"
awk -v a="$ot" -v b="$lt" -v c="$orss" -v d="$lrss" -v e="$ocpu" -v f="$lcpu" \
	'BEGIN {printf "ours/lightgbm: CPU time %.2fx, wall time %.2fx, peak memory %.2fx\n", e/f, a/b, c/d}'
printf "validation AUC: ours %.4f, lightgbm %.4f (difference %+.4f)\n" "$oa" "$la" "$(awk -v a="$oa" -v b="$la" 'BEGIN {print a-b}')"
echo "our model, LightGBM vs leaves raw scores on the validation rows: max |diff| $diff"
