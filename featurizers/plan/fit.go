package plan

import (
	"math/rand/v2"
	"strconv"

	"github.com/causal-tool/causal/featurizers/learners"
	"github.com/causal-tool/causal/featurizers/metrics"
)

// fold is one out-of-fold split of the fit subsample.
type fold struct{ train, test []int }

// folds returns the deterministic K-fold split of the fit subsample: a
// permutation seeded by the sample size only (so (A, B) and (B, A) get the
// same folds), dealt round-robin into K folds, indices ascending.
func (c *pairCtx) folds() []fold {
	return memo(c, famViews, "folds", func() []fold {
		n := len(c.fit[0])
		k := c.params.Folds
		perm := rand.New(rand.NewPCG(uint64(n), 0x5eed)).Perm(n)
		of := make([]int, n)
		for pos, i := range perm {
			of[i] = pos % k
		}
		fs := make([]fold, k)
		for i := 0; i < n; i++ {
			for f := range fs {
				if of[i] == f {
					fs[f].test = append(fs[f].test, i)
				} else {
					fs[f].train = append(fs[f].train, i)
				}
			}
		}
		return fs
	})
}

// xInput is one learner input of a variable: column col of a numeric view,
// or the categorical view "codes".
type xInput struct {
	v    int
	view string
	col  int
}

func (k xInput) key() string {
	return "in" + strconv.Itoa(k.v) + "/" + k.view + "/" + strconv.Itoa(k.col)
}

// memoInput is memo for a value computed from input k alone: shared with
// the other pairs of k's variable unless k's view depends on the other
// variable (tomean).
func memoInput[T any](c *pairCtx, k xInput, suffix string, f func() T) T {
	if k.view == "tomean" {
		return memo(c, famViews, k.key()+suffix, f)
	}
	return memoVar(c, k.v, famViews, k.key()+suffix, "in/"+k.view+"/"+strconv.Itoa(k.col)+suffix, f)
}

// values returns the numeric values of the input (the codes as floats for a
// categorical input).
func (c *pairCtx) values(k xInput) []float64 {
	if k.view == "codes" {
		return memoInput(c, k, "/f", func() []float64 {
			cv, _ := c.catView(k.v, "codes")
			out := make([]float64, len(cv.Codes))
			for i, code := range cv.Codes {
				out[i] = float64(code)
			}
			return out
		})
	}
	return c.numView(k.v, k.view)[k.col]
}

// metricInput returns the prepared x of the regression metrics for k.
func (c *pairCtx) metricInput(k xInput) *metrics.Input {
	return memoInput(c, k, "/m", func() *metrics.Input { return metrics.NewInput(c.values(k)) })
}

// input returns the learner input for k on the whole fit subsample (f < 0),
// or the train (test=false) or test rows of fold f.
func (c *pairCtx) input(k xInput, f int, test bool) learners.Input {
	suffix := "/" + strconv.Itoa(f)
	if test {
		suffix += "t"
	}
	return memoInput(c, k, suffix, func() learners.Input {
		if f >= 0 {
			full := c.input(k, -1, false)
			idx := c.folds()[f].train
			if test {
				idx = c.folds()[f].test
			}
			return full.Subset(idx)
		}
		if k.view == "codes" {
			cv, _ := c.catView(k.v, "codes")
			return learners.CategoricalInput(cv.Codes, cv.K)
		}
		return learners.NumericInput(c.values(k))
	})
}

// gather returns y at the rows idx (into a new slice).
func gather[T any](y []T, idx []int) []T {
	out := make([]T, len(idx))
	for j, i := range idx {
		out[j] = y[i]
	}
	return out
}

// regress writes into pred the predictions of r for y from input k:
// in-sample (oof false) or out-of-fold.
func (c *pairCtx) regress(r learners.Regressor, k xInput, y []float64, oof bool, pred []float64) {
	if !oof {
		x := c.input(k, -1, false)
		r.Fit(x, y).Predict(x, pred)
		return
	}
	tmp := make([]float64, len(y))
	for f, fd := range c.folds() {
		m := r.Fit(c.input(k, f, false), gather(y, fd.train))
		m.Predict(c.input(k, f, true), tmp)
		for j, i := range fd.test {
			pred[i] = tmp[j]
		}
	}
}

// classify writes into proba (row-major n x K) the class probabilities of
// cl for the codes y from input k: in-sample or out-of-fold.
func (c *pairCtx) classify(cl learners.Classifier, k xInput, y []int, K int, oof bool, proba []float64) {
	if !oof {
		x := c.input(k, -1, false)
		cl.Fit(x, y, K).PredictProba(x, proba)
		return
	}
	tmp := make([]float64, len(y)*K)
	for f, fd := range c.folds() {
		m := cl.Fit(c.input(k, f, false), gather(y, fd.train), K)
		m.PredictProba(c.input(k, f, true), tmp)
		for j, i := range fd.test {
			copy(proba[i*K:(i+1)*K], tmp[j*K:(j+1)*K])
		}
	}
}
