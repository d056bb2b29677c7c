package learners

import (
	"fmt"
	"math"
	"testing"
)

// argmaxRows returns the most probable class of each row.
func argmaxRows(p []float64, k int) []int {
	out := make([]int, len(p)/k)
	for r := range out {
		for c := 1; c < k; c++ {
			if p[r*k+c] > p[r*k+out[r]] {
				out[r] = c
			}
		}
	}
	return out
}

// TestLogisticSeparates checks that logistic regression separates separable
// data, with two and with three ordered classes.
func TestLogisticSeparates(t *testing.T) {
	x := NumericInput([]float64{-5, 4, -4, 3, -3, 2, -2, 1, -1, 5})
	y := []int{0, 1, 0, 1, 0, 1, 0, 1, 0, 1}
	p := fitProba(logistic{}, x, y, 2)
	for r, c := range y {
		if p[r*2+c] <= 0.5 {
			t.Fatalf("row %d: P(true class) = %v", r, p[r*2+c])
		}
	}
	xs := make([]float64, 30)
	y3 := make([]int, 30)
	for i := range xs {
		y3[i] = i / 10
		xs[i] = float64(i + 10*y3[i]) // bands 0-9, 20-29, 40-49
	}
	p3 := fitProba(logistic{}, NumericInput(xs), y3, 3)
	checkProba(t, "3 classes", p3, 3)
	for r, c := range argmaxRows(p3, 3) {
		if c != y3[r] {
			t.Fatalf("row %d classified %d, want %d", r, c, y3[r])
		}
	}
}

// TestLogisticOptimum checks the fitted parameters against the optimality
// conditions of the penalized likelihood on data with few distinct values
// (so the binning is exact): sum_i (p_ij - y_ij) = 0 and
// sum_i xs_i (p_ij - y_ij) + w_j = 0 for every non-reference class.
func TestLogisticOptimum(t *testing.T) {
	xs, yv := noisy(300, 5)
	for i := range xs {
		xs[i] = math.Round(xs[i] * 10) // at most ~80 distinct values
	}
	y := classesOf(yv, 3)
	m := logistic{}.Fit(NumericInput(xs), y, 3).(logitModel)
	p := make([]float64, len(xs)*3)
	m.PredictProba(NumericInput(xs), p)
	for i, c := range m.classes[1:] {
		g0, g1 := 0.0, m.w[i+1]
		for r, v := range xs {
			d := p[r*3+c]
			if y[r] == c {
				d--
			}
			g0 += d
			g1 += d * (v - m.mx) / m.sx
		}
		if math.Abs(g0) > 1e-6 || math.Abs(g1) > 1e-6 {
			t.Errorf("class %d: gradient (%v, %v), want 0", c, g0, g1)
		}
	}
}

// TestLogisticCategorical checks the per-category fit: scores theta
// maximizing sum_c n_c log softmax(log prior + theta)_c - |theta|^2/2, i.e.
// n_c - N p_c = theta_c at the optimum.
func TestLogisticCategorical(t *testing.T) {
	x := CategoricalInput([]int{0, 0, 0, 1, 1, 1, 1, 1}, 3)
	y := []int{0, 0, 1, 1, 1, 1, 0, 1}
	p := fitProba(logistic{}, x, y, 2)
	prior := []float64{3.0 / 8, 5.0 / 8}
	for cat, rows := range map[int][]int{0: {0, 1, 2}, 1: {3, 4, 5, 6, 7}} {
		n := []float64{0, 0}
		for _, r := range rows {
			n[y[r]]++
		}
		N := float64(len(rows))
		q := p[rows[0]*2 : rows[0]*2+2]
		// optimality: theta_c = n_c - N q_c, and softmax(log prior + theta) = q
		th := []float64{n[0] - N*q[0], n[1] - N*q[1]}
		z := prior[0]*math.Exp(th[0]) + prior[1]*math.Exp(th[1])
		want := []float64{prior[0] * math.Exp(th[0]) / z, prior[1] * math.Exp(th[1]) / z}
		assertClose(t, fmt.Sprint("category ", cat), q, want, 1e-8)
	}
	out := make([]float64, 2)
	logistic{}.Fit(x, y, 2).PredictProba(CategoricalInput([]int{2}, 3), out)
	assertClose(t, "unseen", out, prior, 1e-12)
}

// TestNaiveBayesPosterior checks Gaussian naive Bayes against the posterior
// computed by hand: class means 2 and 5, both variances 8/3, equal priors,
// so at x = 3 the log odds of class 0 are 3/(2*8/3) = 9/16.
func TestNaiveBayesPosterior(t *testing.T) {
	x := NumericInput([]float64{0, 3, 2, 5, 4, 7})
	y := []int{0, 1, 0, 1, 0, 1}
	m := naiveBayes{}.Fit(x, y, 2)
	out := make([]float64, 4)
	m.PredictProba(NumericInput([]float64{3, 3.5}), out)
	p0 := 1 / (1 + math.Exp(-9.0/16))
	assertClose(t, "x=3", out[:2], []float64{p0, 1 - p0}, 1e-7)
	assertClose(t, "x=3.5", out[2:], []float64{0.5, 0.5}, 1e-7)
}

// TestNaiveBayesCategorical checks the Laplace-smoothed categorical posterior:
// P(y=0|x=0) = (1/3)(2/5) / ((1/3)(2/5) + (2/3)(2/7)) = 7/17.
func TestNaiveBayesCategorical(t *testing.T) {
	x := CategoricalInput([]int{0, 0, 1, 1, 1, 2}, 3)
	y := []int{0, 1, 0, 1, 1, 1}
	out := make([]float64, 2)
	naiveBayes{}.Fit(x, y, 2).PredictProba(CategoricalInput([]int{0}, 3), out)
	assertClose(t, "x=0", out, []float64{7.0 / 17, 10.0 / 17}, 1e-12)
}

// TestFreqSmoothed checks the conditional frequencies with Laplace smoothing,
// per category and per decile bin.
func TestFreqSmoothed(t *testing.T) {
	x := CategoricalInput([]int{0, 0, 0, 1}, 3)
	y := []int{0, 0, 1, 1}
	out := make([]float64, 6)
	freq{}.Fit(x, y, 2).PredictProba(CategoricalInput([]int{0, 1, 2}, 3), out)
	assertClose(t, "categories", out, []float64{0.6, 0.4, 1.0 / 3, 2.0 / 3, 0.5, 0.5}, 1e-12)
	xs := seq(20)
	yc := make([]int, 20)
	for i := range yc {
		if i >= 10 {
			yc[i] = 1
		}
	}
	m := freq{}.Fit(NumericInput(xs), yc, 2)
	out = make([]float64, 8)
	// bins of two values each: {0,1} all class 0, {10,11} all class 1;
	// 1.9 is the first cut point and falls in the lower bin
	m.PredictProba(NumericInput([]float64{0.5, 1.9, 10.5, 100}), out)
	assertClose(t, "deciles", out, []float64{0.75, 0.25, 0.75, 0.25, 0.25, 0.75, 0.25, 0.75}, 1e-12)
}

// TestClassTreeStep checks pure leaves and midpoint thresholds of a depth-3
// Gini tree on three class bands.
func TestClassTreeStep(t *testing.T) {
	x := NumericInput([]float64{9, 0, 8, 1, 7, 2, 6, 3, 5, 4})
	y := []int{2, 0, 2, 0, 2, 0, 1, 1, 1, 1}
	m := classTree{depth: 3}.Fit(x, y, 3)
	out := make([]float64, 12)
	m.PredictProba(NumericInput([]float64{2.4, 2.6, 6.4, 6.6}), out)
	assertClose(t, "tree3", out, []float64{1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1}, 0)
	// unpruned: per-value class frequencies
	xt := NumericInput([]float64{0, 0, 0, 1})
	yt := []int{0, 1, 1, 0}
	assertClose(t, "full", fitProba(classTree{}, xt, yt, 2), []float64{1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3, 1.0 / 3, 2.0 / 3, 1, 0}, 1e-12)
}

// TestClassTreeCategorical checks that a Gini stump on categories groups
// those with the same majority-class frequency.
func TestClassTreeCategorical(t *testing.T) {
	x := CategoricalInput([]int{0, 1, 2, 3, 0, 1, 2, 3}, 4)
	y := []int{1, 0, 1, 0, 1, 0, 1, 0}
	out := make([]float64, 8)
	classTree{depth: 1}.Fit(x, y, 2).PredictProba(CategoricalInput([]int{0, 1, 2, 3}, 4), out)
	assertClose(t, "stump", out, []float64{0, 1, 1, 0, 0, 1, 1, 0}, 0)
}

// TestKNNClassifier checks k=2 with a tie at the second distance: row x=1
// gets its own class 0 plus half of x=0 (class 0) and x=2 (class 1).
func TestKNNClassifier(t *testing.T) {
	x := NumericInput([]float64{0, 1, 2, 3})
	y := []int{0, 0, 1, 1}
	p := fitProba(knnClass{k: 2}, x, y, 2)
	assertClose(t, "knn2", p, []float64{1, 0, 0.75, 0.25, 0.25, 0.75, 0, 1}, 1e-12)
}

// TestClassBoostRecurrence checks boosting against its closed form on two
// pure groups: by symmetry the log odds d of the right class grow by
// 0.1 * (1/2) * (1/q + 1/q) = 0.1/q per stage, q = sigmoid(d).
func TestClassBoostRecurrence(t *testing.T) {
	n := 100
	xs := make([]float64, n)
	xc := make([]int, n)
	y := make([]int, n)
	for i := range xs {
		xs[i] = float64(i % 2)
		xc[i] = i % 2
		y[i] = i % 2
	}
	d := 0.0
	for range 10 {
		d += 0.1 / (1 / (1 + math.Exp(-d)))
	}
	q := 1 / (1 + math.Exp(-d))
	want := []float64{q, 1 - q, 1 - q, q}
	out := make([]float64, 4)
	classBoost{stages: 10}.Fit(NumericInput(xs), y, 2).PredictProba(NumericInput([]float64{0, 1}), out)
	assertClose(t, "numeric", out, want, 1e-12)
	classBoost{stages: 10}.Fit(CategoricalInput(xc, 2), y, 2).PredictProba(CategoricalInput([]int{0, 1}, 2), out)
	assertClose(t, "categorical", out, want, 1e-12)
}

// TestClassForestPure checks that every bootstrap tree predicts the pure
// class of each value.
func TestClassForestPure(t *testing.T) {
	xs := make([]float64, 60)
	y := make([]int, 60)
	for i := range xs {
		xs[i] = float64(i % 3)
		y[i] = i % 3
	}
	out := make([]float64, 9)
	classForest{trees: 10}.Fit(NumericInput(xs), y, 3).PredictProba(NumericInput([]float64{0, 1.4, 5}), out)
	assertClose(t, "forest", out, []float64{1, 0, 0, 0, 1, 0, 0, 0, 1}, 1e-12)
}
