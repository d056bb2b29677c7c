package pairmodel

import (
	"fmt"
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/lgbm"
)

// Recipe is the pair-level recipe of a model: its objective and, when the
// features have one, the mirror map that makes its scores antisymmetric.
type Recipe struct {
	// Kind is the objective family.
	Kind lgbm.Kind
	// Mirror is the features' mirror map; nil when the scores are not
	// antisymmetric.
	Mirror *plan.MirrorMap
	// Sigmoid is the binary objective's sigmoid parameter (1 otherwise).
	Sigmoid float64
}

// NewRecipe returns the training recipe for the feature names: antisymmetric
// when the featurizer's mirror map covers them. When wantMirror is set
// (mirror augmentation is asked for), a missing mirror partner is an error.
func NewRecipe(names []string, kind lgbm.Kind, wantMirror bool) (*Recipe, error) {
	rc := &Recipe{Kind: kind, Sigmoid: 1}
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		if wantMirror {
			return nil, fmt.Errorf("mirror augmentation needs every feature's mirror partner: %w (use --no-mirror for features without one)", err)
		}
		return rc, nil
	}
	rc.Mirror = mm
	return rc, nil
}

// ModelRecipe returns the recipe of a loaded model: the one its causal
// metadata records or, for a model without it (e.g. trained by LightGBM),
// antisymmetric when the mirror map covers its features.
func ModelRecipe(m *lgbm.Model) (*Recipe, error) {
	rc := &Recipe{Kind: m.Kind, Sigmoid: m.Sigmoid}
	mm, err := plan.NewMirrorMap(m.FeatureNames)
	switch {
	case m.HasMeta && m.Meta.Antisymmetric && err != nil:
		return nil, fmt.Errorf("model says antisymmetric but its features have no complete mirror map: %w", err)
	case m.HasMeta && !m.Meta.Antisymmetric, err != nil:
		return rc, nil
	}
	rc.Mirror = mm
	return rc, nil
}

// Antisymmetric reports whether pair scores come from a row and its mirror
// row.
func (rc *Recipe) Antisymmetric() bool { return rc.Mirror != nil }

// Label returns the training label of a pair with the given target (1 A->B,
// -1 B->A, 0 neither): the target itself for the regressions, 1 for A->B and
// 0 otherwise for binary, and the class index (0 A->B, 1 B->A, 2 neither)
// for multiclass. The mirror pair's label is Label(-target).
func (rc *Recipe) Label(target int) float32 {
	switch rc.Kind {
	case lgbm.Binary:
		if target == 1 {
			return 1
		}
		return 0
	case lgbm.Multiclass:
		switch target {
		case 1:
			return 0
		case -1:
			return 1
		}
		return 2
	}
	return float32(target)
}

// Value maps the raw outputs of one row to the quantity the recipe compares
// between a row and its mirror: the raw score for the regressions,
// P(A->B) = sigmoid(Sigmoid*raw) for binary, and P(A->B) - P(B->A)
// (softmax) for multiclass.
func (rc *Recipe) Value(raw []float64) float64 {
	switch rc.Kind {
	case lgbm.Binary:
		return 1 / (1 + math.Exp(-rc.Sigmoid*raw[0]))
	case lgbm.Multiclass:
		p := softmax3(raw)
		return p[0] - p[1]
	}
	return raw[0]
}

// softmax3 returns the softmax of the first three raw scores.
func softmax3(raw []float64) [3]float64 {
	m := math.Max(raw[0], math.Max(raw[1], raw[2]))
	var e [3]float64
	sum := 0.0
	for i := range e {
		e[i] = math.Exp(raw[i] - m)
		sum += e[i]
	}
	for i := range e {
		e[i] /= sum
	}
	return e
}

// PairScore returns the antisymmetric score of a pair from Value of its row
// (v) and of its mirror row (vm), an estimate of the expected target
// P(A->B) - P(B->A):
//   - regressions and multiclass: (v - vm) / 2, as Value estimates the target
//     and the mirror's Value estimates its negation;
//   - binary: v - vm = P(A->B | row) - P(A->B | mirror) = P(A->B) - P(B->A).
//
// Swapping the row and its mirror negates the score exactly (IEEE
// subtraction is antisymmetric and halving is exact).
func (rc *Recipe) PairScore(v, vm float64) float64 {
	if rc.Kind == lgbm.Binary {
		return v - vm
	}
	return (v - vm) / 2
}

// PlainScore returns the score of a pair from Value of its row alone, for a
// recipe that is not antisymmetric: the raw score for the regressions,
// 2*P(A->B) - 1 for binary and P(A->B) - P(B->A) for multiclass.
func (rc *Recipe) PlainScore(v float64) float64 {
	if rc.Kind == lgbm.Binary {
		return 2*v - 1
	}
	return v
}

// Labels returns the labels of the targets, followed by those of their
// mirrors when mirror is set.
func (rc *Recipe) Labels(targets []int, mirror bool) []float64 {
	out := make([]float64, 0, 2*len(targets))
	for _, t := range targets {
		out = append(out, float64(rc.Label(t)))
	}
	if mirror {
		for _, t := range targets {
			out = append(out, float64(rc.Label(-t)))
		}
	}
	return out
}

// Scores turns the raw scores of n rows, followed (when antisymmetric) by
// those of their n mirror rows, into n pair scores.
func (rc *Recipe) Scores(raw []float64, n int) []float64 {
	k := rc.Kind.NumClass()
	out := make([]float64, n)
	for i := range out {
		v := rc.Value(raw[i*k : (i+1)*k])
		if rc.Antisymmetric() {
			vm := rc.Value(raw[(n+i)*k : (n+i+1)*k])
			out[i] = rc.PairScore(v, vm)
		} else {
			out[i] = rc.PlainScore(v)
		}
	}
	return out
}

// Metric returns the bidirectional AUC of the pair scores of rows with the
// given targets, computed from their raw scores as laid out by Scores (NaN
// when undefined). Higher is better; gbdt uses it for early stopping.
func (rc *Recipe) Metric(targets []int) func(raw []float64) float64 {
	return func(raw []float64) float64 {
		auc, err := evaluate.BidirectionalAUC(targets, rc.Scores(raw, len(targets)))
		if err != nil {
			return math.NaN()
		}
		return auc
	}
}

// CheckBothDirections fails unless the targets hold both directions, which
// the bidirectional AUC needs; what names the set in the message.
func CheckBothDirections(what string, targets []int) error {
	if !slices.Contains(targets, 1) || !slices.Contains(targets, -1) {
		return fmt.Errorf("%s needs pairs with Target 1 and pairs with Target -1 (the bidirectional AUC is undefined otherwise)", what)
	}
	return nil
}
