package learners

import (
	"math"
	"testing"
)

// TestNonFiniteInputsDoNotPanic runs every learner on inputs with NaN and
// infinite values (outputs may be NaN there, but nothing may panic).
func TestNonFiniteInputsDoNotPanic(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	xs := []float64{1, nan, 3, inf, -inf, 2, 2, nan, 5, 0}
	ys := []float64{nan, 1, 2, 3, inf, 5, 6, 7, -inf, 9}
	yc := []int{0, 1, 2, 0, 1, 2, 0, 1, 2, 0}
	for _, y := range [][]float64{ys, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}} {
		x := NumericInput(xs)
		folds := Folds(len(xs), 3)
		for _, r := range Regressors() {
			out := make([]float64, len(xs))
			r.Fit(x, y).Predict(x, out)
			OOFRegress(r, x, y, folds, 3, out)
		}
	}
	for _, c := range Classifiers() {
		out := make([]float64, len(xs)*3)
		c.Fit(NumericInput(xs), yc, 3).PredictProba(NumericInput(xs), out)
	}
}
