#!/usr/bin/env python3
"""Writes the target rows of the first N pairs of a make-model source.

    first-per-simulator.py SOURCE_target.csv N SIMS NAME OUT_target.csv

make-model.sh draws a source's pairs in equal parts from its simulators
(SIMS, comma-separated), with SampleIDs train-NAME-<simulator>-<k>. The
first N pairs are those with k <= N/len(SIMS) in each part (the first
N mod len(SIMS) parts one more): the corpus a make-model run with NPER=N
draws.
"""
import csv
import sys

path, n, sims, name, out = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(","), sys.argv[4], sys.argv[5]
quota = {s: n // len(sims) + (1 if k < n % len(sims) else 0) for k, s in enumerate(sims)}
with open(path, newline="") as f:
    rows = list(csv.reader(f))
keep = [rows[0]]
stem = "train-" + name + "-"
for r in rows[1:]:
    if not r[0].startswith(stem):
        sys.exit("%s: SampleID %s does not start with %s" % (path, r[0], stem))
    rest = r[0][len(stem):]
    sim, k = rest[: rest.rfind("-")], int(rest[rest.rfind("-") + 1 :])
    if sim not in quota:
        sys.exit("%s: SampleID %s: simulator %s is not among %s" % (path, r[0], sim, ",".join(sims)))
    if k <= quota[sim]:
        keep.append(r)
if len(keep) - 1 != n:
    sys.exit("%s: %d pairs of the first %d per simulator, want %d" % (path, len(keep) - 1, n // len(sims), n))
with open(out, "w", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(keep)
