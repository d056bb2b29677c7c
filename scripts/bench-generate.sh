#!/usr/bin/env bash
# Generation speed: pairs/s for 4,000 challenge-style pairs (500-8,000
# points), median of RUNS runs, at --cores 1 and at all cores.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
N=${N:-4000}
RUNS=${RUNS:-3}
dir=${BENCH_DIR:-out/bench-generate}
mkdir -p "$dir"
for cores in 1 "$(nproc)"; do
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$BIN" generate --quiet --cores "$cores" --n "$N" --seed "$i" -o "$dir/g" > /dev/null
    read -r secs rss < "$dir/time.txt"
    echo "$secs $rss"
  done | sort -n | awk -v n="$N" -v c="$cores" -v runs="$RUNS" '{ s[NR] = $1; r[NR] = $2 } END {
    m = s[int((runs + 1) / 2)]; printf "generate --n %d --cores %d: median %.2f s, %.0f pairs/s, peak RSS %.0f MB\n", n, c, m, n / m, r[NR] / 1024 }'
done
du -h "$dir"/g_pairs.csv | awk '{ print "pairs file: " $1 }'
