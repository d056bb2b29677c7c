package gbdt

import (
	"errors"
	"testing"
)

// TestCrossValidateFunc checks that build gets each fold's held-out rows and
// the others, partitioning the rows, that a fold's data is trained and
// validated on (each fold bins its own training rows here), and that
// build's error is returned as it is.
func TestCrossValidateFunc(t *testing.T) {
	const n, cols, k = 300, 4, 3
	data, y := synth(n, cols, 0, 5, binaryTarget)
	fold := Folds(n, k, 2)
	p := DefaultParams()
	p.Objective, p.NumIterations = "binary", 10
	calls := 0
	res, err := CrossValidateFunc(p, fold, k, func(f int, tr, va []int) (*FoldData, error) {
		calls++
		if len(tr)+len(va) != n {
			t.Fatalf("fold %d: %d + %d rows of %d", f, len(tr), len(va), n)
		}
		for _, r := range va {
			if fold[r] != f {
				t.Fatalf("fold %d holds out row %d of fold %d", f, r, fold[r])
			}
		}
		for _, r := range tr {
			if fold[r] == f {
				t.Fatalf("fold %d trains on its held-out row %d", f, r)
			}
		}
		rows := func(idx []int) []float32 {
			var out []float32
			for _, r := range idx {
				out = append(out, data[r*cols:(r+1)*cols]...)
			}
			return out
		}
		ds, err := NewDataset(rows(tr), len(tr), cols, DatasetOptions{MaxBin: 63})
		if err != nil {
			return nil, err
		}
		vs, err := ds.BinLike(rows(va), len(va))
		if err != nil {
			return nil, err
		}
		vy := pick(y, va)
		return &FoldData{Train: ds, TrainLabels: pick(y, tr), Valid: vs, ValidLabels: vy,
			Metric: func(raw []float64) float64 { return auc(vy, raw) }}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls != k || len(res.Folds) != k || res.MeanMetric < 0.8 {
		t.Fatalf("%d calls, result %+v", calls, res)
	}
	bad := errors.New("no data")
	if _, err := CrossValidateFunc(p, fold, k, func(int, []int, []int) (*FoldData, error) { return nil, bad }); err != bad {
		t.Errorf("build's error came back as %v", err)
	}
}
