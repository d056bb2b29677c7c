#!/usr/bin/env bash
# Featurize N generated pairs (500-8,000 points, log2-uniform) with the
# default plan at --cores CORES: pairs/s, features/s, peak RSS and the CPU
# time per feature family (CAUSAL_FEATURIZE_TIMING=1, printed by --stats).
# Target: 4,000 such pairs in at most 10 minutes on 2 cores (>= 6.7 pairs/s),
# peak RSS under 2 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
N=${N:-1000}
CORES=${CORES:-2}
SEED=${SEED:-1}
dir=${BENCH_DIR:-out/bench-featurize}
mkdir -p "$dir"
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/causal
if [ ! -s "$dir/g${N}_${SEED}_pairs.csv" ]; then
  "$BIN" generate --quiet --n "$N" --seed "$SEED" --min-points 500 --max-points 8000 -o "$dir/g${N}_${SEED}"
fi
pairs="$dir/g${N}_${SEED}_pairs.csv"
info="$dir/g${N}_${SEED}_publicinfo.csv"
# Which pairs: causal generate's defaults (the challenge simulator, its type
# mix NN=60 and 5 for each other type pair, four classes equally, coarse
# recording) with 500-8,000 points, seed SEED.
echo "pairs: causal generate --n $N --seed $SEED --min-points 500 --max-points 8000 (generate's default simulator, type mix and classes) -> $pairs"
awk -F, 'NR > 1 { n = split($2, t, " "); s += n; c++; if (c == 1 || n < lo) lo = n; if (n > hi) hi = n }
  END { printf "points per pair: min %d, mean %.0f, max %d\n", lo, s / c, hi }' "$pairs"
echo "featurize $N pairs ($(du -h "$pairs" | cut -f1)) --cores $CORES, $("$BIN" features list | wc -l) features ($("$BIN" features list --types NN | wc -l) for NN)"
CAUSAL_FEATURIZE_TIMING=1 /usr/bin/time -v -o "$dir/time.txt" \
  "$BIN" featurize --cores "$CORES" "$pairs" --info "$info" --stats -o "$dir/features.arrow" 2> "$dir/stats.txt" < /dev/null
cat "$dir/stats.txt"
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$dir/time.txt")
rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt")
cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$dir/time.txt")
awk -v n="$N" -v w="$wall" -v r="$rss" -v c="$cpu" 'BEGIN {
  printf "wall %.1f s, CPU %.1f s (%.3f CPU-s/pair), %.2f pairs/s, peak RSS %.0f MB\n", w, c, c / n, n / w, r / 1024
  printf "projected 4,000 pairs: %.1f min (target <= 10 min)\n", 4000 / (n / w) / 60 }'
ls -l "$dir/features.arrow" | awk '{ printf "output %.1f MB\n", $5 / 1048576 }'
