#!/usr/bin/python3
"""Extract the certified real-pair collection into testdata/realpairs/.

Every pair's direction is certified by design, time order or mechanism
(scripts/realpairs_spec.py holds the list, each pair with its reason and a
quote of the data set's documentation, checked word for word here against
the installed R help pages).

Writes, in the challenge format the project reads:
  realpairs_pairs.csv       SampleID,A,B
  realpairs_publicinfo.csv  SampleID,A type,B type
  realpairs_target.csv      SampleID,Target,Details
  realpairs_weights.csv     SampleID,Weight (each data set's pairs sum to one)
  realpairs_groups.csv      SampleID,Group (the pair's data set)
  realpairs_meta.csv        SampleID,Dataset,Package,A,B,Cause,Effect,Kind,Reason,Quote
  realpairs_datasets.csv    Dataset,Package,Version,Licence,Pairs,Twins
  realpairs_excluded.csv    Dataset,Reason (data sets a Tübingen pair comes from or near)
  SOURCES.md

Run with Debian's Python after installing the Debian packages:

    apt-get update && apt-get install -y r-base-core r-cran-mass r-cran-nlme \
        r-cran-lme4 r-cran-hsaur3 r-cran-cardata r-cran-aer r-cran-dslabs \
        r-cran-mlbench r-cran-palmerpenguins r-cran-emdbook r-cran-vcd \
        r-cran-multcomp r-cran-dosefinding r-cran-lattice r-cran-robustbase \
        r-cran-geepack r-cran-coin r-cran-sm r-cran-ordinal r-cran-glmmtmb \
        r-cran-pscl r-cran-learnbayes r-cran-modeldata r-cran-boot r-cran-survival \
        r-cran-th.data python3-numpy
    /usr/bin/python3 scripts/extract-realpairs.py

The output is deterministic for a given set of package versions (recorded
in SOURCES.md): row subsamples are seeded by the pair, the A/B order by SEED
(a re-run keeps the order of the pairs already committed).
"""

import csv
import io
import math
import os
import re
import subprocess
import sys
import tempfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from realpairs_spec import DATASETS  # noqa: E402

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
OUT_DIR = os.path.join(ROOT, "testdata", "realpairs")
PACKAGES = ("r-base-core r-cran-mass r-cran-nlme r-cran-lme4 r-cran-hsaur3 r-cran-cardata "
            "r-cran-aer r-cran-dslabs r-cran-mlbench r-cran-palmerpenguins r-cran-emdbook "
            "r-cran-vcd r-cran-multcomp r-cran-dosefinding r-cran-lattice r-cran-robustbase "
            "r-cran-geepack r-cran-coin r-cran-sm r-cran-ordinal r-cran-glmmtmb r-cran-pscl "
            "r-cran-learnbayes r-cran-modeldata r-cran-boot r-cran-survival r-cran-th.data python3-numpy")
APT_HINT = f"apt-get update && apt-get install -y {PACKAGES}"

SEED = 20261207        # the A/B order of the pairs
MAX_ROWS = 2000        # seeded subsample above this
MIN_ROWS = 10          # a pair needs at least this many complete rows
PREFIX = "realpair"

DEBIAN = {"datasets": "r-base-core"}

# Data sets a Tübingen pair is drawn from, or too close to one (the marginals
# library's exclusion list, internal/generate/marginals/SOURCES.md, named by
# the package copies installed here). No pair is taken from them.
EXCLUDED = [
    ("MASS/Pima.tr", "Pima Indians diabetes: Tübingen pairs"),
    ("MASS/Pima.te", "Pima Indians diabetes: Tübingen pairs"),
    ("MASS/Pima.tr2", "Pima Indians diabetes: Tübingen pairs"),
    ("mlbench/PimaIndiansDiabetes", "Pima Indians diabetes: Tübingen pairs"),
    ("mlbench/PimaIndiansDiabetes2", "Pima Indians diabetes: Tübingen pairs"),
    ("modeldata/concrete", "concrete compressive strength: Tübingen pairs 25-32"),
    ("MASS/geyser", "Old Faithful: Tübingen pair 19"),
    ("datasets/faithful", "Old Faithful: Tübingen pair 19"),
    ("TH.data/geyser", "Old Faithful: Tübingen pair 19"),
    ("sm/geyser", "Old Faithful: Tübingen pair 19"),
    ("MASS/GAGurine", "Tübingen pair 18"),
    ("MASS/cpus", "Tübingen pair 100"),
    ("MASS/nlschools", "Tübingen pair 99"),
    ("datasets/mtcars", "car data, too close to auto-mpg (Tübingen pairs 33-37)"),
    ("MASS/Cars93", "car data, too close to auto-mpg"),
    ("modeldata/car_prices", "car data, too close to auto-mpg"),
    ("datasets/airquality", "air quality and ozone (Tübingen pairs 49-55)"),
    ("lattice/environmental", "air quality and ozone (Tübingen pairs 49-55)"),
    ("mlbench/Ozone", "air quality and ozone (Tübingen pairs 49-55)"),
    ("MASS/Sitka", "ozone chambers (Tübingen pairs 49-55)"),
    ("MASS/Sitka89", "ozone chambers (Tübingen pairs 49-55)"),
    ("geepack/sitka89", "ozone chambers (Tübingen pairs 49-55)"),
    ("geepack/spruce", "ozone chambers (Tübingen pairs 49-55)"),
    ("nlme/Spruce", "ozone chambers (Tübingen pairs 49-55)"),
    ("datasets/nottem", "temperature, weather, climate or hydrology (Tübingen's DWD, NCEP, MOPEX pairs)"),
    ("datasets/nhtemp", "temperature, weather, climate or hydrology"),
    ("datasets/beaver1", "temperature"),
    ("datasets/beaver2", "temperature"),
    ("MASS/beav1", "temperature"),
    ("MASS/beav2", "temperature"),
    ("boot/beaver", "temperature"),
    ("MASS/whiteside", "temperature and gas consumption"),
    ("datasets/precip", "weather"),
    ("datasets/treering", "climate"),
    ("datasets/LakeHuron", "hydrology"),
    ("datasets/Nile", "hydrology"),
    ("boot/manaus", "hydrology"),
    ("boot/salinity", "hydrology"),
    ("robustbase/salinity", "hydrology"),
    ("robustbase/kootenay", "hydrology"),
    ("robustbase/NOxEmissions", "weather and emissions"),
    ("robustbase/ambientNOxCH", "weather and emissions"),
    ("HSAUR3/clouds", "rainfall (weather); also in doubt"),
    ("HSAUR3/UStemp", "temperature"),
    ("dslabs/temp_carbon", "temperature and CO2 (Tübingen pairs 73, 81-83)"),
    ("dslabs/greenhouse_gases", "CO2 (Tübingen pairs 73, 81-83)"),
    ("dslabs/historic_co2", "CO2 (Tübingen pairs 73, 81-83)"),
    ("datasets/co2", "CO2 (Tübingen pairs 73, 81-83)"),
    ("datasets/CO2", "CO2 uptake (Tübingen pairs 73, 81-83)"),
    ("datasets/sunspots", "sunspots: Tübingen pair 72"),
    ("datasets/sunspot.month", "sunspots: Tübingen pair 72"),
    ("datasets/sunspot.year", "sunspots: Tübingen pair 72"),
    ("datasets/state.x77", "country and population statistics (UN data pairs 56-64, 73-76, 84)"),
    ("datasets/LifeCycleSavings", "country statistics"),
    ("datasets/longley", "employment statistics"),
    ("datasets/swiss", "population statistics"),
    ("dslabs/gapminder", "country statistics, life expectancy"),
    ("carData/UN", "country statistics, life expectancy"),
    ("carData/UN98", "country statistics, life expectancy"),
    ("AER/OECDGrowth", "country statistics"),
    ("AER/GrowthDJ", "country statistics"),
    ("datasets/EuStockMarkets", "stock prices (Tübingen pairs 65-67)"),
    ("MASS/SP500", "stock returns (Tübingen pairs 65-67)"),
    ("HSAUR3/Forbes2000", "firm market values (Tübingen pairs 65-67)"),
    ("datasets/UKgas", "energy consumption (pair 68)"),
    ("datasets/WWWusage", "internet traffic (pairs 95-96)"),
    ("MASS/Traffic", "traffic (Tübingen pair 47)"),
    ("nlme/Milk", "milk protein: Tübingen pair 85"),
    ("MASS/Boston", "housing (Tübingen pair 86, apartment rent)"),
    ("mlbench/BostonHousing", "housing (Tübingen pair 86)"),
    ("mlbench/BostonHousing2", "housing (Tübingen pair 86)"),
    ("modeldata/ames", "housing (Tübingen pair 86)"),
    ("modeldata/Sacramento", "housing (Tübingen pair 86)"),
    ("cluster/chorSub", "soil chemistry (Tübingen pairs 89-92)"),
    ("MASS/gilgais", "soil chemistry (Tübingen pairs 89-92)"),
    ("carData/Soils", "soil chemistry (Tübingen pairs 89-92)"),
    ("robustbase/condroz", "soil chemistry (Tübingen pairs 89-92)"),
    ("robustbase/phosphor", "soil chemistry (Tübingen pairs 89-92)"),
]

# Data sets considered and left out (not on the Tübingen list), with the reason.
LEFT_OUT = [
    ("datasets trees", "girth, height and timber volume are sizes of one tree: geometric, close to definitional"),
    ("datasets women, MASS mammals, MASS cats Bwt-Hwt", "size relations with common causes, no design"),
    ("datasets esoph, datasets infert", "case-control sampling on the outcome"),
    ("datasets BOD, datasets Formaldehyde, boot co.transfer", "fewer than 10 rows"),
    ("carData OBrienKaiser, carData WeightLoss", "contrived (invented) data"),
    ("MASS cement, HSAUR3 students, HSAUR3 bp, HSAUR3 phosphate", "direction or effect in doubt"),
    ("HSAUR3 roomwidth", "unit of measure -> value is definitional"),
    ("carData Davis measured -> reported height/weight", "both measure the true value: common cause"),
    ("AER ProgramEffectiveness, AER SmokeBan", "treatment not assigned: confounding in doubt"),
    ("nlme Nitrendipene, nlme Phenobarb", "documentation too thin to quote the design"),
    ("HSAUR3 toenail treatment -> outcome", "two active drugs with no documented difference: effect in doubt"),
    ("geepack dietox Evit/Cu -> Weight", "documented as without clear effect: in doubt"),
    ("datasets Seatbelts law -> casualties", "casualties moved the legislators: feedback in doubt"),
    ("survival myeloid", "simulated data"),
]


def die(msg):
    sys.exit(f"extract-realpairs: {msg}\ninstall the data packages with:\n  {APT_HINT}")


def rq(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def split_col(col):
    frame, _, name = col.rpartition(":")
    return frame, name


def r_export(tmp):
    """Dump each data set's frames to CSV (factors as level codes) and help text."""
    lines = ["options(warn=1)",
             "code <- function(c) { if (is.logical(c)) c <- factor(c, levels=c(FALSE, TRUE));"
             " if (is.character(c)) c <- factor(c);"
             " if (is.factor(c)) list(as.integer(c), if (is.ordered(c)) 'ordered' else 'factor', nlevels(c))"
             " else list(as.numeric(c), 'numeric', 0L) }",
             "dump <- function(d, out) { d <- as.data.frame(d); cols <- lapply(d, code);"
             " v <- as.data.frame(lapply(cols, `[[`, 1)); names(v) <- names(d);"
             " write.csv(v, out, row.names=FALSE, na='NA');"
             " kinds <- vapply(cols, function(c) paste(c[[2]], c[[3]]), '');"
             " writeLines(paste(names(d), kinds, sep='\\t'), paste0(out, '.types')) }"]
    for i, ds in enumerate(DATASETS):
        pkg, name = ds["pkg"], ds["name"]
        frames = {"": "as.data.frame(x)"}
        frames.update(ds["frames"])
        lines.append(f"x <- tryCatch(getExportedValue({rq(pkg)}, {rq(name)}), error=function(err) {{"
                     f" e <- new.env(); suppressWarnings(data(list={rq(name)}, package={rq(pkg)}, envir=e));"
                     f" get({rq(name)}, envir=e) }})")
        for fname, expr in frames.items():
            out = os.path.join(tmp, f"{i}__{fname}.csv")
            lines.append(f"dump(local({expr}), {rq(out)})")
        doc = os.path.join(tmp, f"{i}.txt")
        lines.append(f"local({{ f <- utils:::index.search({rq(name)}, find.package({rq(pkg)}));"
                     f" tools::Rd2txt(utils:::.getHelpFile(f), out={rq(doc)}, options=list(underline_titles=FALSE)) }})")
    pkgs = sorted({ds["pkg"] for ds in DATASETS})
    lines.append(f"for (p in c({', '.join(rq(p) for p in pkgs)})) "
                 f"cat(p, packageDescription(p)$Version, packageDescription(p)$License, sep='\\t', file={rq(os.path.join(tmp, 'versions.tsv'))}, append=TRUE); "
                 f"")
    lines[-1] = (f"for (p in c({', '.join(rq(p) for p in pkgs)})) "
                 f"cat(p, '\\t', packageDescription(p)$Version, '\\t', packageDescription(p)$License, '\\n', sep='', "
                 f"file={rq(os.path.join(tmp, 'versions.tsv'))}, append=TRUE)")
    script = os.path.join(tmp, "export.R")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    try:
        subprocess.run(["Rscript", script], check=True, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"Rscript failed: {e}")
    info = {}
    with open(os.path.join(tmp, "versions.tsv")) as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            info[p[0]] = (p[1], p[2])
    return info


def read_frame(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    cols = {h: [r[j] for r in rows[1:]] for j, h in enumerate(rows[0])}
    kinds = {}
    with open(path + ".types") as f:
        for line in f:
            name, kind = line.rstrip("\n").split("\t")
            k, n = kind.split()
            kinds[name] = (k, int(n))
    return cols, kinds


def normalise(text):
    text = re.sub("[_*'\"\u2018\u2019\u201c\u201d]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def number(t):
    if t in ("NA", "", "NaN"):
        return None
    x = float(t)
    return x if math.isfinite(x) else None


def fmt(x):
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def var_type(kind, values, override):
    if override:
        return override
    if len(set(values)) == 2:
        return "Binary"
    if kind[0] == "factor":
        return "Categorical"
    return "Numerical"


def build(tmp):
    import numpy as np
    pairs = []   # dicts
    problems = []
    for i, ds in enumerate(DATASETS):
        dataset = f"{ds['pkg']}/{ds['name']}"
        doc = normalise(open(os.path.join(tmp, f"{i}.txt"), encoding="utf-8").read())
        frames = {}
        for p in ds["pairs"]:
            quote = p["quote"] or ds["quote"]
            if normalise(quote) not in doc:
                problems.append(f"{dataset}: quote not in the help page: {quote!r}")
            fa, ca = split_col(p["cause"])
            fb, cb = split_col(p["effect"])
            if fa != fb:
                problems.append(f"{dataset}: {p['cause']} and {p['effect']} from different frames")
                continue
            if fa not in frames:
                frames[fa] = read_frame(os.path.join(tmp, f"{i}__{fa}.csv"))
            cols, kinds = frames[fa]
            if ca not in cols or cb not in cols:
                problems.append(f"{dataset}: no column {ca!r} or {cb!r} (have {sorted(cols)})")
                continue
            xs, ys = [], []
            for u, v in zip(cols[ca], cols[cb]):
                a, b = number(u), number(v)
                if a is not None and b is not None:
                    xs.append(a)
                    ys.append(b)
            if len(xs) > MAX_ROWS:
                rng = np.random.default_rng(zlib.crc32(f"{dataset}:{ca}:{cb}".encode()))
                idx = np.sort(rng.choice(len(xs), MAX_ROWS, replace=False))
                xs = [xs[j] for j in idx]
                ys = [ys[j] for j in idx]
            if len(xs) < MIN_ROWS:
                problems.append(f"{dataset}: {ca} -> {cb} has {len(xs)} complete rows, want {MIN_ROWS}")
                continue
            if len(set(xs)) < 2 or len(set(ys)) < 2:
                problems.append(f"{dataset}: {ca} -> {cb} has a constant column")
                continue
            pairs.append({
                "dataset": dataset, "pkg": ds["pkg"], "cause": ca, "effect": cb,
                "tcause": var_type(kinds[ca], xs, ds["types"].get(ca)),
                "teffect": var_type(kinds[cb], ys, ds["types"].get(cb)),
                "x": xs, "y": ys, "kind": p["kind"], "reason": p["reason"], "quote": re.sub(r"\s+", " ", quote),
                "independent": p.get("independent", False)})
    if problems:
        die("the spec does not match the data:\n  " + "\n  ".join(problems))
    return pairs


def committed_order():
    """The A/B order of the pairs already in realpairs_meta.csv, by (data set,
    first column, second column) in spec order: {key: swapped}."""
    out = {}
    try:
        with open(os.path.join(OUT_DIR, "realpairs_meta.csv"), newline="") as f:
            for r in csv.DictReader(f):
                cause = r["Cause"] or None
                if cause:
                    out[(r["Dataset"], r["Cause"], r["Effect"])] = r["A"] != r["Cause"]
                else:
                    out[(r["Dataset"], "pair", r["A"], r["B"])] = False
                    out[(r["Dataset"], "pair", r["B"], r["A"])] = True
    except OSError:
        pass
    return out


def orient(pairs):
    """Number the pairs and choose A/B. A pair already committed keeps its
    order, so that a later fix (a pair added, removed or relabelled in its own
    commit) leaves every other pair as it was. Without a committed collection
    a seeded permutation writes half of the directed pairs (and of the
    independent ones) effect first; new pairs in an existing collection are
    written effect first when their seeded hash is odd."""
    import numpy as np
    old = committed_order()
    if not old:
        rng = np.random.default_rng(SEED)
        for group in ([p for p in pairs if not p["independent"]], [p for p in pairs if p["independent"]]):
            order = rng.permutation(len(group))
            for rank, j in enumerate(order):
                group[j]["swap"] = rank < len(group) // 2
    else:
        for p in pairs:
            key = ((p["dataset"], "pair", p["cause"], p["effect"]) if p["independent"]
                   else (p["dataset"], p["cause"], p["effect"]))
            if key in old:
                p["swap"] = old[key]
            else:
                p["swap"] = zlib.crc32(f"{SEED}:{p['dataset']}:{p['cause']}:{p['effect']}".encode()) % 2 == 1
    for n, p in enumerate(pairs, 1):
        p["id"] = f"{PREFIX}{n}"
    return pairs


def write_csv(path, header, rows):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def write(pairs, info):
    os.makedirs(OUT_DIR, exist_ok=True)
    per_set = {}
    for p in pairs:
        per_set.setdefault(p["dataset"], []).append(p)
    pr, pi, tg, wt, meta = [], [], [], [], []
    for p in pairs:
        a, b, ta, tb, na, nb = p["x"], p["y"], p["tcause"], p["teffect"], p["cause"], p["effect"]
        if p["swap"]:
            a, b, ta, tb, na, nb = b, a, tb, ta, nb, na
        if p["independent"]:
            target, details, cause, effect = 0, 4, "", ""
        else:
            target, details = (-1, 2) if p["swap"] else (1, 1)
            cause, effect = p["cause"], p["effect"]
        pr.append((p["id"], " ".join(fmt(v) for v in a), " ".join(fmt(v) for v in b)))
        pi.append((p["id"], ta, tb))
        tg.append((p["id"], target, details))
        k = len(per_set[p["dataset"]])
        wt.append((p["id"], repr(1.0 / k)))
        meta.append((p["id"], p["dataset"], p["pkg"], na, nb, cause, effect, p["kind"], p["reason"], p["quote"]))
    write_csv(os.path.join(OUT_DIR, "realpairs_pairs.csv"), ("SampleID", "A", "B"), pr)
    write_csv(os.path.join(OUT_DIR, "realpairs_publicinfo.csv"), ("SampleID", "A type", "B type"), pi)
    write_csv(os.path.join(OUT_DIR, "realpairs_target.csv"), ("SampleID", "Target", "Details"), tg)
    write_csv(os.path.join(OUT_DIR, "realpairs_weights.csv"), ("SampleID", "Weight"), wt)
    write_csv(os.path.join(OUT_DIR, "realpairs_groups.csv"), ("SampleID", "Group"),
              [(p["id"], p["dataset"]) for p in pairs])
    write_csv(os.path.join(OUT_DIR, "realpairs_meta.csv"),
              ("SampleID", "Dataset", "Package", "A", "B", "Cause", "Effect", "Kind", "Reason", "Quote"), meta)
    twins = {f"{d['pkg']}/{d['name']}": d["twins"] for d in DATASETS}
    rows = []
    for ds, ps in per_set.items():
        pkg = ps[0]["pkg"]
        ver, lic = info.get(pkg, ("?", "?"))
        if pkg == "datasets":
            lic = f"{lic} (GPL-2 | GPL-3)"
        rows.append((ds, pkg, ver, lic, len(ps), ";".join(twins[ds])))
    write_csv(os.path.join(OUT_DIR, "realpairs_datasets.csv"),
              ("Dataset", "Package", "Version", "Licence", "Pairs", "Twins"), rows)
    write_csv(os.path.join(OUT_DIR, "realpairs_excluded.csv"), ("Dataset", "Reason"), EXCLUDED)
    write_sources(pairs, rows, per_set)


def write_sources(pairs, rows, per_set):
    def count(key):
        out = {}
        for p in pairs:
            out[key(p)] = out.get(key(p), 0) + 1
        return ", ".join(f"{k} {v}" for k, v in sorted(out.items()))
    directed = [p for p in pairs if not p["independent"]]
    swapped = sum(p["swap"] for p in directed)
    with open(os.path.join(OUT_DIR, "SOURCES.md"), "w") as f:
        f.write("# Certified real pairs\n\n"
                "Made by `scripts/extract-realpairs.py` (the pairs, reasons and quotes are listed in\n"
                "`scripts/realpairs_spec.py`); run it with Debian's /usr/bin/python3 after\n"
                f"`{APT_HINT}`.\n\n"
                f"{len(pairs)} pairs from {len(per_set)} data sets in {len({p['pkg'] for p in pairs})} packages. "
                "Labels were committed before any model or method scored the collection;\n"
                "a label found wrong later is fixed in its own commit with the reason.\n\n"
                "## Files\n\n"
                "- `realpairs_pairs.csv`, `realpairs_publicinfo.csv`, `realpairs_target.csv`: the challenge format\n"
                "  (Target 1 = A->B, -1 = B->A, 0 = independent by design; Details 1, 2 or 4).\n"
                "- `realpairs_weights.csv`: SampleID,Weight; each data set's pairs sum to one (as Tübingen's weights).\n"
                "- `realpairs_groups.csv`: SampleID,Group, the pair's data set (for leave-one-data-set-out).\n"
                "- `realpairs_meta.csv`: data set, package, the columns written as A and B, cause and effect (empty\n"
                "  for independent pairs), certification kind, reason, and a quote of the data set's help page\n"
                "  (checked word for word by the script).\n"
                "- `realpairs_datasets.csv`: data set, package, version, licence, pairs, other copies (twins) of the\n"
                "  same data in other packages; `internal/generate/marginals` leaves all of them out.\n"
                "- `realpairs_excluded.csv`: data sets a Tübingen pair comes from or is close to; none is used.\n\n"
                "## Rules\n\n"
                "- Every direction is certified by one of: **design** (the experimenters set the cause: dose,\n"
                "  concentration, temperature, treatment, feed, spray, fertiliser, schedule), **time-order** (a time,\n"
                "  age, sex or genotype fixed earlier, or an earlier measurement, and a later measurement that cannot\n"
                "  cause it), **mechanism** (a documented physical, chemical or biological mechanism acting one way).\n"
                "- Two factors crossed in a balanced designed experiment are written as independent (Target 0,\n"
                "  Details 4). No confounded (class 3) pairs.\n"
                "- Left out: feedback loops, definitional relations (a ratio and its parts, units), likely common\n"
                "  causes without a design, case-control sampling, contrived data, anything in doubt.\n"
                f"- Rows with a missing value in either column dropped; at most {MAX_ROWS} rows per pair (a subsample\n"
                f"  seeded by data set and columns, original order kept); at least {MIN_ROWS} rows.\n"
                "- Factors are written as their level codes 1..k: two values -> Binary, an unordered factor ->\n"
                "  Categorical, numbers and ordered factors -> Numerical (overrides in the spec).\n"
                f"- A/B order: a seeded permutation (numpy default_rng({SEED})) wrote exactly half of the directed\n"
                f"  pairs (and of the independent ones) effect first when the collection was first extracted; a\n"
                "  re-run keeps every committed pair's order (new pairs: the parity of a seeded CRC-32 of data set\n"
                f"  and columns). Now {swapped} of {len(directed)} directed pairs are B->A.\n\n"
                "## Counts\n\n"
                f"- by certification: {count(lambda p: p['kind'] + (' (independent)' if p['independent'] else ''))}\n"
                f"- by target: {count(lambda p: 'independent' if p['independent'] else ('B->A' if p['swap'] else 'A->B'))}\n"
                f"- by type pair (cause-effect): {count(lambda p: p['tcause'] + '-' + p['teffect'])}\n"
                f"- by package: {count(lambda p: p['pkg'])}\n\n"
                "## Data sets\n\n"
                "| data set | Debian package | version | licence | pairs | twins left out of the marginals |\n"
                "|---|---|---|---|---|---|\n")
        for ds, pkg, ver, lic, n, tw in rows:
            deb = DEBIAN.get(pkg, "r-cran-" + pkg.lower())
            f.write(f"| {ds} | {deb} | {ver} | {lic.replace('|', '/')} | {n} | {tw.replace(';', ', ')} |\n")
        f.write("\n## Excluded\n\n"
                "Nothing is taken from a data set that a Tübingen pair is drawn from or is close to (the marginals\n"
                "library's exclusion list), nor from the SIM, AN/LS/MN or challenge collections (none of them is\n"
                "an R package data set). `realpairs_excluded.csv` names them; the test checks it.\n\n"
                "Considered and left out:\n\n| data sets | reason |\n|---|---|\n")
        for what, why in LEFT_OUT:
            f.write(f"| {what} | {why} |\n")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        info = r_export(tmp)
        pairs = build(tmp)
    pairs = orient(pairs)
    write(pairs, info)
    sets = len({p["dataset"] for p in pairs})
    print(f"extract-realpairs: {len(pairs)} pairs from {sets} data sets: {OUT_DIR}")


if __name__ == "__main__":
    main()
