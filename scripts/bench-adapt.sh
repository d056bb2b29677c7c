#!/usr/bin/env bash
# The leave-one-source-out judgment of `causal adapt` (pre-registered in
# BENCHMARKS.md, "causal adapt, pre-registered"): for each held-out source
# s, an adapted model (`causal adapt` on s's unlabeled test pairs, drawing
# from the other five sources) against the unadapted control (`causal
# adapt --uniform --coarse 0.2`: the same number of pairs drawn equally
# from the other five, same sizes and types, same recipe); both scored on
# s's test pairs. Prints the bidirectional AUC of both per source, their
# means and the worst difference.
#
# The test pairs are the protocol's (scripts/bench-generalization.sh's
# OUT/gen/<source>_test_*), made by it when missing.
# Usage: scripts/bench-adapt.sh   (N=2400 PROBE=60 HELD="challenge sim cdt rcc anlsmn semireal"
#                                  GEN=out/loso-small/gen OUT=out/bench-adapt PLANFILE=)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
N=${N:-2400} PROBE=${PROBE:-60}
ALL="challenge sim cdt rcc anlsmn semireal"
HELD=${HELD:-$ALL}
GEN=${GEN:-out/loso-small/gen}
OUT=${OUT:-out/bench-adapt}
PLANFILE=${PLANFILE:-}
mkdir -p "$OUT"
[ -x "$BIN" ] || go build -o "$BIN" ./cmd/causal
if [ ! -s "$GEN/challenge_test_pairs.csv" ]; then
	SIZE=small PLANS=full OWN=0 bash scripts/bench-generalization.sh >&2
fi
planflag=()
[ -n "$PLANFILE" ] && planflag=(--plan "$PLANFILE")
auc() { "$BIN" evaluate "$1" --target "$2" --json | grep -o '"bidirectional_auc": *[0-9.]*' | grep -o '[0-9.]*$'; }
printf 'held-out\tadapted\tcontrol\tdifference\n'
for s in $HELD; do
	others=$(echo $ALL | tr ' ' '\n' | grep -vx "$s" | paste -sd,)
	t="$GEN/${s}_test"
	for kind in adapted control; do
		model="$OUT/$s.$kind.txt"
		flags=()
		[ "$kind" = control ] && flags=(--uniform --coarse 0.2)
		[ -s "$model" ] || "$BIN" adapt -q "${t}_pairs.csv" --info "${t}_publicinfo.csv" --sources "$others" \
			--n "$N" --probe "$PROBE" "${planflag[@]}" "${flags[@]}" -o "$model"
		"$BIN" predict -q "${t}_pairs.csv" --info "${t}_publicinfo.csv" --model "$model" -o "$OUT/$s.$kind.csv"
	done
	a=$(auc "$OUT/$s.adapted.csv" "${t}_target.csv") c=$(auc "$OUT/$s.control.csv" "${t}_target.csv")
	awk -v s="$s" -v a="$a" -v c="$c" 'BEGIN { printf "%s\t%.4f\t%.4f\t%+.4f\n", s, a, c, a - c }'
done | tee "$OUT/table.tsv"
awk -F'\t' '{ a += $2; c += $3; d = $2 - $3; if (NR == 1 || d < w) { w = d; ws = $1 } }
	END { if (NR) printf "mean\t%.4f\t%.4f\t%+.4f\nworst difference: %s %+.4f (rule: mean +0.02 and no source below -0.03)\n", a / NR, c / NR, (a - c) / NR, ws, w }' "$OUT/table.tsv"
