package learners

import (
	"fmt"
	"testing"

	"github.com/causal-tool/causal/internal/benchcpu"
)

// cpuLoop runs f b.N times and also reports the process CPU time per
// operation (cpu-ns/op), which stays meaningful when the machine is shared.
func cpuLoop(b *testing.B, f func()) {
	start := benchcpu.ProcessNs()
	n := 0
	for b.Loop() {
		f()
		n++
	}
	b.ReportMetric(float64(benchcpu.ProcessNs()-start)/float64(max(n, 1)), "cpu-ns/op")
}

// benchSizes are the sample sizes of the learner benchmarks: 2,000 (the
// reference size) and 500 (the plan's fit subsamples are 500-1,000 points).
var benchSizes = []int{2000, 500}

// BenchmarkRegressors measures Fit + in-sample Predict of each regressor.
func BenchmarkRegressors(b *testing.B) {
	for _, n := range benchSizes {
		xs, y := noisy(n, 7)
		x := NumericInput(xs)
		out := make([]float64, len(y))
		for _, r := range Regressors() {
			b.Run(fmt.Sprintf("n%d/%s", n, r.Name()), func(b *testing.B) {
				cpuLoop(b, func() {
					r.Fit(x, y).Predict(x, out)
				})
			})
		}
	}
}

// BenchmarkClassifiers measures Fit + in-sample PredictProba of each
// classifier with 2 and 10 classes.
func BenchmarkClassifiers(b *testing.B) {
	for _, n := range benchSizes {
		xs, y := noisy(n, 7)
		x := NumericInput(xs)
		for _, k := range []int{2, 10} {
			yc := classesOf(y, k)
			out := make([]float64, len(y)*k)
			for _, c := range Classifiers() {
				b.Run(fmt.Sprintf("n%d/%s_k%d", n, c.Name(), k), func(b *testing.B) {
					cpuLoop(b, func() {
						c.Fit(x, yc, k).PredictProba(x, out)
					})
				})
			}
		}
	}
}

// BenchmarkCategorical measures the categorical-x learners at n=2,000 with 10 categories.
func BenchmarkCategorical(b *testing.B) {
	xs, y := noisy(2000, 7)
	x := CategoricalInput(classesOf(xs, 10), 10)
	out := make([]float64, len(y)*10)
	yc := classesOf(y, 10)
	for _, r := range Regressors() {
		if r.AcceptsCategorical() {
			b.Run("reg_"+r.Name(), func(b *testing.B) {
				cpuLoop(b, func() {
					r.Fit(x, y).Predict(x, out)
				})
			})
		}
	}
	for _, c := range Classifiers() {
		if c.AcceptsCategorical() {
			b.Run("class_"+c.Name(), func(b *testing.B) {
				cpuLoop(b, func() {
					c.Fit(x, yc, 10).PredictProba(x, out)
				})
			})
		}
	}
}

// BenchmarkOOF measures a 5-fold out-of-fold prediction at n=2,000.
func BenchmarkOOF(b *testing.B) {
	xs, y := noisy(2000, 7)
	x := NumericInput(xs)
	folds := Folds(len(y), 5)
	out := make([]float64, len(y))
	for _, name := range []string{"linear", "knn20"} {
		r, _ := RegressorByName(name)
		b.Run(name, func(b *testing.B) {
			cpuLoop(b, func() {
				OOFRegress(r, x, y, folds, 5, out)
			})
		})
	}
}

// BenchmarkNumericInput measures the single sort of x at n=2,000.
func BenchmarkNumericInput(b *testing.B) {
	xs, _ := noisy(2000, 7)
	cpuLoop(b, func() {
		NumericInput(xs)
	})
}

var sinkSum float64

// BenchmarkBaselineSum sums 2,000 floats: a yardstick for the machine's
// current speed (about 1 µs on an idle core), to normalize the other numbers.
func BenchmarkBaselineSum(b *testing.B) {
	xs, _ := noisy(2000, 7)
	cpuLoop(b, func() {
		s := 0.0
		for _, v := range xs {
			s += v
		}
		sinkSum = s
	})
}
