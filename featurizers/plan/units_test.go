package plan

import (
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// Every unit of the default plan has its own key, a learner block has one
// unit per fit mode, and a feature shares its unit with its mirror partner.
func TestUnitKeys(t *testing.T) {
	seen := map[string]bool{}
	learnerUnits := 0
	for _, sb := range testPlan.sel {
		for _, u := range splitUnits(sb) {
			if seen[u.key] {
				t.Fatalf("unit key %q used twice", u.key)
			}
			seen[u.key] = true
			if isLearner(sb.b) {
				learnerUnits++
				if !strings.HasSuffix(u.key, ".ins") && !strings.HasSuffix(u.key, ".oof") {
					t.Errorf("learner unit %q names no fit mode", u.key)
				}
			}
		}
	}
	if learnerUnits == 0 || learnerUnits%2 != 0 {
		t.Fatalf("%d learner units, want two per learner block", learnerUnits)
	}
	names := testPlan.Names()
	units, err := testPlan.Units(names)
	if err != nil {
		t.Fatal(err)
	}
	mm, err := NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		j, _ := mm.Source(i)
		if units[i] != units[j] {
			t.Fatalf("%s is in unit %s, its mirror %s in %s", names[i], units[i], names[j], units[j])
		}
		if !seen[units[i]] {
			t.Fatalf("%s: unit %s is not one of the plan's", names[i], units[i])
		}
	}
	if _, err := testPlan.Units([]string{"AB.no.such.feature"}); err == nil {
		t.Error("a feature outside the plan got a unit")
	}
}

// MeasureUnitCosts prices every unit of a plan (each fit mode of a learner
// block apart) and the table round-trips through its text form. How the
// prices compare is timing, left to the benchmarks.
func TestMeasureUnitCosts(t *testing.T) {
	sel, err := testPlan.Select([]string{"*.xstd.ystd.linear.*", "*.xstd.ystd.knn20.*", "A.raw.*"})
	if err != nil {
		t.Fatal(err)
	}
	ps := []pairs.Pair{genPair(pairs.Numerical, pairs.Numerical, 600, 1), genPair(pairs.Numerical, pairs.Numerical, 900, 2)}
	c := sel.MeasureUnitCosts(ps)
	for _, k := range []string{"regress/xstd.ystd.linear.ins", "regress/xstd.ystd.linear.oof", "regress/xstd.ystd.knn20.oof"} {
		if !(c[k] > 0) {
			t.Errorf("unit %s cost %v", k, c[k])
		}
	}
	if len(c) != 5 {
		t.Errorf("%d units priced, want 5: %v", len(c), c)
	}
	back, err := ParseUnitCosts(WriteUnitCosts(c))
	if err != nil || len(back) != len(c) {
		t.Fatalf("round trip: %v, %d of %d units", err, len(back), len(c))
	}
	if _, err := ParseUnitCosts([]byte("unit\tms_per_pair\nx\tslow\n")); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad cost line: %v", err)
	}
	if _, err := UnitCosts(); err != nil {
		t.Errorf("committed table: %v", err)
	}
}
