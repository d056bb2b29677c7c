package direction

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/causal-tool/causal/internal/benchcpu"
	"github.com/causal-tool/causal/internal/pairs"
)

// methodWins counts the pairs of gen on which the named method scores
// x->y positive.
func methodWins(t *testing.T, name string, trials int, gen func(seed uint64) ([]float64, []float64)) int {
	t.Helper()
	wins := 0
	for s := range trials {
		x, y := gen(uint64(s))
		v, ok := Method(name, x, y, pairs.Numerical, pairs.Numerical)
		if !ok {
			t.Fatalf("%s: unknown", name)
		}
		if v > 0 {
			wins++
		}
	}
	return wins
}

// locScalePair draws x ~ N(0,1) and y = tanh(x) + (0.2 + 0.3·|x|)·N(0,1):
// location-scale noise that an additive model cannot explain.
func locScalePair(seed uint64, n int) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 21))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = math.Tanh(x[i]) + (0.2+0.3*math.Abs(x[i]))*rng.NormFloat64()
	}
	return x, y
}

// TestMethodDirections checks each published method on a setting that
// satisfies its assumptions.
func TestMethodDirections(t *testing.T) {
	const trials = 10
	cases := []struct {
		name string
		need int
		gen  func(seed uint64) ([]float64, []float64)
	}{
		// IGCI and RECI: a low-noise monotone map of a uniform cause.
		{"igci_slope_paper_uniform", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, expMap, 0.01) }},
		{"igci_slope_paper_gauss", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, expMap, 0.01) }},
		{"reci_paper", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, cube, 0.05) }},
		// ANM: additive noise on a non-linear map.
		{"anm_gp", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 300, cube, 0.2) }},
		// LOCI: location-scale noise.
		{"loci", 9, func(s uint64) ([]float64, []float64) { return locScalePair(s, 500) }},
		// bQCD: location-scale noise (its quantiles see the scale change).
		{"bqcd", 9, func(s uint64) ([]float64, []float64) { return locScalePair(s, 500) }},
		// SLOPE: a low-noise non-linear function of a uniform cause.
		{"slope", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, cube, 0.05) }},
		{"sloppy", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, cube, 0.05) }},
	}
	for _, c := range cases {
		got := methodWins(t, c.name, trials, c.gen)
		t.Logf("%s: %d/%d", c.name, got, trials)
		if got < c.need {
			t.Errorf("%s: right sign on %d/%d pairs, want >= %d", c.name, got, trials, c.need)
		}
	}
}

func expMap(v float64) float64 { return math.Exp(2 * v) }

// BenchmarkMethod reports the CPU time per pair of each published method on
// a 2,000-point additive-noise pair (costly methods subsample it).
func BenchmarkMethod(b *testing.B) {
	x, y := anmPair(5, 2000, cube, 0.2)
	for _, name := range MethodNames() {
		b.Run(name, func(b *testing.B) {
			defer benchcpu.Report(b)()
			for b.Loop() {
				Method(name, x, y, pairs.Numerical, pairs.Numerical)
			}
		})
	}
}
