package pairmodel

import (
	"bytes"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/pairs"
)

// streamNames are features with a complete mirror map and a few label-free
// columns (A.u, B.u, AmB.u, S.s, meta.n).
var streamNames = []string{"AB.f", "BA.f", "D.f", "AB.g", "BA.g", "D.g", "A.u", "B.u", "AmB.u", "S.s", "meta.n", "S.t"}

// streamMatrix draws n rows whose AB side is shifted when A->B and whose BA
// side is shifted when B->A, with about 5 % NaN and some values that are
// zero in LightGBM's sense (|x| <= 1e-35).
func streamMatrix(prefix string, n int, seed uint64) (*featio.Matrix, []pairs.Target) {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := &featio.Matrix{Names: streamNames, Rows: n, Cols: len(streamNames)}
	var tg []pairs.Target
	for i := range n {
		tv := []int{1, -1, 0}[i%3]
		side := func(shift bool) float64 {
			if shift {
				return rng.NormFloat64() + 1.5
			}
			return rng.NormFloat64()
		}
		abF, baF, abG, baG := side(tv == 1), side(tv == -1), side(tv == 1), side(tv == -1)
		a, b := rng.NormFloat64(), rng.NormFloat64()
		for _, v := range []float64{abF, baF, abF - baF, abG, baG, abG - baG, a, b, a - b, rng.NormFloat64(), float64(rng.IntN(5)), 1e-36 * float64(rng.IntN(3)-1)} {
			x := float32(v)
			if rng.IntN(20) == 0 {
				x = float32(math.NaN())
			}
			m.Data = append(m.Data, x)
		}
		id := fmt.Sprintf("%s%d", prefix, i)
		m.IDs = append(m.IDs, id)
		tg = append(tg, pairs.Target{ID: id, Target: tv})
	}
	return m, tg
}

// TestTrainStreamedMatchesInMemory checks that training a set loaded from
// its file (binned a block of columns at a time; the column selection, the
// validation split and the cross-validation folds as views of the file)
// writes the model bytes, and gets the fold AUCs, of training the same rows
// held in memory, with and without sample weights.
func TestTrainStreamedMatchesInMemory(t *testing.T) {
	m, tg := streamMatrix("p", 240, 3)
	path := filepath.Join(t.TempDir(), "x.features")
	writeTestMatrix(t, path, m)
	loaded, err := LoadTrainSet(path, writeTestTargets(t, tg))
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	mem, err := NewTrainSet(m, tg)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	weights := map[string]float64{}
	for _, id := range m.IDs {
		weights[id] = 0.2 + 2*rng.Float64()
	}
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.Cores, p.EarlyStopping = "huber", 20, 8, 5, 2, 5
	keep := slices.Delete(slices.Clone(streamNames), 9, 10) // without S.s
	type outcome struct {
		model []byte
		cv    *CVResult
	}
	run := func(ts *TrainSet, w map[string]float64) outcome {
		cfg := TrainConfig{Params: p, CVFolds: 3}
		tr, va := ts.Split(0.25, 5)
		tr, va, err := KeepColumns(tr, va, keep)
		if err != nil {
			t.Fatal(err)
		}
		rc, err := NewRecipe(tr.Features.Names, lgbm.Huber, true)
		if err != nil {
			t.Fatal(err)
		}
		tn := &trainer{cfg: &cfg, rc: rc, weights: w}
		model, _, err := tn.train(p, tr, va)
		if err != nil {
			t.Fatal(err)
		}
		cv, err := tn.cv(p, tr)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := lgbm.Write(&b, model, lgbm.Meta{Objective: lgbm.Huber, Mirror: true, Antisymmetric: true}); err != nil {
			t.Fatal(err)
		}
		if model.NumIterations() < 2 {
			t.Fatalf("%d rounds: too few to compare", model.NumIterations())
		}
		return outcome{b.Bytes(), cv}
	}
	for _, w := range []map[string]float64{nil, weights} {
		got, want := run(loaded, w), run(mem, w)
		if !bytes.Equal(got.model, want.model) {
			t.Errorf("weighted %v: streamed training wrote another model than in-memory training", w != nil)
		}
		if fmt.Sprint(got.cv) != fmt.Sprint(want.cv) {
			t.Errorf("weighted %v: streamed cross-validation %v, in memory %v", w != nil, got.cv, want.cv)
		}
	}
}

// TestAdaptStreamedMatchesInMemory checks that adaptation reads the same
// label-free columns from a loaded set's file as from the set in memory.
func TestAdaptStreamedMatchesInMemory(t *testing.T) {
	dir := t.TempDir()
	m, tg := streamMatrix("p", 150, 4)
	path := filepath.Join(dir, "x.features")
	writeTestMatrix(t, path, m)
	target, _ := streamMatrix("u", 80, 5)
	for r := range target.Rows { // the user's pairs have larger A.u
		target.Data[r*target.Cols+6] += 1
	}
	cfg := TrainConfig{AdaptTo: filepath.Join(dir, "u.features"), Params: gbdt.DefaultParams()}
	writeTestMatrix(t, cfg.AdaptTo, target)
	loaded, err := LoadTrainSet(path, writeTestTargets(t, tg))
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	mem, err := NewTrainSet(m, tg)
	if err != nil {
		t.Fatal(err)
	}
	got, err := adaptWeights(&cfg, loaded)
	if err != nil {
		t.Fatal(err)
	}
	want, err := adaptWeights(&cfg, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != m.Rows || !maps.Equal(got, want) {
		t.Errorf("streamed adaptation gave other weights (%d of %d pairs) than in memory", len(got), m.Rows)
	}
	if slices.Min(slices.Collect(maps.Values(got))) == slices.Max(slices.Collect(maps.Values(got))) {
		t.Error("adaptation gave every pair the same weight: the test cannot tell the paths apart")
	}
}
