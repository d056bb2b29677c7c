#!/usr/bin/env bash
# The leave-one-source-out protocol (make bench-generalization): the
# criterion for every choice of the training recipe (corpus mix, sizes,
# feature families, hyper-parameters, selection, adaptation).
#
# Each source is one independent pair generator (one or more `causal generate
# --simulator` names drawn in equal parts). For every source S:
#   held-out:   train on the training pairs of every other source, test on S's
#               test pairs (S never seen);
#   in-dist.:   the model trained on every source's training pairs, tested on
#               S's test pairs (S seen);
#   own:        trained on S's training pairs alone, tested on S's test pairs,
#               with the full plan and with the runner-up's measures alone
#               (the in-distribution target: full beats runner-up by 0.02).
#   adapted:    (ADAPT=1) held-out, with the training pairs weighted toward
#               S's unlabeled test pairs (train --adapt-to), as a user would
#               adapt to their own pairs.
#   by source:  (ADAPTBY=1) the same with whole sources weighted by their
#               closeness to S's unlabeled pairs (train --adapt-to --adapt-by).
# Sources are weighted equally by drawing the same number of pairs from each.
# Every source draws the challenge's four classes (balanced) and type mix.
#
# Prints one Markdown table per feature plan (PLANS) with the bidirectional
# AUC and sign accuracy per held-out source, then the mean and the worst, and
# writes them to $OUT/generalization.md. Tübingen is not used here.
#
#   SIZE=small (default): NTRAIN=400, NTEST=200 pairs per source, 100-1,000
#              points: a few minutes on 2 cores.
#   SIZE=full:  NTRAIN=4000, NTEST=1000 pairs per source, 100-8,000 points
#              (the figures of BENCHMARKS.md).
# Any of NTRAIN, NTEST, MINPTS, MAXPTS, SOURCES, PLANS, PARAMS, OWN=0 (skip
# the own-source rows), OUT and SEED can be set. Features are reused when
# they exist for the same plan hash, sizes and seed.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
SIZE=${SIZE:-small}
case $SIZE in
  small) NTRAIN=${NTRAIN:-400} NTEST=${NTEST:-200} MINPTS=${MINPTS:-100} MAXPTS=${MAXPTS:-1000};;
  full) NTRAIN=${NTRAIN:-4000} NTEST=${NTEST:-1000} MINPTS=${MINPTS:-100} MAXPTS=${MAXPTS:-8000};;
  *) echo "SIZE must be small or full, not $SIZE" >&2; exit 2;;
esac
PLANS=${PLANS:-"full runnerup"}
SEED=${SEED:-5000}
OWN=${OWN:-1}
ADAPT=${ADAPT:-0}
ADAPTBY=${ADAPTBY:-0}
OUT=${OUT:-out/bench-generalization/$SIZE}
. scripts/protocol.sh
mkdir -p "$OUT"

for spec in $SOURCES; do
  known=$("$BIN" generate --help | sed -n 's/.*how pairs are drawn: \(.*\) (see above).*/\1/p' | head -1 | tr -d ' ')
  for s in $(echo "${spec#*:}" | tr ',' ' '); do
    case ",$known," in *",$s,"*) ;; *) echo "source ${spec%%:*}: causal generate has no simulator $s (it has: $known)" >&2; exit 2;; esac
  done
done
GENFLAGS="--min-points $MINPTS --max-points $MAXPTS --class-weights 1,1,1,1 --type-mix $TYPEMIX --coarse-fraction 0.2"

mkdir -p "$OUT/gen"
stamp="$("$BIN" features list --hash) $NTRAIN $NTEST $MINPTS $MAXPTS $SEED $TYPEMIX"
i=0
for spec in $SOURCES; do
  name=${spec%%:*}
  if [ ! -s "$OUT/$name.test.features" ] || [ "$(cat "$OUT/$name.stamp" 2>/dev/null)" != "$stamp ${spec#*:}" ]; then
    log "source $name (${spec#*:}): generate $NTRAIN training and $NTEST test pairs, featurize"
    for set in train test; do
      n=$NTRAIN seed=$((SEED + 1000 * i)); [ "$set" = test ] && { n=$NTEST; seed=$((seed + 500)); }
      # shellcheck disable=SC2086
      BIN=$BIN scripts/generate-source.sh "$OUT/gen/${name}_$set" "${spec#*:}" "$n" "$seed" "$name-$set-" $GENFLAGS
    done
    for set in train test; do
      "$BIN" featurize -q "$OUT/gen/${name}_${set}_pairs.csv" --info "$OUT/gen/${name}_${set}_publicinfo.csv" -o "$OUT/$name.$set.features"
    done
    echo "$stamp ${spec#*:}" > "$OUT/$name.stamp"
  fi
  i=$((i + 1))
done
names=$(for spec in $SOURCES; do echo "${spec%%:*}"; done)

# Feature plans, as lists of feature names.
write_plans "$OUT"

# fit MODEL PLAN SOURCE...: train on the named sources' training pairs
# (with the extra train flags in $FITFLAGS).
fit() {
  local model=$1 planfile=$2 src feats=() targets=(); shift 2
  for src in "$@"; do feats+=("$OUT/$src.train.features"); targets+=("$OUT/gen/${src}_train"); done
  if [ "${#feats[@]}" -gt 1 ]; then
    "$BIN" features concat -q -o "$model.features" "${feats[@]}"
  else
    cp "${feats[0]}" "$model.features"
  fi
  "$BIN" pairs concat -q --tables target -o "$model" "${targets[@]}"
  # shellcheck disable=SC2086
  "$BIN" train -q "$model.features" --target "${model}_target.csv" --plan "$planfile" $PARAMS ${FITFLAGS:-} -o "$model"
  rm -f "$model.features"
}
score() { # MODEL SOURCE -> "AUC ACC"
  "$BIN" predict -q "$OUT/$2.test.features" --model "$1" -o "$1.$2.csv" || { echo "predict $1 on $2 failed" >&2; kill $$; exit 1; }
  metrics "$1.$2.csv" "$OUT/gen/${2}_test_target.csv"
}

: > "$OUT/generalization.md"
for p in $PLANS; do
  planfile="$OUT/plan.$p.txt"
  [ -s "$planfile" ] || { echo "unknown plan $p (known: full runnerup winner classical)" >&2; exit 2; }
  mkdir -p "$OUT/models/$p"
  log "plan $p ($(wc -l < "$planfile") features): model on every source"
  # shellcheck disable=SC2086
  fit "$OUT/models/$p/all.txt" "$planfile" $names
  {
    echo
    echo "Plan \`$p\` ($(wc -l < "$planfile") features), $NTRAIN training and $NTEST test pairs per source, $MINPTS-$MAXPTS points:"
    echo
    head="| held-out source | held-out: bidir. AUC | accuracy | in-dist. (all sources): AUC | accuracy |"
    rule="|---|---|---|---|---|"
    if [ "$ADAPT" = 1 ]; then head="$head held-out, adapted: AUC | accuracy |"; rule="$rule---|---|"; fi
    if [ "$ADAPTBY" = 1 ]; then head="$head held-out, sources adapted: AUC | accuracy |"; rule="$rule---|---|"; fi
    if [ "$OWN" = 1 ]; then head="$head own source only: AUC | accuracy |"; rule="$rule---|---|"; fi
    echo "$head"; echo "$rule"
  } | tee -a "$OUT/generalization.md"
  sum=0; worst=9; wname=""; asum=0; bsum=0
  for s in $names; do
    others=$(echo "$names" | grep -vx "$s")
    log "plan $p: hold out $s"
    # shellcheck disable=SC2086
    fit "$OUT/models/$p/without-$s.txt" "$planfile" $others
    read -r ha hc <<< "$(score "$OUT/models/$p/without-$s.txt" "$s")"
    read -r ia ic <<< "$(score "$OUT/models/$p/all.txt" "$s")"
    row="| $s | $ha | $hc | $ia | $ic |"
    if [ "$ADAPT" = 1 ]; then
      # shellcheck disable=SC2086
      FITFLAGS="--adapt-to $OUT/$s.test.features" fit "$OUT/models/$p/adapted-$s.txt" "$planfile" $others
      read -r aa ac <<< "$(score "$OUT/models/$p/adapted-$s.txt" "$s")"
      row="$row $aa | $ac |"
      asum=$(awk -v a="${asum:-0}" -v b="$aa" 'BEGIN { print a + b }')
    fi
    if [ "$ADAPTBY" = 1 ]; then
      srcfile="$OUT/models/$p/sources-without-$s.csv"
      { echo "SampleID,Source"; for o in $others; do tail -n +2 "$OUT/gen/${o}_train_target.csv" | cut -d, -f1 | sed "s/\$/,$o/"; done; } > "$srcfile"
      # shellcheck disable=SC2086
      FITFLAGS="--adapt-to $OUT/$s.test.features --adapt-by $srcfile" fit "$OUT/models/$p/bysource-$s.txt" "$planfile" $others
      read -r ba bc <<< "$(score "$OUT/models/$p/bysource-$s.txt" "$s")"
      row="$row $ba | $bc |"
      bsum=$(awk -v a="${bsum:-0}" -v b="$ba" 'BEGIN { print a + b }')
    fi
    if [ "$OWN" = 1 ]; then
      fit "$OUT/models/$p/only-$s.txt" "$planfile" "$s"
      read -r oa oc <<< "$(score "$OUT/models/$p/only-$s.txt" "$s")"
      echo "$oa" > "$OUT/models/$p/only-$s.auc"
      row="$row $oa | $oc |"
    fi
    echo "$row" | tee -a "$OUT/generalization.md"
    sum=$(awk -v a="$sum" -v b="$ha" 'BEGIN { print a + b }')
    if awk -v a="$ha" -v b="$worst" 'BEGIN { exit !(a < b) }'; then worst=$ha; wname=$s; fi
  done
  n=$(echo "$names" | wc -l)
  printf '\nplan %s: held-out mean %.4f, worst %.4f (%s)\n' "$p" "$(awk -v a="$sum" -v n="$n" 'BEGIN { print a / n }')" "$worst" "$wname" | tee -a "$OUT/generalization.md"
  if [ "$ADAPT" = 1 ]; then
    printf 'plan %s: held-out adapted mean %.4f\n' "$p" "$(awk -v a="$asum" -v n="$n" 'BEGIN { print a / n }')" | tee -a "$OUT/generalization.md"
  fi
  if [ "$ADAPTBY" = 1 ]; then
    printf 'plan %s: held-out sources-adapted mean %.4f\n' "$p" "$(awk -v a="$bsum" -v n="$n" 'BEGIN { print a / n }')" | tee -a "$OUT/generalization.md"
  fi
done
# The in-distribution target: on every source, the full plan trained on that
# source alone beats the runner-up's measures trained the same way by 0.02.
if [ "$OWN" = 1 ] && [[ " $PLANS " == *" full "* ]] && [[ " $PLANS " == *" runnerup "* ]]; then
  {
    echo
    echo "| source (own training pairs only) | full plan AUC | runner-up's measures AUC | difference |"
    echo "|---|---|---|---|"
    for s in $names; do
      f=$(cat "$OUT/models/full/only-$s.auc") r=$(cat "$OUT/models/runnerup/only-$s.auc")
      printf '| %s | %s | %s | %+.4f |\n' "$s" "$f" "$r" "$(awk -v a="$f" -v b="$r" 'BEGIN { print a - b }')"
    done
  } | tee -a "$OUT/generalization.md"
fi
log "tables in $OUT/generalization.md"
