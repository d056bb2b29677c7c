#!/usr/bin/env bash
# Quality benchmark (make bench-quality): train on the fixed generated
# training corpus of the default model (make model: 12,000 pairs, seed 2013)
# with the hyper-parameters make model chose by cross-validation, and report bidirectional AUC and sign accuracy on
#   (a) a generated test set drawn with another seed and other mechanism
#       parameters, and
#   (b) the Tübingen pairs (test only: never trained or tuned on), and
#   (c) pairs of another simulator, drawn like Mooij et al.'s (2016) SIM,
#       SIM-c, SIM-ln and SIM-G benchmarks (generate --simulator; 250 each,
#       1,000 points, seed 303),
# for the runner-up's measures alone, the 2013 winner's families alone
# (in-sample fits only, no out-of-fold fits, no classical scores), the full
# default plan, and the classical single scores used directly (baselines).
# Prints a Markdown table (also written to $OUT/quality.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
MODELDIR=${MODELDIR:-out/model}          # the default model's corpus (make model)
NTEST=${NTEST:-1000}
NSIM=${NSIM:-250}                        # pairs per SIM simulator
OUT=${OUT:-out/bench-quality}
TUEB=${TUEB:-../shared/data/tuebingen}
PARAMS=${PARAMS:-$(cat "$MODELDIR/params.txt")}
MODEL=${MODEL:-$MODELDIR/model.txt}
mkdir -p "$OUT"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
TRAIN=$MODELDIR/corpus_train             # both parts of the corpus (make model)

if [ ! -s "$OUT/test.features" ]; then
  log "generate: test $NTEST pairs (seed 202, other noise levels, mixtures and coarse fraction)"
  "$BIN" generate -q --n "$NTEST" --seed 202 --noise-min 0.05 --noise-max 1.5 --max-components 3 --coarse-fraction 0.35 --meta -o "$OUT/test"
  log "featurize test and Tübingen pairs (full plan)"
  "$BIN" featurize -q "$TUEB/pairs.csv" --info "$TUEB/publicinfo.csv" -o "$OUT/tueb.features"
  "$BIN" featurize -q "$OUT/test_pairs.csv" --info "$OUT/test_publicinfo.csv" -o "$OUT/test.features"
fi
if [ ! -s "$OUT/sim.features" ]; then
  log "generate: $NSIM pairs of each SIM simulator (seed 303, 1,000 points)"
  BIN=$BIN scripts/generate-sims.sh "$OUT/simall" "$NSIM" 303 0 "" --min-points 1000 --max-points 1000
  log "featurize the SIM pairs (full plan)"
  "$BIN" featurize -q "$OUT/simall_pairs.csv" --info "$OUT/simall_publicinfo.csv" -o "$OUT/sim.features"
fi

# Plan subsets, as lists of feature names.
"$BIN" features list > "$OUT/full.txt"
grep -E '\.it\.|^meta\.' "$OUT/full.txt" > "$OUT/runnerup.txt"
grep -vE '\.oof\.|^D\.dir\.|\.it\.' "$OUT/full.txt" > "$OUT/winner.txt"

metrics() { # predictions target -> "AUC ACC"
  "$BIN" evaluate "$1" --target "$2" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f %.4f" % (r["bidirectional_auc"], r["accuracy"]))'
}
row() { # name test-preds tueb-preds sim-preds
  read -r a1 c1 <<< "$(metrics "$2" "$OUT/test_target.csv")"
  read -r a2 c2 <<< "$(metrics "$3" "$TUEB/target.csv")"
  read -r a3 c3 <<< "$(metrics "$4" "$OUT/simall_target.csv")"
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$a1" "$c1" "$a2" "$c2" "$a3" "$c3"
}

{
  echo "| method | generated test: bidir. AUC | accuracy | Tübingen: bidir. AUC | accuracy | SIM simulators: bidir. AUC | accuracy |"
  echo "|---|---|---|---|---|---|---|"
  for m in igci_slope_uniform igci_entropy_gauss anm_hsic reci cds slope_mdl; do
    "$BIN" baseline -q "$OUT/test_pairs.csv" --info "$OUT/test_publicinfo.csv" --method "$m" -o "$OUT/$m.test.csv"
    "$BIN" baseline -q "$TUEB/pairs.csv" --info "$TUEB/publicinfo.csv" --method "$m" -o "$OUT/$m.tueb.csv"
    "$BIN" baseline -q "$OUT/simall_pairs.csv" --info "$OUT/simall_publicinfo.csv" --method "$m" -o "$OUT/$m.sim.csv"
    row "baseline: $m" "$OUT/$m.test.csv" "$OUT/$m.tueb.csv" "$OUT/$m.sim.csv"
  done
  for v in runnerup winner; do
    log "train: $v ($(wc -l < "$OUT/$v.txt") features)"
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$BIN" train -q "$TRAIN.features" --target "${TRAIN}_target.csv" --plan "$OUT/$v.txt" $PARAMS --valid-fraction 0.1 -o "$OUT/$v.model.txt"
    log "  trained in $(( $(date +%s) - start )) s"
    "$BIN" predict -q "$OUT/test.features" --model "$OUT/$v.model.txt" -o "$OUT/$v.test.csv"
    "$BIN" predict -q "$OUT/tueb.features" --model "$OUT/$v.model.txt" -o "$OUT/$v.tueb.csv"
    "$BIN" predict -q "$OUT/sim.features" --model "$OUT/$v.model.txt" -o "$OUT/$v.sim.csv"
    case $v in
      runnerup) name="runner-up's measures (2013 #2)";;
      winner) name="winner's families, in-sample fits (2013 #1)";;
    esac
    row "$name" "$OUT/$v.test.csv" "$OUT/$v.tueb.csv" "$OUT/$v.sim.csv"
  done
  # The full default plan: the default model itself (feature-selected).
  "$BIN" predict -q "$OUT/test.features" --model "$MODEL" -o "$OUT/full.test.csv"
  "$BIN" predict -q "$OUT/tueb.features" --model "$MODEL" -o "$OUT/full.tueb.csv"
  "$BIN" predict -q "$OUT/sim.features" --model "$MODEL" -o "$OUT/full.sim.csv"
  row "full default plan (the default model)" "$OUT/full.test.csv" "$OUT/full.tueb.csv" "$OUT/full.sim.csv"
} | tee "$OUT/quality.md"

# The SIM column per simulator (AUC / accuracy on each 250-pair set).
sub() { # predictions simulator -> "AUC / ACC" on that simulator's pairs
  grep -E "^(SampleID|$2-[0-9]+,)" "$1" > "$OUT/.sub.pred.csv"
  grep -E "^(SampleID|$2-[0-9]+,)" "$OUT/simall_target.csv" > "$OUT/.sub.target.csv"
  metrics "$OUT/.sub.pred.csv" "$OUT/.sub.target.csv" | awk '{ printf "%s / %s", $1, $2 }'
}
{
  echo
  echo "| method | sim | sim-c | sim-ln | sim-g |"
  echo "|---|---|---|---|---|"
  for v in igci_slope_uniform igci_entropy_gauss anm_hsic reci cds slope_mdl runnerup winner full; do
    printf '| %s |' "$v"
    for s in sim sim-c sim-ln sim-g; do printf ' %s |' "$(sub "$OUT/$v.sim.csv" "$s")"; done
    echo
  done
  rm -f "$OUT/.sub.pred.csv" "$OUT/.sub.target.csv"
} | tee -a "$OUT/quality.md"

# The default model on (a), its A->B and B->A pairs by cause family and mechanism.
if [ -s "$OUT/test_meta.csv" ]; then
  { echo; "$BIN" evaluate "$OUT/full.test.csv" --target "$OUT/test_target.csv" --meta "$OUT/test_meta.csv" | sed -n '/by cause family/,$p'; } | tee -a "$OUT/quality.md"
fi
