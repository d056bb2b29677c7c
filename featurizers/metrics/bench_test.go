package metrics

import (
	"math/rand/v2"
	"testing"

	"github.com/causal-tool/causal/internal/benchcpu"
)

// benchFit returns an input, a target and a rough prediction of n points.
func benchFit(n int) (x, y, pred []float64) {
	r := rand.New(rand.NewPCG(1, 1))
	x, y, pred = make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
		y[i] = x[i]*x[i] + r.NormFloat64()
		pred[i] = 1 + 0.5*x[i]
	}
	return x, y, pred
}

// BenchmarkRegressionInput2000 is one fit's regression metrics with a
// prepared input (the plan's hot path), HSIC included.
func BenchmarkRegressionInput2000(b *testing.B) {
	x, y, pred := benchFit(2000)
	in := NewInput(x)
	dst := make([]float64, len(RegressionNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		RegressionInput(y, pred, in, dst)
	}
}

// BenchmarkRegressionNoHSIC2000 is RegressionInput without its HSIC part
// (the same work minus resid_hsic), to see the O(n log n) part alone.
func BenchmarkRegressionNoHSIC2000(b *testing.B) {
	x, y, pred := benchFit(2000)
	in := NewInput(x)
	in.hsicOnce.Do(func() {}) // no HSIC kernel: resid_hsic stays NaN
	dst := make([]float64, len(RegressionNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		RegressionInput(y, pred, in, dst)
	}
}

func BenchmarkClassification2000K10(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	n, k := 2000, 10
	y := make([]int, n)
	proba := make([]float64, n*k)
	for i := range y {
		y[i] = r.IntN(k)
		s := 0.0
		for c := 0; c < k; c++ {
			p := r.Float64()
			if c == y[i] {
				p += 1
			}
			proba[i*k+c] = p
			s += p
		}
		for c := 0; c < k; c++ {
			proba[i*k+c] /= s
		}
	}
	dst := make([]float64, len(ClassificationNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		Classification(y, k, proba, dst)
	}
}
