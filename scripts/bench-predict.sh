#!/usr/bin/env bash
# Cost-aware prediction (issue 12): predicting N raw generated pairs with a
# model (default: the embedded one) against featurizing them with the whole
# plan, in one run on this machine: CPU seconds per pair of each (median of
# REPS runs; CPU time, since wall time moves with the machine's load), and
# the ratio of pairs per CPU second (target: predict >= 3x featurize).
#
# With MODELS="name=model.txt ..." it prints the trade-off table instead:
# each model's CPU per pair, its speed-up over featurize, and its
# bidirectional AUC on every TESTSETS prefix (PREFIX_pairs.csv,
# PREFIX_publicinfo.csv, PREFIX_target.csv) and their mean.
#
# Usage: scripts/bench-predict.sh            (N=200 REPS=3 CORES=2 SEED=11)
#        MODELS="f1=a.txt f05=b.txt" TESTSETS="dir/x_test dir/y_test" scripts/bench-predict.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
N=${N:-200} REPS=${REPS:-3} CORES=${CORES:-2} SEED=${SEED:-11}
dir=${BENCH_DIR:-out/bench-predict}
mkdir -p "$dir"
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/causal
pre="$dir/g${N}_${SEED}"
[ -s "${pre}_pairs.csv" ] ||
	"$BIN" generate -q --n "$N" --seed "$SEED" --min-points 100 --max-points 8000 --class-weights 1,1,1,1 -o "$pre"

# cpu CMD...: the command's user + system CPU seconds.
cpu() {
	/usr/bin/time -f "%U %S" -o "$dir/time.txt" "$@" </dev/null >/dev/null
	awk '{ print $1 + $2 }' "$dir/time.txt"
}
# median of REPS runs of cpu CMD...
median() {
	local xs=()
	for _ in $(seq "$REPS"); do xs+=("$(cpu "$@")"); done
	printf '%s\n' "${xs[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

feat=$(median "$BIN" featurize -q --cores "$CORES" "${pre}_pairs.csv" --info "${pre}_publicinfo.csv" -o "$dir/all.features")
awk -v f="$feat" -v n="$N" -v k="$("$BIN" features list | wc -l)" -v r="$REPS" \
	'BEGIN { printf "featurize %d pairs, whole plan (%d features): %.4f CPU-s/pair (median of %d)\n", n, k, f / n, r }'

if [ -z "${MODELS:-}" ]; then
	pred=$(median "$BIN" predict -q --cores "$CORES" "${pre}_pairs.csv" --info "${pre}_publicinfo.csv" -o "$dir/pred.csv")
	awk -v f="$feat" -v p="$pred" -v n="$N" 'BEGIN {
		printf "predict, embedded model:     %.4f CPU-s/pair (median of %d)\n", p / n, '"$REPS"'
		printf "predict / featurize pairs per CPU second: %.2fx (target >= 3x)\n", f / p }'
	exit 0
fi

auc() { "$BIN" evaluate "$1" --target "$2" | grep -io 'bidirectional AUC[^0-9]*[0-9.]*' | head -1 | grep -o '[0-9.]*$'; }
header="model	CPU-s/pair	x featurize"
for t in ${TESTSETS:-}; do header+="	$(basename "$t")"; done
[ -n "${TESTSETS:-}" ] && header+="	mean AUC"
echo "$header"
for spec in $MODELS; do
	name=${spec%%=*} model=${spec#*=}
	pred=$(median "$BIN" predict -q --cores "$CORES" "${pre}_pairs.csv" --info "${pre}_publicinfo.csv" --model "$model" -o "$dir/pred.csv")
	line=$(awk -v f="$feat" -v p="$pred" -v n="$N" -v m="$name" 'BEGIN { printf "%s\t%.4f\t%.2f", m, p / n, f / p }')
	sum=0 k=0
	for t in ${TESTSETS:-}; do
		"$BIN" predict -q --cores "$CORES" "${t}_pairs.csv" --info "${t}_publicinfo.csv" --model "$model" -o "$dir/$name.$(basename "$t").csv"
		a=$(auc "$dir/$name.$(basename "$t").csv" "${t}_target.csv")
		line+="	$a" sum=$(awk -v s="$sum" -v a="$a" 'BEGIN { print s + a }') k=$((k + 1))
	done
	[ "$k" -gt 0 ] && line+="	$(awk -v s="$sum" -v k="$k" 'BEGIN { printf "%.4f", s / k }')"
	echo "$line"
done
