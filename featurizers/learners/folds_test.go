package learners

import (
	"fmt"
	"math"
	"slices"
	"sync"
	"testing"
)

// TestSubsetOrder checks that a subset's order and groups equal those of a
// fresh NumericInput on the same values (stable ties included).
func TestSubsetOrder(t *testing.T) {
	x := []float64{3, 1, 2, 1, 5, 3, 0, 2, 2}
	idx := []int{0, 1, 3, 5, 7, 8}
	sub := NumericInput(x).Subset(idx)
	vals := make([]float64, len(idx))
	for j, i := range idx {
		vals[j] = x[i]
	}
	ref := NumericInput(vals)
	if !slices.Equal(sub.X, vals) || !slices.Equal(sub.Order, ref.Order) {
		t.Fatalf("subset %v order %v, want %v order %v", sub.X, sub.Order, vals, ref.Order)
	}
	g, rg := sub.groups(), ref.groups()
	if !slices.Equal(g.ux, rg.ux) || !slices.Equal(g.cnt, rg.cnt) || !slices.Equal(g.gid, rg.gid) {
		t.Fatalf("subset groups %+v, want %+v", g, rg)
	}
	c := CategoricalInput([]int{2, 0, 1, 2}, 3).Subset([]int{1, 3})
	if !slices.Equal(c.Codes, []int{0, 2}) || c.K != 3 {
		t.Fatalf("categorical subset %+v", c)
	}
}

// TestInputWithoutOrder checks that a hand-built Input (no Order) works.
func TestInputWithoutOrder(t *testing.T) {
	x := []float64{3, 1, 2}
	y := []float64{30, 10, 20}
	for _, r := range Regressors() {
		a := fitPredict(r, Input{X: x}, y)
		b := fitPredict(r, NumericInput(x), y)
		assertClose(t, r.Name(), a, b, 0)
	}
}

// TestFolds checks balance, range and determinism of the fold assignment.
func TestFolds(t *testing.T) {
	for _, n := range []int{0, 1, 3, 10, 101} {
		f := Folds(n, 5)
		size := make([]int, 5)
		for _, v := range f {
			size[v]++
		}
		lo, hi := slices.Min(append(size, n)), slices.Max(size)
		if n >= 5 && hi-lo > 1 {
			t.Errorf("n=%d: fold sizes %v", n, size)
		}
		if !slices.Equal(f, Folds(n, 5)) {
			t.Errorf("n=%d: folds differ between calls", n)
		}
	}
	if f := Folds(100, 5); slices.Equal(f[:10], []int{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}) {
		t.Errorf("folds follow the row order: %v", f[:10])
	}
}

// spyReg is a test learner whose model predicts 1 for query values it saw
// during the fit and 0 otherwise.
type spyReg struct{}

func (spyReg) Name() string             { return "spy" }
func (spyReg) AcceptsCategorical() bool { return true }
func (spyReg) Fit(x Input, y []float64) RegModel {
	seen := map[float64]bool{}
	for _, v := range x.X {
		seen[v] = true
	}
	for _, c := range x.Codes {
		seen[float64(c)] = true
	}
	return spyModel(seen)
}

type spyModel map[float64]bool

func (m spyModel) Predict(x Input, out []float64) {
	for i := range x.Len() {
		v := 0.0
		if x.IsCategorical() {
			v = float64(x.Codes[i])
		} else {
			v = x.X[i]
		}
		out[i] = 0
		if m[v] {
			out[i] = 1
		}
	}
}

func (m spyModel) PredictProba(x Input, out []float64) {
	p := make([]float64, x.Len())
	m.Predict(x, p)
	for i, v := range p {
		out[2*i], out[2*i+1] = v, 1-v
	}
}

type spyClass struct{}

func (spyClass) Name() string             { return "spy" }
func (spyClass) AcceptsCategorical() bool { return true }
func (spyClass) Fit(x Input, y []int, k int) ClassModel {
	return spyReg{}.Fit(x, nil).(spyModel)
}

// TestOOFNeverSeesItsRow checks that every out-of-fold prediction comes from
// a model that was not fitted on the row (distinct x values), for the
// regression and classification helpers.
func TestOOFNeverSeesItsRow(t *testing.T) {
	n := 23
	x := make([]float64, n)
	for i := range x {
		x[i] = float64((i * 7) % n)
	}
	folds := Folds(n, 5)
	out := make([]float64, n)
	OOFRegress(spyReg{}, NumericInput(x), make([]float64, n), folds, 5, out)
	assertClose(t, "oof", out, make([]float64, n), 0)
	// in-sample, the spy sees every row
	in := fitPredict(spyReg{}, NumericInput(x), make([]float64, n))
	assertClose(t, "in-sample", in, slices.Repeat([]float64{1}, n), 0)
	po := make([]float64, 2*n)
	OOFClassify(spyClass{}, NumericInput(x), make([]int, n), 2, folds, 5, po)
	for i := range n {
		if po[2*i] != 0 {
			t.Fatalf("row %d predicted by a model that saw it", i)
		}
	}
}

// TestOOFMatchesManualFolds checks OOFRegress against fitting each fold by hand.
func TestOOFMatchesManualFolds(t *testing.T) {
	xs, y := noisy(57, 9)
	x := NumericInput(xs)
	folds := Folds(len(y), 5)
	for _, name := range []string{"linear", "knn5", "tree3", "spline"} {
		r, _ := RegressorByName(name)
		got := make([]float64, len(y))
		OOFRegress(r, x, y, folds, 5, got)
		want := make([]float64, len(y))
		for f := range 5 {
			var train, test []int
			for i, v := range folds {
				if v == f {
					test = append(test, i)
				} else {
					train = append(train, i)
				}
			}
			yt := make([]float64, len(train))
			for j, i := range train {
				yt[j] = y[i]
			}
			pred := make([]float64, len(test))
			xt := make([]float64, len(test))
			for j, i := range test {
				xt[j] = xs[i]
			}
			trainX := make([]float64, len(train))
			for j, i := range train {
				trainX[j] = xs[i]
			}
			r.Fit(NumericInput(trainX), yt).Predict(NumericInput(xt), pred)
			for j, i := range test {
				want[i] = pred[j]
			}
		}
		assertClose(t, name, got, want, 0)
	}
}

// TestOOFSingleFold checks that k < 2 leaves no training rows: NaN.
func TestOOFSingleFold(t *testing.T) {
	out := make([]float64, 4)
	OOFRegress(linear{}, NumericInput(seq(4)), seq(4), Folds(4, 1), 1, out)
	for _, v := range out {
		if !math.IsNaN(v) {
			t.Fatalf("single fold predicted %v, want NaN", out)
		}
	}
}

// allPredictions runs every learner on fixed data and returns its outputs.
func allPredictions(xs, y []float64) map[string][]float64 {
	res := map[string][]float64{}
	x := NumericInput(xs)
	codes := classesOf(xs, 6)
	xc := CategoricalInput(codes, 6)
	yc := classesOf(y, 4)
	folds := Folds(len(y), 5)
	for _, r := range Regressors() {
		res["reg/"+r.Name()] = fitPredict(r, x, y)
		oof := make([]float64, len(y))
		OOFRegress(r, x, y, folds, 5, oof)
		res["oof/"+r.Name()] = oof
		if r.AcceptsCategorical() {
			res["cat/"+r.Name()] = fitPredict(r, xc, y)
		}
	}
	for _, c := range Classifiers() {
		res["class/"+c.Name()] = fitProba(c, x, yc, 4)
		oof := make([]float64, len(y)*4)
		OOFClassify(c, x, yc, 4, folds, 5, oof)
		res["classoof/"+c.Name()] = oof
		if c.AcceptsCategorical() {
			res["classcat/"+c.Name()] = fitProba(c, xc, yc, 4)
		}
	}
	return res
}

// TestDeterministicAndConcurrent checks that every learner gives bitwise
// identical results when run again and from many goroutines at once.
func TestDeterministicAndConcurrent(t *testing.T) {
	xs, y := noisy(300, 21)
	ref := allPredictions(xs, y)
	for name, v := range ref {
		checkFinite(t, name, v)
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if g%2 == 1 { // churn the scratch pool with other data
				ox, oy := noisy(150+g, uint64(g))
				allPredictions(ox, oy)
			}
			got := allPredictions(xs, y)
			for name, v := range ref {
				if !slices.Equal(got[name], v) {
					errs[g] = fmt.Errorf("%s differs in goroutine %d", name, g)
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}

// TestNames checks that names are unique tokens of [a-z0-9_].
func TestNames(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Regressors() {
		checkName(t, "reg", r.Name(), seen)
	}
	seen = map[string]bool{}
	for _, c := range Classifiers() {
		checkName(t, "class", c.Name(), seen)
	}
	if _, ok := RegressorByName("knn20"); !ok {
		t.Error("RegressorByName(knn20) not found")
	}
	if _, ok := ClassifierByName("nope"); ok {
		t.Error("ClassifierByName(nope) found")
	}
}

func checkName(t *testing.T, kind, name string, seen map[string]bool) {
	t.Helper()
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			t.Errorf("%s name %q has %q", kind, name, r)
		}
	}
	if seen[name] || name == "" {
		t.Errorf("%s name %q empty or repeated", kind, name)
	}
	seen[name] = true
}

// TestNumericInputWithOrder checks that a given order gives the same fits
// as sorting, and that a missing order falls back to sorting.
func TestNumericInputWithOrder(t *testing.T) {
	xs, y := noisy(40, 17)
	ref := NumericInput(xs)
	given := NumericInputWithOrder(xs, append([]int(nil), ref.Order...))
	short := NumericInputWithOrder(xs, nil)
	for _, r := range Regressors() {
		want := fitPredict(r, ref, y)
		assertClose(t, r.Name(), fitPredict(r, given, y), want, 0)
		assertClose(t, r.Name()+" fallback", fitPredict(r, short, y), want, 0)
	}
}
