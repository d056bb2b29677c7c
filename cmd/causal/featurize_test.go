package main

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// writeTestPairs writes n small pairs of mixed types and their publicinfo.
// writeMechanicsPlan writes a plan file of a few hundred features of every
// kind (marginal, symmetric, both fit directions, type indicators) for the
// tests of file mechanics (concat, select), which the full plan would only
// slow down.
func writeMechanicsPlan(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "mechanics-plan.txt")
	if err := os.WriteFile(path, []byte("A.raw.*\nB.raw.*\nAmB.raw.*\nS.*\nmeta.*\n*.xstd.ystd.linear.*\nD.xkm10.yrank.grp.*\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func writeTestPairs(t *testing.T, dir string, n int) (pairsPath, infoPath string) {
	t.Helper()
	r := rand.New(rand.NewPCG(3, 4))
	var ps []pairs.Pair
	for i := 0; i < n; i++ {
		m := 30 + r.IntN(40)
		p := pairs.Pair{ID: "p" + strconv.Itoa(i), A: make([]float64, m), B: make([]float64, m),
			TypeA: pairs.AllTypes[i%3], TypeB: pairs.AllTypes[(i/3)%3]}
		for j := 0; j < m; j++ {
			z := r.NormFloat64()
			p.A[j] = discretize(z, p.TypeA)
			p.B[j] = discretize(z*z+0.3*r.NormFloat64(), p.TypeB)
		}
		ps = append(ps, p)
	}
	pairsPath = filepath.Join(dir, "pairs.csv")
	infoPath = filepath.Join(dir, "info.csv")
	var b bytes.Buffer
	w := pairio.NewPairsWriter(&b)
	for _, p := range ps {
		if err := w.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	os.WriteFile(pairsPath, b.Bytes(), 0o644)
	b.Reset()
	pairio.WritePublicInfo(&b, ps)
	os.WriteFile(infoPath, b.Bytes(), 0o644)
	return pairsPath, infoPath
}

func discretize(z float64, t pairs.VarType) float64 {
	switch t {
	case pairs.Categorical:
		return math.Floor(math.Min(math.Max(z*2+3, 0), 5))
	case pairs.Binary:
		if z > 0 {
			return 1
		}
		return 0
	}
	return math.Round(z*1000) / 1000
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestFeaturizeDeterministicShards checks byte-identical output for 1 and 2
// cores and that shard + merge reproduces the single run.
func TestFeaturizeDeterministicShards(t *testing.T) {
	dir := t.TempDir()
	pp, info := writeTestPairs(t, dir, 5)
	one := filepath.Join(dir, "one.arrow")
	two := filepath.Join(dir, "two.arrow")
	if _, _, err := runCLI(t, "featurize", pp, "--info", info, "--cores", "1", "-o", one); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "featurize", pp, "--info", info, "--cores", "2", "-o", two); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRead(t, one), mustRead(t, two)) {
		t.Fatal("--cores 1 and --cores 2 outputs differ")
	}
	var shards []string
	for i := 0; i < 3; i++ {
		s := filepath.Join(dir, "s"+strconv.Itoa(i))
		if _, _, err := runCLI(t, "featurize", pp, "--info", info, "--shard", strconv.Itoa(i)+"/3", "-o", s); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, s)
	}
	merged := filepath.Join(dir, "merged.arrow")
	if _, _, err := runCLI(t, append([]string{"features", "merge", "-o", merged}, shards...)...); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(mustRead(t, one), mustRead(t, merged)) {
		t.Fatal("shard + merge differs from one run")
	}
	// Shards out of order would interleave the rows wrongly: refused.
	bad := filepath.Join(dir, "bad.arrow")
	_, _, err := runCLI(t, "features", "merge", "-o", bad, shards[1], shards[0], shards[2])
	if err == nil || !strings.Contains(err.Error(), "is shard 1/3") {
		t.Fatalf("shards out of order: err %v", err)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Fatal("refused merge left its output behind")
	}
	m, err := featio.ReadAll(one)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != 5 || m.IDs[4] != "p4" || m.PlanHash != plan.Default().Hash() || m.Cols != plan.Default().Len() {
		t.Errorf("output %d rows, ids %v, hash %q, %d cols", m.Rows, m.IDs, m.PlanHash, m.Cols)
	}
	for _, v := range m.Data {
		if math.IsInf(float64(v), 0) {
			t.Fatal("Inf in the output")
		}
	}
	// Out-of-order shards are detected.
	if _, _, err := runCLI(t, "features", "merge", "-o", filepath.Join(dir, "bad"), shards[2], shards[0], shards[1]); err == nil {
		t.Error("merging shards in the wrong order succeeded")
	}
}

func TestFeaturizePlanCSVAndStats(t *testing.T) {
	dir := t.TempDir()
	pp, info := writeTestPairs(t, dir, 4)
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("# a model's features\nmeta.n\nS.std.pearson_r\nA.raw.skewness\n"), 0o644)
	out := filepath.Join(dir, "f.csv")
	_, stderr, err := runCLI(t, "featurize", pp, "--info", info, "--plan", planFile, "--format", "csv", "--stats", "-o", out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(mustRead(t, out))), "\n")
	if lines[0] != "SampleID,meta.n,A.raw.skewness,S.std.pearson_r" || len(lines) != 5 {
		t.Fatalf("csv:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(lines[1], "p0,") {
		t.Errorf("first row %q", lines[1])
	}
	for _, want := range []string{"family", "meta", "unary", "symmetric", "4 pairs x 3 features"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("--stats output lacks %q:\n%s", want, stderr)
		}
	}
	// merge detects a plan mismatch.
	full := filepath.Join(dir, "full.csv")
	os.WriteFile(planFile, []byte("meta.*\n"), 0o644)
	if _, _, err := runCLI(t, "featurize", pp, "--info", info, "--plan", planFile, "--format", "csv", "-o", full); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "features", "merge", "-o", filepath.Join(dir, "m"), out, full); err == nil {
		t.Error("merging files of different plans succeeded")
	}
}

func TestFeaturizeErrorsLeaveNoOutput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out.arrow")
	if _, _, err := runCLI(t, "featurize", td+"bad/nonnumeric.csv", "-o", out); err == nil {
		t.Error("bad pairs file accepted")
	}
	if _, _, err := runCLI(t, "featurize", td+"tiny_pairs.csv", "--shard", "3/3", "-o", out); err == nil {
		t.Error("--shard 3/3 accepted")
	}
	if _, _, err := runCLI(t, "featurize", td+"tiny_pairs.csv", "--format", "xls", "-o", out); err == nil {
		t.Error("--format xls accepted")
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output exists after errors: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestFeaturesList(t *testing.T) {
	out, _, err := runCLI(t, "features", "list")
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Fields(out)
	if len(all) != plan.Default().Len() || all[0] != "meta.A_numerical" {
		t.Fatalf("list: %d names, first %q", len(all), all[0])
	}
	nn, _, err := runCLI(t, "features", "list", "--types", "NN")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(strings.Fields(nn)); n == 0 || n >= len(all) || strings.Contains(nn, "xonehot") {
		t.Errorf("--types NN: %d names of %d", n, len(all))
	}
	if _, _, err := runCLI(t, "features", "list", "--types", "NX"); err == nil {
		t.Error("--types NX accepted")
	}
	h, _, _ := runCLI(t, "features", "list", "--hash")
	if strings.TrimSpace(h) != plan.Default().Hash() {
		t.Errorf("--hash %q", h)
	}
}

// splitCSV writes the header and the data lines [lo, hi) of a CSV file.
func splitCSV(t *testing.T, src, dst string, lo, hi int) {
	t.Helper()
	lines := strings.SplitAfter(string(mustRead(t, src)), "\n")
	out := lines[0] + strings.Join(lines[1+lo:1+hi], "")
	if err := os.WriteFile(dst, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFeaturesConcat: featurizing two halves of a pairs file and
// concatenating them gives exactly the features of the whole file; a
// SampleID given twice is refused and leaves no output.
func TestFeaturesConcat(t *testing.T) {
	dir := t.TempDir()
	pp, info := writeTestPairs(t, dir, 7)
	pl := writeMechanicsPlan(t, dir)
	whole := filepath.Join(dir, "whole.arrow")
	mustRun(t, "featurize", pp, "--info", info, "--plan", pl, "-o", whole)
	var parts []string
	for i, r := range [][2]int{{0, 4}, {4, 7}} {
		p, in := filepath.Join(dir, "p"+strconv.Itoa(i)+".csv"), filepath.Join(dir, "i"+strconv.Itoa(i)+".csv")
		splitCSV(t, pp, p, r[0], r[1])
		splitCSV(t, info, in, r[0], r[1])
		f := filepath.Join(dir, "f"+strconv.Itoa(i)+".arrow")
		mustRun(t, "featurize", p, "--info", in, "--plan", pl, "-o", f)
		parts = append(parts, f)
	}
	cat := filepath.Join(dir, "cat.arrow")
	mustRun(t, append([]string{"features", "concat", "-o", cat}, parts...)...)
	if !bytes.Equal(mustRead(t, whole), mustRead(t, cat)) {
		t.Fatal("concatenated halves differ from the whole file's features")
	}
	dup := filepath.Join(dir, "dup.arrow")
	_, _, err := runCLI(t, "features", "concat", "-o", dup, parts[0], cat)
	if err == nil || !strings.Contains(err.Error(), "SampleID p0") {
		t.Fatalf("duplicate SampleID: err %v", err)
	}
	if _, err := os.Stat(dup); !os.IsNotExist(err) {
		t.Fatalf("failed concat left %s behind", dup)
	}
}

func TestFeaturesSelect(t *testing.T) {
	dir := t.TempDir()
	pp, info := writeTestPairs(t, dir, 7)
	pl := writeMechanicsPlan(t, dir)
	whole := filepath.Join(dir, "whole.arrow")
	mustRun(t, "featurize", pp, "--info", info, "--plan", pl, "-o", whole)
	p, in := filepath.Join(dir, "p.csv"), filepath.Join(dir, "i.csv")
	splitCSV(t, pp, p, 2, 5)
	splitCSV(t, info, in, 2, 5)
	part := filepath.Join(dir, "part.arrow")
	mustRun(t, "featurize", p, "--info", in, "--plan", pl, "-o", part)
	// The target file lists the pairs out of order: the output keeps the file's order.
	tg := filepath.Join(dir, "target.csv")
	if err := os.WriteFile(tg, []byte("SampleID,Target\np4,1\np2,0\np3,-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	sel := filepath.Join(dir, "sel.arrow")
	mustRun(t, "features", "select", "--target", tg, "-o", sel, whole)
	if !bytes.Equal(mustRead(t, part), mustRead(t, sel)) {
		t.Fatal("selected rows differ from the features of the same pairs featurized alone")
	}
	missing := filepath.Join(dir, "missing.csv")
	if err := os.WriteFile(missing, []byte("SampleID,Target\np1,1\nnope,0\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.arrow")
	_, _, err := runCLI(t, "features", "select", "--target", missing, "-o", bad, whole)
	if err == nil || !strings.Contains(err.Error(), "SampleID nope is not in") {
		t.Fatalf("missing SampleID: err %v", err)
	}
	if _, err := os.Stat(bad); !os.IsNotExist(err) {
		t.Fatalf("failed select left %s behind", bad)
	}
}
