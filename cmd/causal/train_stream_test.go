package main

import (
	"bytes"
	"testing"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
)

// TestTrainStreamedMatchesInMemory checks that training from the feature
// file streamed a block of columns at a time (the validation split and a
// column selection as index views of the file) writes the model bytes of
// training on the same rows held in memory, as train did before.
func TestTrainStreamedMatchesInMemory(t *testing.T) {
	feat, target, m, _ := synthData(t, t.TempDir(), "train", 240, 3)
	ts, err := loadTrainSet(feat, target)
	if err != nil {
		t.Fatal(err)
	}
	defer ts.file.Close()
	cols := []int{0, 1, 2, 3, 4, 5, 9, 10} // AB/BA/D of f and g, S.s, meta.n: a complete mirror map
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = m.Names[c]
	}
	ts = ts.columns(cols, names, "")
	rc, err := newRecipe(names, lgbm.Huber, true)
	if err != nil {
		t.Fatal(err)
	}
	tr, va := ts.split(0.25, 5)
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.Cores = "huber", 20, 8, 5, 2
	g := &globalOptions{Cores: 2, Quiet: true}
	got, _, err := trainModel(&cobra.Command{}, g, p, tr, va, rc, true)
	if err != nil {
		t.Fatal(err)
	}
	// the same rows and columns, in memory
	rows := func(s *trainSet) []float32 {
		var out []float32
		for _, r := range s.rows {
			for _, c := range s.cols {
				out = append(out, m.Row(r)[c])
			}
		}
		return out
	}
	ds, err := gbdt.NewDataset(rows(tr), tr.m.Rows, len(cols), gbdt.DatasetOptions{Names: names, MaxBin: p.MaxBin, Cores: 2, Mirror: rc.mirror})
	if err != nil {
		t.Fatal(err)
	}
	vds, err := ds.BinLikeMirrored(rows(va), va.m.Rows, rc.mirror)
	if err != nil {
		t.Fatal(err)
	}
	p.Metric = rc.metric(va.targets)
	want, _, err := gbdt.Train(p, ds, rc.labels(tr.targets, true), vds, rc.labels(va.targets, true), nil)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	meta := lgbm.Meta{Objective: lgbm.Huber, Mirror: true, Antisymmetric: true}
	if err := lgbm.Write(&a, got, meta); err != nil {
		t.Fatal(err)
	}
	if err := lgbm.Write(&b, want, meta); err != nil {
		t.Fatal(err)
	}
	if got.NumIterations() < 2 || !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("streamed training wrote another model (%d rounds) than in-memory training", got.NumIterations())
	}
}
