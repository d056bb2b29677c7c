package pairmodel

import (
	"context"
	"math"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/workpool"
)

// RowLayout says how a plan's features fill a model row: feature k of
// Plan goes to column Columns[k] of a Width-column row; the other columns
// are NaN.
type RowLayout struct {
	// Plan computes the features (nil: none, every value NaN).
	Plan    *plan.Plan
	Columns []int
	Width   int
}

// RowOptions controls FeatureRows.
type RowOptions struct {
	// Workers is the number of pairs featurized at once (at least one).
	Workers int
	// OnPair, if not nil, is called from the workers after each pair.
	OnPair func()
}

// FeatureRows returns the model rows of n pairs (row-major, Width columns),
// pair i's features computed by featurize(i, buf) into buf (Plan.Len()
// values, one buffer per worker). Workers take one pair at a time and the
// rows do not depend on their number. When ctx is done no further pair is
// started and FeatureRows returns ctx's error.
func (l RowLayout) FeatureRows(ctx context.Context, n int, opt RowOptions, featurize func(i int, buf []float32)) ([]float64, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]float64, n*l.Width)
	for i := range out {
		out[i] = math.NaN()
	}
	if l.Plan == nil {
		return out, nil
	}
	err := workpool.EachWorker(ctx, n, opt.Workers, func() func(int) {
		buf := make([]float32, l.Plan.Len())
		return func(i int) {
			featurize(i, buf)
			row := out[i*l.Width : (i+1)*l.Width]
			for k, c := range l.Columns {
				row[c] = float64(buf[k])
			}
			if opt.OnPair != nil {
				opt.OnPair()
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
