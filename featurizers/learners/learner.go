package learners

import "math"

// Regressor fits a numeric target y from a one-dimensional x.
type Regressor interface {
	// Name is a stable token made of [a-z0-9_].
	Name() string
	// AcceptsCategorical reports whether Fit makes sense on a categorical x.
	AcceptsCategorical() bool
	// Fit returns a model of y given x; it predicts NaN when len(y) != x.Len().
	Fit(x Input, y []float64) RegModel
}

// RegModel is a fitted regressor.
type RegModel interface {
	// Predict writes one prediction per row of x into out (len(out) >= x.Len()).
	Predict(x Input, out []float64)
}

// Classifier fits a categorical target (codes 0..k-1) from a one-dimensional x.
type Classifier interface {
	// Name is a stable token made of [a-z0-9_].
	Name() string
	// AcceptsCategorical reports whether Fit makes sense on a categorical x.
	AcceptsCategorical() bool
	// Fit returns a model of y (codes in 0..k-1) given x; rows with a code
	// outside 0..k-1 are ignored; it predicts NaN when len(y) != x.Len().
	Fit(x Input, y []int, k int) ClassModel
}

// ClassModel is a fitted classifier.
type ClassModel interface {
	// PredictProba writes the class probabilities of each row of x into out,
	// row-major: out[i*k+c] is P(class c | row i), k as given to Fit.
	PredictProba(x Input, out []float64)
}

// Regressors returns the default regressors in a fixed order.
func Regressors() []Regressor {
	return []Regressor{
		linear{}, ridge{alpha: 1},
		poly{degree: 2}, poly{degree: 3}, poly{degree: 4}, poly{degree: 5},
		regTree{depth: 3}, regTree{}, regForest{trees: 10}, regBoost{stages: 10},
		knnReg{k: 5}, knnReg{k: 20}, isotonic{}, spline{}, kernelRidge{},
	}
}

// Classifiers returns the default classifiers in a fixed order.
func Classifiers() []Classifier {
	return []Classifier{
		logistic{}, classTree{depth: 3}, classTree{}, classForest{trees: 10},
		classBoost{stages: 10}, knnClass{k: 5}, knnClass{k: 20}, naiveBayes{}, freq{},
	}
}

// RegressorByName returns the default regressor with the given name.
func RegressorByName(name string) (Regressor, bool) {
	for _, r := range Regressors() {
		if r.Name() == name {
			return r, true
		}
	}
	return nil, false
}

// ClassifierByName returns the default classifier with the given name.
func ClassifierByName(name string) (Classifier, bool) {
	for _, c := range Classifiers() {
		if c.Name() == name {
			return c, true
		}
	}
	return nil, false
}

// constReg predicts one value everywhere (NaN when fitted on no rows).
type constReg struct{ v float64 }

// Predict implements RegModel.
func (m constReg) Predict(x Input, out []float64) {
	n := x.Len()
	for i := range n {
		out[i] = m.v
	}
}

// constClass predicts one probability vector everywhere.
type constClass struct{ p []float64 }

// PredictProba implements ClassModel.
func (m constClass) PredictProba(x Input, out []float64) {
	k := len(m.p)
	n := x.Len()
	for i := range n {
		copy(out[i*k:(i+1)*k], m.p)
	}
}

// nanClass returns a model predicting NaN probabilities (no training rows).
func nanClass(k int) constClass {
	p := make([]float64, k)
	for i := range p {
		p[i] = math.NaN()
	}
	return constClass{p}
}

// classCounts counts the valid codes of y.
func classCounts(y []int, k int) (cnt []float64, total float64) {
	cnt = make([]float64, k)
	for _, c := range y {
		if validCode(c, k) {
			cnt[c]++
			total++
		}
	}
	return cnt, total
}

// normalize divides p by its sum in place (uniform when the sum is 0).
func normalize(p []float64) {
	s := 0.0
	for _, v := range p {
		s += v
	}
	if s <= 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		for i := range p {
			p[i] = 1 / float64(len(p))
		}
		return
	}
	for i := range p {
		p[i] /= s
	}
}

// priorModel returns the class frequencies model, or NaN with no valid rows
// (or when y and x differ in length).
func priorModel(x Input, y []int, k int) (constClass, bool) {
	cnt, total := classCounts(y, k)
	if total == 0 || len(y) != x.Len() {
		return nanClass(k), false
	}
	normalize(cnt)
	return constClass{cnt}, true
}

// regPrelude standardizes y (z from a) and handles the degenerate cases
// shared by every regressor: it returns a constant model when y is empty or
// constant, and a NaN model when y and x differ in length.
func regPrelude(x Input, y []float64, a *arena) (standardized, RegModel) {
	st := standardize(y, a)
	if len(y) == 0 || len(y) != x.Len() {
		return st, constReg{math.NaN()}
	}
	if st.constant {
		return st, constReg{st.center}
	}
	return st, nil
}

// numericPrelude is regPrelude for the regressors that refuse a categorical
// x (codes have no order): such an x gets the constant model of y's centre.
func numericPrelude(x Input, y []float64, a *arena) (standardized, RegModel) {
	st, m := regPrelude(x, y, a)
	if m == nil && x.IsCategorical() {
		m = constReg{st.center}
	}
	return st, m
}
