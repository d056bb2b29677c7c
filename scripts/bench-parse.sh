#!/usr/bin/env bash
# Parse throughput of a ~1 GB challenge-format pairs file: MB/s and peak RSS
# of `causal validate` (which streams and checks every pair), single core.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
SIZE_MB=${SIZE_MB:-1024}
dir=${BENCH_DIR:-out/bench-parse}
mkdir -p "$dir"
big="$dir/big_pairs.csv"
if [ ! -s "$big" ] || [ "$(stat -c %s "$big")" -lt $((SIZE_MB * 1000000)) ]; then
  # One chunk of 100 pairs x 5000 points of challenge-like integers, then
  # copies with fresh SampleIDs until the file reaches SIZE_MB.
  awk 'BEGIN { srand(7); print "SampleID,A,B";
    for (p = 1; p <= 100; p++) { line = "c" p ",";
      for (v = 0; v < 2; v++) { for (i = 0; i < 5000; i++) line = line " " int((rand() - 0.5) * 40000); if (v == 0) line = line "," }
      print line } }' > "$dir/chunk.csv"
  chunk=$(stat -c %s "$dir/chunk.csv")
  copies=$(( SIZE_MB * 1000000 / chunk + 1 ))
  awk -v copies="$copies" 'NR == 1 { print; next } { rows[NR] = $0 } END {
    for (c = 1; c <= copies; c++) for (r = 2; r <= NR; r++) print "r" c "_" rows[r] }' "$dir/chunk.csv" > "$big"
fi
bytes=$(stat -c %s "$big")
runs=${RUNS:-3}
echo "file: $big ($((bytes / 1000000)) MB)"
for i in $(seq "$runs"); do
  /usr/bin/time -f "%e %M" -o "$dir/time.txt" "$BIN" validate --cores 1 "$big" > /dev/null
  read -r secs rss < "$dir/time.txt"
  awk -v b="$bytes" -v s="$secs" -v r="$rss" 'BEGIN { printf "run: %.2f s  %.0f MB/s  peak RSS %.1f MB\n", s, b / 1e6 / s, r / 1024 }'
done | tee "$dir/runs.txt"
sort -k4 -n "$dir/runs.txt" | awk -v n="$runs" 'NR == int((n + 1) / 2) { print "median: " $4 " MB/s, peak RSS " $8 " MB" }'
