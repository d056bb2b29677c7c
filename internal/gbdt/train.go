package gbdt

import (
	"fmt"
	"math"
)

// Progress reports one finished boosting round to the Train callback.
type Progress struct {
	Iteration     int     // 1-based round just finished
	NumIterations int     // rounds requested
	TrainLoss     float64 // mean objective loss on the training set
	ValidLoss     float64 // mean objective loss on the validation set (NaN without one)
	ValidMetric   float64 // Params.Metric on the validation set (NaN without one)
	BestIteration int     // 1-based best round so far (by ValidMetric, else ValidLoss; the last round without validation)
}

// History records the per-round metrics of a training run.
type History struct {
	TrainLoss   []float64 // per round
	ValidLoss   []float64 // per round; empty without a validation set
	ValidMetric []float64 // per round; empty without Params.Metric or a validation set
	// BestIteration is the number of rounds kept in the model: the best
	// round (1-based) under early stopping, else the rounds trained.
	BestIteration int
	// Stopped is true when training ended before NumIterations rounds
	// (early stopping, or no leaf could be split any more).
	Stopped bool
}

// Train fits a boosted model on train (labels: one per row; see
// Params.Objective for their domain). valid, if not nil, must come from
// train.BinLike; it enables validation metrics and early stopping. cb, if
// not nil, is called after every round. Train stops with the error of
// p.Context when it is done.
//
// Rows fewer than 2*MinDataInLeaf (or no useful feature) give a model with
// a single one-leaf tree per class holding the initial score.
func Train(p Params, train *Dataset, labels []float64, valid *Dataset, validLabels []float64, cb func(Progress)) (*Model, *History, error) {
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	if train == nil || train.rows == 0 {
		return nil, nil, errEmpty
	}
	if len(labels) != train.rows {
		return nil, nil, fmt.Errorf("gbdt: %d labels for %d training rows", len(labels), train.rows)
	}
	obj, err := newObjective(&p, labels)
	if err != nil {
		return nil, nil, fmt.Errorf("training labels: %w", err)
	}
	if valid != nil {
		if err := checkValid(&p, train, valid, validLabels); err != nil {
			return nil, nil, err
		}
	}
	b := newBooster(&p, train, labels, obj)
	if valid != nil {
		b.setValid(valid, validLabels)
	}
	hist, err := b.run(cb)
	if err != nil {
		return nil, nil, err
	}
	return b.model(hist.BestIteration), hist, nil
}

// checkValid validates a validation set against the training set.
func checkValid(p *Params, train, valid *Dataset, labels []float64) error {
	if valid.cols != train.cols || &valid.mappers[0] != &train.mappers[0] {
		return fmt.Errorf("gbdt: the validation set must be binned with the training set's BinLike")
	}
	if len(labels) != valid.rows {
		return fmt.Errorf("gbdt: %d validation labels for %d validation rows", len(labels), valid.rows)
	}
	for i, y := range labels {
		ok := !math.IsNaN(y) && !math.IsInf(y, 0)
		switch p.Objective {
		case "binary":
			ok = y == 0 || y == 1
		case "multiclass":
			ok = y == math.Trunc(y) && y >= 0 && y < float64(p.NumClass)
		}
		if !ok {
			return fmt.Errorf("gbdt: validation label %d (%v) is invalid for objective %s", i, y, p.Objective)
		}
	}
	return nil
}

// booster holds the state of one training run.
type booster struct {
	p                   *Params
	k                   int
	train, valid        *Dataset
	labels, validLabels []float64
	obj                 objective
	init                []float64
	scores, validScores []float64 // row-major rows x k
	grad, hess          []float64 // row-major rows x k
	gk, hk              []float64 // one class's gradients
	tl                  *treeLearner
	trees               []Tree
	bag                 []int32 // current bag of rows (bagging only)
}

// newBooster initialises scores with the boost-from-average init score.
func newBooster(p *Params, train *Dataset, labels []float64, obj objective) *booster {
	k := p.numClass()
	n := train.rows
	b := &booster{p: p, k: k, train: train, labels: labels, obj: obj,
		init: obj.initScores(labels, train.weights), scores: make([]float64, n*k),
		grad: make([]float64, n*k), hess: make([]float64, n*k),
		tl: newTreeLearner(train, p)}
	fillScores(b.scores, b.init)
	if k > 1 {
		b.gk, b.hk = make([]float64, n), make([]float64, n)
	}
	return b
}

// fillScores sets every row of scores to init.
func fillScores(scores, init []float64) {
	for i := range scores {
		scores[i] = init[i%len(init)]
	}
}

// setValid attaches a validation set.
func (b *booster) setValid(valid *Dataset, labels []float64) {
	b.valid, b.validLabels = valid, labels
	b.validScores = make([]float64, valid.rows*b.k)
	fillScores(b.validScores, b.init)
}

// run trains up to NumIterations rounds with early stopping, checking
// Params.Context before each round.
func (b *booster) run(cb func(Progress)) (*History, error) {
	p := b.p
	h := &History{}
	best, bestIter := math.NaN(), 0
	for it := 0; it < p.NumIterations; it++ {
		if p.Context != nil {
			if err := p.Context.Err(); err != nil {
				return nil, err
			}
		}
		split := b.iteration(it)
		if !split && it > 0 {
			b.trees = b.trees[:it*b.k]
			h.Stopped = true
			break
		}
		pr := Progress{Iteration: it + 1, NumIterations: p.NumIterations,
			TrainLoss: b.obj.loss(b.labels, b.scores, b.train.weights), ValidLoss: math.NaN(), ValidMetric: math.NaN()}
		h.TrainLoss = append(h.TrainLoss, pr.TrainLoss)
		bestIter = it + 1
		if b.valid != nil {
			pr.ValidLoss = b.obj.loss(b.validLabels, b.validScores, b.valid.weights)
			h.ValidLoss = append(h.ValidLoss, pr.ValidLoss)
			score := -pr.ValidLoss
			if p.Metric != nil {
				pr.ValidMetric = p.Metric(b.validScores)
				h.ValidMetric = append(h.ValidMetric, pr.ValidMetric)
				score = pr.ValidMetric
			}
			if math.IsNaN(best) || score > best {
				best, h.BestIteration = score, it+1
			}
			bestIter = h.BestIteration
		}
		pr.BestIteration = bestIter
		if cb != nil {
			cb(pr)
		}
		if !split {
			h.Stopped = true
			break
		}
		if b.valid != nil && p.EarlyStopping > 0 && it+1-h.BestIteration >= p.EarlyStopping {
			h.Stopped = true
			break
		}
	}
	h.BestIteration = bestIter
	if b.valid == nil || p.EarlyStopping == 0 {
		h.BestIteration = len(b.trees) / b.k
	}
	return h, nil
}

// iteration grows one tree per class and updates the scores. It reports
// whether any tree split.
func (b *booster) iteration(it int) bool {
	p := b.p
	tl := b.tl
	b.obj.gradients(b.labels, b.scores, b.grad, b.hess)
	b.train.weigh(b.grad, b.hess, b.k)
	var bagged []int32
	if p.BaggingFreq > 0 && p.BaggingFraction < 1 {
		// the bag is redrawn every BaggingFreq rounds and kept in between
		if it%p.BaggingFreq == 0 || b.bag == nil {
			n := tl.sampleRows(true)
			b.bag = append(b.bag[:0], tl.indices[:n]...)
		}
		bagged = b.bag
	}
	anySplit := false
	for k := range b.k {
		g, h := b.grad, b.hess
		if b.k > 1 {
			for i := range b.train.rows {
				b.gk[i], b.hk[i] = b.grad[i*b.k+k], b.hess[i*b.k+k]
			}
			g, h = b.gk, b.hk
		}
		n := tl.sampleRows(false)
		if bagged != nil {
			n = copy(tl.indices, bagged)
			tl.identity = false
		}
		feats := tl.cols.tree(tl.splittable)
		t := tl.grow(g, h, n, feats)
		if len(t.SplitFeature) > 0 {
			anySplit = true
		}
		if it == 0 {
			addBias(&t.Tree, b.init[k])
		}
		b.updateScores(t, k, bagged != nil, it == 0)
		b.trees = append(b.trees, t.Tree)
	}
	return anySplit
}

// addBias folds the initial score into a tree's outputs.
func addBias(t *Tree, v float64) {
	for i := range t.LeafValue {
		t.LeafValue[i] += v
	}
	for i := range t.InternalValue {
		t.InternalValue[i] += v
	}
}

// updateScores adds a new tree's outputs to the training and validation
// scores of class k. A first-round tree already holds the init score the
// scores start with, so its outputs replace the scores; this keeps the
// training scores bit-identical to the model's predictions.
func (b *booster) updateScores(t *grownTree, k int, bagged, firstIter bool) {
	add := func(s *float64, v float64) {
		if firstIter {
			*s = v
		} else {
			*s += v
		}
	}
	if bagged {
		for r := range b.train.rows {
			add(&b.scores[r*b.k+k], t.LeafValue[t.leafBinned(b.train, r)])
		}
	} else {
		for li := range t.leaves {
			lf := &t.leaves[li]
			for _, r := range b.tl.indices[lf.begin : lf.begin+lf.count] {
				add(&b.scores[int(r)*b.k+k], t.LeafValue[li])
			}
		}
	}
	if b.valid != nil {
		for r := range b.valid.rows {
			add(&b.validScores[r*b.k+k], t.LeafValue[t.leafBinned(b.valid, r)])
		}
	}
}

// model builds the Model from the first `iters` rounds.
func (b *booster) model(iters int) *Model {
	m := &Model{Objective: b.p.objectiveString(), NumClass: b.k,
		FeatureNames: b.train.names, Trees: b.trees[:iters*b.k], Params: b.p.asMap()}
	for _, mp := range b.train.mappers {
		m.FeatureMin = append(m.FeatureMin, mp.min)
		m.FeatureMax = append(m.FeatureMax, mp.max)
	}
	return m
}
