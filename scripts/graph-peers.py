#!/usr/bin/python3
"""Run a peer's causal-discovery method on a table for make bench-graph.

    graph-peers.py METHOD table.csv edges.csv

METHOD: pc (causal-learn PC-stable, Fisher-z on the complete rows), pc-mv
(PC-stable with causal-learn's missing-value Fisher-z on all rows), ges
(causal-learn GES, BIC score, complete rows) or lingam (DirectLiNGAM,
complete rows). Text categories are coded 0..k-1 in the order of their
labels (what a user of these libraries does); columns are standardized;
columns constant on the rows used are left out. ALPHA (env, default 0.01)
is PC's level. Writes the graph as causal graph's edge list (cause,effect,
..., edge) and prints the CPU seconds of the method call (process_time,
all threads) and the rows used.
"""
import csv
import os
import sys
import time

import numpy as np
import pandas as pd


def load(path, complete):
    df = pd.read_csv(path, na_values=["NA"], keep_default_na=True)
    for c in df.columns:
        if df[c].dtype == object:
            codes, _ = pd.factorize(df[c], sort=True)
            df[c] = np.where(codes < 0, np.nan, codes).astype(float)
    if complete:
        df = df.dropna()
    df = df.loc[:, df.nunique() > 1]
    x = df.to_numpy(dtype=float)
    x = (x - np.nanmean(x, axis=0)) / np.nanstd(x, axis=0)
    return list(df.columns), x


def causallearn_edges(names, g):
    """Edges of a causal-learn graph matrix: g[j,i]=1, g[i,j]=-1 is i->j."""
    out = []
    n = len(names)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = g[i, j], g[j, i]
            if a == 0 and b == 0:
                continue
            if a == -1 and b == 1:
                out.append((names[i], names[j], "directed"))
            elif a == 1 and b == -1:
                out.append((names[j], names[i], "directed"))
            else:
                out.append((names[i], names[j], "undirected"))
    return out


def run(method, names, x):
    alpha = float(os.environ.get("ALPHA", "0.01"))
    if method in ("pc", "pc-mv"):
        from causallearn.search.ConstraintBased.PC import pc
        test = "fisherz" if method == "pc" else "mv_fisherz"
        cg = pc(x, alpha, test, stable=True, show_progress=False, verbose=False)
        return causallearn_edges(names, cg.G.graph)
    if method == "ges":
        from causallearn.search.ScoreBased.GES import ges
        rec = ges(x, score_func="local_score_BIC")
        return causallearn_edges(names, rec["G"].graph)
    if method == "lingam":
        import lingam
        m = lingam.DirectLiNGAM()
        m.fit(x)
        b = m.adjacency_matrix_  # b[i, j] != 0: j -> i
        return [(names[j], names[i], "directed") for i in range(len(names)) for j in range(len(names)) if b[i, j] != 0]
    raise SystemExit(f"unknown method {method}")


def main():
    method, table, out = sys.argv[1:4]
    names, x = load(table, complete=method != "pc-mv")
    t0 = time.process_time()
    edges = run(method, names, x)
    cpu = time.process_time() - t0
    with open(out + ".tmp", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["cause", "effect", "score", "low", "high", "p_value", "edge", "oriented_by"])
        for c, e, kind in edges:
            w.writerow([c, e, "", "", "", "", kind, method])
    os.replace(out + ".tmp", out)
    print(f"{cpu:.3f} {x.shape[0]}")


if __name__ == "__main__":
    main()
