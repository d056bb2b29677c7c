package gbdt

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat"
)

// Folds assigns each of n rows to one of k folds: a seeded shuffle, then
// fold i%k for the i-th shuffled row, so fold sizes differ by at most one.
func Folds(n, k int, seed uint64) []int {
	perm := rand.New(rand.NewPCG(seed, 0xc0ffee)).Perm(n)
	fold := make([]int, n)
	for i, r := range perm {
		fold[r] = i % k
	}
	return fold
}

// FoldResult is the outcome of one cross-validation fold.
type FoldResult struct {
	BestIteration int     // rounds kept by early stopping
	ValidLoss     float64 // objective loss on the held-out fold
	Metric        float64 // user metric on the held-out fold (NaN without one)
}

// CVResult summarises a cross-validation.
type CVResult struct {
	Folds                []FoldResult
	MeanLoss, SDLoss     float64 // over folds (SD: sample standard deviation)
	MeanMetric, SDMetric float64 // NaN without a metric
}

// CrossValidate trains one model per fold on the other folds and
// evaluates it on the fold. fold gives each row's fold in [0, k) (see
// Folds; pass groups-aware folds to keep related rows together). metric,
// if not nil, scores the held-out rows (indices into ds) from their raw
// scores (row-major, NumClass per row); higher is better. It also drives
// early stopping when p.EarlyStopping > 0.
func CrossValidate(p Params, ds *Dataset, labels []float64, fold []int, k int,
	metric func(rows []int, rawScores []float64) float64) (*CVResult, error) {
	if k < 2 {
		return nil, fmt.Errorf("gbdt: cross-validation needs k >= 2 folds, got %d", k)
	}
	if len(fold) != ds.rows || len(labels) != ds.rows {
		return nil, fmt.Errorf("gbdt: %d fold ids and %d labels for %d rows", len(fold), len(labels), ds.rows)
	}
	res := &CVResult{}
	var losses, metrics []float64
	for f := range k {
		var tr, va []int
		for r, g := range fold {
			switch {
			case g < 0 || g >= k:
				return nil, fmt.Errorf("gbdt: row %d has fold %d, want [0, %d)", r, g, k)
			case g == f:
				va = append(va, r)
			default:
				tr = append(tr, r)
			}
		}
		if len(va) == 0 || len(tr) == 0 {
			return nil, fmt.Errorf("gbdt: fold %d is empty or holds every row", f)
		}
		fp := p
		if metric != nil {
			fp.Metric = func(raw []float64) float64 { return metric(va, raw) }
		}
		_, h, err := Train(fp, ds.Subset(tr), pick(labels, tr), ds.Subset(va), pick(labels, va), nil)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f, err)
		}
		fr := FoldResult{BestIteration: h.BestIteration, ValidLoss: h.ValidLoss[h.BestIteration-1], Metric: nan()}
		if metric != nil {
			fr.Metric = h.ValidMetric[h.BestIteration-1]
			metrics = append(metrics, fr.Metric)
		}
		losses = append(losses, fr.ValidLoss)
		res.Folds = append(res.Folds, fr)
	}
	res.MeanLoss, res.SDLoss = stat.MeanStdDev(losses, nil)
	res.MeanMetric, res.SDMetric = nan(), nan()
	if metric != nil {
		res.MeanMetric, res.SDMetric = stat.MeanStdDev(metrics, nil)
	}
	return res, nil
}

// pick returns xs at the given indices.
func pick(xs []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for i, r := range idx {
		out[i] = xs[r]
	}
	return out
}
