package pairmodel

import (
	"fmt"
	"io"
	"math"

	"gonum.org/v1/gonum/stat"

	"github.com/causal-tool/causal/internal/gbdt"
)

// CVResult is a K-fold cross-validation of the recipe: the bidirectional
// AUC of each held-out fold, at its best round.
type CVResult struct {
	// K is the number of folds.
	K int `json:"k"`
	// MeanAUC and SDAUC are the mean and sample standard deviation of the
	// folds' bidirectional AUCs.
	MeanAUC float64 `json:"mean_bidirectional_auc"`
	SDAUC   float64 `json:"sd_bidirectional_auc"`
	// Folds holds each fold's result, in fold order.
	Folds []CVFold `json:"folds"`
}

// WriteText prints the result as `causal train --cv` shows it: the mean and
// SD, then a line per fold.
func (r *CVResult) WriteText(w io.Writer) {
	fmt.Fprintf(w, "cv %d-fold bidirectional AUC: %.4f ± %.4f\n", r.K, r.MeanAUC, r.SDAUC)
	for f, fr := range r.Folds {
		fmt.Fprintf(w, "  fold %d: AUC %.4f (%d rounds)\n", f+1, fr.AUC, fr.Rounds)
	}
}

// CVFold is one fold's result.
type CVFold struct {
	// AUC is the bidirectional AUC of the held-out pairs.
	AUC float64 `json:"bidirectional_auc"`
	// Rounds is the number of boosting rounds kept (by early stopping).
	Rounds int `json:"rounds"`
	// Pairs is the number of held-out pairs.
	Pairs int `json:"pairs"`
}

// MeanRounds returns the folds' mean best number of rounds, rounded: the
// number of rounds for a final model trained on every pair.
func (r *CVResult) MeanRounds() int {
	best := make([]float64, len(r.Folds))
	for i, f := range r.Folds {
		best[i] = float64(f.Rounds)
	}
	return int(math.Round(stat.Mean(best, nil)))
}

// CV cross-validates the recipe on ts with k folds by pair (gbdt.Folds,
// seeded by p.Seed): each fold's model is trained on the other folds' pairs
// (binned on their own, with their mirrors) and validated on the fold's
// pairs with the bidirectional AUC, which also drives early stopping.
func CV(cfg TrainConfig, ts *TrainSet, k int) (*CVResult, error) {
	if cfg.Context != nil {
		cfg.Params.Context = cfg.Context
	}
	kind, err := checkObjective(&cfg.Params)
	if err != nil {
		return nil, err
	}
	rc, err := NewRecipe(ts.Features.Names, kind, !cfg.NoMirror)
	if err != nil {
		return nil, err
	}
	cfg.CVFolds = k
	return (&trainer{cfg: &cfg, rc: rc}).cv(cfg.Params, ts)
}

// cv is CV with the trainer's recipe.
func (t *trainer) cv(p gbdt.Params, ts *TrainSet) (*CVResult, error) {
	if err := CheckBothDirections("cross-validation", ts.Targets); err != nil {
		return nil, err
	}
	k := t.cfg.CVFolds
	if ts.Rows() < 2*k {
		return nil, fmt.Errorf("--cv %d needs at least %d pairs, got %d", k, 2*k, ts.Rows())
	}
	fold := gbdt.Folds(ts.Rows(), k, p.Seed)
	res := &CVResult{K: k}
	done := func() {}
	gres, err := gbdt.CrossValidateFunc(p, fold, k, func(f int, tr, va []int) (*gbdt.FoldData, error) {
		done() // the previous fold's training has ended
		valid := ts.Subset(va)
		if err := CheckBothDirections(fmt.Sprintf("cross-validation fold %d", f+1), valid.Targets); err != nil {
			return nil, err
		}
		ds, labels, err := t.dataset(p, ts.Subset(tr))
		if err != nil {
			return nil, err
		}
		vds, vlabels, metric, err := t.validation(ds, valid)
		if err != nil {
			return nil, err
		}
		res.Folds = append(res.Folds, CVFold{Pairs: len(va)})
		var update func(gbdt.Progress)
		update, done = t.progress(p.NumIterations)
		return &gbdt.FoldData{Train: ds, TrainLabels: labels, Valid: vds, ValidLabels: vlabels, Metric: metric, Progress: update}, nil
	})
	done()
	if err != nil {
		return nil, err
	}
	aucs := make([]float64, k)
	for f, fr := range gres.Folds {
		res.Folds[f].AUC, res.Folds[f].Rounds = fr.Metric, fr.BestIteration
		aucs[f] = fr.Metric
	}
	res.MeanAUC, res.SDAUC = stat.MeanStdDev(aucs, nil)
	return res, nil
}
