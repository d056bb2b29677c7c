package pairmodel_test

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// examplePair draws a pair whose effect is a saturating function of a
// skewed cause, swapped when backward.
func examplePair(id string, r *rand.Rand, backward bool) pairs.Pair {
	a, b := make([]float64, 100), make([]float64, 100)
	for i := range a {
		a[i] = r.ExpFloat64()
		b[i] = math.Tanh(a[i]) + 0.05*r.NormFloat64()
	}
	p := pairs.Pair{ID: id, A: a, B: b}
	if backward {
		p = p.Mirror()
	}
	return p
}

// Train a model on featurized pairs, export it as a LightGBM text model,
// load it back and score new pairs with it.
func Example() {
	dir, err := os.MkdirTemp("", "pairmodel")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)

	// Featurize 120 labelled pairs with a few features of the default plan.
	sel, err := plan.Default().Select([]string{"A.raw.skewness", "B.raw.skewness", "A.raw.std", "B.raw.std", "meta.n"})
	if err != nil {
		panic(err)
	}
	r := rand.New(rand.NewPCG(1, 1))
	feat, target := filepath.Join(dir, "train.features"), filepath.Join(dir, "train_target.csv")
	w, err := featio.Create(feat, featio.FormatArrow, featio.Header{Names: sel.Names(), PlanHash: sel.Hash()})
	if err != nil {
		panic(err)
	}
	var tg []pairs.Target
	row := make([]float32, sel.Len())
	for i := range 120 {
		t := pairs.Target{ID: fmt.Sprintf("p%d", i), Target: 1 - 2*(i%2), Details: 1 + i%2}
		sel.Featurize(examplePair(t.ID, r, t.Target < 0), row)
		if err := w.Write(t.ID, row); err != nil {
			panic(err)
		}
		tg = append(tg, t)
	}
	if err := w.Commit(); err != nil {
		panic(err)
	}
	if err := atomicfile.WriteFile(target, func(w io.Writer) error { return pairio.WriteTargets(w, tg) }); err != nil {
		panic(err)
	}

	// Train (each pair also as its mirror), validating on a fifth.
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.Seed = "huber", 30, 7, 5, 1
	res, err := pairmodel.Train(pairmodel.TrainConfig{Features: feat, Targets: target, ValidFraction: 0.2, Params: p})
	if err != nil {
		panic(err)
	}
	fmt.Printf("trained on %d pairs x %d features, antisymmetric: %v\n", res.Train.Rows(), res.Train.Features.Cols, res.Meta.Antisymmetric)

	// Export, load and score.
	model := filepath.Join(dir, "model.txt")
	if err := atomicfile.WriteFile(model, func(w io.Writer) error { return lgbm.Write(w, res.Model, res.Meta) }); err != nil {
		panic(err)
	}
	m, err := lgbm.Load(model)
	if err != nil {
		panic(err)
	}
	s, err := pairmodel.NewScorer(m, 2)
	if err != nil {
		panic(err)
	}
	fwd := examplePair("new", r, false)
	score, err := s.ScorePair(fwd)
	if err != nil {
		panic(err)
	}
	swapped, err := s.ScorePair(fwd.Mirror())
	if err != nil {
		panic(err)
	}
	fmt.Println("A->B scores positive:", score > 0)
	fmt.Println("swapping A and B negates the score:", swapped == -score)
	// Output:
	// trained on 96 pairs x 5 features, antisymmetric: true
	// A->B scores positive: true
	// swapping A and B negates the score: true
}
