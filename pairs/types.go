// Package pairs defines the cause-effect pair model shared by every part of
// causal: variable types, pairs, targets, predictions and generator metadata.
package pairs

import (
	"fmt"
	"strings"
)

// VarType is the statistical type of one variable of a pair.
type VarType int

// The three variable types of the challenge format.
const (
	Numerical VarType = iota
	Categorical
	Binary
)

// AllTypes lists the variable types in a fixed order.
var AllTypes = []VarType{Numerical, Categorical, Binary}

// String returns the challenge spelling of the type.
func (t VarType) String() string {
	switch t {
	case Numerical:
		return "Numerical"
	case Categorical:
		return "Categorical"
	case Binary:
		return "Binary"
	}
	return fmt.Sprintf("VarType(%d)", int(t))
}

// Letter returns the one-letter code of the type (N, C or B).
func (t VarType) Letter() string { return t.String()[:1] }

// ParseVarType parses a challenge type word (case-insensitive, trimmed).
func ParseVarType(s string) (VarType, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "numerical":
		return Numerical, nil
	case "categorical":
		return Categorical, nil
	case "binary":
		return Binary, nil
	}
	return 0, fmt.Errorf("unknown type %q (want Numerical, Categorical or Binary)", s)
}

// Pair is one cause-effect pair: two equally long samples and their types.
type Pair struct {
	ID    string
	A, B  []float64
	TypeA VarType
	TypeB VarType
	// Line is the 1-based line of the pair in its source file (0 if none).
	Line int
}

// Mirror returns the pair with A and B swapped (sharing the sample slices).
func (p Pair) Mirror() Pair {
	return Pair{ID: p.ID, A: p.B, B: p.A, TypeA: p.TypeB, TypeB: p.TypeA, Line: p.Line}
}

// Types holds the declared types of a pair's two variables.
type Types struct{ A, B VarType }

// Target is the ground truth of one pair.
type Target struct {
	ID string
	// Target is 1 for A->B, -1 for B->A and 0 for neither.
	Target int
	// Details is 1 A->B, 2 B->A, 3 confounded, 4 independent (0 if unknown).
	Details int
}

// Prediction is a real-valued score: positive for A->B, negative for B->A.
type Prediction struct {
	ID    string
	Score float64
}

// Meta is how `causal generate` drew one pair: its simulator and the cause
// and mechanism families, in drawing order.
type Meta struct {
	ID         string
	Simulator  string
	Causes     []string
	Mechanisms []string
}
