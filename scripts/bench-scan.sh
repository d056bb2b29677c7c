#!/usr/bin/env bash
# scan vs predict on the same pairs: a NCOL x NROW table from generate
# --table (no missing cells, so each column has the same rows in all its
# pairs and shares its per-column work), scanned once, and the same
# NCOL*(NCOL-1)/2 pairs exported by scan --export and scored by causal
# predict, both with the built-in model at --cores CORES. Prints pairs/s
# (wall) and CPU s/pair for both, their ratios, and checks that every
# score is identical.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
NCOL=${NCOL:-40}
NROW=${NROW:-2000}
CORES=${CORES:-$(nproc)}
dir=${BENCH_DIR:-out/bench-scan}
mkdir -p "$dir"
"$BIN" generate --quiet --table --columns "$NCOL" --rows "$NROW" --max-missing 0 --seed 7 -o "$dir/t"
"$BIN" scan --quiet "$dir/t_table.csv" --export "$dir/t"
pairs=$(($(wc -l < "$dir/t_index.csv") - 1))

timed() { # label command...: prints "label wall cpu rss"
  local label=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$dir/time.txt" "$@"
  read -r wall user sys rss < "$dir/time.txt"
  echo "$label $wall $(echo "$user + $sys" | bc) $rss"
}
p=$(timed predict "$BIN" predict --quiet --cores "$CORES" "$dir/t_pairs.csv" --info "$dir/t_publicinfo.csv" -o "$dir/predict.csv")
s=$(timed scan "$BIN" scan --quiet --bootstrap 0 --cores "$CORES" "$dir/t_table.csv" -o "$dir/scan.csv")

# Join predict's scores (by SampleID, through the index) with scan's (by A,B).
# The generated column names (V1..Vn) hold no commas or quotes.
mismatch=$(awk -F, 'FNR == 1 { f++; next }
  f == 1 { pair[$1] = $2 "," $3; next }
  f == 2 { want[pair[$1]] = $2; next }
  f == 3 { n++; if (!(($1 "," $2) in want) || want[$1 "," $2] != $3) bad++ }
  END { if (n != '"$pairs"') bad += '"$pairs"' - n; print bad + 0 }' \
  "$dir/t_index.csv" "$dir/predict.csv" "$dir/scan.csv")

echo "$p" "$s" | awk -v pairs="$pairs" -v ncol="$NCOL" -v nrow="$NROW" -v cores="$CORES" -v bad="$mismatch" '{
  printf "table %d columns x %d rows, %d pairs, --cores %d\n", ncol, nrow, pairs, cores
  printf "%-8s %7.1f s wall  %7.2f pairs/s  %6.3f CPU s/pair  peak RSS %4.0f MB\n", $1, $2, pairs / $2, $3 / pairs, $4 / 1024
  printf "%-8s %7.1f s wall  %7.2f pairs/s  %6.3f CPU s/pair  peak RSS %4.0f MB\n", $5, $6, pairs / $6, $7 / pairs, $8 / 1024
  printf "scan / predict: %.2fx pairs/s (wall), %.2fx by CPU time; scores differing: %d of %d\n", $2 / $6, $3 / $7, bad, pairs
  exit bad > 0 }'
