package learners

import (
	"fmt"
	"math"
	"testing"
)

// degenerateCase is a small awkward data set.
type degenerateCase struct {
	name string
	x    []float64
	y    []float64
}

func degenerateCases() []degenerateCase {
	return []degenerateCase{
		{"constant_x", []float64{2, 2, 2, 2, 2}, []float64{1, 5, 2, 8, 3}},
		{"constant_y", []float64{1, 4, 2, 8, 3}, []float64{7, 7, 7, 7, 7}},
		{"three_points", []float64{1, 2, 3}, []float64{3, 1, 2}},
		{"one_point", []float64{1}, []float64{4}},
		{"two_values", []float64{0, 1, 0, 1, 1, 0, 0, 1}, []float64{1, 2, 1.5, 3, 2.5, 1, 0.5, 2}},
		{"heavy_ties", []float64{0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 5}, []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 3}},
		{"huge_values", []float64{1e150, -2e150, 3e150, 5e149, 1e150, 7e150}, []float64{-3e200, 1e200, 4e200, 2e200, 0, 5e200}},
		{"huge_offset", []float64{1e12, 1e12 + 1, 1e12 + 2, 1e12 + 3, 1e12 + 4}, []float64{1e15 + 1, 1e15 + 2, 1e15 + 1, 1e15 + 4, 1e15 + 3}},
		{"tiny_spread", []float64{1, 1 + 1e-15, 1 + 2e-15, 1 + 3e-15}, []float64{1, 2, 3, 4}},
	}
}

// TestRegressorsDegenerate checks that every regressor gives finite
// predictions (in-sample and at new points) on awkward data, the constant on
// a constant target, and the mean on a constant x where it should.
func TestRegressorsDegenerate(t *testing.T) {
	for _, dc := range degenerateCases() {
		for _, r := range Regressors() {
			name := dc.name + "/" + r.Name()
			x := NumericInput(dc.x)
			out := fitPredict(r, x, dc.y)
			checkFinite(t, name, out)
			m := r.Fit(x, dc.y)
			checkFinite(t, name+"/new", predictAt(m, around(dc.x)...))
			if dc.name == "constant_y" {
				assertClose(t, name, out, dc.y, 0)
			}
		}
	}
}

// around returns query points inside and around the range of x.
func around(x []float64) []float64 {
	lo, hi := x[0], x[0]
	for _, v := range x {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	return []float64{lo - (hi - lo) - 1, lo, lo/2 + hi/2, hi, hi + (hi - lo) + 1}
}

// TestBoundedFarQueries checks that the learners whose predictions are
// bounded by the training targets stay finite (and within range) at
// extreme query points.
func TestBoundedFarQueries(t *testing.T) {
	xs, y := noisy(200, 3)
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range y {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	for _, r := range Regressors() {
		switch r.Name() {
		case "linear", "ridge", "poly2", "poly3", "poly4", "poly5", "kernel_ridge", "spline":
			continue // may extrapolate beyond the targets
		}
		out := predictAt(r.Fit(NumericInput(xs), y), -math.MaxFloat64, -1e300, -1e15, 1e15, 1e300, math.MaxFloat64)
		for _, v := range out {
			if !(v >= lo-1e-9 && v <= hi+1e-9) {
				t.Errorf("%s: far prediction %v outside [%v, %v]", r.Name(), v, lo, hi)
			}
		}
	}
	for _, name := range []string{"kernel_ridge", "spline"} {
		r, _ := RegressorByName(name)
		checkFinite(t, name, predictAt(r.Fit(NumericInput(xs), y), -math.MaxFloat64, -1e300, -1e15, 1e15, 1e300, math.MaxFloat64))
	}
	yc := classesOf(y, 3)
	yc[0] = 3 // a class with a single row
	for _, c := range Classifiers() {
		out := make([]float64, 4*4)
		c.Fit(NumericInput(xs), yc, 4).PredictProba(NumericInput([]float64{-math.MaxFloat64, -1e300, xs[0], 1e300}), out)
		checkProba(t, c.Name(), out, 4)
	}
}

// TestRegressorsConstantX checks that a constant x predicts the target mean
// (forest and boosting predict bootstrap or subsample means instead).
func TestRegressorsConstantX(t *testing.T) {
	x := NumericInput([]float64{3, 3, 3, 3})
	y := []float64{1, 2, 4, 9}
	for _, r := range Regressors() {
		if r.Name() == "forest10" || r.Name() == "boost10" {
			continue
		}
		out := fitPredict(r, x, y)
		assertClose(t, r.Name(), out, []float64{4, 4, 4, 4}, 1e-12)
	}
}

// TestRegressorsEmpty checks that a fit on no rows predicts NaN.
func TestRegressorsEmpty(t *testing.T) {
	for _, r := range Regressors() {
		out := predictAt(r.Fit(NumericInput(nil), nil), 1, 2)
		if !math.IsNaN(out[0]) || !math.IsNaN(out[1]) {
			t.Errorf("%s: empty fit predicts %v, want NaN", r.Name(), out)
		}
	}
}

// TestClassifiersDegenerate checks valid probabilities on awkward data,
// including one class (K=1), absent classes and constant x.
func TestClassifiersDegenerate(t *testing.T) {
	for _, dc := range degenerateCases() {
		for _, k := range []int{1, 2, 4} {
			y := make([]int, len(dc.y))
			for i := range y {
				y[i] = i % k
			}
			for _, c := range Classifiers() {
				name := fmt.Sprintf("%s/k%d/%s", dc.name, k, c.Name())
				x := NumericInput(dc.x)
				checkProba(t, name, fitProba(c, x, y, k), k)
				m := c.Fit(x, y, k)
				q := NumericInput([]float64{-1e300, 0.5, 1e12 + 0.5, 1e300})
				out := make([]float64, 4*k)
				m.PredictProba(q, out)
				checkProba(t, name+"/new", out, k)
			}
		}
	}
}

// TestClassifiersAbsentClass checks that a class absent from training gets 0
// (except with freq's Laplace smoothing) and that invalid codes are ignored.
func TestClassifiersAbsentClass(t *testing.T) {
	x := NumericInput([]float64{0, 1, 2, 3, 4, 5, 6, 7})
	y := []int{0, 0, 2, 0, 2, 2, -1, 9}
	for _, c := range Classifiers() {
		p := fitProba(c, x, y, 3)
		checkProba(t, c.Name(), p, 3)
		if c.Name() == "freq" {
			continue
		}
		for r := range 8 {
			if p[r*3+1] != 0 {
				t.Fatalf("%s: absent class has probability %v at row %d", c.Name(), p[r*3+1], r)
			}
		}
	}
}

// TestCategoricalDegenerate runs every learner accepting categorical x on
// awkward categorical data, including unseen and invalid codes at prediction.
func TestCategoricalDegenerate(t *testing.T) {
	cases := [][]int{{0, 0, 0, 0}, {0, 1, 0, 1, 2, 2}, {3}, {0, 1, 2}}
	for ci, codes := range cases {
		x := CategoricalInput(codes, 5)
		y := make([]float64, len(codes))
		yc := make([]int, len(codes))
		for i := range y {
			y[i] = float64(i * i)
			yc[i] = i % 3
		}
		q := CategoricalInput([]int{0, 1, 2, 3, 4, -1, 7}, 5)
		for _, r := range Regressors() {
			if !r.AcceptsCategorical() {
				continue
			}
			checkFinite(t, fmt.Sprint(ci, r.Name()), fitPredict(r, x, y))
			out := make([]float64, q.Len())
			r.Fit(x, y).Predict(q, out)
			checkFinite(t, fmt.Sprint(ci, r.Name(), "/new"), out)
		}
		for _, c := range Classifiers() {
			if !c.AcceptsCategorical() {
				continue
			}
			checkProba(t, fmt.Sprint(ci, c.Name()), fitProba(c, x, yc, 3), 3)
			out := make([]float64, q.Len()*3)
			c.Fit(x, yc, 3).PredictProba(q, out)
			checkProba(t, fmt.Sprint(ci, c.Name(), "/new"), out, 3)
		}
	}
}

// TestLengthMismatch checks that a y of the wrong length gives NaN, not a panic.
func TestLengthMismatch(t *testing.T) {
	x := NumericInput([]float64{1, 2, 3, 4})
	for _, r := range Regressors() {
		out := fitPredict(r, x, []float64{1, 2})
		if !math.IsNaN(out[0]) {
			t.Errorf("%s: mismatched lengths predict %v", r.Name(), out)
		}
	}
	for _, c := range Classifiers() {
		out := fitProba(c, x, []int{0, 1, 1}, 2)
		if !math.IsNaN(out[0]) {
			t.Errorf("%s: mismatched lengths predict %v", c.Name(), out)
		}
	}
	out := make([]float64, 4)
	OOFRegress(linear{}, x, []float64{1, 2, 3, 4}, []int{0, 1}, 2, out)
	if !math.IsNaN(out[3]) {
		t.Errorf("OOF with short folds: %v", out)
	}
}
