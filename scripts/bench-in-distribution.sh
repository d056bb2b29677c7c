#!/usr/bin/env bash
# In-distribution, per source, at the issue's size (issue 11's third target;
# BENCHMARKS.md, "In-distribution at the issue's size"): for each source,
# train on N of its pairs from make-model's corpus and test on the
# protocol's test pairs of the same source, once with the full plan and once
# with the runner-up's measures alone; print both AUCs and the difference.
#
#   CORPUS=out/model6 N=4000 scripts/bench-in-distribution.sh
#
# CORPUS is make-model.sh's OUT (its <source>_train.features and
# <source>_train_target.csv are read, not rebuilt). The N training pairs of
# a source are those of lowest index within each simulator's part
# (SampleIDs train-<source>-<simulator>-<k>, k = 1..N/parts), which are the
# corpus of a make-model run with NPER=N. Test pairs: scripts/score-candidate.sh's
# sets (200 per source, never training pairs), featurized here with BIN.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
CORPUS=${CORPUS:-out/model}
N=${N:-4000}
OUT=${OUT:-out/bench-in-distribution}
TESTS=${TESTS:-out/score-candidate/gen}
. scripts/protocol.sh
mkdir -p "$OUT"

# The protocol's test pairs (score-candidate.sh's sets; drawn when missing).
test_sets "$TESTS" 200 1000 5000
write_plans "$OUT"
hash=$("$BIN" features list --hash)

echo "| source | full plan: AUC / acc. | runner-up's measures: AUC / acc. | full − runner-up | target (≥ +0.02) |"
echo "|---|---|---|---|---|"
for spec in $SOURCES; do
  name=${spec%%:*} sims=${spec#*:}
  test="$TESTS/${name}_test"
  if [ ! -s "$OUT/$name.test.features" ] || [ "$(cat "$OUT/$name.test.stamp" 2>/dev/null)" != "$hash" ]; then
    log "$name: featurize the test pairs"
    "$BIN" featurize -q "${test}_pairs.csv" --info "${test}_publicinfo.csv" -o "$OUT/$name.test.features"
    echo "$hash" > "$OUT/$name.test.stamp"
  fi
  select_first "$CORPUS" "$name" "$sims" "$N" "$OUT"
  declare -A r=()
  for p in full runnerup; do
    log "$name: train on $N pairs, plan $p"
    # shellcheck disable=SC2086
    "$BIN" train -q "$OUT/$name.train.features" --target "$OUT/${name}_train_target.csv" --plan "$OUT/plan.$p.txt" $PARAMS -o "$OUT/$name.$p.txt"
    "$BIN" predict -q "$OUT/$name.test.features" --model "$OUT/$name.$p.txt" -o "$OUT/$name.$p.predictions.csv"
    r[$p]=$(metrics "$OUT/$name.$p.predictions.csv" "${test}_target.csv")
  done
  rm -f "$OUT/$name.train.features"
  python3 - "$name" "${r[full]}" "${r[runnerup]}" <<'EOF'
import sys
name, (fa, fc), (ra, rc) = sys.argv[1], sys.argv[2].split(), sys.argv[3].split()
d = float(fa) - float(ra)
print("| %s | %s / %s | %s / %s | %+.4f | %s |" % (name, fa, fc, ra, rc, d, "met" if d >= 0.02 else "not met"))
EOF
done
