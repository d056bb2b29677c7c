package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// checkNamed compares named outputs with reference values.
func checkNamed(t *testing.T, names []string, got []float64, want map[string]float64) {
	t.Helper()
	for i, name := range names {
		if w, ok := want[name]; ok && !near(got[i], w, 1e-9*math.Max(1, math.Abs(w))) {
			t.Errorf("%s = %.15g, want %.15g", name, got[i], w)
		}
	}
}

// The reference values below come from sklearn 1.2.1 / scipy 1.10.1 on the
// same inputs (metrics per class one-vs-rest, then numpy mean/sum/max).
var (
	clsY     = []int{0, 1, 2, 2, 1, 0, 0, 2, 1, 1, 2, 0}
	clsProba = []float64{
		.7, .2, .1, .2, .5, .3, .1, .3, .6, .3, .4, .3, .1, .8, .1, .5, .5, 0,
		.4, .4, .2, .2, .2, .6, .3, .3, .4, .1, .6, .3, .2, .2, .6, .6, .3, .1,
	}
)

func TestClassificationMatchesSklearn(t *testing.T) {
	dst := make([]float64, len(ClassificationNames()))
	Classification(clsY, 3, clsProba, dst)
	checkNamed(t, ClassificationNames(), dst, map[string]float64{
		"accuracy": 0.8333333333333334, "balanced_accuracy": 0.8333333333333334,
		"log_loss": 0.653706442977401,
		"auc_mean": 0.9322916666666666, "auc_sum": 2.796875, "auc_max": 1,
		"average_precision_mean": 0.8971560846560847, "average_precision_sum": 2.691468253968254,
		"f1_mean": 0.8333333333333334, "f1_sum": 2.5, "precision_sum": 2.5, "recall_max": 1,
		"mcc_mean": 0.75, "mcc_sum": 2.25, "mcc_max": 1,
		"hinge_mean": 0.611111111111111, "hinge_sum": 1.8333333333333333, "hinge_max": 0.7166666666666667,
	})
}

func TestAUCKnownRankingWithTies(t *testing.T) {
	// Class 1 scores: positives 0.9, 0.5; negatives 0.5, 0.1. Pairs:
	// (0.9 > 0.5), (0.9 > 0.1), (0.5 = 0.5: half), (0.5 > 0.1) -> 3.5/4.
	y := []int{1, 1, 0, 0}
	proba := []float64{0.1, 0.9, 0.5, 0.5, 0.5, 0.5, 0.9, 0.1}
	dst := make([]float64, len(ClassificationNames()))
	Classification(y, 2, proba, dst)
	// Class 0 has the mirrored scores, so the same AUC.
	checkNamed(t, ClassificationNames(), dst, map[string]float64{
		"auc_mean": 0.875, "auc_max": 0.875, "auc_sum": 1.75,
	})
}

func TestClassificationDegenerate(t *testing.T) {
	dst := make([]float64, len(ClassificationNames()))
	// A single class present: ranking metrics undefined, class 1 absent.
	Classification([]int{0, 0, 0}, 2, []float64{0.9, 0.1, 0.6, 0.4, 0.2, 0.8}, dst)
	checkNamed(t, ClassificationNames(), dst, map[string]float64{
		"accuracy": 2.0 / 3, "balanced_accuracy": 2.0 / 3, "recall_sum": 2.0 / 3,
		"precision_max": 1,
	})
	for _, name := range []string{"auc_mean", "average_precision_max"} {
		for i, n := range classificationNames {
			if n == name && !math.IsNaN(dst[i]) {
				t.Errorf("%s = %v, want NaN", name, dst[i])
			}
		}
	}
	// Bad shapes and codes: all NaN, no panic.
	for _, c := range []struct {
		y     []int
		proba []float64
	}{{[]int{0, 1}, []float64{1, 0, 0}}, {[]int{0, 2}, []float64{1, 0, 0, 1}}, {nil, nil}} {
		Classification(c.y, 2, c.proba, dst)
		for i, v := range dst {
			if !math.IsNaN(v) {
				t.Errorf("%v: %s = %v, want NaN", c.y, classificationNames[i], v)
			}
		}
	}
}

func TestRegressionMatchesSklearn(t *testing.T) {
	y := []float64{3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.5, 3.5}
	pred := []float64{2.5, 1.5, 3.0, 2.0, 5.5, 8.0, 2.5, 6.5, 4.0, 3.0}
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	dst := make([]float64, len(RegressionNames()))
	Regression(y, pred, x, dst)
	checkNamed(t, RegressionNames(), dst, map[string]float64{
		"explained_variance": 0.8937885253674728, "r2": 0.8862019914651493,
		"mae": 0.7, "mse": 0.6, "max_error": 1.5, "resid_var": 0.56,
		"rel_resid_var": 0.10621147463252724, "median_ae": 0.5, "gini": 0.4,
		"resid_skewness": 0.37225672980659147, "resid_kurtosis": -1.440051020408163,
		"resid_anderson": 0.8816240802923065,
	})
}

func TestRegressionPerfectAndDegenerate(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{2, 4, 6, 8, 10}
	dst := make([]float64, len(RegressionNames()))
	Regression(y, y, x, dst)
	checkNamed(t, RegressionNames(), dst, map[string]float64{
		"explained_variance": 1, "r2": 1, "mae": 0, "mse": 0, "max_error": 0,
		"gini": 0, "median_ae": 0, "resid_hsic": 0,
	})
	for _, name := range []string{"resid_entropy", "resid_skewness", "resid_anderson"} {
		if v := dst[index(name)]; !math.IsNaN(v) {
			t.Errorf("perfect fit: %s = %v, want NaN", name, v)
		}
	}
	// Constant y: the variance ratios are undefined.
	Regression([]float64{1, 1, 1, 1}, []float64{1, 2, 0, 1}, x[:4], dst)
	if v := dst[index("r2")]; !math.IsNaN(v) {
		t.Errorf("constant y: r2 = %v, want NaN", v)
	}
	// Huge values: no Inf.
	Regression([]float64{1e308, -1e308, 1e308}, []float64{-1e308, 1e308, 0}, []float64{1, 2, 3}, dst)
	for i, v := range dst {
		if math.IsInf(v, 0) {
			t.Errorf("huge: %s = Inf", regressionNames[i])
		}
	}
	Regression([]float64{1, 2}, []float64{1, 2}, []float64{1}, dst)
	for i, v := range dst {
		if !math.IsNaN(v) {
			t.Errorf("bad lengths: %s = %v, want NaN", regressionNames[i], v)
		}
	}
}

func index(name string) int {
	for i, n := range regressionNames {
		if n == name {
			return i
		}
	}
	panic(name)
}

func TestRegressionGiniIsHalfMeanAbsDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 50
	y, pred, x := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range y {
		x[i] = float64(i)
		y[i] = r.NormFloat64()
		pred[i] = r.NormFloat64()
	}
	s := 0.0
	for i := range y {
		for j := range y {
			s += math.Abs((y[i] - pred[i]) - (y[j] - pred[j]))
		}
	}
	dst := make([]float64, len(RegressionNames()))
	Regression(y, pred, x, dst)
	if want := s / float64(n*n) / 2; !near(dst[index("gini")], want, 1e-12) {
		t.Errorf("gini = %v, want %v", dst[index("gini")], want)
	}
}

func TestResidualDependenceDetectsWrongModel(t *testing.T) {
	// y = x² + noise: a linear fit leaves a residual that depends on x,
	// the true curve leaves independent noise.
	r := rand.New(rand.NewPCG(3, 4))
	n := 2000
	x, y, lin, good := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = 2*r.Float64() - 1
		y[i] = x[i]*x[i] + 0.1*r.NormFloat64()
		lin[i] = 1.0 / 3 // the best linear fit of x² on [-1, 1] is its mean
		good[i] = x[i] * x[i]
	}
	in := NewInput(x)
	bad, ok := make([]float64, len(RegressionNames())), make([]float64, len(RegressionNames()))
	RegressionInput(y, lin, in, bad)
	RegressionInput(y, good, in, ok)
	for _, name := range []string{"resid_hsic", "resid_mi"} {
		if i := index(name); !(bad[i] > 5*ok[i]) {
			t.Errorf("%s: wrong model %v, right model %v", name, bad[i], ok[i])
		}
	}
}

func TestMedianAbsAndRadix32(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	for _, n := range []int{1, 2, 3, 10, 101, 5000} {
		s := make([]float64, n)
		abs := make([]float64, n)
		keys, scratch := make([]uint32, n), make([]uint32, n)
		for i := range s {
			s[i] = float64(r.IntN(21) - 14) // ties, mostly negative
			keys[i] = r.Uint32() >> uint(r.IntN(20))
		}
		slices.Sort(s)
		for i, v := range s {
			abs[i] = math.Abs(v)
		}
		slices.Sort(abs)
		want := abs[n/2]
		if n%2 == 0 {
			want = (abs[n/2-1] + abs[n/2]) / 2
		}
		if got := medianAbs(s); got != want {
			t.Errorf("n=%d: medianAbs = %v, want %v", n, got, want)
		}
		ref := append([]uint32(nil), keys...)
		slices.Sort(ref)
		radixSort32(keys, scratch)
		if !slices.Equal(keys, ref) {
			t.Errorf("n=%d: radixSort32 differs from slices.Sort", n)
		}
	}
}

func TestNaNPredictionGivesNaN(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	dst := make([]float64, len(RegressionNames()))
	Regression([]float64{1, 2, 3, 4}, []float64{1, math.NaN(), 3, 4}, x, dst)
	for i, v := range dst {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN", regressionNames[i], v)
		}
	}
	// NaN probabilities must not panic or hang.
	c := make([]float64, len(ClassificationNames()))
	Classification([]int{0, 1, 1}, 2, []float64{math.NaN(), 1, 0.5, 0.5, 0, 1}, c)
}

// RegressionSome computes exactly RegressionInput's values where asked and
// NaN elsewhere, whichever values are asked for together (each alone, and
// every group of related values).
func TestRegressionSomeMatchesAll(t *testing.T) {
	x, y, pred := benchFit(500)
	all := make([]float64, len(regressionNames))
	RegressionInput(y, pred, NewInput(x), all)
	masks := [][]int{{14}, {15}, {7}, {9, 13}, {0, 5}, {14, 15}}
	for i := range regressionNames {
		masks = append(masks, []int{i})
	}
	for _, m := range masks {
		need := make([]bool, len(regressionNames))
		for _, i := range m {
			need[i] = true
		}
		got := make([]float64, len(regressionNames))
		RegressionSome(y, pred, NewInput(x), got, need)
		checkSome(t, regressionNames, m, need, got, all)
	}
}

// ClassificationSome computes exactly Classification's values where asked
// and NaN elsewhere: with and without the per-class rankings.
func TestClassificationSomeMatchesAll(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	n, k := 300, 3
	y := make([]int, n)
	proba := make([]float64, n*k)
	for i := range y {
		y[i] = r.IntN(k)
		for c := range k {
			proba[i*k+c] = r.Float64()
		}
		proba[i*k+y[i]] += 0.5
	}
	all := make([]float64, len(classificationNames))
	Classification(y, k, proba, all)
	masks := [][]int{{3}, {8}, {9, 20}, {23}, {0, 2}}
	for i := range classificationNames {
		masks = append(masks, []int{i})
	}
	for _, m := range masks {
		need := make([]bool, len(classificationNames))
		for _, i := range m {
			need[i] = true
		}
		got := make([]float64, len(classificationNames))
		ClassificationSome(y, k, proba, got, need)
		checkSome(t, classificationNames, m, need, got, all)
	}
}

// checkSome checks the values a *Some function computed for the mask need
// (built from the indices m): all's where asked, NaN elsewhere.
func checkSome(t *testing.T, names []string, m []int, need []bool, got, all []float64) {
	t.Helper()
	for i, v := range got {
		switch {
		case need[i] && v != all[i] && !(math.IsNaN(v) && math.IsNaN(all[i])):
			t.Errorf("need %v: %s = %v, all computed %v", m, names[i], v, all[i])
		case !need[i] && !math.IsNaN(v):
			t.Errorf("need %v: %s = %v, not asked for, want NaN", m, names[i], v)
		}
	}
}
