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
	if len(fold) != ds.rows || len(labels) != ds.rows {
		return nil, fmt.Errorf("gbdt: %d fold ids and %d labels for %d rows", len(fold), len(labels), ds.rows)
	}
	return CrossValidateFunc(p, fold, k, func(_ int, tr, va []int) (*FoldData, error) {
		fd := &FoldData{Train: ds.Subset(tr), TrainLabels: pick(labels, tr), Valid: ds.Subset(va), ValidLabels: pick(labels, va)}
		if metric != nil {
			fd.Metric = func(raw []float64) float64 { return metric(va, raw) }
		}
		return fd, nil
	})
}

// FoldData is what one cross-validation fold trains and validates on.
type FoldData struct {
	Train, Valid             *Dataset
	TrainLabels, ValidLabels []float64
	// Metric, if not nil, scores Valid from its raw scores (higher is
	// better) and drives early stopping in place of Params.Metric.
	Metric func(rawScores []float64) float64
	// Progress, if not nil, receives the fold's training progress.
	Progress func(Progress)
}

// CrossValidateFunc is CrossValidate with the data of each fold made by
// build from the fold's training and held-out rows (indices in [0,
// len(fold))), e.g. to bin every fold's training rows on their own or to
// add rows per fold; its errors are returned as they are. fold and k are as
// in CrossValidate. The mean and SD of
// the metric are NaN unless every fold has a metric.
func CrossValidateFunc(p Params, fold []int, k int, build func(f int, train, valid []int) (*FoldData, error)) (*CVResult, error) {
	if k < 2 {
		return nil, fmt.Errorf("gbdt: cross-validation needs k >= 2 folds, got %d", k)
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
		fd, err := build(f, tr, va)
		if err != nil {
			return nil, err
		}
		fp := p
		if fd.Metric != nil {
			fp.Metric = fd.Metric
		}
		_, h, err := Train(fp, fd.Train, fd.TrainLabels, fd.Valid, fd.ValidLabels, fd.Progress)
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w", f+1, err)
		}
		fr := FoldResult{BestIteration: h.BestIteration, ValidLoss: h.ValidLoss[h.BestIteration-1], Metric: nan()}
		if fd.Metric != nil {
			fr.Metric = h.ValidMetric[h.BestIteration-1]
			metrics = append(metrics, fr.Metric)
		}
		losses = append(losses, fr.ValidLoss)
		res.Folds = append(res.Folds, fr)
	}
	res.MeanLoss, res.SDLoss = stat.MeanStdDev(losses, nil)
	res.MeanMetric, res.SDMetric = nan(), nan()
	if len(metrics) == k {
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
