#!/usr/bin/env bash
# make bench-graph: causal graph against PC, GES (causal-learn) and
# DirectLiNGAM (lingam) on generate --table DAGs (mixed types, missing
# cells), and against the naive scan graph (every pair with |score| > 0.3).
# For each number of columns in COLS and each seed in SEEDS it draws a
# ROWS-row table, runs every method on it, scores the graph with
# causal evaluate --edges, and prints the mean SHD, skeleton precision and
# recall, orientation accuracy and CPU seconds per method. causal graph
# runs with its defaults; PC (Fisher-z on the complete rows, pc, and
# causal-learn's missing-value Fisher-z on all rows, pc-mv) at each level
# in PC_ALPHAS.
#
# CPU: causal's is the whole process (reading, tests, loading the model,
# scoring the edges; /usr/bin/time user+sys); a peer's is its method call
# alone (Python's process_time around pc()/ges()/fit(), all threads), so
# its interpreter start-up and CSV reading are not counted against it.
#
# Peers run on Debian's /usr/bin/python3 with Debian's python3-* packages
# (see /work/shared/vendor/README.md); the sources are unpacked into
# PEERS (default /tmp/peers) with stand-ins for their optional imports.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/causal}
COLS=${COLS:-10 20 50}
SEEDS=${SEEDS:-1 2 3}
ROWS=${ROWS:-2000}
MISSING=${MISSING:-0.1}
PC_ALPHAS=${PC_ALPHAS:-0.01 0.0001}
METHODS=${METHODS:-graph scan pc pc-mv ges lingam}
TIMEOUT=${TIMEOUT:-900}
CORES=${CORES:-1}
PEERS=${PEERS:-/tmp/peers}
VENDOR=${VENDOR:-/work/shared/vendor}
dir=${BENCH_DIR:-out/bench-graph}
mkdir -p "$dir"

setup_peers() {
  if ! /usr/bin/python3 -c 'import numpy, scipy, sklearn, pandas, networkx' 2>/dev/null; then
    echo "bench-graph: the peers need Debian's Python packages:" >&2
    echo "  apt-get update && apt-get install -y python3-numpy python3-scipy python3-sklearn python3-pandas python3-networkx python3-statsmodels python3-pydot python3-tqdm python3-graphviz python3-matplotlib python3-joblib" >&2
    exit 1
  fi
  mkdir -p "$PEERS/standins/autograd"
  [ -d "$PEERS/causallearn" ] || tar -xzf "$VENDOR"/causal-learn-*-src.tar.gz -C "$PEERS"
  [ -d "$PEERS/lingam" ] || tar -xzf "$VENDOR"/lingam-*-src.tar.gz -C "$PEERS"
  local s=$PEERS/standins
  printf 'def _no(*a, **k):\n    raise ImportError("momentchi2 stand-in")\nhbe = sw = lpb4 = _no\n' > "$s/momentchi2.py"
  printf 'class LinearGAM:\n    def __init__(self, *a, **k):\n        raise ImportError("pygam stand-in")\n' > "$s/pygam.py"
  printf 'def cfa(*a, **k):\n    raise ImportError("psy stand-in")\n' > "$s/psy.py"
  : > "$s/semopy.py"
  printf 'def grad(*a, **k):\n    raise ImportError("autograd stand-in")\n' > "$s/autograd/__init__.py"
  : > "$s/autograd/numpy.py"
  export PYTHONPATH=$s:$PEERS
  /usr/bin/python3 -c 'from causallearn.search.ConstraintBased.PC import pc; from causallearn.search.ScoreBased.GES import ges; import lingam'
}
setup_peers

# cpu_of file: user+sys seconds from a /usr/bin/time -f "%U %S" file.
cpu_of() { awk '{ printf "%.3f", $1 + $2 }' "$1"; }

# scan_edges scores.csv: the naive scan graph, every pair with |score| > 0.3
# as an edge in the score's direction (generated names hold no commas).
scan_edges() {
  awk -F, 'NR == 1 { print "cause,effect,score,low,high,p_value,edge,oriented_by"; next }
    $3 > 0.3 { print $1 "," $2 "," $3 ",,,,directed,scan" }
    $3 < -0.3 { print $2 "," $1 "," (-$3) ",,,,directed,scan" }' "$1"
}

results=$dir/results.tsv
printf 'columns\tseed\tmethod\tshd\tprecision\trecall\torientation\tcpu\tedges\ttrue_edges\n' > "$results"
for ncol in $COLS; do
  for seed in $SEEDS; do
    t=$dir/c${ncol}_s$seed
    "$BIN" generate --quiet --table --columns "$ncol" --rows "$ROWS" --max-missing "$MISSING" --seed "$seed" -o "$t"
    runs=()
    for m in $METHODS; do
      case $m in
        pc|pc-mv) for a in $PC_ALPHAS; do runs+=("$m@$a"); done ;;
        *) runs+=("$m") ;;
      esac
    done
    for m in "${runs[@]}"; do
      out=$t.$m.csv
      cpu=NA
      case $m in
        graph)
          /usr/bin/time -f "%U %S" -o "$t.time" "$BIN" graph --quiet --cores "$CORES" "$t"_table.csv -o "$out"
          cpu=$(cpu_of "$t.time") ;;
        scan)
          /usr/bin/time -f "%U %S" -o "$t.time" "$BIN" scan --quiet --cores "$CORES" "$t"_table.csv -o "$t.scores.csv"
          cpu=$(cpu_of "$t.time")
          scan_edges "$t.scores.csv" > "$out" ;;
        *)
          alpha=0.01
          [[ $m == *@* ]] && alpha=${m#*@}
          if r=$(ALPHA=$alpha OMP_NUM_THREADS=$CORES OPENBLAS_NUM_THREADS=$CORES timeout "$TIMEOUT" /usr/bin/python3 scripts/graph-peers.py "${m%@*}" "$t"_table.csv "$out"); then
            cpu=${r%% *}
          else
            echo "bench-graph: $m on $t failed or timed out after ${TIMEOUT}s" >&2
            printf '%s\t%s\t%s\tNA\tNA\tNA\tNA\tNA\tNA\tNA\n' "$ncol" "$seed" "$m" >> "$results"
            continue
          fi ;;
      esac
      "$BIN" evaluate "$out" --edges "$t"_edges.csv --json > "$t.$m.eval.json"
      /usr/bin/python3 - "$t.$m.eval.json" "$ncol" "$seed" "$m" "$cpu" >> "$results" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
f = lambda x: "NA" if x is None else f"{x:.4f}"
print("\t".join([sys.argv[2], sys.argv[3], sys.argv[4], str(r["shd"]), f(r["skeleton_precision"]),
                 f(r["skeleton_recall"]), f(r["orientation_accuracy"]), sys.argv[5], str(r["edges"]), str(r["true_edges"])]))
EOF
      echo "columns $ncol seed $seed $m: $(tail -n 1 "$results" | cut -f4-)" >&2
    done
  done
done

# Mean per number of columns and method (NA runs counted and left out).
/usr/bin/python3 - "$results" <<'EOF'
import csv, sys
from collections import defaultdict
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
groups = defaultdict(list)
order = []
for r in rows:
    k = (int(r["columns"]), r["method"])
    if k not in groups:
        order.append(k)
    groups[k].append(r)
def mean(rs, key):
    v = [float(r[key]) for r in rs if r[key] != "NA"]
    return sum(v) / len(v) if v else float("nan")
print("| columns | method | runs | SHD | skeleton precision | skeleton recall | orientation accuracy | CPU s |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for k in order:
    rs = groups[k]
    ok = sum(r["shd"] != "NA" for r in rs)
    print(f"| {k[0]} | {k[1]} | {ok}/{len(rs)} | {mean(rs, 'shd'):.1f} | {mean(rs, 'precision'):.3f} | "
          f"{mean(rs, 'recall'):.3f} | {mean(rs, 'orientation'):.3f} | {mean(rs, 'cpu'):.2f} |")
EOF
