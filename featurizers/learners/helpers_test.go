package learners

import (
	"math"
	"math/rand/v2"
	"testing"
)

// fitPredict fits r on (x, y) and predicts the same rows.
func fitPredict(r Regressor, x Input, y []float64) []float64 {
	out := make([]float64, x.Len())
	r.Fit(x, y).Predict(x, out)
	return out
}

// fitProba fits c on (x, y) and predicts the same rows' probabilities.
func fitProba(c Classifier, x Input, y []int, k int) []float64 {
	out := make([]float64, x.Len()*k)
	c.Fit(x, y, k).PredictProba(x, out)
	return out
}

// predictAt predicts a fitted model at numeric points q.
func predictAt(m RegModel, q ...float64) []float64 {
	out := make([]float64, len(q))
	m.Predict(NumericInput(q), out)
	return out
}

// assertClose fails when got and want differ by more than tol.
func assertClose(t *testing.T, what string, got, want []float64, tol float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !(math.Abs(got[i]-want[i]) <= tol) {
			t.Fatalf("%s[%d] = %.12g, want %.12g (tol %g)\n got %v\nwant %v", what, i, got[i], want[i], tol, got, want)
		}
	}
}

// seq returns 0, 1, ..., n-1 as floats.
func seq(n int) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = float64(i)
	}
	return x
}

// noisy returns n points of a smooth curve with noise, x unsorted.
func noisy(n int, seed uint64) (x, y []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x = make([]float64, n)
	y = make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = math.Sin(2*x[i]) + 0.3*rng.NormFloat64()
	}
	return x, y
}

// classesOf cuts y into k classes by value.
func classesOf(y []float64, k int) []int {
	c := make([]int, len(y))
	for i, v := range y {
		c[i] = min(k-1, max(0, int((v+1.5)/3*float64(k))))
	}
	return c
}

// checkProba fails unless every row of p is finite, non-negative and sums to 1.
func checkProba(t *testing.T, what string, p []float64, k int) {
	t.Helper()
	for r := 0; r < len(p)/k; r++ {
		s := 0.0
		for _, v := range p[r*k : (r+1)*k] {
			if !(v >= 0 && v <= 1+1e-12) {
				t.Fatalf("%s: row %d has probability %v", what, r, p[r*k:(r+1)*k])
			}
			s += v
		}
		if math.Abs(s-1) > 1e-9 {
			t.Fatalf("%s: row %d sums to %v", what, r, s)
		}
	}
}

// checkFinite fails unless every value is finite.
func checkFinite(t *testing.T, what string, v []float64) {
	t.Helper()
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			t.Fatalf("%s: value %d is %v", what, i, x)
		}
	}
}
