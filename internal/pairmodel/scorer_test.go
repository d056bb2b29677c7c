package pairmodel

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/pairs"
)

func mustMirror(t *testing.T, names []string) *plan.MirrorMap {
	t.Helper()
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	return mm
}

// scorerNames are cheap features of the default plan (unary statistics
// and meta features), closed under mirroring.
var scorerNames = []string{"A.raw.skewness", "A.raw.kurtosis", "A.raw.std", "B.raw.skewness", "B.raw.kurtosis", "B.raw.std", "meta.n"}

// testPair returns a pair whose effect B is a noisy saturating function of
// its cause A, swapped when backward.
func testPair(id string, r *rand.Rand, backward bool) pairs.Pair {
	n := 60 + r.IntN(60)
	a, b := make([]float64, n), make([]float64, n)
	for i := range a {
		a[i] = r.ExpFloat64()
		b[i] = math.Tanh(a[i]) + 0.1*r.NormFloat64()
	}
	p := pairs.Pair{ID: id, A: a, B: b}
	if backward {
		p = p.Mirror()
	}
	return p
}

// testFeatures featurizes rows test pairs with scorerNames, alternately
// A->B and B->A.
func testFeatures(t *testing.T, rows int) *TrainSet {
	t.Helper()
	sel, err := plan.Default().Select(scorerNames)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	m := &featio.Matrix{Names: sel.Names(), PlanHash: sel.Hash(), Rows: rows, Cols: sel.Len(), Data: make([]float32, rows*sel.Len())}
	targets := make([]int, rows)
	for i := range rows {
		targets[i] = 1 - 2*(i%2)
		m.IDs = append(m.IDs, fmt.Sprintf("t%d", i))
		sel.Featurize(testPair("x", r, targets[i] < 0), m.Data[i*m.Cols:(i+1)*m.Cols])
	}
	return &TrainSet{Features: m, Targets: targets}
}

// testScorer trains a small antisymmetric huber model on featurized test
// pairs, writes and reloads it, and returns its scorer.
func testScorer(t *testing.T, workers int) *Scorer {
	t.Helper()
	const rows = 80
	ts := testFeatures(t, rows)
	m, targets := ts.Features, ts.Targets
	rc, err := NewRecipe(m.Names, lgbm.Huber, true)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := gbdt.NewDataset(m.Data, rows, m.Cols, gbdt.DatasetOptions{Names: m.Names, Mirror: rc.Mirror})
	if err != nil {
		t.Fatal(err)
	}
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.MinDataInLeaf, p.NumLeaves = string(lgbm.Huber), 20, 5, 7
	model, _, err := gbdt.Train(p, ds, rc.Labels(targets, true), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	meta := lgbm.Meta{PlanHash: m.PlanHash, Objective: lgbm.Huber, Mirror: true, Antisymmetric: true}
	if err := lgbm.Write(&buf, model, meta); err != nil {
		t.Fatal(err)
	}
	lm, err := lgbm.LoadReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	s, err := NewScorer(lm, workers)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestScorerAntisymmetric checks that swapping A and B negates the score of
// a pair exactly, that the scores carry the direction, and that batches,
// single pairs and any number of workers agree.
func TestScorerAntisymmetric(t *testing.T) {
	s := testScorer(t, 3)
	if !s.Recipe().Antisymmetric() {
		t.Fatal("the model's recipe is not antisymmetric")
	}
	r := rand.New(rand.NewPCG(5, 6))
	var ps, mirrored []pairs.Pair
	for i := range 12 {
		p := testPair("p", r, i%2 == 1)
		ps, mirrored = append(ps, p), append(mirrored, p.Mirror())
	}
	sc, err := s.ScorePairs(context.Background(), ps)
	if err != nil {
		t.Fatal(err)
	}
	msc, err := s.ScorePairs(context.Background(), mirrored)
	if err != nil {
		t.Fatal(err)
	}
	right := 0
	for i := range sc {
		if sc[i] != -msc[i] {
			t.Errorf("pair %d: score %v, swapped %v", i, sc[i], msc[i])
		}
		if (sc[i] > 0) == (i%2 == 0) {
			right++
		}
	}
	if right < 9 {
		t.Errorf("%d of 12 directions right: the scores do not carry the direction", right)
	}
	one := testScorer(t, 1)
	for i, p := range ps {
		got, err := one.ScorePair(p)
		if err != nil {
			t.Fatal(err)
		}
		if got != sc[i] {
			t.Errorf("pair %d: ScorePair with 1 worker %v, ScorePairs with 3 %v", i, got, sc[i])
		}
	}
}

// sliceSource yields pairs from a slice.
type sliceSource []pairs.Pair

func (s *sliceSource) Next() (pairs.Pair, error) {
	if len(*s) == 0 {
		return pairs.Pair{}, io.EOF
	}
	p := (*s)[0]
	*s = (*s)[1:]
	return p, nil
}

// TestScorePairStream checks that the stream keeps the input order over
// several batches and scores like ScorePairs.
func TestScorePairStream(t *testing.T) {
	s := testScorer(t, 2)
	r := rand.New(rand.NewPCG(7, 8))
	var ps []pairs.Pair
	for i := range ScoreBatch + 5 {
		p := testPair(string(rune('a'+i%26))+string(rune('a'+i/26)), r, i%3 == 0)
		p.A, p.B = p.A[:20], p.B[:20]
		ps = append(ps, p)
	}
	want, err := s.ScorePairs(context.Background(), ps)
	if err != nil {
		t.Fatal(err)
	}
	src := sliceSource(slices.Clone(ps))
	var ids []string
	var got []float64
	batches := 0
	err = s.ScorePairStream(context.Background(), &src, func(bid []string, sc []float64) error {
		ids, got, batches = append(ids, bid...), append(got, sc...), batches+1
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if batches != 2 || !slices.Equal(got, want) {
		t.Fatalf("%d batches; stream scores differ from ScorePairs", batches)
	}
	for i, p := range ps {
		if ids[i] != p.ID {
			t.Fatalf("id %d is %s, want %s", i, ids[i], p.ID)
		}
	}
}

// TestCVDeterministic checks that cross-validation gives K folds covering
// every pair, and the same result twice and for any number of cores.
func TestCVDeterministic(t *testing.T) {
	ts := testFeatures(t, 90)
	p := gbdt.DefaultParams()
	p.Objective, p.NumIterations, p.MinDataInLeaf, p.NumLeaves, p.EarlyStopping, p.Seed = "huber", 15, 5, 7, 3, 4
	var first *CVResult
	for _, cores := range []int{1, 3, 1} {
		p.Cores = cores
		res, err := CV(TrainConfig{Params: p}, ts, 3)
		if err != nil {
			t.Fatal(err)
		}
		pairs := 0
		for _, f := range res.Folds {
			pairs += f.Pairs
		}
		if res.K != 3 || len(res.Folds) != 3 || pairs != 90 || !(res.MeanAUC > 0.5) {
			t.Fatalf("cv %+v", res)
		}
		if first == nil {
			first = res
		} else if fmt.Sprint(res) != fmt.Sprint(first) {
			t.Fatalf("cores %d: %+v, first run %+v", cores, res, first)
		}
	}
	if r := first.MeanRounds(); r < 1 || r > 15 {
		t.Errorf("mean rounds %d", r)
	}
	var text strings.Builder
	first.WriteText(&text)
	lines := strings.Split(strings.TrimSpace(text.String()), "\n")
	if want := fmt.Sprintf("cv 3-fold bidirectional AUC: %.4f ± %.4f", first.MeanAUC, first.SDAUC); len(lines) != 4 || lines[0] != want ||
		lines[3] != fmt.Sprintf("  fold 3: AUC %.4f (%d rounds)", first.Folds[2].AUC, first.Folds[2].Rounds) {
		t.Errorf("text:\n%s", text.String())
	}
}
