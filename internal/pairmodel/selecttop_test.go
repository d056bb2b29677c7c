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
