package learners

import (
	"math"
	"math/rand/v2"
)

// foldSeed seeds the fold permutation.
const foldSeed = 0xf01d5

// Folds assigns each of n rows to one of k folds: fold i%k for the i-th row
// of a permutation of 0..n-1 seeded by n, so folds are balanced (sizes differ
// by at most one), unrelated to the row order, and the same for every call
// with the same n and k. k < 1 is treated as 1.
func Folds(n, k int) []int {
	k = max(k, 1)
	perm := rand.New(rand.NewPCG(foldSeed, uint64(n))).Perm(n)
	folds := make([]int, n)
	for i, r := range perm {
		folds[r] = i % k
	}
	return folds
}

// foldRows returns the rows in fold f and the rows outside it, ascending.
func foldRows(folds []int, f int, a *arena) (in, out []int) {
	in, out = a.intSlice(len(folds))[:0], a.intSlice(len(folds))[:0]
	for r, v := range folds {
		if v == f {
			in = append(in, r)
		} else {
			out = append(out, r)
		}
	}
	return in, out
}

// OOFRegress writes out-of-fold predictions into out: each row is predicted
// by r fitted on the rows of the other folds (folds in 0..k-1, e.g. from
// Folds). Rows whose model had no training rows (k < 2) get NaN, as does
// every row when y or folds do not have one entry per row of x.
func OOFRegress(r Regressor, x Input, y []float64, folds []int, k int, out []float64) {
	if len(y) != x.Len() || len(folds) != x.Len() {
		fillNaN(out[:x.Len()])
		return
	}
	a := getArena()
	defer a.release()
	for f := range k {
		test, train := foldRows(folds, f, a)
		if len(test) == 0 {
			continue
		}
		yt := a.floats(len(train))
		for j, i := range train {
			yt[j] = y[i]
		}
		pred := a.floats(len(test))
		r.Fit(x.subset(train, a), yt).Predict(x.subset(test, a), pred)
		for j, i := range test {
			out[i] = pred[j]
		}
	}
	markUnfolded(folds, k, out, 1)
}

// OOFClassify writes out-of-fold class probabilities into out (len(y)*ky,
// row-major): each row is predicted by c fitted on the rows of the other
// folds. Rows whose model had no training rows get NaN, as does every row
// when y or folds do not have one entry per row of x.
func OOFClassify(c Classifier, x Input, y []int, ky int, folds []int, kf int, out []float64) {
	if len(y) != x.Len() || len(folds) != x.Len() {
		fillNaN(out[:x.Len()*ky])
		return
	}
	a := getArena()
	defer a.release()
	for f := range kf {
		test, train := foldRows(folds, f, a)
		if len(test) == 0 {
			continue
		}
		pred := a.floats(len(test) * ky)
		yt := a.intSlice(len(train))
		for j, i := range train {
			yt[j] = y[i]
		}
		c.Fit(x.subset(train, a), yt, ky).PredictProba(x.subset(test, a), pred)
		for j, i := range test {
			copy(out[i*ky:(i+1)*ky], pred[j*ky:(j+1)*ky])
		}
	}
	markUnfolded(folds, kf, out, ky)
}

// fillNaN sets every value of v to NaN.
func fillNaN(v []float64) {
	for i := range v {
		v[i] = math.NaN()
	}
}

// markUnfolded sets the outputs of rows whose fold is outside 0..k-1 to NaN.
func markUnfolded(folds []int, k int, out []float64, d int) {
	for r, f := range folds {
		if !validCode(f, k) {
			for j := range d {
				out[r*d+j] = math.NaN()
			}
		}
	}
}
