package scan

import (
	"context"
	"math"

	"github.com/causal-tool/causal/internal/pairmodel"

	"github.com/causal-tool/causal/featurizers/plan"
)

// ModelScorer scores pairs with a model over plan features: it featurizes
// the pairs in parallel, sharing each variable's cache, into model rows and
// scores them.
type ModelScorer struct {
	// Layout says which model columns the plan's features fill.
	Layout pairmodel.RowLayout
	// Workers is the number of pairs featurized at once.
	Workers int
	// ScoreRows scores n row-major model rows.
	ScoreRows func(rows []float64, n int) ([]float64, error)
	// OnPair, if not nil, is called (from the workers) after each pair is
	// featurized.
	OnPair func()
}

// Score featurizes and scores a batch of pairs; the rows are the same for
// any number of workers. It stops with ctx's error when ctx is done.
func (m *ModelScorer) Score(ctx context.Context, ps []Pair) ([]float64, error) {
	l := m.Layout
	rows, err := l.FeatureRows(ctx, len(ps), pairmodel.RowOptions{Workers: m.Workers, OnPair: m.OnPair}, func(i int, buf []float32) {
		p := ps[i]
		l.Plan.FeaturizeShared(p.Pair, p.Vars[0], p.Vars[1], buf)
	})
	if err != nil {
		return nil, err
	}
	return m.ScoreRows(rows, len(ps))
}

// MethodScorer scores pairs with one classical direction score of the
// featurizer (a name of direction.AllNames): positive when A causes B, 0
// where the method is undefined (as `causal baseline` scores it).
func MethodScorer(method string, workers int) (*ModelScorer, error) {
	pl, err := plan.DirectionMethod(method)
	if err != nil {
		return nil, err
	}
	score := func(rows []float64, n int) ([]float64, error) {
		out := make([]float64, n)
		for i, v := range rows[:n] {
			if !math.IsNaN(v) {
				out[i] = v
			}
		}
		return out, nil
	}
	l := pairmodel.RowLayout{Plan: pl, Columns: []int{0}, Width: 1}
	return &ModelScorer{Layout: l, Workers: workers, ScoreRows: score}, nil
}
