#!/usr/bin/python3
"""Helper of scripts/bench-train.sh: generates the benchmark matrix and
trains XGBoost `hist` on it.

  bench-train.py gen DIR ROWS VALID_ROWS COLS SEED
  bench-train.py xgb DIR ROUNDS LEAVES LR FEATURE_FRACTION MAX_BIN THREADS

Files in DIR: train.f32 / valid.f32 (row-major little-endian float32),
train.labels / valid.labels (float64), meta.txt ("rows valid_rows cols").
"""
import json
import sys
import time

import numpy as np


def informative(cols):
    """Indices of the informative features, spread over the columns."""
    step = max(1, cols // 40)
    return np.arange(0, cols, step)[:40]


def target(x, inf, rng):
    """Binary label from a nonlinear function of the informative features."""
    v = np.nan_to_num(x[:, inf].astype(np.float64), nan=0.5) - 0.5
    k = len(inf)
    w = np.linspace(1.0, 0.2, k)
    z = (v * w).sum(axis=1) * 2
    z += 3 * v[:, 0] * v[:, min(1, k - 1)] * 4
    z += np.sin(6 * v[:, min(2, k - 1)])
    z += 0.6 * rng.standard_normal(len(z))
    return z


def gen(d, rows, vrows, cols, seed):
    rng = np.random.default_rng(seed)
    inf = informative(cols)
    zs = {}
    for name, n in (("train", rows), ("valid", vrows)):
        z = np.empty(n)
        with open(f"{d}/{name}.f32", "wb") as f:
            for r0 in range(0, n, 500):
                r1 = min(n, r0 + 500)
                x = rng.random((r1 - r0, cols), dtype=np.float32)
                x[rng.random(x.shape) < 0.02] = np.nan
                z[r0:r1] = target(x, inf, rng)
                x.tofile(f)
        zs[name] = z
    cut = np.median(zs["train"])
    for name, z in zs.items():
        (z > cut).astype(np.float64).tofile(f"{d}/{name}.labels")
    with open(f"{d}/meta.txt", "w") as f:
        f.write(f"{rows} {vrows} {cols}\n")


def auc(y, s):
    """Area under the ROC curve (ties get average ranks)."""
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ss = s[order]
    i = 0
    while i < len(ss):
        j = i
        while j + 1 < len(ss) and ss[j + 1] == ss[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    pos = y == 1
    npos, nneg = pos.sum(), (~pos).sum()
    return (ranks[pos].sum() - npos * (npos + 1) / 2) / (npos * nneg)


def xgb_train(d, rounds, leaves, lr, ff, max_bin, threads):
    import xgboost as xgb
    rows, vrows, cols = map(int, open(f"{d}/meta.txt").read().split())
    x = np.fromfile(f"{d}/train.f32", dtype=np.float32).reshape(rows, cols)
    y = np.fromfile(f"{d}/train.labels")
    vx = np.fromfile(f"{d}/valid.f32", dtype=np.float32).reshape(vrows, cols)
    vy = np.fromfile(f"{d}/valid.labels")
    t0 = time.perf_counter()
    dtrain = xgb.QuantileDMatrix(x, label=y, max_bin=max_bin, nthread=threads)
    del x
    t_build = time.perf_counter() - t0
    params = {
        "objective": "binary:logistic", "tree_method": "hist",
        "grow_policy": "lossguide", "max_leaves": leaves, "max_depth": 0,
        "eta": lr, "colsample_bytree": ff, "max_bin": max_bin,
        "nthread": threads, "seed": 1,
    }
    booster = xgb.train(params, dtrain, num_boost_round=rounds)
    t1 = time.perf_counter()
    pred = booster.predict(xgb.DMatrix(vx, nthread=threads), output_margin=True)
    print(json.dumps({"seconds": t1 - t0, "build_seconds": t_build,
                      "auc": float(auc(vy, pred))}))


if __name__ == "__main__":
    a = sys.argv
    if a[1] == "gen":
        gen(a[2], int(a[3]), int(a[4]), int(a[5]), int(a[6]))
    else:
        xgb_train(a[2], int(a[3]), int(a[4]), float(a[5]), float(a[6]), int(a[7]), int(a[8]))
