package direction

import (
	"math"
	"slices"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// TestMethodWithBounds: zero and default bounds give Method's values bit for
// bit; FastBounds changes exactly the four bounded methods on a pair larger
// than every bound, and keeps them antisymmetric.
func TestMethodWithBounds(t *testing.T) {
	bounded := []string{"anm_gp", "bqcd", "loci", "sloppy"}
	x, y := locScalePair(5, 2500)
	num := pairs.Numerical
	for _, name := range MethodNames() {
		def, _ := Method(name, x, y, num, num)
		for _, b := range []Bounds{{}, DefaultBounds} {
			if v, ok := MethodWith(name, b, x, y, num, num); !ok || math.Float64bits(v) != math.Float64bits(def) {
				t.Errorf("%s with bounds %v: %g, Method %g", name, b, v, def)
			}
		}
		fast, _ := MethodWith(name, FastBounds, x, y, num, num)
		back, _ := MethodWith(name, FastBounds, y, x, num, num)
		if math.IsNaN(fast) || fast != -back {
			t.Errorf("%s with FastBounds: %g for x->y, %g for y->x, want finite and opposite", name, fast, back)
		}
		if changed := fast != def; changed != slices.Contains(bounded, name) {
			t.Errorf("%s: plan-2 %g, FastBounds %g (bounded: %v)", name, def, fast, slices.Contains(bounded, name))
		}
	}
	if _, ok := MethodWith("nope", FastBounds, x, y, num, num); ok {
		t.Error("unknown method accepted")
	}
}

func TestBoundsWithDefaults(t *testing.T) {
	if got := (Bounds{}).WithDefaults(); got != DefaultBounds {
		t.Errorf("zero bounds: %v, want %v", got, DefaultBounds)
	}
	b := Bounds{BQCDKernelPoints: 7, SplineFitPoints: -3}.WithDefaults()
	want := DefaultBounds
	want.BQCDKernelPoints = 7
	if b != want {
		t.Errorf("partial bounds: %v, want %v", b, want)
	}
	if FastBounds.WithDefaults() != FastBounds {
		t.Error("FastBounds changed by WithDefaults")
	}
}
