package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/lgbm"
)

// causal adapt draws a corpus matched to the user's pairs, trains on it and
// writes a model that records the mix, serves the user's pairs, and is the
// same for any --cores; --keep keeps the corpus; bad flags are refused.
func TestAdapt(t *testing.T) {
	dir := t.TempDir()
	user := filepath.Join(dir, "user")
	mustRun(t, "generate", "-q", "--simulator", "cdt", "--n", "20", "--seed", "8", "--min-points", "150", "--max-points", "300", "-o", user)
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.raw.*\nB.raw.*\nAmB.raw.*\nmeta.*\n*.xstd.ystd.linear.*\nD.xkm10.yrank.grp.*\n"), 0o644)
	args := func(out string, extra ...string) []string {
		return append([]string{"adapt", user + "_pairs.csv", "--info", user + "_publicinfo.csv", "--n", "60", "--probe", "6",
			"--plan", planFile, "-o", out}, extra...)
	}
	m1, m2 := filepath.Join(dir, "m1.txt"), filepath.Join(dir, "m2.txt")
	keep := filepath.Join(dir, "corpus")
	// Two sources at two recording settings keep the matching (it
	// featurizes every candidate's probes) small; --uniform below lists all.
	few := []string{"--sources", "cdt,rcc", "--coarse", "0,0.5"}
	_, stderr, err := runCLI(t, args(m1, append([]string{"--cores", "1", "--keep", keep}, few...)...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "cdt/coarse=0") || !strings.Contains(stderr, "MMD²") {
		t.Errorf("no candidate table on stderr:\n%s", stderr)
	}
	mustRun(t, args(m2, append([]string{"--cores", "2", "-q"}, few...)...)...)
	a, _ := os.ReadFile(m1)
	b, _ := os.ReadFile(m2)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatal("adapted models differ between --cores 1 and 2")
	}
	m, err := lgbm.Load(m1)
	if err != nil {
		t.Fatal(err)
	}
	if note := m.Meta.Params["adapted_to"]; !strings.Contains(note, "cdt/coarse=") {
		t.Fatalf("model records adapted_to %q", note)
	}
	for _, f := range []string{"adapt_pairs.csv", "adapt_publicinfo.csv", "adapt_target.csv", "adapt.features"} {
		if st, err := os.Stat(filepath.Join(keep, f)); err != nil || st.Size() == 0 {
			t.Errorf("--keep: %s: %v", f, err)
		}
	}
	out := mustRun(t, "predict", user+"_pairs.csv", "--info", user+"_publicinfo.csv", "--model", m1)
	if n := strings.Count(out, "\n"); n != 21 {
		t.Fatalf("predict with the adapted model: %d lines", n)
	}
	if _, _, err := runCLI(t, "adapt", user+"_pairs.csv"); err == nil || !strings.Contains(err.Error(), "-o") {
		t.Errorf("no -o: %v", err)
	}
	if _, _, err := runCLI(t, args(filepath.Join(dir, "bad.txt"), "--n", "5")...); err == nil || !strings.Contains(err.Error(), "--n") {
		t.Errorf("--n 5: %v", err)
	}
	if _, _, err := runCLI(t, args(filepath.Join(dir, "bad.txt"), "--sources", "cdt,nosuch")...); err == nil || !strings.Contains(err.Error(), "nosuch") {
		t.Errorf("--sources nosuch: %v", err)
	}
	_, stderr, err = runCLI(t, args(filepath.Join(dir, "m4.txt"), "--uniform", "--coarse", "0.2")...)
	if err != nil || strings.Contains(stderr, "coarse=0.5") || strings.Count(stderr, "coarse=0.2") != 6 || !strings.Contains(stderr, "NaN") {
		t.Errorf("--uniform --coarse 0.2: %v\n%s", err, stderr)
	}
	if _, _, err := runCLI(t, args(filepath.Join(dir, "bad.txt"), "--coarse", "0.7")...); err == nil || !strings.Contains(err.Error(), "--coarse") {
		t.Errorf("--coarse 0.7: %v", err)
	}
	_, stderr, err = runCLI(t, args(filepath.Join(dir, "m3.txt"), "--sources", "rcc,anlsmn", "--coarse", "0.5")...)
	if err != nil || strings.Contains(stderr, "cdt/") || !strings.Contains(stderr, "rcc/coarse=0.5") || !strings.Contains(stderr, "anlsmn/coarse=0.5") {
		t.Errorf("--sources rcc,anlsmn: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.txt")); err == nil {
		t.Error("a refused run wrote a model")
	}
}
