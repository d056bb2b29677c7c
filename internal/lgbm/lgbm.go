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
// The package is only the file format: how a target becomes a label and how
// raw scores become pair scores is the recipe of internal/pairmodel.
package lgbm

import (
	"fmt"
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
