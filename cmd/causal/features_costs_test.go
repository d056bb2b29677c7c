package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
)

// features costs measures every unit of the default plan, writes the table
// train --select-cost reads, and prints it by family (beside --before).
func TestFeaturesCosts(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "costs.tsv")
	stdout, _, err := runCLI(t, "features", "costs", td+"tiny_pairs.csv", "--info", td+"tiny_publicinfo.csv", "-o", out, "--before", "../../featurizers/plan/costs.tsv")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	got, err := plan.ParseUnitCosts(data)
	if err != nil {
		t.Fatal(err)
	}
	committed, err := plan.UnitCosts()
	if err != nil {
		t.Fatal(err)
	}
	var gk, ck []string
	for k := range got {
		gk = append(gk, k)
	}
	for k := range committed {
		ck = append(ck, k)
	}
	slices.Sort(gk)
	slices.Sort(ck)
	if !slices.Equal(gk, ck) {
		t.Errorf("measured %d units, the committed table has %d", len(gk), len(ck))
	}
	for _, want := range []string{"| family | before ms/pair | after ms/pair | after/before |", "| dir.bqcd |", "| regress |", "| total |"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if _, _, err := runCLI(t, "features", "costs", td+"tiny_pairs.csv", "-o", filepath.Join(dir, "x.tsv")); err == nil || !strings.Contains(err.Error(), "--info") {
		t.Errorf("missing --info: %v", err)
	}
	bad := filepath.Join(dir, "bad.tsv")
	os.WriteFile(bad, []byte("unit\tms\nregress/a\tfast\n"), 0o644)
	_, _, err = runCLI(t, "features", "costs", td+"tiny_pairs.csv", "--info", td+"tiny_publicinfo.csv", "-o", filepath.Join(dir, "y.tsv"), "--before", bad)
	if err == nil || !strings.Contains(err.Error(), "bad.tsv") || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad --before: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "y.tsv")); !os.IsNotExist(err) {
		t.Errorf("a refused run left its output: %v", err)
	}
}
