package pairmodel

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/pairs"
)

// oneFeature is a layout of one plan feature into column 1 of three.
func oneFeature(t *testing.T) RowLayout {
	t.Helper()
	pl, err := plan.DirectionMethod("reci")
	if err != nil {
		t.Fatal(err)
	}
	return RowLayout{Plan: pl, Columns: []int{1}, Width: 3}
}

// TestFeatureRowsOrdered checks that pair i's features land in row i, the
// other columns NaN, the same for any number of workers, and that OnPair
// counts every pair.
func TestFeatureRowsOrdered(t *testing.T) {
	l := oneFeature(t)
	const n = 257
	var want []float64
	for _, workers := range []int{0, 1, 2, 7, 1000} {
		var calls atomic.Int64
		rows, err := l.FeatureRows(context.Background(), n, RowOptions{Workers: workers, OnPair: func() { calls.Add(1) }},
			func(i int, buf []float32) { buf[0] = float32(i) * 0.5 })
		if err != nil {
			t.Fatal(err)
		}
		if calls.Load() != n || len(rows) != 3*n {
			t.Fatalf("%d workers: %d OnPair calls, %d values; want %d and %d", workers, calls.Load(), len(rows), n, 3*n)
		}
		for i := range n {
			r := rows[3*i : 3*i+3]
			if !math.IsNaN(r[0]) || r[1] != float64(i)*0.5 || !math.IsNaN(r[2]) {
				t.Fatalf("%d workers: row %d = %v", workers, i, r)
			}
		}
		if want == nil {
			want = rows
		} else if !slices.EqualFunc(rows, want, func(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }) {
			t.Fatalf("%d workers: rows differ from 0 workers'", workers)
		}
	}
	none, err := RowLayout{Width: 2}.FeatureRows(context.Background(), 3, RowOptions{Workers: 2},
		func(int, []float32) { t.Fatal("featurized without a plan") })
	if err != nil || len(none) != 6 || !math.IsNaN(none[5]) {
		t.Fatalf("no plan: %v %v", none, err)
	}
}

// TestFeatureRowsCancel checks that a cancelled context stops the pool:
// no pair is featurized when it is cancelled before, few after it is
// cancelled midway, and FeatureRows returns the context's error.
func TestFeatureRowsCancel(t *testing.T) {
	l := oneFeature(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	count := func(int, []float32) { calls.Add(1) }
	if rows, err := l.FeatureRows(ctx, 100, RowOptions{Workers: 2}, count); !errors.Is(err, context.Canceled) || rows != nil || calls.Load() != 0 {
		t.Fatalf("cancelled before: %d calls, rows %v, err %v", calls.Load(), rows != nil, err)
	}
	const n, stopAt, workers = 100000, 10, 3
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	rows, err := l.FeatureRows(ctx, n, RowOptions{Workers: workers}, func(i int, _ []float32) {
		if calls.Add(1) == stopAt {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) || rows != nil {
		t.Fatalf("cancelled midway: rows %v, err %v", rows != nil, err)
	}
	if c := calls.Load(); c > stopAt+workers {
		t.Errorf("cancelled at pair %d: %d pairs featurized, want at most %d", stopAt, c, stopAt+workers)
	}
}

// TestScorePairsCancel checks that a scorer stops with the context's error.
func TestScorePairsCancel(t *testing.T) {
	s := testScorer(t, 2)
	r := rand.New(rand.NewPCG(1, 2))
	ps := []pairs.Pair{testPair("a", r, false), testPair("b", r, true)}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if sc, err := s.ScorePairs(ctx, ps); !errors.Is(err, context.Canceled) || sc != nil {
		t.Fatalf("cancelled: scores %v, err %v", sc, err)
	}
	if err := s.ScorePairStream(ctx, (*sliceSource)(&ps), func([]string, []float64) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("stream cancelled: %v", err)
	}
}

// TestCVCancel checks that TrainConfig.Context reaches the boosting
// rounds: cross-validation stops with the context's error.
func TestCVCancel(t *testing.T) {
	ts := testFeatures(t, 60)
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.MinDataInLeaf, p.NumLeaves, p.Seed = "huber", 15, 5, 7, 4
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := CV(TrainConfig{Params: p, Context: ctx}, ts, 3); !errors.Is(err, context.Canceled) || res != nil {
		t.Fatalf("cancelled CV: %v, %v", res, err)
	}
}

// TestTrainSummary checks the line causal train prints about a model.
func TestTrainSummary(t *testing.T) {
	hist := &gbdt.History{BestIteration: 2, ValidMetric: []float64{0.61, 0.7345, 0.7}}
	res := &TrainResult{History: hist, Train: &TrainSet{Features: &featio.Matrix{Rows: 90, Cols: 12}}}
	if got, want := res.Summary("m.txt"), "trained 2 rounds on 90 pairs x 12 features -> m.txt"; got != want {
		t.Errorf("without validation: %q, want %q", got, want)
	}
	res.Valid = &TrainSet{Features: &featio.Matrix{Rows: 10, Cols: 12}, Targets: make([]int, 10)}
	if got, want := res.Summary("m.txt"), "trained 2 rounds on 90 pairs x 12 features -> m.txt; validation bidirectional AUC 0.7345 on 10 pairs"; got != want {
		t.Errorf("with validation: %q, want %q", got, want)
	}
}
