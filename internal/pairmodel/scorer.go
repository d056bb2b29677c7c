package pairmodel

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/stack"
	"github.com/causal-tool/causal/pairs"
)

// ScoreBatch is the number of pairs the stream methods featurize and score
// together (times the workers for feature rows).
const ScoreBatch = 256

// Scorer scores pairs, or feature rows, with a loaded model and its recipe:
// antisymmetric models score a pair from its row and its mirror row, so
// that swapping A and B negates the score exactly. For pairs it computes
// only the features the model splits on (and their mirror partners). A
// Scorer is safe for concurrent use.
type Scorer struct {
	// Name is how error messages name the model ("model m.txt", "the
	// embedded default model"); empty: "the model".
	Name string

	model   *lgbm.Model
	recipe  *Recipe
	workers int

	// names are the columns of a row: the model's features, then the
	// second stage's features the model lacks (see SetStack).
	names      []string
	stage      *stack.Scorer
	stageFeats []string

	once  sync.Once
	sel   *plan.Plan // features computed for pairs; nil when none is needed
	dst   []int      // per selected feature: model column
	plErr error
}

// NewScorer returns the scorer of a loaded model (see ModelRecipe) using
// the given number of goroutines (at least one).
func NewScorer(m *lgbm.Model, workers int) (*Scorer, error) {
	rc, err := ModelRecipe(m)
	if err != nil {
		return nil, err
	}
	return &Scorer{model: m, recipe: rc, workers: max(workers, 1), names: m.FeatureNames}, nil
}

// SetStack puts a second stage over the model: a pair's score becomes
// st's score of the trees' score and st's features, which rows then carry
// after the model's features (see Width). Call it before scoring.
func (s *Scorer) SetStack(st *stack.Stack) error {
	feats, err := st.Features()
	if err != nil {
		return err
	}
	names := append([]string(nil), s.model.FeatureNames...)
	have := make(map[string]bool, len(names))
	for _, n := range names {
		have[n] = true
	}
	for _, n := range feats {
		if !have[n] {
			names = append(names, n)
		}
	}
	b, err := st.Bind(names)
	if err != nil {
		return err
	}
	s.names, s.stage, s.stageFeats = names, b, feats
	return nil
}

// Width is the number of columns of a row: the model's features and the
// second stage's other features.
func (s *Scorer) Width() int { return len(s.names) }

// modelName is how errors name the model.
func (s *Scorer) modelName() string {
	if s.Name == "" {
		return "the model"
	}
	return s.Name
}

// Model returns the scorer's model.
func (s *Scorer) Model() *lgbm.Model { return s.model }

// Recipe returns the scorer's recipe.
func (s *Scorer) Recipe() *Recipe { return s.recipe }

// ScoreRows returns the pair scores of n feature rows (row-major float64,
// Width columns: the model's features, then the second stage's, NaN for
// missing values).
func (s *Scorer) ScoreRows(rows []float64, n int) ([]float64, error) {
	width := s.Width()
	if len(rows) != n*width {
		return nil, fmt.Errorf("score: %d values is not %d rows x %d features", len(rows), n, width)
	}
	if s.stage == nil {
		return s.treeScores(rows, n)
	}
	cols := len(s.model.FeatureNames)
	part := make([]float64, 0, n*cols)
	for r := range n {
		part = append(part, rows[r*width:r*width+cols]...)
	}
	tree, err := s.treeScores(part, n)
	if err != nil {
		return nil, err
	}
	for r := range n {
		tree[r] = s.stage.Score(tree[r], rows[r*width:(r+1)*width])
	}
	return tree, nil
}

// treeScores returns the trees' scores of n rows of the model's features.
func (s *Scorer) treeScores(rows []float64, n int) ([]float64, error) {
	cols := len(s.model.FeatureNames)
	all, total := rows, n
	if s.recipe.Antisymmetric() {
		all, total = make([]float64, 2*n*cols), 2*n
		copy(all, rows)
		mir := all[n*cols:]
		for r := range n {
			s.recipe.Mirror.Row64(rows[r*cols:(r+1)*cols], mir[r*cols:(r+1)*cols])
		}
	}
	raw, err := s.model.PredictRaw(all, total, s.workers)
	if err != nil {
		return nil, err
	}
	return s.recipe.Scores(raw, n), nil
}

// PairPlan returns the feature plan that computes the model's features for
// pairs, restricted to those the model splits on and their mirror partners
// (nil when it splits on none). It fails when the model has a feature the
// default plan does not compute, or was trained on features computed
// differently (its recorded plan hash).
func (s *Scorer) PairPlan() (*plan.Plan, error) {
	s.once.Do(func() { s.plErr = s.selectPlan() })
	return s.sel, s.plErr
}

// Layout returns how the features of the plan PairPlan selects fill the
// scorer's rows (for callers that featurize pairs themselves, like causal
// scan's shared per-column featurizer).
func (s *Scorer) Layout() (RowLayout, error) {
	sel, err := s.PairPlan()
	if err != nil {
		return RowLayout{}, err
	}
	return RowLayout{Plan: sel, Columns: append([]int(nil), s.dst...), Width: s.Width()}, nil
}

// selectPlan checks the model against the default plan and selects the
// features to compute.
func (s *Scorer) selectPlan() error {
	full := plan.Default()
	m := s.model
	if err := checkPlanNames(m, full); err != nil {
		return err
	}
	if ph := m.Meta.PlanHash; ph != "" {
		sel, err := full.Select(m.FeatureNames)
		if err != nil {
			return err
		}
		if sel.Hash() != ph {
			return fmt.Errorf("the model was trained on feature plan %s but this causal computes its features with plan %s (plan version or parameters changed): retrain the model or use the matching causal", ph, sel.Hash())
		}
	}
	need := map[string]bool{}
	for i, imp := range m.Importance {
		if imp.Splits == 0 {
			continue
		}
		need[m.FeatureNames[i]] = true
		if s.recipe.Antisymmetric() {
			j, _ := s.recipe.Mirror.Source(i)
			need[m.FeatureNames[j]] = true
		}
	}
	for _, n := range s.stageFeats {
		need[n] = true
	}
	if len(need) == 0 {
		return nil
	}
	var pats []string
	for _, n := range s.names {
		if need[n] {
			pats = append(pats, n)
		}
	}
	sel, err := full.Select(pats)
	if err != nil {
		return err
	}
	idx := make(map[string]int, len(s.names))
	for i, n := range s.names {
		idx[n] = i
	}
	s.sel = sel
	for _, n := range sel.Names() {
		s.dst = append(s.dst, idx[n])
	}
	return nil
}

// checkPlanNames fails when a model feature is not a feature of the plan,
// listing a few unknown names.
func checkPlanNames(m *lgbm.Model, pl *plan.Plan) error {
	known := make(map[string]bool, pl.Len())
	for _, n := range pl.Names() {
		known[n] = true
	}
	var unknown []string
	for _, n := range m.FeatureNames {
		if !known[n] {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("the model uses %d features that this causal cannot compute (not in the feature plan): %s",
			len(unknown), pairs.FewIDs(unknown))
	}
	return nil
}

// ScorePair returns the score of one pair.
func (s *Scorer) ScorePair(p pairs.Pair) (float64, error) {
	sc, err := s.ScorePairs(context.Background(), []pairs.Pair{p})
	if err != nil {
		return 0, err
	}
	return sc[0], nil
}

// ScorePairs returns the scores of pairs, featurized in parallel. It stops
// with ctx's error when ctx is done.
func (s *Scorer) ScorePairs(ctx context.Context, ps []pairs.Pair) ([]float64, error) {
	l, err := s.Layout()
	if err != nil {
		return nil, err
	}
	rows, err := l.FeatureRows(ctx, len(ps), RowOptions{Workers: s.workers}, func(i int, buf []float32) {
		l.Plan.Featurize(ps[i], buf)
	})
	if err != nil {
		return nil, err
	}
	return s.ScoreRows(rows, len(ps))
}

// PairSource yields pairs until io.EOF (*pairio.Reader is one).
type PairSource interface {
	Next() (pairs.Pair, error)
}

// ScorePairStream scores every pair of src in batches of ScoreBatch and
// hands each batch's SampleIDs and scores, in input order, to emit. It
// stops with ctx's error when ctx is done.
func (s *Scorer) ScorePairStream(ctx context.Context, src PairSource, emit func(ids []string, scores []float64) error) error {
	if _, err := s.PairPlan(); err != nil {
		return err
	}
	batch := make([]pairs.Pair, 0, ScoreBatch)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		sc, err := s.ScorePairs(ctx, batch)
		if err != nil {
			return err
		}
		ids := make([]string, len(batch))
		for i, p := range batch {
			ids[i] = p.ID
		}
		batch = batch[:0]
		return emit(ids, sc)
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err := src.Next()
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
		batch = append(batch, p)
		if len(batch) == ScoreBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}

// FeatureSource yields the rows of a feature file until io.EOF
// (*featio.Reader is one).
type FeatureSource interface {
	Header() featio.Header
	Next() (id string, row []float32, err error)
}

// ScoreFeatureStream scores the rows of a feature file (name is used in
// messages), matching the model's features to its columns by name (the
// file may have more columns), in batches, handing each batch's SampleIDs
// and scores to emit. It stops with ctx's error when ctx is done.
func (s *Scorer) ScoreFeatureStream(ctx context.Context, name string, src FeatureSource, emit func(ids []string, scores []float64) error) error {
	h := src.Header()
	col := make(map[string]int, len(h.Names))
	for i, n := range h.Names {
		col[n] = i
	}
	names := s.names
	from := make([]int, len(names))
	var missing []string
	for i, n := range names {
		j, ok := col[n]
		if !ok {
			missing = append(missing, n)
		}
		from[i] = j
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s lacks %d of the features of %s: %s", name, len(missing), s.modelName(), pairs.FewIDs(missing))
	}
	if ph := s.model.Meta.PlanHash; ph != "" && h.PlanHash != "" && ph != h.PlanHash && slices.Equal(h.Names, names) {
		return fmt.Errorf("%s was computed by feature plan %s but %s was trained on plan %s (same names, different computations): refeaturize", name, h.PlanHash, s.modelName(), ph)
	}
	var ids []string
	var rows []float64
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		sc, err := s.ScoreRows(rows, len(ids))
		if err != nil {
			return err
		}
		err = emit(ids, sc)
		ids, rows = nil, rows[:0]
		return err
	}
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, row, err := src.Next()
		if errors.Is(err, io.EOF) {
			return flush()
		}
		if err != nil {
			return err
		}
		ids = append(ids, id)
		for _, j := range from {
			rows = append(rows, float64(row[j]))
		}
		if len(ids) == ScoreBatch*s.workers {
			if err := flush(); err != nil {
				return err
			}
		}
	}
}
