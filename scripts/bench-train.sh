#!/usr/bin/env bash
# Benchmarks the native GBDT learner against XGBoost `hist` on a generated
# matrix (default 8,000 training rows + 2,000 validation rows x 20,000
# float32 features, 40 informative, 2% NaN): same hyper-parameters (500
# rounds, 63 leaves, learning rate 0.05, feature_fraction 0.1, 255 bins,
# 2 threads). Prints time (matrix binning + training), validation AUC and
# peak RSS of both, and the time ratio ours/XGBoost.
#
# Needs: apt-get install -y python3-xgboost python3-numpy (uses /usr/bin/python3).
# Environment: ROWS VALID COLS ROUNDS LEAVES LR FF MAXBIN THREADS BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${ROWS:-8000} VALID=${VALID:-2000} COLS=${COLS:-20000}
ROUNDS=${ROUNDS:-500} LEAVES=${LEAVES:-63} LR=${LR:-0.05} FF=${FF:-0.1}
MAXBIN=${MAXBIN:-255} THREADS=${THREADS:-2}
DIR=${BENCH_DIR:-/tmp/causal-bench-train}/${ROWS}x${COLS}
PY=/usr/bin/python3

mkdir -p "$DIR"
if [[ ! -f $DIR/meta.txt ]]; then
	echo "generating ${ROWS}+${VALID} x ${COLS} matrix in $DIR" >&2
	$PY scripts/bench-train.py gen "$DIR" "$ROWS" "$VALID" "$COLS" 1
fi
go build -o "$DIR/bench-train" ./scripts/bench-train

# peak RSS in MB from /usr/bin/time -v output
rss() { awk '/Maximum resident set size/ {printf "%.0f", $6/1024}' "$1"; }
field() { sed -E "s/.*\"$2\": ?([0-9.eE+-]+).*/\1/" "$1"; }

/usr/bin/time -v "$DIR/bench-train" -dir "$DIR" -rounds "$ROUNDS" -leaves "$LEAVES" -lr "$LR" \
	-ff "$FF" -maxbin "$MAXBIN" -cores "$THREADS" >"$DIR/ours.json" 2>"$DIR/ours.time"
/usr/bin/time -v $PY scripts/bench-train.py xgb "$DIR" "$ROUNDS" "$LEAVES" "$LR" "$FF" "$MAXBIN" "$THREADS" \
	>"$DIR/xgb.json" 2>"$DIR/xgb.time"

ot=$(field "$DIR/ours.json" seconds) oa=$(field "$DIR/ours.json" auc)
xt=$(field "$DIR/xgb.json" seconds) xa=$(field "$DIR/xgb.json" auc)
printf '%-8s %10s %8s %10s\n' system seconds auc peakRSS_MB
printf '%-8s %10.1f %8.4f %10s\n' ours "$ot" "$oa" "$(rss "$DIR/ours.time")"
printf '%-8s %10.1f %8.4f %10s\n' xgboost "$xt" "$xa" "$(rss "$DIR/xgb.time")"
awk -v a="$ot" -v b="$xt" 'BEGIN {printf "time ratio ours/xgboost: %.3f\n", a/b}'
