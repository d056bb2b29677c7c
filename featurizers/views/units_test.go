package views

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// CanonicalUnits gives the same values for any positive scale and shift of
// a variable, from 1e-250 to 1e250, with mean 0 and sd ChallengeScale; a
// constant or non-finite variable is returned as is. Shifts of up to 10^11
// sd keep integer inputs exact; a shift that rounds the input (1e-244 on
// values of 1e-246) costs it its low bits, so that one stays within 10^2 sd.
func TestCanonicalUnitsInvariant(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	x := make([]float64, 500)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*1e4 + 300) // integers, like generated pairs
	}
	base := CanonicalUnits(x)
	var mean, ss float64
	for _, v := range base {
		mean += v
	}
	mean /= float64(len(base))
	for _, v := range base {
		ss += (v - mean) * (v - mean)
	}
	if sd := math.Sqrt(ss / float64(len(base))); math.Abs(mean) > 1e-3 || math.Abs(sd-ChallengeScale) > 1e-2 {
		t.Fatalf("mean %v sd %v, want 0 and %v", mean, sd, float64(ChallengeScale))
	}
	for _, c := range []struct{ scale, shift float64 }{
		{1e-250, 0}, {1e-200, 0}, {3.7e-5, 0}, {1, 1e9}, {1, -5e12}, {2, 1e15}, {0.5, 0}, {3.7, 0}, {1e100, 0}, {1e250, 0},
		{1e-250, 1e-244}, {1e250, -1e258},
	} {
		y := make([]float64, len(x))
		for i, v := range x {
			y[i] = v*c.scale + c.shift
		}
		if got := CanonicalUnits(y); !slices.Equal(got, base) {
			diff := 0
			for i := range got {
				if got[i] != base[i] {
					diff++
				}
			}
			t.Errorf("scale %g shift %g: %d of %d values differ", c.scale, c.shift, diff, len(x))
		}
	}
	for _, same := range [][]float64{{3, 3, 3}, {1, math.NaN(), 2}, {1, math.Inf(1), 2}, {0, 0, 0}} {
		if got := CanonicalUnits(same); &got[0] != &same[0] {
			t.Errorf("%v changed to %v", same, got)
		}
	}
}
