package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
)

// TestPlanVariantFlag: --plan-variant fast records the fast plan's hash; on
// pairs smaller than all of its bounds its values equal plan-2's; an
// unknown variant is refused by featurize, baseline and lab, leaving no
// output.
func TestPlanVariantFlag(t *testing.T) {
	dir := t.TempDir()
	pp, info := writeTestPairs(t, dir, 4)
	planFile := filepath.Join(dir, "dir.plan")
	if err := os.WriteFile(planFile, []byte("D.dir.*\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(variant string) *featio.Matrix {
		out := filepath.Join(dir, "f"+variant+".arrow")
		mustRun(t, "featurize", pp, "--info", info, "--plan", planFile, "--plan-variant", variant, "-o", out)
		m, err := featio.ReadAll(out)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	p2, fast := read("plan-2"), read("fast")
	fp, _ := plan.Variant(plan.VariantFast)
	want, _ := plan.New(fp).Select([]string{"D.dir.*"})
	def, _ := plan.Default().Select([]string{"D.dir.*"})
	if fast.PlanHash != want.Hash() || p2.PlanHash != def.Hash() || fast.PlanHash == p2.PlanHash {
		t.Errorf("hashes: fast %s (want %s), plan-2 %s (want %s)", fast.PlanHash, want.Hash(), p2.PlanHash, def.Hash())
	}
	for i := range p2.Data {
		if a, b := p2.Data[i], fast.Data[i]; a != b && (a == a || b == b) {
			t.Fatalf("value %d: plan-2 %g, fast %g on pairs below every bound", i, a, b)
		}
	}
	if out := mustRun(t, "baseline", pp, "--info", info, "--method", "bqcd", "--plan-variant", "fast"); !strings.HasPrefix(out, "SampleID,Target\n") {
		t.Errorf("baseline --plan-variant fast: %q", out)
	}
	for _, args := range [][]string{
		{"featurize", pp, "--info", info, "--plan-variant", "faster", "-o", filepath.Join(dir, "x.arrow")},
		{"baseline", pp, "--info", info, "--method", "bqcd", "--plan-variant", "faster", "-o", filepath.Join(dir, "x.csv")},
		{"lab", "loso", "--cache", filepath.Join(dir, "cache"), "--plan-variant", "faster"},
	} {
		if _, _, err := runCLI(t, args...); err == nil || !strings.Contains(err.Error(), "faster") {
			t.Errorf("%v: %v, want an error naming the variant", args, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, "x.") || name == "cache" {
			t.Errorf("refused run left %s", name)
		}
	}
	if !slices.Contains(plan.VariantNames(), "fast") {
		t.Error("fast is not a listed variant")
	}
}
