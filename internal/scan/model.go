package scan

import (
	"math"
	"sync"

	"github.com/causal-tool/causal/featurizers/plan"
)

// ModelScorer scores pairs with a model over plan features: it featurizes
// the pairs in parallel, sharing each variable's cache, into model rows and
// scores them.
type ModelScorer struct {
	// Plan computes the model's features (nil: none, every value NaN).
	Plan *plan.Plan
	// Columns gives the model column of each feature of Plan; Width is the
	// model row's length.
	Columns []int
	Width   int
	// Workers is the number of pairs featurized at once.
	Workers int
	// ScoreRows scores n row-major model rows.
	ScoreRows func(rows []float64, n int) ([]float64, error)
	// OnPair, if not nil, is called (from the workers) after each pair is
	// featurized.
	OnPair func()
}

// Score featurizes and scores a batch of pairs.
func (m *ModelScorer) Score(ps []Pair) ([]float64, error) {
	return m.ScoreRows(m.rows(ps), len(ps))
}

// rows returns the model rows of the pairs (NaN where a feature is not
// computed), the same for any number of workers.
func (m *ModelScorer) rows(ps []Pair) []float64 {
	out := make([]float64, len(ps)*m.Width)
	for i := range out {
		out[i] = math.NaN()
	}
	if m.Plan == nil {
		return out
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(max(m.Workers, 1), len(ps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]float32, m.Plan.Len())
			for i := range next {
				p := ps[i]
				m.Plan.FeaturizeShared(p.Pair, p.Vars[0], p.Vars[1], buf)
				row := out[i*m.Width : (i+1)*m.Width]
				for k, c := range m.Columns {
					row[c] = float64(buf[k])
				}
				if m.OnPair != nil {
					m.OnPair()
				}
			}
		}()
	}
	for i := range ps {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
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
	return &ModelScorer{Plan: pl, Columns: []int{0}, Width: 1, Workers: workers, ScoreRows: score}, nil
}
