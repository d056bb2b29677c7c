#!/usr/bin/env bash
# Distributed training, end to end, on this machine: LightGBM's own
# data-parallel mode (tree_learner=data) with two worker processes talking
# over sockets on 127.0.0.1, trained on causal's exported, mirrored
# features; then `causal predict` serves the resulting model on raw test
# pairs, beside a single-process LightGBM model trained on the same rows
# with the same parameters. Prints both models' test AUC and how closely
# their scores agree.
#
#   generate -> featurize -> features mirror -> lgbm-export (2 partitions,
#   a pair and its mirror row in the same one) -> 2 x lightgbm
#   tree_learner=data (machine list 127.0.0.1:PORT, 127.0.0.1:PORT+1) and
#   1 x lightgbm tree_learner=serial -> causal predict --model -> evaluate
#
# Each worker binds its own port on the loopback address only; both exit
# when training ends (LightGBM's time_out bounds a stalled connection).
#
# Usage: LIGHTGBM=/path/to/lightgbm scripts/distributed-lightgbm.sh [DIR]
#   (scripts/build-lightgbm.sh builds LightGBM 4.6's CLI and prints its path)
# Sizes: NTRAIN (default 1000) and NTEST (400) pairs, ROUNDS (200),
# PLANFILE (a plan file to featurize fewer features; default: the whole plan).
set -euo pipefail
cd "$(dirname "$0")/.."
LGB=${LIGHTGBM:?LIGHTGBM must point at the LightGBM CLI (scripts/build-lightgbm.sh builds it)}
[[ -x $LGB ]] || { echo "distributed-lightgbm: LIGHTGBM=$LGB is not executable" >&2; exit 1; }
BIN=${BIN:-bin/causal}
DIR=${1:-out/distributed}
NTRAIN=${NTRAIN:-1000} NTEST=${NTEST:-400} ROUNDS=${ROUNDS:-200}
PORT=${PORT:-12400}
PLANFILE=${PLANFILE:-}
mkdir -p "$DIR"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
planflag=()
[[ -n $PLANFILE ]] && planflag=(--plan "$PLANFILE")

log "generate $NTRAIN training and $NTEST test pairs, featurize the training pairs"
"$BIN" generate -q --n "$NTRAIN" --seed 71 --min-points 100 --max-points 2000 -o "$DIR/train"
"$BIN" generate -q --n "$NTEST" --seed 72 --min-points 100 --max-points 2000 -o "$DIR/test"
"$BIN" featurize -q "$DIR/train_pairs.csv" --info "$DIR/train_publicinfo.csv" "${planflag[@]}" -o "$DIR/train.features"
"$BIN" features mirror "$DIR/train.features" --target "$DIR/train_target.csv" \
	--target-out "$DIR/train2_target.csv" -o "$DIR/train2.features"
go build -o "$DIR/lgbm-export" ./scripts/lgbm-export
"$DIR/lgbm-export" -features "$DIR/train2.features" -target "$DIR/train2_target.csv" -parts 2 -o "$DIR/part"
"$DIR/lgbm-export" -features "$DIR/train2.features" -target "$DIR/train2_target.csv" -parts 1 -o "$DIR/all"

# The recipe of causal's default model (pairmodel.Defaults, what causal
# train does without flags), for both runs; ROUNDS rounds without early
# stopping (no validation set here).
{
	"$BIN" --seed 1 train --print-params lightgbm | grep -vE '^(num_iterations|early_stopping_round) '
	cat <<EOF
num_iterations = $ROUNDS
task = train
deterministic = true
header = true
label_column = name:Target
precise_float_parser = true
verbosity = 1
EOF
} >"$DIR/train.conf"
printf '127.0.0.1 %d\n127.0.0.1 %d\n' "$PORT" $((PORT + 1)) >"$DIR/mlist.txt"

log "LightGBM data-parallel: 2 worker processes on 127.0.0.1:$PORT and :$((PORT + 1)), 1 thread each"
pids=()
for i in 0 1; do
	"$LGB" config="$DIR/train.conf" data="$DIR/part.$i.csv" output_model="$DIR/model.dist.$i.txt" \
		tree_learner=data num_machines=2 machine_list_file="$DIR/mlist.txt" local_listen_port=$((PORT + i)) \
		pre_partition=true time_out=10 num_threads=1 >"$DIR/worker$i.log" 2>&1 &
	pids+=($!)
done
for i in 0 1; do
	wait "${pids[$i]}" || { echo "distributed-lightgbm: worker $i failed:" >&2; tail -20 "$DIR/worker$i.log" >&2; exit 1; }
done
grep -h "Connected to rank\|Finished training" "$DIR/worker0.log" "$DIR/worker1.log" | sed 's/^/  /' >&2 || true
# The workers' files differ only in their parameters section (data file, port).
trees() { sed '/^parameters:/,$d' "$1"; }
if cmp -s <(trees "$DIR/model.dist.0.txt") <(trees "$DIR/model.dist.1.txt"); then
	echo "  both workers saved the same trees" >&2
else
	echo "distributed-lightgbm: the two workers' trees differ" >&2
	exit 1
fi

log "LightGBM single process on the same rows, 2 threads (seed 1, and seed 2 as the reference of two equally good models)"
for seed in 1 2; do
	"$LGB" config="$DIR/train.conf" data="$DIR/all.csv" output_model="$DIR/model.single$seed.txt" \
		tree_learner=serial num_threads=2 seed=$seed >"$DIR/single$seed.log" 2>&1 ||
		{ tail -20 "$DIR/single$seed.log" >&2; exit 1; }
done

log "causal predict serves the models on the raw test pairs"
for m in dist.0 single1 single2; do
	"$BIN" predict -q "$DIR/test_pairs.csv" --info "$DIR/test_publicinfo.csv" --model "$DIR/model.$m.txt" -o "$DIR/pred.$m.csv"
	"$BIN" evaluate "$DIR/pred.$m.csv" --target "$DIR/test_target.csv" >"$DIR/eval.$m.txt"
done
auc() { grep -io 'bidirectional AUC[^0-9]*[0-9.]*' "$1" | head -1 | grep -o '[0-9.]*$'; }
# agree A B: how closely two prediction files' scores agree.
agree() {
	paste -d, <(tail -n +2 "$1") <(tail -n +2 "$2") | awk -F, '
	$1 != $3 { print "distributed-lightgbm: SampleIDs out of step: " $1 " " $3 > "/dev/stderr"; exit 1 }
	{ x = $2; y = $4; n++; sx += x; sy += y; sxx += x*x; syy += y*y; sxy += x*y
	  d = x - y; if (d < 0) d = -d; if (d > m) m = d; s += d
	  if ((x > 0) != (y > 0)) flip++ }
	END { r = (n*sxy - sx*sy) / sqrt((n*sxx - sx*sx) * (n*syy - sy*sy))
	      printf "Pearson r %.4f, mean |diff| %.4f, max |diff| %.4f, %d of %d signs differ\n", r, s/n, m, flip, n }'
}
echo "model                                 test bidirectional AUC"
echo "LightGBM data-parallel, 2 processes   $(auc "$DIR/eval.dist.0.txt")"
echo "LightGBM single process, seed 1       $(auc "$DIR/eval.single1.txt")"
echo "LightGBM single process, seed 2       $(auc "$DIR/eval.single2.txt")"
echo "scores, data-parallel vs single (seed 1): $(agree "$DIR/pred.dist.0.csv" "$DIR/pred.single1.csv")"
echo "scores, single seed 1 vs seed 2:          $(agree "$DIR/pred.single1.csv" "$DIR/pred.single2.csv")"
