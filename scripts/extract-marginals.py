#!/usr/bin/python3
"""Extract the library of real marginals for `causal generate --simulator semireal`.

Writes internal/generate/marginals/library.tsv.gz (one variable per line:
data set, name, comma-separated values as recorded) and SOURCES.md (data set,
package, licence, variables taken; the selection rules; the exclusions).

No data set of the certified real-pair collection (testdata/realpairs,
realpairs_datasets.csv, with its twin copies) is taken, so that no variable
is both a training marginal and a validation pair.

Run with Debian's Python (not a pyenv/virtualenv one), after installing the
Debian packages the data sets ship in:

    apt-get update && apt-get install -y python3-statsmodels python3-sklearn \
        r-base-core r-cran-mass r-cran-survival r-cran-boot r-cran-cluster \
        r-cran-mlbench r-cran-dslabs r-cran-modeldata
    /usr/bin/python3 scripts/extract-marginals.py

The output is deterministic for a given set of package versions (recorded in
SOURCES.md): subsamples are seeded by the variable's name.
"""

import csv
import gzip
import io
import math
import os
import subprocess
import sys
import tempfile
import zlib

OUT_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "internal", "generate", "marginals"))
APT_HINT = ("apt-get update && apt-get install -y python3-statsmodels python3-sklearn "
            "r-base-core r-cran-mass r-cran-survival r-cran-boot r-cran-cluster "
            "r-cran-mlbench r-cran-dslabs r-cran-modeldata")
REALPAIRS = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata",
                                          "realpairs", "realpairs_datasets.csv"))

MAX_VALUES = 2000       # seeded subsample above this
MIN_VALUES = 50         # skip variables with fewer finite values
MIN_DISTINCT = 5        # skip variables with fewer distinct values
MAX_PER_DATASET = 25    # seeded choice of variables above this

# Column names that identify rows, subjects or groups rather than measure
# anything (matched case-insensitively).
ID_NAMES = {"id", "subject", "chick", "tree", "seed", "rep", "case", "patient", "obs",
            "rownames", "index", "pid", "row", "run", "plot", "block", "stratum",
            "pooled.stratum", "rowid", "record", "trt", "treat", "group", "batch",
            "case.id", "seqno", "individual", "inst", "enum", "flc.grp", "event", "expt",
            "rowpos", "colpos", "pair", "litter"}

# Columns that are transforms of another column taken (data set, column).
DERIVED = {("statsmodels/anes96", "logpopul"), ("MASS/epil", "lbase"), ("MASS/epil", "lage")}

# R data sets taken: (package, data set, why it is safe).
R_SETS = [
    ("datasets", "quakes", "earthquakes off Fiji: location, depth, magnitude, stations"),
    ("datasets", "iris", "Anderson's iris flower measurements"),
    ("datasets", "attenu", "earthquake peak-acceleration attenuation"),
    ("datasets", "ChickWeight", "chick weights on diets"),
    ("datasets", "Loblolly", "loblolly pine heights by age"),
    ("datasets", "infert", "infertility after abortion, case-control"),
    ("datasets", "warpbreaks", "yarn warp breaks"),
    ("datasets", "morley", "Michelson's speed-of-light runs"),
    ("datasets", "Theoph", "theophylline pharmacokinetics"),
    ("datasets", "Indometh", "indometacin pharmacokinetics"),
    ("datasets", "DNase", "DNase ELISA assay"),
    ("datasets", "InsectSprays", "insect counts after sprays"),
    ("datasets", "chickwts", "chick weights by feed"),
    ("datasets", "OrchardSprays", "bee repellent orchard trial"),
    ("datasets", "rivers", "lengths of major North American rivers"),
    ("datasets", "lynx", "Canadian lynx trappings"),
    ("datasets", "esoph", "oesophageal cancer case-control counts"),
    ("datasets", "Seatbelts", "UK road casualties and driving distance"),
    ("datasets", "discoveries", "yearly counts of great discoveries"),
    ("datasets", "USAccDeaths", "US accidental deaths, monthly"),
    ("datasets", "ldeaths", "UK lung-disease deaths, monthly"),
    ("datasets", "BJsales", "Box-Jenkins sales series"),
    ("MASS", "Aids2", "Australian AIDS survival"),
    ("MASS", "anorexia", "anorexia patients' weights"),
    ("MASS", "bacteria", "H. influenzae in children's ear infections"),
    ("MASS", "biopsy", "Wisconsin breast biopsy cytology scores"),
    ("MASS", "birthwt", "risk factors of low birth weight"),
    ("MASS", "cabbages", "cabbage head weight and vitamin C"),
    ("MASS", "cats", "cats' body and heart weights"),
    ("MASS", "crabs", "Leptograpsus crab morphology"),
    ("MASS", "epil", "epileptic seizure counts"),
    ("MASS", "fgl", "forensic glass fragment composition"),
    ("MASS", "galaxies", "velocities of galaxies"),
    ("MASS", "genotype", "rat genotype litter weights"),
    ("MASS", "Insurance", "motor insurance claims counts"),
    ("MASS", "mammals", "brain and body weights of mammals"),
    ("MASS", "mcycle", "simulated motorcycle crash head acceleration"),
    ("MASS", "Melanoma", "malignant melanoma survival"),
    ("MASS", "michelson", "Michelson's speed-of-light measurements"),
    ("MASS", "newcomb", "Newcomb's light passage times"),
    ("MASS", "npr1", "US naval petroleum reserve well data"),
    ("MASS", "oats", "oats split-plot yields"),
    ("MASS", "OME", "otitis media with effusion tests"),
    ("MASS", "painters", "de Piles' scores of painters"),
    ("MASS", "quine", "school absence days"),
    ("MASS", "Rabbit", "rabbit blood pressure after drugs"),
    ("MASS", "snails", "snail mortality experiment"),
    ("MASS", "survey", "student survey: hand spans, pulse, height, age"),
    ("MASS", "topo", "spatial topographic heights"),
    ("MASS", "UScereal", "US breakfast cereal nutrition labels"),
    ("MASS", "VA", "veterans' lung cancer trial"),
    ("MASS", "wtloss", "weight loss of an obese patient"),
    ("survival", "lung", "NCCTG advanced lung cancer"),
    ("survival", "veteran", "veterans' administration lung cancer"),
    ("survival", "pbc", "Mayo primary biliary cholangitis"),
    ("survival", "colon", "colon cancer adjuvant chemotherapy"),
    ("survival", "flchain", "serum free light chains"),
    ("survival", "nwtco", "national Wilms' tumour study"),
    ("survival", "mgus2", "monoclonal gammopathy"),
    ("survival", "retinopathy", "diabetic retinopathy study"),
    ("survival", "cgd", "chronic granulomatous disease trial"),
    ("survival", "rotterdam", "Rotterdam breast cancer"),
    ("survival", "myeloid", "acute myeloid leukaemia trial"),
    ("survival", "nafld1", "non-alcoholic fatty liver disease cohort"),
    ("survival", "kidney", "kidney catheter infections"),
    ("survival", "rats", "rat tumour litters"),
    ("survival", "solder", "solder skips in circuit boards"),
    ("survival", "transplant", "liver transplant waiting list"),
    ("survival", "udca", "UDCA trial in biliary cirrhosis"),
    ("survival", "logan", "occupation of fathers and sons"),
    ("boot", "aids", "AIDS reporting delays"),
    ("boot", "amis", "car speeds near warning signs"),
    ("boot", "brambles", "bramble canes' spatial locations"),
    ("boot", "cane", "sugar cane disease"),
    ("boot", "channing", "Channing House retirement-home residents' ages"),
    ("boot", "coal", "British coal-mining disaster dates"),
    ("boot", "neuro", "neurophysiological point process"),
    ("boot", "tuna", "tuna sighting distances"),
    ("boot", "urine", "urine crystal analysis"),
    ("cluster", "plantTraits", "plant species traits"),
    ("mlbench", "Ionosphere", "UCI ionosphere radar returns"),
    ("mlbench", "Sonar", "UCI sonar returns from metal cylinders and rocks"),
    ("mlbench", "Vehicle", "UCI vehicle silhouette features"),
    ("dslabs", "olive", "fatty-acid composition of Italian olive oils"),
    ("modeldata", "cells", "cell-image segmentation features"),
]

# Python-packaged data sets: (package, data set, what it is).
PY_SETS = [
    ("statsmodels", "anes96", "American National Election Studies 1996"),
    ("statsmodels", "engel", "Engel's household food expenditure and income"),
    ("statsmodels", "modechoice", "travel mode choice"),
    ("statsmodels", "randhie", "RAND health insurance experiment"),
    ("statsmodels", "statecrime", "US state crime and demographics"),
    ("statsmodels", "strikes", "US strike durations"),
    ("sklearn", "wine", "UCI wine chemical analysis"),
    ("sklearn", "breast_cancer", "UCI breast cancer Wisconsin (diagnostic)"),
    ("sklearn", "diabetes", "Efron et al.'s diabetes progression (raw)"),
    ("sklearn", "digits", "UCI optical handwritten digits, 8x8 pixel counts"),
]

# Data sets left out, with the reason (written into SOURCES.md).
EXCLUDED = [
    ("abalone, census income (adult), auto-mpg, concrete compressive strength, arrhythmia, "
     "BUPA liver disorders, Pima Indians diabetes (MASS Pima.tr/Pima.te/Pima.tr2), "
     "acute inflammations, forest fires", "Tübingen pairs are drawn from them"),
    ("MASS geyser, datasets faithful", "Old Faithful: Tübingen pair 19"),
    ("MASS GAGurine, MASS cpus, MASS nlschools", "Tübingen pairs 18, 100, 99"),
    ("datasets mtcars, MASS Cars93, sklearn/UCI auto data", "car data, too close to auto-mpg"),
    ("datasets airquality, lattice environmental, MASS Sitka/Sitka89 (ozone chambers)",
     "air quality and ozone (Tübingen pairs 49-55)"),
    ("datasets nottem, nhtemp, beaver1/beaver2, MASS beav1/beav2, boot beaver, "
     "MASS whiteside, datasets precip, treering, LakeHuron, Nile, statsmodels elnino/nile, "
     "boot manaus, boot salinity",
     "temperature, weather, climate or hydrology (Tübingen's DWD, NCEP, MOPEX, snow pairs)"),
    ("datasets sunspots/sunspot.month/sunspot.year, statsmodels sunspots", "sunspots: Tübingen pair 72"),
    ("datasets co2, CO2, statsmodels co2", "CO2 (Tübingen pairs 73, 81-83)"),
    ("datasets state.x77, LifeCycleSavings, longley, uspop, austres, swiss, "
     "statsmodels fertility, macrodata, danish_data, interest_inflation, "
     "boot bigcity/city, ggplot2 midwest/economics",
     "country, population, employment or life-expectancy statistics (UN data pairs 56-64, 73-76, 84)"),
    ("datasets EuStockMarkets, JohnsonJohnson, MASS SP500, boot acme, statsmodels grunfeld",
     "stock returns, prices or firm market values (Tübingen pairs 65-67)"),
    ("datasets UKgas, WWWusage", "energy consumption, internet traffic (pairs 68, 95-96)"),
    ("MASS Traffic", "traffic (Tübingen pair 47)"),
    ("nlme Milk and any milk-protein data", "Tübingen pair 85"),
    ("any rent or housing data (MASS Boston, sklearn boston)", "Tübingen pair 86 (apartment rent); doubt"),
    ("cluster chorSub, MASS gilgais", "soil chemistry (Tübingen's Solly et al. soil pairs 89-92); doubt"),
    ("statsmodels ccard, committee, copper, cpunish, scotland, spector, star98, fair; "
     "statsmodels cancer, heart, china_smoking",
     "licence note 'used with permission, author retains all rights' or no licence note"),
    ("datasets randu, cluster ruspini/xclara, MASS synth.tr/te, MASS mcycle's boot twin motor, "
     "boot melanoma/catsM (MASS Melanoma/cats twins), datasets UKDriverDeaths/MASS drivers "
     "(Seatbelts twin), MASS deaths (ldeaths twin), sklearn iris (datasets iris twin)",
     "artificial or duplicate of a data set already taken"),
]

def collection_sets():
    """The real-pair collection's data sets and their twins (package/name)."""
    try:
        with open(REALPAIRS, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        sys.exit(f"extract-marginals: {e}: the real-pair collection lists the data sets to leave out")
    out = set()
    for r in rows:
        out.add(r["Dataset"])
        out.update(t for t in r["Twins"].split(";") if t)
    return out


def die(msg):
    sys.exit(f"extract-marginals: {msg}\ninstall the data packages with:\n  {APT_HINT}")


def r_export(tmp, skip):
    """Dump every numeric column of the R data sets to CSV files in tmp."""
    sets = [(p, d) for p, d, _ in R_SETS if f"{p}/{d}" not in skip]
    lines = ["options(warn=1)"]
    for pkg, name in sets:
        out = os.path.join(tmp, f"{pkg}__{name}.csv")
        lines.append(
            f'local({{ x <- tryCatch(getExportedValue("{pkg}", "{name}"), error=function(e) {{'
            f' en <- new.env(); data(list="{name}", package="{pkg}", envir=en); get("{name}", envir=en) }});'
            f' if (is.ts(x) && is.null(dim(x))) x <- data.frame(value=as.numeric(x))'
            f' else x <- as.data.frame(x);'
            f' keep <- vapply(x, function(c) is.numeric(c) && !is.factor(c), TRUE);'
            f' write.csv(x[, keep, drop=FALSE], "{out}", row.names=FALSE) }})')
    script = os.path.join(tmp, "export.R")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    try:
        subprocess.run(["Rscript", script], check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        die(f"Rscript failed: {e}")
    versions = subprocess.run(
        ["Rscript", "-e", f'for (p in c({",".join(chr(34) + p + chr(34) for p in sorted({p for p, _ in sets}))})) '
                          'cat(p, packageDescription(p)$Version, packageDescription(p)$License, sep="\\t", "\\n")'],
        check=True, capture_output=True, text=True).stdout
    info = {}
    for line in versions.splitlines():
        f = [s.strip() for s in line.split("\t")]
        if len(f) >= 3:
            info[f[0]] = (f[1], f[2])
    out = []
    for pkg, name in sets:
        with open(os.path.join(tmp, f"{pkg}__{name}.csv")) as f:
            rows = list(csv.reader(f))
        cols = {h: [] for h in rows[0]}
        for row in rows[1:]:
            for h, v in zip(rows[0], row):
                cols[h].append(v)
        out.append((pkg, name, cols))
    return out, info


def py_export(skip):
    """Load the Python-packaged data sets as {column: [text values]}."""
    try:
        import sklearn
        import sklearn.datasets as skd
        import statsmodels
        import importlib
    except ImportError as e:
        die(f"{e}")
    out = []
    for pkg, name, _ in PY_SETS:
        if f"{pkg}/{name}" in skip:
            continue
        if pkg == "statsmodels":
            m = importlib.import_module(f"statsmodels.datasets.{name}")
            df = m.load_pandas().data
            cols = {}
            for c in df.columns:
                if df[c].dtype.kind in "if":
                    cols[str(c)] = [repr(float(v)) for v in df[c]]
        else:
            if name == "diabetes":
                b = skd.load_diabetes(scaled=False)
            else:
                b = getattr(skd, f"load_{name}")()
            names = list(b.feature_names)
            cols = {str(n): [repr(float(v)) for v in b.data[:, j]] for j, n in enumerate(names)}
        out.append((pkg, name, cols))
    info = {"statsmodels": (statsmodels.__version__, "BSD-3-Clause"),
            "sklearn": (sklearn.__version__, "BSD-3-Clause")}
    return out, info


def number(text):
    """Parse one recorded value; None for missing."""
    t = text.strip()
    if t in ("", "NA", "NaN", "nan", "Inf", "-Inf", "inf", "-inf"):
        return None
    x = float(t)
    return x if math.isfinite(x) else None


def fmt(x):
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(x)


def is_row_counter(vals):
    return len(set(vals)) == len(vals) and all(v == int(v) for v in vals) and max(vals) - min(vals) == len(vals) - 1


def select(dataset, cols):
    """The variables of one data set that pass the rules, as (name, values)."""
    import numpy as np
    taken = []
    for name, texts in cols.items():
        if name.lower() in ID_NAMES or (dataset, name) in DERIVED:
            continue
        vals = [x for x in (number(t) for t in texts) if x is not None]
        if len(vals) < MIN_VALUES or len(set(vals)) < MIN_DISTINCT or is_row_counter(vals):
            continue
        clean = "".join(c if c.isalnum() or c in "._-" else "_" for c in name)
        rng = np.random.default_rng(zlib.crc32(f"{dataset}:{clean}".encode()))
        if len(vals) > MAX_VALUES:
            idx = np.sort(rng.choice(len(vals), MAX_VALUES, replace=False))
            vals = [vals[i] for i in idx]
        taken.append((clean, vals))
    if len(taken) > MAX_PER_DATASET:
        rng = np.random.default_rng(zlib.crc32(dataset.encode()))
        keep = set(rng.choice(len(taken), MAX_PER_DATASET, replace=False).tolist())
        taken = [t for i, t in enumerate(taken) if i in keep]
    return taken


def main():
    skip = collection_sets()
    with tempfile.TemporaryDirectory() as tmp:
        r_sets, r_info = r_export(tmp, skip)
    py_sets, py_info = py_export(skip)
    info = {**r_info, **py_info}
    notes = {(p, d): why for p, d, why in R_SETS + PY_SETS}
    body = io.StringIO()
    rows = []
    for pkg, name, cols in r_sets + py_sets:
        dataset = f"{pkg}/{name}"
        taken = select(dataset, cols)
        if not taken:
            continue
        for var, vals in taken:
            body.write(f"{dataset}\t{var}\t{','.join(fmt(v) for v in vals)}\n")
        ints = sum(all(v == int(v) for v in vals) for _, vals in taken)
        rows.append((dataset, pkg, name, notes[(pkg, name)], len(taken), ints))
    os.makedirs(OUT_DIR, exist_ok=True)
    lib = os.path.join(OUT_DIR, "library.tsv.gz")
    with open(lib, "wb") as f:
        # mtime 0 and no file name: the same inputs give the same bytes.
        with gzip.GzipFile(fileobj=f, mode="wb", compresslevel=9, mtime=0, filename="") as z:
            z.write(body.getvalue().encode())
    left = sorted(f"{p}/{d}" for p, d, _ in R_SETS + PY_SETS if f"{p}/{d}" in skip)
    write_sources(rows, info, os.path.getsize(lib), left)
    nvars = sum(r[4] for r in rows)
    print(f"extract-marginals: {nvars} variables from {len(rows)} data sets, {os.path.getsize(lib)} bytes: {lib}")


DEBIAN = {"datasets": "r-base-core", "MASS": "r-cran-mass", "survival": "r-cran-survival",
          "boot": "r-cran-boot", "cluster": "r-cran-cluster", "mlbench": "r-cran-mlbench",
          "dslabs": "r-cran-dslabs", "modeldata": "r-cran-modeldata",
          "statsmodels": "python3-statsmodels", "sklearn": "python3-sklearn"}
# Licence notes finer than the package's (by package, or by data set).
DATA_LICENCE = {
    "datasets": "part of R: GPL-2 | GPL-3",
    "statsmodels": "BSD-3-Clause package; the data set's COPYRIGHT note: public domain",
    "sklearn": "BSD-3-Clause package; UCI original CC BY 4.0",
    "sklearn/diabetes": "BSD-3-Clause package (data of Efron et al. 2004, shipped with it)",
}


def write_sources(rows, info, size, left):
    with open(os.path.join(OUT_DIR, "SOURCES.md"), "w") as f:
        f.write("# Sources of the real marginals\n\n"
                "Made by `scripts/extract-marginals.py` (run it with Debian's /usr/bin/python3 after\n"
                f"`{APT_HINT}`).\n"
                f"`library.tsv.gz` ({size} bytes) holds one variable per line: data set, variable, values.\n\n"
                "## Rules\n\n"
                f"- Every numeric column of each data set below, missing values dropped, values as recorded\n"
                f"  (ties, integer recording, bounds, skew and outliers kept).\n"
                f"- Skipped: columns with fewer than {MIN_VALUES} values or fewer than {MIN_DISTINCT} distinct values,\n"
                "  row counters (distinct consecutive integers), identifier and design columns "
                f"({', '.join(sorted(ID_NAMES))})\n"
                f"  and log transforms of a column already taken ({', '.join(sorted(a + ':' + b for a, b in DERIVED))}).\n"
                f"- At most {MAX_VALUES} values per variable (a subsample seeded by the variable's name, original\n"
                f"  order kept) and at most {MAX_PER_DATASET} variables per data set (a seeded choice).\n"
                "- Only data sets whose package licence allows redistribution (all packages are in Debian main,\n"
                "  DFSG-free); a statsmodels data set only when its COPYRIGHT note says public domain.\n\n"
                "## Data sets\n\n"
                "| data set | Debian package | package version | licence | variables | integer-valued | what |\n"
                "|---|---|---|---|---|---|---|\n")
        for dataset, pkg, _, why, n, ints in rows:
            ver, lic = info.get(pkg, ("?", "?"))
            lic = DATA_LICENCE.get(dataset, DATA_LICENCE.get(pkg, lic)).replace("|", "\\|")
            f.write(f"| {dataset} | {DEBIAN[pkg]} | {ver} | {lic} | {n} | {ints} | {why} |\n")
        f.write(f"\nTotal: {sum(r[4] for r in rows)} variables from {len(rows)} data sets.\n\n"
                "## Excluded\n\n"
                "Nothing is taken from a data set any Tübingen cause-effect pair is drawn from, nor from one\n"
                "in doubt, so that a model cannot learn to recognise a test variable's marginal.\n\n"
                "| data sets | reason |\n|---|---|\n")
        for what, why in EXCLUDED:
            f.write(f"| {what} | {why} |\n")
        f.write("\n## Left out for the real-pair collection\n\n"
                "No data set of the certified real-pair collection (`testdata/realpairs/realpairs_datasets.csv`,\n"
                "with its twin copies in other packages) is in the library, so that no variable is both a\n"
                "training marginal and a validation pair. These data sets of the extraction list were left out:\n"
                f"{', '.join(left)}.\n")


if __name__ == "__main__":
    main()
