package plan

import (
	"math"
	"slices"
	"strconv"

	"github.com/causal-tool/causal/featurizers/learners"
	"github.com/causal-tool/causal/featurizers/metrics"
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/pairs"
)

// Fit modes: in-sample and out-of-fold.
var fitModes = []string{"ins", "oof"}

// Aggregations of a score over the columns of a multi-column view.
var aggNames = []string{"sum", "mean", "max", "min", "median"}

// Learner sets of the default plan, chosen for speed (see the package doc
// for the measured costs). "Level" views (std, pca1, tomean) keep the
// variable's scale; rank is its copula transform; codes its categories.
var (
	regFull = []string{"linear", "poly2", "poly3", "poly5", "tree3", "tree_full", "boost10", "knn20", "isotonic", "spline"}
	// regLevel adds, on the level views only (x and y both std or pca1),
	// the learners that cost more: ridge, poly4, the forest, k-NN with
	// k = 5 and kernel ridge.
	regLevel = append(slices.Clone(regFull), "ridge", "poly4", "forest10", "knn5", "kernel_ridge")
	regCheap = []string{"linear", "poly2", "poly3", "poly5", "tree_full", "knn20"}
	// regRank leaves out the learners that depend on x only through its
	// order (trees, boosting, isotonic): on the rank view they would repeat
	// the level view's predictions.
	regRank  = []string{"linear", "poly2", "poly3", "poly5", "knn20", "spline"}
	regCodes = []string{"linear", "tree_full"}
	regMulti = []string{"linear"}

	clsLevel = []string{"tree3", "tree_full", "freq", "naive_bayes", "knn5", "knn20"}
	clsRank  = []string{"naive_bayes", "knn5", "knn20"}
	clsCodes = []string{"freq", "naive_bayes", "tree_full"}
	// clsRich adds logistic regression, the forest and boosting for the
	// level x view and the decile and tertile views of y.
	clsRich = append(slices.Clone(clsLevel), "logistic", "forest10", "boost10")
)

// isLevel reports whether a numeric view is the variable's scaled level
// (std for Numerical and Binary variables, pca1 for Categorical ones).
func isLevel(v string) bool { return v == "std" || v == "pca1" }

// regLearners returns the regressors fitted for an (x view, y view) pair.
// The tomean view (which leaks y into x) is left to the statistics
// families; one-hot columns are only crossed with the std view of the other
// variable.
func regLearners(xv, yv string) []string {
	switch {
	case xv == "tomean" || yv == "tomean":
		return nil
	case xv == "onehot":
		if yv == "std" {
			return regMulti
		}
	case yv == "onehot":
		if xv == "std" {
			return regMulti
		}
	case xv == "codes":
		if isLevel(yv) {
			return regCodes
		}
	case xv == "rank":
		if yv == "rank" {
			return regRank
		}
	case isLevel(xv) && isLevel(yv):
		return regLevel
	case isLevel(yv):
		return regFull
	case yv == "rank":
		return regCheap
	}
	return nil
}

// clsLearners returns the classifiers fitted for an x view and a
// categorical y view.
func clsLearners(xv, yv string) []string {
	switch {
	case isLevel(xv) && (yv == "dec10" || yv == "q3"):
		return clsRich
	case xv == "codes":
		return clsCodes
	case xv == "rank":
		return clsRank
	case isLevel(xv):
		return clsLevel
	}
	return nil
}

// xInputViews are the x views learners take: the single-column numeric views,
// the one-hot columns, and the category codes of Categorical and Binary
// variables.
func xInputViews() []string {
	return append(numViewNames(), "codes")
}

// xViewApplies reports whether a variable of type t has the x input view.
func xViewApplies(t pairs.VarType, view string) bool {
	if view == "codes" {
		return t != pairs.Numerical
	}
	return hasNumView(t, view)
}

// regScorer scores a regression fit (see fitScores), computing at least
// the values need marks (nil: all; it may compute the others too).
type regScorer struct {
	names []string
	score func(f *fitScores, out []float64, need []bool)
}

// fitScores is one regression fit to score and the work its scorers
// share: the residual y - pred, the residual's sort and Anderson-Darling
// values as the fit metrics leave them, and y's prepared sample (the same
// for every fit of that y; nil: prepared per fit).
type fitScores struct {
	y, pred []float64
	x       *metrics.Input
	ys      *stats.Sample
	res     []float64
	rs      metrics.Residual
}

// regScorers are the scores of each regression fit: the fit metrics, the
// pairwise statistics of (y, prediction) and the unary statistics of the
// residual.
var regScorers = []regScorer{
	{metrics.RegressionNames(), func(f *fitScores, out []float64, need []bool) {
		metrics.RegressionShared(f.y, f.pred, f.x, out, need, &f.rs)
	}},
	{prefixed("yp.", stats.PairwiseNames()), func(f *fitScores, out []float64, _ []bool) {
		if f.ys == nil {
			stats.Pairwise(f.y, f.pred, out)
			return
		}
		stats.PairwisePrepared(f.ys, f.pred, out)
	}},
	{prefixed("res.", stats.UnaryNames()), func(f *fitScores, out []float64, _ []bool) {
		if !f.rs.HasSorted {
			stats.Unary(f.res, out)
			return
		}
		var ad *[2]float64
		if f.rs.HasAD {
			ad = &f.rs.AD
		}
		stats.UnarySorted(f.res, f.rs.Sorted, ad, out)
	}},
}

func regScoreNames() []string {
	var out []string
	for _, s := range regScorers {
		out = append(out, s.names...)
	}
	return out
}

// regScore scores the prediction pred of y from x into out: the scores
// need marks (nil: all; a scorer none of whose scores is needed is skipped,
// leaving its values unset). ys is y's prepared sample (nil: prepared here).
func regScore(y, pred []float64, x *metrics.Input, ys *stats.Sample, out []float64, need []bool) {
	rp, sp := getScratch(len(y)), getScratch(len(y))
	defer putScratch(rp)
	defer putScratch(sp)
	f := fitScores{y: y, pred: pred, x: x, ys: ys, res: *rp, rs: metrics.Residual{Sorted: *sp}}
	for i := range y {
		f.res[i] = y[i] - pred[i]
	}
	k := 0
	for _, s := range regScorers {
		sub := subNeed(need, k, k+len(s.names))
		if need == nil || sub != nil {
			s.score(&f, out[k:k+len(s.names)], sub)
		}
		k += len(s.names)
	}
}

// subNeed returns need[lo:hi] when it marks a value, nil otherwise (and nil
// for a nil need: all needed).
func subNeed(need []bool, lo, hi int) []bool {
	if need == nil || !slices.Contains(need[lo:hi], true) {
		return nil
	}
	return need[lo:hi]
}

// scoreNeeds returns which of a fit's S scores the running block needs in
// the fit mode whose values start at lo (over the aggregations when multi),
// or nil when it needs every value.
func (c *pairCtx) scoreNeeds(lo, S int, multi bool) []bool {
	if c.need == nil {
		return nil
	}
	aggs := 1
	if multi {
		aggs = len(aggNames)
	}
	out := make([]bool, S)
	for a := range aggs {
		for s := range S {
			out[s] = out[s] || c.need[lo+a*S+s]
		}
	}
	return out
}

// classScorer scores a classification fit: the true codes (0..K-1) and the
// predicted probabilities (row-major n x K).
type classScorer struct {
	names []string
	score func(y []int, K int, proba []float64, argmax []int, out []float64, need []bool)
}

// classScorers are the scores of each classification fit: the
// classification metrics and the agreement of the true classes with the most
// probable predicted ones.
var classScorers = []classScorer{
	{metrics.ClassificationNames(), func(y []int, K int, proba []float64, _ []int, out []float64, need []bool) {
		metrics.ClassificationSome(y, K, proba, out, need)
	}},
	{prefixed("cc.", stats.CatCatNames()), func(y []int, K int, _ []float64, am []int, out []float64, _ []bool) {
		stats.CatCat(y, K, am, K, out)
	}},
}

func classScoreNames() []string {
	var out []string
	for _, s := range classScorers {
		out = append(out, s.names...)
	}
	return out
}

// classScore scores class probabilities of the true codes y into out: the
// scores need marks (nil: all; as regScore).
func classScore(y []int, K int, proba []float64, out []float64, need []bool) {
	am := make([]int, len(y))
	for i := range am {
		best := 0
		for k := 1; k < K; k++ {
			if proba[i*K+k] > proba[i*K+best] {
				best = k
			}
		}
		am[i] = best
	}
	k := 0
	for _, s := range classScorers {
		sub := subNeed(need, k, k+len(s.names))
		if need == nil || sub != nil {
			s.score(y, K, proba, am, out[k:k+len(s.names)], sub)
		}
		k += len(s.names)
	}
}

// modeNames expands score names over the fit modes (and the aggregations
// when multi is set): <mode>[.<agg>].<score>.
func modeNames(scores []string, multi bool) []string {
	var out []string
	for _, m := range fitModes {
		if !multi {
			out = append(out, prefixed(m+".", scores)...)
			continue
		}
		for _, a := range aggNames {
			out = append(out, prefixed(m+"."+a+".", scores)...)
		}
	}
	return out
}

// aggregate writes the sum, mean, max, min and median over columns of each
// score (perCol[j][s]) into out[a*S+s], ignoring NaN (all NaN gives NaN).
func aggregate(perCol [][]float64, out []float64) {
	S := len(out) / len(aggNames)
	vals := make([]float64, 0, len(perCol))
	for s := 0; s < S; s++ {
		vals = vals[:0]
		for _, col := range perCol {
			if v := col[s]; !math.IsNaN(v) {
				vals = append(vals, v)
			}
		}
		if len(vals) == 0 {
			for a := range aggNames {
				out[a*S+s] = math.NaN()
			}
			continue
		}
		slices.Sort(vals)
		sum := 0.0
		for _, v := range vals {
			sum += v
		}
		m := len(vals)
		med := vals[m/2]
		if m%2 == 0 {
			med = (vals[m/2-1] + vals[m/2]) / 2
		}
		out[s], out[S+s], out[2*S+s], out[3*S+s], out[4*S+s] = sum, sum/float64(m), vals[m-1], vals[0], med
	}
}

// regressBlocks: every regressor predicting a numeric view of y from an x
// input view, scored in-sample and out-of-fold
// ("AB.x<view>.y<view>.<learner>.<mode>[.<agg>].<score>").
func regressBlocks(Params) []*block {
	scores := regScoreNames()
	var out []*block
	for _, xv := range xInputViews() {
		for _, yv := range numViewNames() {
			multi := xv == "onehot" || yv == "onehot"
			if xv == "onehot" && yv == "onehot" {
				continue
			}
			for _, name := range regLearners(xv, yv) {
				r, ok := learners.RegressorByName(name)
				if !ok || (xv == "codes" && !r.AcceptsCategorical()) {
					continue
				}
				out = append(out, &block{
					fam:   famRegress,
					scope: scopeDir,
					names: prefixed("x"+xv+".y"+yv+"."+name+".", modeNames(scores, multi)),
					applies: func(tx, ty pairs.VarType) bool {
						return xViewApplies(tx, xv) && hasNumView(ty, yv)
					},
					run: func(c *pairCtx, x, y int, out []float64) {
						runRegress(c, r, x, xv, y, yv, len(scores), out)
					},
				})
			}
		}
	}
	return out
}

// runRegress fits and scores one regressor in both modes, aggregating over
// the columns of a multi-column view.
func runRegress(c *pairCtx, r learners.Regressor, x int, xv string, y int, yv string, S int, out []float64) {
	xcols := 1
	if xv == "onehot" {
		xcols = len(c.numView(x, xv))
	}
	ycols := c.numView(y, yv)
	ncols := max(xcols, len(ycols))
	multi := xv == "onehot" || yv == "onehot"
	pred := make([]float64, len(c.fit[0]))
	perCol := make([][]float64, ncols)
	W := S
	if multi {
		W = len(aggNames) * S
	}
	for mi, mode := range fitModes {
		if !c.needs(mi*W, (mi+1)*W) {
			continue // no selected feature of this fit mode: skip its fits
		}
		need := c.scoreNeeds(mi*W, S, multi)
		for j := 0; j < ncols; j++ {
			k := xInput{v: x, view: xv, col: min(j, xcols-1)}
			yc := ycols[min(j, len(ycols)-1)]
			if perCol[j] == nil {
				perCol[j] = make([]float64, S)
			}
			c.regress(r, k, yc, mode == "oof", pred)
			regScore(yc, pred, c.metricInput(k), c.ySample(y, yv, j, yc), perCol[j], need)
		}
		if multi {
			aggregate(perCol, out[mi*5*S:(mi+1)*5*S])
		} else {
			copy(out[mi*S:(mi+1)*S], perCol[0])
		}
	}
}

// classifyBlocks: every classifier predicting a categorical view of y from
// an x input view, scored in-sample and out-of-fold
// ("AB.x<view>.y<view>.<learner>.<mode>[.<agg>].<score>").
func classifyBlocks(Params) []*block {
	scores := classScoreNames()
	var out []*block
	for _, xv := range xInputViews() {
		for _, yv := range catViewNames() {
			multi := xv == "onehot"
			for _, name := range clsLearners(xv, yv) {
				cl, ok := learners.ClassifierByName(name)
				if !ok || (xv == "codes" && !cl.AcceptsCategorical()) {
					continue
				}
				out = append(out, &block{
					fam:   famClassify,
					scope: scopeDir,
					names: prefixed("x"+xv+".y"+yv+"."+name+".", modeNames(scores, multi)),
					applies: func(tx, ty pairs.VarType) bool {
						return xViewApplies(tx, xv) && hasCatView(ty, yv)
					},
					run: func(c *pairCtx, x, y int, out []float64) {
						runClassify(c, cl, x, xv, y, yv, len(scores), out)
					},
				})
			}
		}
	}
	return out
}

// runClassify fits and scores one classifier in both modes.
func runClassify(c *pairCtx, cl learners.Classifier, x int, xv string, y int, yv string, S int, out []float64) {
	cy, _ := c.catView(y, yv)
	xcols := 1
	if xv == "onehot" {
		xcols = len(c.numView(x, xv))
	}
	K := max(cy.K, 1)
	proba := make([]float64, len(cy.Codes)*K)
	perCol := make([][]float64, xcols)
	W := S
	if xv == "onehot" {
		W = len(aggNames) * S
	}
	for mi, mode := range fitModes {
		if !c.needs(mi*W, (mi+1)*W) {
			continue // no selected feature of this fit mode: skip its fits
		}
		need := c.scoreNeeds(mi*W, S, xv == "onehot")
		for j := 0; j < xcols; j++ {
			if perCol[j] == nil {
				perCol[j] = make([]float64, S)
			}
			cl2 := xInput{v: x, view: xv, col: j}
			c.classify(cl, cl2, cy.Codes, K, mode == "oof", proba)
			classScore(cy.Codes, K, proba, perCol[j], need)
		}
		if xv == "onehot" {
			aggregate(perCol, out[mi*5*S:(mi+1)*5*S])
		} else {
			copy(out[mi*S:(mi+1)*S], perCol[0])
		}
	}
}

// ySample returns the prepared sample of column j of y's numeric view yv
// (the values yc), shared by every fit of it: from y's shared cache unless
// the view depends on the other variable (tomean).
func (c *pairCtx) ySample(y int, yv string, j int, yc []float64) *stats.Sample {
	key := "ysample/" + yv + "/" + strconv.Itoa(j)
	f := func() *stats.Sample { return stats.NewSample(yc) }
	if yv == "tomean" {
		return memo(c, famRegress, key+"/"+strconv.Itoa(y), f)
	}
	return memoVar(c, y, famRegress, key+"/"+strconv.Itoa(y), key, f)
}
