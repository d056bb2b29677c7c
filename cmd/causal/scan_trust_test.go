package main

import (
	"encoding/csv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// shuffledRelabelled rewrites a table file with its data rows shuffled and
// the levels of the text column "kind, text" renamed.
func shuffledRelabelled(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	body := lines[1:]
	rand.New(rand.NewPCG(5, 6)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	rename := strings.NewReplacer(",low,", ",petit,", ",mid,", ",moyen,", ",high,", ",grand,")
	for i, l := range body {
		body[i] = rename.Replace(l)
	}
	out := filepath.Join(filepath.Dir(path), "shuffled.csv")
	if err := os.WriteFile(out, []byte(lines[0]+"\n"+strings.Join(body, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// The scores, intervals included, do not change when the rows are
// shuffled and a category's levels renamed.
func TestScanRowOrderAndLabels(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	path := writeScanTable(t, dir, 70)
	other := shuffledRelabelled(t, path)
	a := mustRun(t, "scan", path, "--quiet", "--bootstrap", "3")
	b := mustRun(t, "scan", other, "--quiet", "--bootstrap", "3")
	if a != b {
		t.Errorf("shuffled and relabelled rows score differently:\n%s\n%s", a, b)
	}
}

// A European file is refused naming --decimal, and read with it; the
// inferred types are reported; --method scores with a classical method and
// says so; prior knowledge acts on direction and names bad columns.
func TestScanTraps(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("dose;weight;height\n")
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 60 {
		x := r.NormFloat64()
		b.WriteString(strings.ReplaceAll(strings.Join([]string{
			[]string{"0.5", "1", "2"}[i%3], ftoa(x), ftoa(x*x + 0.3*r.NormFloat64()),
		}, ";"), ".", ","))
		b.WriteString("\n")
	}
	euro := filepath.Join(dir, "euro.csv")
	os.WriteFile(euro, []byte(b.String()), 0o644)
	if _, _, err := runCLI(t, "scan", euro, "--bootstrap", "0"); err == nil || !strings.Contains(err.Error(), "--decimal ,") {
		t.Errorf("European file: %v", err)
	}
	out, stderr, err := runCLI(t, "scan", euro, "--decimal", ",", "--bootstrap", "0", "--method", "reci", "--exogenous", "dose")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "column types: dose=Categorical, weight=Numerical, height=Numerical") || !strings.Contains(stderr, "classical method reci") {
		t.Errorf("stderr:\n%s", stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 4 {
		t.Fatalf("%v:\n%s", err, out)
	}
	for _, rec := range recs[1:] {
		if rec[11] != "reci" {
			t.Errorf("method %q", rec[11])
		}
		if rec[0] == "dose" && rec[3] != "A->B" && rec[3] != "none" || rec[1] == "dose" && rec[3] == "A->B" {
			t.Errorf("dose is exogenous: %v", rec)
		}
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--exogenous", "age"}, `--exogenous names "age", not a column`},
		{[]string{"--order", "weight;dose;weight"}, `"weight" is in tier 1 and tier 3`},
		{[]string{"--method", "astrology"}, `--method "astrology": want one of model, `},
		{[]string{"--decimal", ";"}, `--decimal ";"`},
		{[]string{"--id", "dose,weight"}, "1 usable column(s)"},
	} {
		_, _, err := runCLI(t, append([]string{"scan", euro, "--decimal", ","}, c.args...)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.args, err, c.want)
		}
	}
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// predict --method scores as baseline does, and refuses a model with it.
func TestPredictMethod(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "g")
	mustRun(t, "generate", "-q", "--n", "4", "--seed", "3", "--min-points", "60", "--max-points", "80", "-o", pre)
	p := mustRun(t, "predict", pre+"_pairs.csv", "--method", "slope", "--quiet")
	b := mustRun(t, "baseline", pre+"_pairs.csv", "--method", "slope", "--quiet")
	if p != b || strings.Count(p, "\n") != 5 {
		t.Errorf("predict --method slope:\n%s\nbaseline:\n%s", p, b)
	}
	if _, _, err := runCLI(t, "predict", pre+"_pairs.csv", "--method", "slope", "--model", "m.txt"); err == nil {
		t.Error("--method with --model accepted")
	}
}
