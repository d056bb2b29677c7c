package pairmodel

import (
	"slices"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
)

// TestSelectTopKeepsMirrorPartners checks that the top features come with
// their mirror partners, in column order, and that features without gain
// are never kept.
func TestSelectTopKeepsMirrorPartners(t *testing.T) {
	names := []string{"AB.a", "BA.a", "D.b", "S.c", "A.d", "B.d"}
	gain := []float64{5, 0, 3, 0, 0, 1}
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		k      int
		mirror *plan.MirrorMap
		want   []string
	}{
		{1, mm, []string{"AB.a", "BA.a"}},
		{2, mm, []string{"AB.a", "BA.a", "D.b"}},
		{3, mm, []string{"AB.a", "BA.a", "D.b", "A.d", "B.d"}},
		{6, mm, []string{"AB.a", "BA.a", "D.b", "A.d", "B.d"}},
		{1, nil, []string{"AB.a"}},
		{3, nil, []string{"AB.a", "D.b", "B.d"}},
	} {
		got, err := SelectTop(gain, names, c.mirror, c.k)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("k %d (mirror %v): %v, want %v", c.k, c.mirror != nil, got, c.want)
		}
		if c.mirror != nil {
			if _, err := plan.NewMirrorMap(got); err != nil {
				t.Errorf("k %d: selection not closed under mirroring: %v", c.k, err)
			}
		}
	}
	if _, err := SelectTop(make([]float64, len(names)), names, mm, 3); err == nil {
		t.Error("a model without any gain gave a selection")
	}
}

// SelectByCost keeps whole units (a feature with its mirror partner and the
// other scores of its fit), stays within its budget, ranks by gain per cost
// (a unit without gain goes first, the unit of most gain per cost stays),
// and keeps everything at fraction 1.
func TestSelectByCost(t *testing.T) {
	costs, err := plan.UnitCosts()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{
		"AB.xstd.ystd.kernel_ridge.oof.r2", "BA.xstd.ystd.kernel_ridge.oof.r2", "D.xstd.ystd.kernel_ridge.oof.mae",
		"AB.xstd.ystd.linear.ins.r2", "BA.xstd.ystd.linear.ins.r2",
		"D.xstd.ystd.knn20.oof.resid_var",
		"A.raw.kurtosis", "B.raw.kurtosis",
		"D.xkm10.yrank.grp.kruskal_h",
	}
	units, err := plan.Default().Units(names)
	if err != nil {
		t.Fatal(err)
	}
	gain := []float64{3, 3, 1, 2, 2, 5, 0, 0, 4}
	all, err := SelectByCost(names, gain, 1)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(all.Names, names) || all.Units != 5 || all.OfUnits != 5 {
		t.Fatalf("fraction 1 kept %v (%d of %d units)", all.Names, all.Units, all.OfUnits)
	}
	total := 0.0
	for _, u := range []int{0, 3, 5, 6, 8} {
		total += max(costs[units[u]], 1e-3)
	}
	for _, frac := range []float64{0.9, 0.5, 0.2, 0.01} {
		sel, err := SelectByCost(names, gain, frac)
		if err != nil {
			t.Fatal(err)
		}
		if sel.Units > 1 && sel.CostMs > frac*total+1e-9 {
			t.Errorf("fraction %v: cost %v over the budget %v", frac, sel.CostMs, frac*total)
		}
		if len(sel.Names) == 0 {
			t.Fatalf("fraction %v kept nothing", frac)
		}
		if _, err := plan.NewMirrorMap(sel.Names); err != nil {
			t.Errorf("fraction %v: %v not closed under mirroring: %v", frac, sel.Names, err)
		}
		kept := map[string]bool{}
		for _, n := range sel.Names {
			kept[n] = true
		}
		for i, n := range names {
			for j := range names {
				if units[i] == units[j] && kept[n] != kept[names[j]] {
					t.Errorf("fraction %v split unit %s", frac, units[i])
				}
			}
		}
		if frac < 1 && kept["A.raw.kurtosis"] && !kept["D.xkm10.yrank.grp.kruskal_h"] {
			t.Errorf("fraction %v kept the unit without gain before a unit with gain", frac)
		}
	}
	if _, err := SelectByCost([]string{"AB.nosuch"}, []float64{1}, 0.5); err == nil {
		t.Error("a name outside the plan was priced")
	}
	if _, err := SelectByCost(names, gain, 0); err == nil {
		t.Error("fraction 0 accepted")
	}
}
