package direction

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/causal-tool/causal/pairs"

	"github.com/causal-tool/causal/internal/benchcpu"
)

// anmPair draws x ~ U(0,1)... per kind, and y = f(x) + noise.
func anmPair(seed uint64, n int, f func(float64) float64, noise float64) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 11))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.Float64()*2 - 1
		y[i] = f(x[i]) + noise*(rng.Float64()*2-1)
	}
	return x, y
}

func cube(v float64) float64 { return v * v * v }

func winRates(t *testing.T, trials int, gen func(seed uint64) ([]float64, []float64)) []int {
	t.Helper()
	names := Names()
	wins := make([]int, len(names))
	d := make([]float64, len(names))
	for s := 0; s < trials; s++ {
		x, y := gen(uint64(s))
		Scores(x, y, pairs.Numerical, pairs.Numerical, d)
		for i, v := range d {
			if v > 0 {
				wins[i]++
			}
		}
	}
	return wins
}

func gaussPair(seed uint64, n int, f func(float64) float64, noise float64) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 12))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = f(x[i]) + noise*(rng.Float64()*2-1)
	}
	return x, y
}

// TestSigns checks each score on the additive-noise setting matching its
// assumptions: uniform-reference and regression-error scores on a uniform
// cause, Gaussian-reference IGCI on a Gaussian cause; ANM and MDL on both.
func TestSigns(t *testing.T) {
	const trials, need = 20, 16
	uniform := winRates(t, trials, func(seed uint64) ([]float64, []float64) {
		return anmPair(seed, 500, cube, 0.2)
	})
	gauss := winRates(t, trials, func(seed uint64) ([]float64, []float64) {
		return gaussPair(seed, 500, cube, 0.2)
	})
	onGauss := map[string]bool{"igci_slope_gauss": true, "igci_entropy_gauss": true, "anm_hsic": true, "anm_logp": true, "slope_mdl": true}
	onUniform := map[string]bool{"igci_slope_gauss": false, "igci_entropy_gauss": false}
	for i, name := range Names() {
		if _, listed := onUniform[name]; !listed && uniform[i] < need {
			t.Errorf("%s: right sign on %d/%d uniform-cause pairs", name, uniform[i], trials)
		}
		if onGauss[name] && gauss[i] < need {
			t.Errorf("%s: right sign on %d/%d Gaussian-cause pairs", name, gauss[i], trials)
		}
	}
}

func TestAntisymmetry(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	n := 300
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = math.Floor(rng.Float64() * 6)
		y[i] = math.Sin(x[i]) + rng.NormFloat64()
	}
	names := Names()
	a, b := make([]float64, len(names)), make([]float64, len(names))
	for _, tx := range pairs.AllTypes {
		for _, ty := range pairs.AllTypes {
			xx := x
			if tx == pairs.Binary {
				xx = make([]float64, n)
				for i, v := range x {
					xx[i] = math.Mod(v, 2)
				}
			}
			Scores(xx, y, tx, ty, a)
			Scores(y, xx, ty, tx, b)
			for i := range a {
				if a[i] != -b[i] && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
					t.Fatalf("%v%v %s: %v and %v", tx, ty, names[i], a[i], b[i])
				}
				if tx == pairs.Numerical && ty == pairs.Numerical && math.IsNaN(a[i]) {
					t.Fatalf("%s NaN on a regular pair", names[i])
				}
			}
		}
	}
}

func TestScoreByName(t *testing.T) {
	x, y := anmPair(1, 200, cube, 0.2)
	all := make([]float64, len(Names()))
	Scores(x, y, pairs.Numerical, pairs.Numerical, all)
	for i, name := range Names() {
		v, err := Score(name, x, y, pairs.Numerical, pairs.Numerical)
		if err != nil || v != all[i] {
			t.Fatalf("Score(%s) = %v, %v; Scores gave %v", name, v, err, all[i])
		}
	}
	if _, err := Score("nope", x, y, pairs.Numerical, pairs.Numerical); err == nil {
		t.Fatal("unknown score name accepted")
	}
}

func TestSlopeByHand(t *testing.T) {
	// y = 2x on 0,1,3 (tie-free): C(x->y) = log 2, C(y->x) = log(1/2) after
	// the same scaling, so the Gaussian-reference slope score is
	// C(y->x) - C(x->y) with z-scores of equal spread: log 1 - log 1 = 0.
	x := []float64{0, 1, 3, 4, 6}
	y := []float64{0, 2, 6, 8, 12}
	if v, _ := Score("igci_slope_gauss", x, y, pairs.Numerical, pairs.Numerical); math.Abs(v) > 1e-12 {
		t.Fatalf("slope score of a linear map %v, want 0", v)
	}
	// slopeC on (0,0), (1,1), (2,4): mean of log 1 and log 3.
	if got, want := slopeC([]float64{2, 0, 1}, []float64{4, 0, 1}), math.Log(3)/2; math.Abs(got-want) > 1e-12 {
		t.Fatalf("slopeC %v, want %v", got, want)
	}
	// Ties in a average b: a = 0,0,1 with b = 0,2,3: one step log|3-1|/1.
	if got := slopeC([]float64{0, 0, 1}, []float64{0, 2, 3}); math.Abs(got-math.Log(2)) > 1e-12 {
		t.Fatalf("slopeC with ties %v, want log 2", got)
	}
}

func TestDegenerate(t *testing.T) {
	cases := map[string][2][]float64{
		"const":    {{1, 1, 1, 1, 1, 1}, {2, 3, 4, 5, 6, 7}},
		"two":      {{0, 1, 0, 1, 1, 0}, {1, 1, 2, 2, 3, 3}},
		"three":    {{1, 2, 3}, {3, 1, 2}},
		"huge":     {{1e300, -1e300, 0, 1, 2, 3}, {1e-300, 5, 1e300, 3, 2, 1}},
		"ties":     {{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2}, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6}},
		"badlen":   {{1, 2, 3, 4, 5, 6}, {1, 2}},
		"nan":      {{1, math.NaN(), 3, 4, 5, 6}, {1, 2, 3, 4, 5, 6}},
		"hugemany": {hugeMany(), append(hugeMany()[5:], 1, 2, 3, 4, 5)},
	}
	d := make([]float64, len(Names()))
	for name, c := range cases {
		for _, tx := range pairs.AllTypes {
			for _, ty := range pairs.AllTypes {
				Scores(c[0], c[1], tx, ty, d)
				for i, v := range d {
					if math.IsInf(v, 0) {
						t.Fatalf("%s %v%v %s = %v", name, tx, ty, Names()[i], v)
					}
					if name == "hugemany" && tx == pairs.Numerical && ty == pairs.Numerical && math.IsNaN(v) {
						t.Fatalf("huge values: %s is NaN", Names()[i])
					}
					if (name == "const" || name == "three" || name == "badlen" || name == "nan") && !math.IsNaN(v) {
						t.Fatalf("%s %v%v %s = %v, want NaN", name, tx, ty, Names()[i], v)
					}
				}
			}
		}
	}
}

func BenchmarkScores2000(b *testing.B) {
	x, y := anmPair(5, 2000, cube, 0.2)
	d := make([]float64, len(Names()))
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Scores(x, y, pairs.Numerical, pairs.Numerical, d)
	}
}

func hugeMany() []float64 {
	x := make([]float64, 60)
	for i := range x {
		x[i] = float64(i%7-3) * 1e307 * float64(1+i%5) / 5
	}
	return x
}
