#!/usr/bin/env bash
# Benchmarks the native GBDT learner against XGBoost `hist` on a generated
# matrix (default 8,000 training rows + 2,000 validation rows x 20,000
# float32 features, 40 informative, 2% NaN, binary target) with the same
# hyper-parameters: 500 rounds, 63 leaves (XGBoost: lossguide, max_leaves),
# learning rate 0.05, feature_fraction = colsample_bytree 0.1, 255 bins,
# 2 threads. Other parameters are each library's defaults.
#
# Prints, for both: wall seconds (matrix binning/DMatrix + training, file
# reading excluded), validation AUC and peak RSS (/usr/bin/time -v), and
# the time ratio ours/XGBoost.
#
# XGBoost needs minutes per round at this width (it builds histograms of
# all 20,000 features, ~80 MB per node), so it runs XGB_ROUNDS (default 10)
# rounds and its time is extrapolated linearly (build + train *
# ROUNDS/XGB_ROUNDS); AUCs are then also compared at XGB_ROUNDS rounds.
#
# Needs: apt-get install -y python3-xgboost python3-numpy (uses /usr/bin/python3).
# Environment: ROWS VALID COLS ROUNDS XGB_ROUNDS LEAVES LR FF MAXBIN THREADS BENCH_DIR.
#
# LightGBM side by side: with LIGHTGBM pointing at LightGBM's CLI (built by
# scripts/build-lightgbm.sh), it also trains LightGBM on the same matrix
# with the same parameters (ROUNDS rounds; min_data_in_leaf 20, lambda_l2
# 0 and the rest its defaults, as ours) and prints our wall time and peak
# RSS as ratios to its, both validation AUCs, and the largest difference
# between LightGBM's and leaves' raw scores of *our* model on the
# validation rows. LightGBM reads the text matrix (precise_float_parser)
# once into its binary dataset (task=save_binary, not timed); its timed run
# loads that and trains, as ours bins and trains (file reading excluded).
# NO_XGB=1 skips XGBoost.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-8000} VALID=${VALID:-2000} COLS=${COLS:-20000}
ROUNDS=${ROUNDS:-500} LEAVES=${LEAVES:-63} LR=${LR:-0.05} FF=${FF:-0.1}
XGB_ROUNDS=${XGB_ROUNDS:-10}
MAXBIN=${MAXBIN:-255} THREADS=${THREADS:-2}
DIR=${BENCH_DIR:-/tmp/causal-bench-train}/${ROWS}x${COLS}
PY=/usr/bin/python3

mkdir -p "$DIR"
if [[ ! -f $DIR/meta.txt ]]; then
	echo "generating ${ROWS}+${VALID} x ${COLS} matrix in $DIR" >&2
	$PY scripts/bench-train.py gen "$DIR" "$ROWS" "$VALID" "$COLS" 1
fi
go build -o "$DIR/bench-train" ./scripts/bench-train

# peak RSS in MB and CPU seconds from /usr/bin/time -v output
rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
cpu() { awk '/User time|System time/ {s += $4} END {printf "%.1f", s}' "$1"; }
field() { grep -o "\"$2\": *[0-9.eE+-]*" "$1" | sed -E 's/.*: *//'; }

echo "ours: $ROUNDS rounds" >&2
/usr/bin/time -v "$DIR/bench-train" -dir "$DIR" -rounds "$ROUNDS" -leaves "$LEAVES" -lr "$LR" \
	-ff "$FF" -maxbin "$MAXBIN" -cores "$THREADS" -auc-at "$XGB_ROUNDS" -model-out "$DIR/ours.model.txt" \
	>"$DIR/ours.json" 2>"$DIR/ours.time"
if [[ -n ${LIGHTGBM:-} ]]; then
	bash scripts/bench-train-lightgbm.sh "$DIR" "$ROUNDS" "$LEAVES" "$LR" "$FF" "$MAXBIN" "$THREADS"
fi
[[ -n ${NO_XGB:-} ]] && exit 0
echo "xgboost: $XGB_ROUNDS rounds" >&2
/usr/bin/time -v $PY scripts/bench-train.py xgb "$DIR" "$XGB_ROUNDS" "$LEAVES" "$LR" "$FF" "$MAXBIN" "$THREADS" \
	>"$DIR/xgb.json" 2>"$DIR/xgb.time"

ot=$(field "$DIR/ours.json" seconds) oa=$(field "$DIR/ours.json" auc)
xt=$(field "$DIR/xgb.json" seconds) xb=$(field "$DIR/xgb.json" build_seconds) xa=$(field "$DIR/xgb.json" auc)
xfull=$(awk -v t="$xt" -v b="$xb" -v r="$ROUNDS" -v x="$XGB_ROUNDS" 'BEGIN {printf "%.1f", b + (t-b)*r/x}')
printf '%-8s %7s %12s %10s %8s %11s\n' system rounds wall_seconds cpu_seconds auc peak_RSS_MB
printf '%-8s %7s %12.1f %10s %8.4f %11s\n' ours "$ROUNDS" "$ot" "$(cpu "$DIR/ours.time")" "$oa" "$(rss "$DIR/ours.time")"
printf '%-8s %7s %12.1f %10s %8.4f %11s\n' xgboost "$XGB_ROUNDS" "$xt" "$(cpu "$DIR/xgb.time")" "$xa" "$(rss "$DIR/xgb.time")"
if [[ $XGB_ROUNDS != "$ROUNDS" ]]; then
	echo "xgboost time extrapolated to $ROUNDS rounds: ${xfull}s"
	echo "validation AUC after $XGB_ROUNDS rounds: ours $(field "$DIR/ours.json" auc_at), xgboost $xa"
fi
awk -v a="$ot" -v b="$xfull" 'BEGIN {printf "time ratio ours/xgboost: %.4f\n", a/b}'
