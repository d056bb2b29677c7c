package direction

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/causal-tool/causal/internal/benchcpu"
	"github.com/causal-tool/causal/pairs"
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
		{"loci", 9, func(s uint64) ([]float64, []float64) { return locScalePair(s, 300) }},
		// bQCD: location-scale noise (its quantiles see the scale change).
		{"bqcd", 9, func(s uint64) ([]float64, []float64) { return locScalePair(s, 300) }},
		// SLOPE: a low-noise non-linear function of a uniform cause.
		{"slope", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 400, cube, 0.05) }},
		{"sloppy", 9, func(s uint64) ([]float64, []float64) { return anmPair(s, 250, cube, 0.05) }},
	}
	for _, c := range cases {
		start := time.Now()
		got := methodWins(t, c.name, trials, c.gen)
		t.Logf("%s: %d/%d (%v)", c.name, got, trials, time.Since(start))
		if got < c.need {
			t.Errorf("%s: right sign on %d/%d pairs, want >= %d", c.name, got, trials, c.need)
		}
	}
}

func expMap(v float64) float64 { return math.Exp(2 * v) }

// BenchmarkMethod reports the CPU time per pair of each published method on
// additive-noise pairs of 1,000 and 8,000 points (the costly methods
// subsample the larger one).
func BenchmarkMethod(b *testing.B) {
	for _, n := range []int{1000, 8000} {
		x, y := anmPair(5, n, cube, 0.2)
		for _, name := range MethodNames() {
			b.Run(fmt.Sprintf("%s/n=%d", name, n), func(b *testing.B) {
				defer benchcpu.Report(b)()
				for b.Loop() {
					Method(name, x, y, pairs.Numerical, pairs.Numerical)
				}
			})
		}
	}
}

// TestMethodAntisymmetry checks Method(y, x) = -Method(x, y) exactly, on
// continuous, tied and mixed-type pairs, and that regular pairs are
// defined.
func TestMethodAntisymmetry(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	n := 200
	cont := [2][]float64{make([]float64, n), make([]float64, n)}
	tied := [2][]float64{make([]float64, n), make([]float64, n)}
	for i := range n {
		cont[0][i] = rng.NormFloat64()
		cont[1][i] = math.Sin(2*cont[0][i]) + 0.3*rng.NormFloat64()
		tied[0][i] = math.Floor(rng.Float64() * 8)
		tied[1][i] = math.Round(4*math.Sqrt(tied[0][i])+rng.NormFloat64()) / 2
	}
	for _, name := range MethodNames() {
		for ci, c := range [][2][]float64{cont, tied} {
			types := []pairs.VarType{pairs.Numerical}
			if ci == 1 {
				types = pairs.AllTypes
			}
			for _, tx := range types {
				a, _ := Method(name, c[0], c[1], tx, pairs.Numerical)
				b, _ := Method(name, c[1], c[0], pairs.Numerical, tx)
				if a != -b && !(math.IsNaN(a) && math.IsNaN(b)) {
					t.Errorf("%s case %d %v: %v and %v", name, ci, tx, a, b)
				}
				if tx == pairs.Numerical && math.IsNaN(a) {
					t.Errorf("%s case %d: NaN on a regular pair", name, ci)
				}
			}
		}
	}
}

// TestMethodUndefined checks NaN for undefined inputs and no infinities on
// extreme ones.
func TestMethodUndefined(t *testing.T) {
	nanCases := map[string][2][]float64{
		"const":  {{1, 1, 1, 1, 1, 1}, {2, 3, 4, 5, 6, 7}},
		"three":  {{1, 2, 3}, {3, 1, 2}},
		"badlen": {{1, 2, 3, 4, 5, 6}, {1, 2}},
		"nan":    {{1, math.NaN(), 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}},
		"inf":    {{1, math.Inf(1), 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}},
	}
	for _, name := range MethodNames() {
		for cn, c := range nanCases {
			if v, _ := Method(name, c[0], c[1], pairs.Numerical, pairs.Numerical); !math.IsNaN(v) {
				t.Errorf("%s on %s = %v, want NaN", name, cn, v)
			}
		}
		for cn, c := range map[string][2][]float64{
			"huge":  {hugeMany(), append(hugeMany()[5:], 1, 2, 3, 4, 5)},
			"tiny6": {{0, 1, 0, 1, 2, 0}, {1, 1, 2, 2, 3, 5}},
		} {
			if v, _ := Method(name, c[0], c[1], pairs.Numerical, pairs.Numerical); math.IsInf(v, 0) {
				t.Errorf("%s on %s = %v", name, cn, v)
			}
		}
	}
	if _, ok := Method("nope", nil, nil, pairs.Numerical, pairs.Numerical); ok {
		t.Error("unknown method accepted")
	}
}

// TestMethodDeterministic checks repeated calls agree bit for bit, on a
// pair large enough to be subsampled.
func TestMethodDeterministic(t *testing.T) {
	x, y := anmPair(9, 1100, cube, 0.3)
	for _, name := range MethodNames() {
		a, _ := Method(name, x, y, pairs.Numerical, pairs.Numerical)
		b, _ := Method(name, x, y, pairs.Numerical, pairs.Numerical)
		if math.Float64bits(a) != math.Float64bits(b) {
			t.Errorf("%s: %v then %v", name, a, b)
		}
	}
}

func TestIGCIPaperSlopeByHand(t *testing.T) {
	// a = 0, 0, 1, 3 (stable order keeps b = 5 before b = 1 in the tie):
	// steps (0->0: skipped), (0,1)->(1,2): log|1/1|, (1,2)->(3,8): log 3;
	// divided by n = 4.
	a, b := []float64{0, 0, 1, 3}, []float64{5, 1, 2, 8}
	if got, want := igciPaperC(a, b), math.Log(3)/4; math.Abs(got-want) > 1e-15 {
		t.Fatalf("igciPaperC = %v, want %v", got, want)
	}
}

func TestBSplinePartitionOfUnity(t *testing.T) {
	a := []float64{-2, -1.3, 0, 0.2, 1.7, 3}
	phi, p := bsplineDesign(a, lociKnots, lociDegree)
	if p != lociKnots+lociDegree-1 {
		t.Fatalf("%d basis functions, want %d", p, lociKnots+lociDegree-1)
	}
	for i := range a {
		var s float64
		for _, v := range phi[i*p : i*p+p] {
			if v < 0 {
				t.Fatalf("negative basis value %v", v)
			}
			s += v
		}
		if math.Abs(s-1) > 1e-12 {
			t.Fatalf("basis at %v sums to %v", a[i], s)
		}
	}
}

func TestSmoothingSplineLimits(t *testing.T) {
	x, y := anmPair(2, 120, cube, 0.1)
	sp := newSmoothingSpline(x, y)
	rss, df := sp.fitDF(2)
	if math.Abs(df-2) > 1e-6 {
		t.Fatalf("df %v, want 2", df)
	}
	if want := simpleSSE(x, y); math.Abs(rss-want) > 1e-6*want {
		t.Fatalf("df-2 RSS %v, the least-squares line's %v", rss, want)
	}
	prev := rss
	for _, target := range []float64{4, 8, 16} {
		r, d := sp.fitDF(target)
		if math.Abs(d-target) > 1e-6 || r > prev {
			t.Fatalf("df %v: got df %v RSS %v (previous RSS %v)", target, d, r, prev)
		}
		prev = r
	}
}

func TestSlopeHelpers(t *testing.T) {
	// logN(2) = log2 2 + log2 1 + log2 2.865064 in the Marx code.
	if got, want := logStar(2), 1+math.Log2(2.865064); math.Abs(got-want) > 1e-12 {
		t.Fatalf("logStar(2) = %v, want %v", got, want)
	}
	if got := logStar(0.5); got != 1+math.Log2(2.865064) { // ceil(0.5) = 1: log2 1 = 0, plus the constant
		if got != math.Log2(2.865064) {
			t.Fatalf("logStar(0.5) = %v", got)
		}
	}
	if got, want := log2Choose(5, 2), math.Log2(10); math.Abs(got-want) > 1e-12 {
		t.Fatalf("log2Choose(5,2) = %v, want %v", got, want)
	}
	if got := slopeResolution([]float64{0, 0.5, 0.5, 0.503, 1}); math.Abs(got-0.003) > 1e-12 {
		t.Fatalf("resolution %v, want 0.003", got)
	}
	if got := slopeResolution([]float64{0, 0.5, 1}); got != 0.01 {
		t.Fatalf("resolution %v, want the 0.01 cap", got)
	}
}

func TestQuantile7(t *testing.T) {
	s := []float64{1, 2, 4, 8}
	// R: quantile(c(1,2,4,8), c(0, .25, .5, 1)) = 1, 1.75, 3, 8.
	for p, want := range map[float64]float64{0: 1, 0.25: 1.75, 0.5: 3, 1: 8} {
		if got := quantile7(s, p); math.Abs(got-want) > 1e-12 {
			t.Fatalf("quantile7(%v) = %v, want %v", p, got, want)
		}
	}
}
