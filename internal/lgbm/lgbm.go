// Package lgbm writes gradient-boosted tree models in LightGBM's text model
// format and loads such models (ours or LightGBM's) for prediction with
// github.com/dmitryikh/leaves.
//
// A written file loads in both leaves and LightGBM 4.x: header
// `version=v3`, byte-exact `tree_sizes`, LightGBM's blank-line layout. The
// causal-specific metadata (plan hash, objective kind, recipe) lives in the
// `parameters:` section as `[causal_...: value]` lines, which leaves
// ignores and LightGBM tolerates.
//
// The package also holds the pair-level recipe shared by training and
// prediction: how a target becomes a label for each objective, and the
// antisymmetric score computed from a row and its mirror row.
package lgbm

import (
	"fmt"
	"math"
	"strings"
)

// Kind is the objective family of a model.
type Kind string

// The supported objectives.
const (
	Regression Kind = "regression" // L2 regression of the -1/0/1 target
	Huber      Kind = "huber"      // Huber regression of the -1/0/1 target
	Binary     Kind = "binary"     // logistic: A->B (label 1) versus the rest (label 0)
	Multiclass Kind = "multiclass" // softmax over classes 0 A->B, 1 B->A, 2 neither
)

// MulticlassClasses is the number of classes of the multiclass recipe.
const MulticlassClasses = 3

// ParseKind parses an objective name as given on the command line.
func ParseKind(s string) (Kind, error) {
	switch k := Kind(strings.TrimSpace(s)); k {
	case Regression, Huber, Binary, Multiclass:
		return k, nil
	}
	return "", fmt.Errorf("unknown objective %q (want regression, huber, binary or multiclass)", s)
}

// NumClass returns the number of raw outputs per row of the objective.
func (k Kind) NumClass() int {
	if k == Multiclass {
		return MulticlassClasses
	}
	return 1
}

// Label returns the training label of a pair with the given target (1 A->B,
// -1 B->A, 0 neither): the target itself for the regressions, 1 for A->B and
// 0 otherwise for binary, and the class index (0 A->B, 1 B->A, 2 neither)
// for multiclass. The mirror pair's label is Label(-target).
func (k Kind) Label(target int) float32 {
	switch k {
	case Binary:
		if target == 1 {
			return 1
		}
		return 0
	case Multiclass:
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
// P(A->B) = sigmoid(sigmoid*raw) for binary, and P(A->B) - P(B->A) (softmax)
// for multiclass.
func (k Kind) Value(raw []float64, sigmoid float64) float64 {
	switch k {
	case Binary:
		return 1 / (1 + math.Exp(-sigmoid*raw[0]))
	case Multiclass:
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

// Antisymmetric returns the score of a pair from Value of its row (v) and
// of its mirror row (vm). It is an estimate of the expected target
// P(A->B) - P(B->A):
//   - regressions and multiclass: (v - vm) / 2, as Value estimates the target
//     and the mirror's Value estimates its negation;
//   - binary: v - vm = P(A->B | row) - P(A->B | mirror) = P(A->B) - P(B->A).
//
// Swapping the row and its mirror negates the score exactly (IEEE
// subtraction is antisymmetric and halving is exact).
func (k Kind) Antisymmetric(v, vm float64) float64 {
	if k == Binary {
		return v - vm
	}
	return (v - vm) / 2
}

// Plain returns the score of a pair from Value of its row alone, used when
// a model has no antisymmetric recipe: the raw score for the regressions,
// 2*P(A->B) - 1 for binary and P(A->B) - P(B->A) for multiclass.
func (k Kind) Plain(v float64) float64 {
	if k == Binary {
		return 2*v - 1
	}
	return v
}

// Meta is the causal-specific metadata stored with a model.
type Meta struct {
	// PlanHash identifies the feature plan the model was trained on.
	PlanHash string
	// Objective is the objective family.
	Objective Kind
	// Mirror records whether training used mirror augmentation.
	Mirror bool
	// Antisymmetric records whether predictions use the antisymmetric
	// recipe (score from a row and its mirror row).
	Antisymmetric bool
	// Params holds further training parameters (name -> value), written as
	// `[name: value]` lines; names match [A-Za-z0-9_]+ and values hold no
	// `]`, `:` nor line breaks.
	Params map[string]string
}
