package generate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestRCCSpline: with residual at most s = 5 the spline is the
// least-squares cubic (a cubic's values are reproduced exactly); beyond
// it the smoothing spline's residual sum of squares is exactly s.
func TestRCCSpline(t *testing.T) {
	kx := []float64{-2, -1, 0, 1, 2}
	cubic := func(v float64) float64 { return 0.3 - v + 0.5*v*v*v }
	ky := mapped(kx, cubic)
	x := []float64{-1.7, -0.2, 0.9, 1.99}
	for i, v := range rccSpline(kx, ky, x) {
		if math.Abs(v-cubic(x[i])) > 1e-9 {
			t.Errorf("cubic through the knots: got %v at %v, want %v", v, x[i], cubic(x[i]))
		}
	}
	rough := []float64{0, 3, -3, 3, 0} // far from any cubic
	fit := rccSpline(kx, rough, kx)
	rss := 0.0
	for i := range fit {
		rss += (fit[i] - rough[i]) * (fit[i] - rough[i])
	}
	if math.Abs(rss-5) > 1e-9 {
		t.Errorf("smoothing spline residual %.6f, want s = 5", rss)
	}
}

// TestHermiteSecant: NCC's spline passes through its knots.
func TestHermiteSecant(t *testing.T) {
	kx := []float64{-1, 0, 0.5, 2}
	ky := []float64{1, -2, 0.5, 3}
	for i, v := range hermiteSecant(kx, ky, kx) {
		if math.Abs(v-ky[i]) > 1e-12 {
			t.Errorf("knot %d: %v, want %v", i, v, ky[i])
		}
	}
}

// TestNCCHeteroscedastic: NCC's noise scale varies with the cause (the
// spread of the effect within cause bins varies far more than for RCC's
// additive noise).
func TestNCCHeteroscedastic(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	spread := map[string]float64{}
	for _, sim := range []string{SimRCC, SimNCC} {
		ratios := make([]float64, 0, 40)
		for range 40 {
			var x, y []float64
			if sim == SimRCC {
				x = rccCause(r, 2000)
				y = rccEffect(r, x)
			} else {
				x = nccCause(r, 2000)
				y = nccEffect(r, x)
			}
			ratios = append(ratios, binSpreadRatio(x, y, 8))
		}
		spread[sim] = median(ratios)
	}
	t.Logf("median max/min within-bin residual variance: %v", spread)
	if spread[SimNCC] < 2*spread[SimRCC] {
		t.Errorf("ncc's noise no more heteroscedastic than rcc's: %v", spread)
	}
}
