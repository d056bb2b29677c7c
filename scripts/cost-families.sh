#!/usr/bin/env bash
# Sum a unit-cost table (scripts/unit-costs output: unit, ms per pair) by
# feature family, the four costly published direction methods on their own
# rows: ms per pair and share of the total. With two tables (BEFORE AFTER)
# it prints both side by side with the ratio after/before.
# Usage: scripts/cost-families.sh costs.tsv [after.tsv]
set -euo pipefail
awk -F'\t' '
  FNR == 1 { f++; next }
  {
    split($1, a, "/"); fam = a[1]
    if (fam == "direction" && a[2] ~ /^dir\.(anm_gp|bqcd|loci|sloppy)$/) fam = a[2]
    else if (fam == "direction") fam = "direction (other)"
    s[f, fam] += $2; tot[f] += $2; seen[fam] = 1
  }
  END {
    n = 0
    for (k in seen) keys[++n] = k
    # order by the first table cost, descending
    for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++)
      if (s[1, keys[j]] > s[1, keys[i]]) { t = keys[i]; keys[i] = keys[j]; keys[j] = t }
    if (f == 1) {
      printf "| family | ms per pair | share |\n|---|---|---|\n"
      for (i = 1; i <= n; i++) printf "| %s | %.1f | %.1f %% |\n", keys[i], s[1, keys[i]], 100 * s[1, keys[i]] / tot[1]
      printf "| total | %.1f | |\n", tot[1]
    } else {
      printf "| family | before ms/pair | after ms/pair | after/before |\n|---|---|---|---|\n"
      for (i = 1; i <= n; i++) printf "| %s | %.1f | %.1f | %.2f |\n", keys[i], s[1, keys[i]], s[2, keys[i]], (s[1, keys[i]] > 0 ? s[2, keys[i]] / s[1, keys[i]] : 0)
      printf "| total | %.1f | %.1f | %.2f |\n", tot[1], tot[2], tot[2] / tot[1]
    }
  }' "$@"
