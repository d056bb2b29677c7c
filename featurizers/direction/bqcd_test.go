package direction

import (
	"math"
	"math/rand/v2"
	"testing"
)

// cdfGridPlain is cdfGrid's definition: every kernel point's term at every
// grid point, no skipping.
func cdfGridPlain(F, gy, ka, kb []float64, x, rho, s, sd float64) float64 {
	for j := range F {
		F[j] = 0
	}
	var wsum float64
	for k := range ka {
		d := x - ka[k]
		w := math.Exp(-d * d / (2 * s))
		if w == 0 {
			continue
		}
		wsum += w
		m := kb[k] + rho*d
		for j, y := range gy {
			F[j] += w * 0.5 * math.Erfc(-(y-m)/(sd*math.Sqrt2))
		}
	}
	return wsum
}

// TestCDFGridBitIdentical checks that skipping the terms addLimit proves
// negligible and the rows invertCDF only compares (by cdfBounds) leaves
// the weight sum, every computed CDF grid value and every inverted
// quantile bit-identical to the plain double loop, on normal-score kernel
// points of dependent, tied and heavy-tailed pairs, at several bandwidths
// and correlations, for bQCD's two sets of levels.
func TestCDFGridBitIdentical(t *testing.T) {
	rng := rand.New(rand.NewPCG(22, 5))
	for trial := range 40 {
		n := []int{30, 200, 1000}[trial%3]
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64()
			switch trial % 4 {
			case 0:
				y[i] = x[i]*x[i] + 0.1*rng.NormFloat64()
			case 1:
				y[i] = math.Floor(3 * rng.Float64())
			case 2:
				y[i] = math.Tan(1.5 * (rng.Float64() - 0.5))
			default:
				y[i] = -x[i] + 0.01*rng.NormFloat64()
			}
		}
		zx, zy := normalScores(x), normalScores(y)
		rho := min(max(pearson(zx, zy), -0.95), 0.95)
		s := math.Pow(float64(n), -1.0/3) * []float64{1, 0.3, 3}[trial%3]
		sd := math.Sqrt(s * (1 - rho*rho))
		lo, hi := minMax(zy)
		gy := linspace(lo-3*math.Sqrt(s), hi+3*math.Sqrt(s), bqcdGridY)
		clo, chi := minMax(zx)
		want, got := make([]float64, bqcdGridY), make([]float64, bqcdGridY)
		taus := []float64{0.5}
		if trial%2 == 0 {
			taus = []float64{0.0254, 0.13, 0.3, 0.5, 0.7, 0.87, 0.9746}
		}
		var sc cdfScratch
		bounds := newCDFBounds(gy, sd*math.Sqrt2)
		if bounds == nil {
			t.Fatalf("trial %d: no bounds", trial)
		}
		for gi, gx := range linspace(clo-1, chi+1, 13) {
			ws := cdfGridPlain(want, gy, zx, zy, gx, rho, s, sd)
			b := bounds
			if gi%4 == 3 {
				b = nil // every row computed
			}
			gs := cdfGrid(got, gy, zx, zy, gx, rho, s, sd, taus, b, &sc)
			if math.Float64bits(ws) != math.Float64bits(gs) {
				t.Fatalf("trial %d x %v: wsum %v, want %v", trial, gx, gs, ws)
			}
			for j := range want {
				if b == nil {
					break
				}
				lo, hi := b.row(j, &sc)
				if m := 1e-9 * ws; !(lo-m <= want[j] && want[j] <= hi+m) {
					t.Fatalf("trial %d x %v: F[%d] = %v outside its bounds [%v, %v]", trial, gx, j, want[j], lo, hi)
				}
			}
			for j := range want {
				skipped := b != nil && got[j] == 0 // a row invertCDF only compares
				if !skipped && math.Float64bits(want[j]) != math.Float64bits(got[j]) {
					t.Fatalf("trial %d x %v: F[%d] = %v, want %v", trial, gx, j, got[j], want[j])
				}
			}
			for _, tau := range taus {
				q, wq := invertCDF(gy, got, gs, tau), invertCDF(gy, want, ws, tau)
				if math.Float64bits(q) != math.Float64bits(wq) {
					t.Fatalf("trial %d x %v tau %v: quantile %v, want %v", trial, gx, tau, q, wq)
				}
			}
		}
	}
}

func minMax(a []float64) (lo, hi float64) {
	lo, hi = a[0], a[0]
	for _, v := range a {
		lo, hi = min(lo, v), max(hi, v)
	}
	return lo, hi
}
