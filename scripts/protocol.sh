# Shared by the scripts of the leave-one-source-out protocol and of the
# default model (BENCHMARKS.md, "Generalization: leave one source out"):
# the sources, the training flags, the challenge's type mix, and helpers.
# Sourced, not run: . scripts/protocol.sh (after cd to the repository).

# name:simulator[,simulator...] — each source draws equally from its simulators.
# The list is internal/corpus's (causal lab sources).
SOURCES=${SOURCES:-$("${BIN:-bin/causal}" lab sources)}
# The protocol's training flags (make-model chooses its own by CV).
# train's defaults are the recipe (pairmodel.Defaults); the protocol trains
# 15 leaves and always holds out 10 % (no minimum split).
PARAMS=${PARAMS:-"--num-leaves 15 --valid-fraction 0.1"}
TYPEMIX="NN=60,NC=5,NB=5,CN=5,CC=5,CB=5,BN=5,BC=5,BB=5"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# metrics PREDICTIONS TARGET -> "AUC ACC" (exits the script on failure).
metrics() {
  local j
  j=$("$BIN" evaluate "$1" --target "$2" --json) || { echo "evaluate $1 failed" >&2; kill $$; exit 1; }
  echo "$j" | python3 -c 'import json,sys; r=json.load(sys.stdin); print("%.4f %.4f" % (r["bidirectional_auc"], r["accuracy"]))'
}

# test_sets DIR NTEST MAXPTS SEED: each source's protocol test pairs,
# DIR/<name>_test_{pairs,publicinfo,target}.csv (seed SEED + 1000·i + 500,
# 100–MAXPTS points), drawn when missing.
test_sets() {
  local dir=$1 n=$2 maxpts=$3 seed=$4 i=0 spec name
  mkdir -p "$dir"
  for spec in $SOURCES; do
    name=${spec%%:*}
    if [ ! -s "$dir/${name}_test_target.csv" ]; then
      BIN=$BIN scripts/generate-source.sh "$dir/${name}_test" "${spec#*:}" "$n" $((seed + 1000 * i + 500)) "$name-test-" \
        --min-points 100 --max-points "$maxpts" --class-weights 1,1,1,1 --type-mix "$TYPEMIX" --coarse-fraction 0.2
    fi
    i=$((i + 1))
  done
}

# write_plans DIR: the protocol's feature plans as lists of feature names,
# DIR/plan.<name>.txt: full (every feature), runnerup (the runner-up's
# measures), winner (the winner's families, in-sample fits) and classical
# (the classical direction scores and the type indicators).
write_plans() {
  "$BIN" features list > "$1/plan.full.txt"
  grep -E '\.it\.|^meta\.' "$1/plan.full.txt" > "$1/plan.runnerup.txt"
  grep -vE '\.oof\.|^D\.dir\.|\.it\.' "$1/plan.full.txt" > "$1/plan.winner.txt"
  grep -E '^D\.dir\.|^meta\.' "$1/plan.full.txt" > "$1/plan.classical.txt"
}

# select_first CORPUS NAME SIMS N DIR: DIR/NAME.train.features and
# DIR/NAME_train_target.csv, the first N pairs of source NAME of make-model's
# corpus CORPUS (scripts/first-per-simulator.py), without featurizing again.
select_first() {
  python3 scripts/first-per-simulator.py "$1/$2_train_target.csv" "$4" "$3" "$2" "$5/$2_train_target.csv"
  "$BIN" features select -q --target "$5/$2_train_target.csv" -o "$5/$2.train.features" "$1/$2_train.features"
}
