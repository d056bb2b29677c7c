package plan

import (
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// TestMirrorMapRows checks the row, target and type-pair mirrors on a
// small list of names.
func TestMirrorMapRows(t *testing.T) {
	mm, err := NewMirrorMap([]string{"AB.f", "BA.f", "D.g", "S.h", "meta.pair_NC", "meta.pair_CN"})
	if err != nil {
		t.Fatal(err)
	}
	row := []float32{1, 2, 3, 4, 5, 6}
	want := []float32{2, 1, -3, 4, 6, 5}
	got := make([]float32, len(row))
	mm.Row32(row, got)
	got64 := make([]float64, len(row))
	mm.Row64([]float64{1, 2, 3, 4, 5, 6}, got64)
	for i := range want {
		if got[i] != want[i] || got64[i] != float64(want[i]) {
			t.Fatalf("mirror of %v: %v and %v, want %v", row, got, got64, want)
		}
	}
	if mm.Len() != 6 {
		t.Errorf("Len %d", mm.Len())
	}
	for _, c := range []struct{ in, want pairs.Target }{
		{pairs.Target{ID: "x", Target: 1, Details: 1}, pairs.Target{ID: "x", Target: -1, Details: 2}},
		{pairs.Target{ID: "x", Target: -1, Details: 2}, pairs.Target{ID: "x", Target: 1, Details: 1}},
		{pairs.Target{ID: "x", Target: 0, Details: 3}, pairs.Target{ID: "x", Target: 0, Details: 3}},
	} {
		if got := mm.Target(c.in); got != c.want {
			t.Errorf("Target(%+v) = %+v, want %+v", c.in, got, c.want)
		}
	}
	if got := mm.Types(pairs.Types{A: pairs.Numerical, B: pairs.Binary}); got != (pairs.Types{A: pairs.Binary, B: pairs.Numerical}) {
		t.Errorf("Types: %+v", got)
	}
}
