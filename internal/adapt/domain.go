package adapt

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
)

// Options configures DomainWeights. The zero value asks for the defaults.
type Options struct {
	// Columns are the features the domain classifier sees; nil means
	// LabelFreeColumns of the training matrix.
	Columns []string
	Folds   int     // out-of-fold folds (default 5)
	Clip    float64 // weights are clipped to [1/Clip, Clip] before scaling (default 10)
	Rounds  int     // boosting rounds of the classifier (default 100)
	Cores   int     // worker goroutines (default 1); the result does not depend on it
	Seed    uint64  // fold assignment and the classifier's sampling
}

// Result holds the training pairs' weights and how far apart the domains are.
type Result struct {
	Weights []float64 // one per training row, mean 1
	// AUC is the out-of-fold AUC of the domain classifier over both sets:
	// 0.5 when the user's pairs look like the training pairs, 1 when they
	// are told apart perfectly.
	AUC float64
	// ESS is the effective sample size of the weights, (Σw)²/Σw², as a
	// fraction of the training rows.
	ESS     float64
	Clipped int // training rows whose weight was clipped
	Columns []string
}

// LabelFreeColumns returns the feature names that describe a pair without
// pointing a direction: each variable's own statistics (A.*, B.*, AmB.*),
// the symmetric dependence measures (S.*) and the type indicators (meta.*).
func LabelFreeColumns(names []string) []string {
	var out []string
	for _, n := range names {
		prefix, _, _ := strings.Cut(n, ".")
		switch prefix {
		case "A", "B", "AmB", "S", "meta":
			out = append(out, n)
		}
	}
	return out
}

// DomainWeights weights the rows of train so that they look like the rows
// of target (see the package doc). Both matrices must hold every column
// the classifier uses; the column set must be closed under mirroring.
func DomainWeights(train, target *featio.Matrix, o Options) (*Result, error) {
	o = withDefaults(o)
	cols, mm, x, err := prepare(train, target, o.Columns)
	if err != nil {
		return nil, err
	}
	n, m := train.Rows, target.Rows
	logit, err := outOfFold(x, n+m, cols, n, mm, o)
	if err != nil {
		return nil, err
	}
	return weigh(logit, n, m, o.Clip, cols)
}

// prepare checks the two matrices and returns the compared columns (cols,
// or LabelFreeColumns of train when nil), their mirror map and the rows of
// train then target restricted to them, row-major.
func prepare(train, target *featio.Matrix, cols []string) ([]string, *plan.MirrorMap, []float32, error) {
	if train.Rows == 0 || target.Rows == 0 {
		return nil, nil, nil, errors.New("adapt: the training and the target pairs must both be non-empty")
	}
	if cols == nil {
		cols = LabelFreeColumns(train.Names)
	}
	if len(cols) == 0 {
		return nil, nil, nil, errors.New("adapt: no label-free feature columns (A.*, B.*, AmB.*, S.*, meta.*) to compare the pairs by")
	}
	mm, err := plan.NewMirrorMap(cols)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("adapt: the compared columns: %w", err)
	}
	x, err := stack(train, target, cols)
	if err != nil {
		return nil, nil, nil, err
	}
	return cols, mm, x, nil
}

func withDefaults(o Options) Options {
	if o.Folds < 2 {
		o.Folds = 5
	}
	if o.Clip <= 1 {
		o.Clip = 10
	}
	if o.Rounds <= 0 {
		o.Rounds = 100
	}
	o.Cores = max(o.Cores, 1)
	return o
}

// stack returns the rows of a then b restricted to cols, row-major.
func stack(a, b *featio.Matrix, cols []string) ([]float32, error) {
	out := make([]float32, 0, (a.Rows+b.Rows)*len(cols))
	for _, mat := range []*featio.Matrix{a, b} {
		idx := make([]int, len(cols))
		for j, c := range cols {
			if idx[j] = slices.Index(mat.Names, c); idx[j] < 0 {
				return nil, fmt.Errorf("adapt: feature %s is missing from one of the matrices", c)
			}
		}
		for r := range mat.Rows {
			row := mat.Row(r)
			for _, i := range idx {
				out = append(out, row[i])
			}
		}
	}
	return out, nil
}

// outOfFold trains the domain classifier (label 1 for the rows from n on)
// on both orientations of each pair, fold by fold, and returns every pair's
// out-of-fold log-odds, averaged over its two orientations.
func outOfFold(x []float32, rows int, names []string, n int, mm *plan.MirrorMap, o Options) ([]float64, error) {
	cols := len(names)
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.LearningRate = "binary", o.Rounds, 0.05
	p.NumLeaves, p.MinDataInLeaf, p.LambdaL2 = 7, 50, 10
	p.FeatureFraction, p.BaggingFraction, p.BaggingFreq = 0.8, 0.8, 1
	p.Cores, p.Seed = o.Cores, o.Seed
	ds, err := gbdt.NewDataset(x, rows, cols, gbdt.DatasetOptions{Names: names, MaxBin: p.MaxBin, Cores: o.Cores, Mirror: mm})
	if err != nil {
		return nil, fmt.Errorf("adapt: %w", err)
	}
	labels := make([]float64, 2*rows)
	for r := n; r < rows; r++ {
		labels[r], labels[rows+r] = 1, 1
	}
	fold := gbdt.Folds(rows, o.Folds, o.Seed)
	logit := make([]float64, rows)
	row, mir, out := make([]float64, cols), make([]float32, cols), make([]float64, 1)
	for f := range o.Folds {
		var tr []int
		for r, g := range fold {
			if g != f {
				tr = append(tr, r, rows+r)
			}
		}
		model, _, err := gbdt.Train(p, ds.Subset(tr), pickLabels(labels, tr), nil, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("adapt: domain classifier, fold %d: %w", f, err)
		}
		for r, g := range fold {
			if g != f {
				continue
			}
			orig := x[r*cols : (r+1)*cols]
			mm.Row32(orig, mir)
			var s float64
			for _, v := range [][]float32{orig, mir} {
				for j, y := range v {
					row[j] = float64(y)
				}
				model.PredictRaw(row, out)
				s += out[0]
			}
			logit[r] = s / 2
		}
	}
	return logit, nil
}

func pickLabels(labels []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, r := range idx {
		out[i] = labels[r]
	}
	return out
}

// weigh turns the training rows' log-odds (the first n of logit) into
// clipped weights of mean 1.
func weigh(logit []float64, n, m int, clip float64, cols []string) (*Result, error) {
	isTarget := make([]bool, n+m)
	for r := n; r < n+m; r++ {
		isTarget[r] = true
	}
	auc, err := evaluate.AUC(isTarget, logit)
	if err != nil {
		return nil, fmt.Errorf("adapt: %w", err)
	}
	res := &Result{Weights: make([]float64, n), AUC: auc, Columns: cols}
	prior := math.Log(float64(n) / float64(m))
	var sum, sum2 float64
	for r := range n {
		w := math.Exp(logit[r] + prior)
		if c := min(max(w, 1/clip), clip); c != w {
			w, res.Clipped = c, res.Clipped+1
		}
		res.Weights[r] = w
		sum += w
	}
	for r := range res.Weights {
		res.Weights[r] *= float64(n) / sum
		sum2 += res.Weights[r] * res.Weights[r]
	}
	res.ESS = float64(n) / sum2 // (Σw)² / Σw² / n with Σw = n
	return res, nil
}
