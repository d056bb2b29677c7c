package plan

import (
	"fmt"
	"strings"

	"github.com/causal-tool/causal/pairs"
)

// MirrorName returns the name of the feature that holds, for the pair
// (B, A), the value of feature name for (A, B), and the sign to apply:
// AB.<s> and BA.<s> swap, D.<s> is negated, A.<s> and B.<s> swap, AmB.<s> is
// negated, S.<s> is unchanged, meta.A_<t> and meta.B_<t> swap, meta.pair_XY
// and meta.pair_YX swap, other meta features are unchanged.
func MirrorName(name string) (string, float32, error) {
	prefix, rest, ok := strings.Cut(name, ".")
	if !ok || rest == "" {
		return "", 0, fmt.Errorf("feature name %q has no family prefix", name)
	}
	switch prefix + "." {
	case prefAB:
		return prefBA + rest, 1, nil
	case prefBA:
		return prefAB + rest, 1, nil
	case prefD, prefAmB:
		return name, -1, nil
	case prefA:
		return prefB + rest, 1, nil
	case prefB:
		return prefA + rest, 1, nil
	case prefS:
		return name, 1, nil
	case prefMeta:
		switch {
		case strings.HasPrefix(rest, "A_"):
			return prefMeta + "B_" + rest[2:], 1, nil
		case strings.HasPrefix(rest, "B_"):
			return prefMeta + "A_" + rest[2:], 1, nil
		case strings.HasPrefix(rest, "pair_") && len(rest) == 7:
			return prefMeta + "pair_" + rest[6:7] + rest[5:6], 1, nil
		}
		return name, 1, nil
	}
	return "", 0, fmt.Errorf("feature name %q: unknown prefix %q", name, prefix)
}

// MirrorMap turns the feature row of a pair (A, B) into the row of (B, A):
//
//	mirrored[i] = sign[i] * row[perm[i]]
//
// with perm and sign from MirrorName. It is the one mirror of causal:
// training's mirror augmentation, the antisymmetric scores of predict,
// `causal features mirror` and gbdt's mirrored datasets all use it.
type MirrorMap struct {
	perm []int
	sign []float32
}

// NewMirrorMap returns the mirror map of a list of feature names. It fails
// if the mirror of a name is not in the list.
func NewMirrorMap(names []string) (*MirrorMap, error) {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	m := &MirrorMap{perm: make([]int, len(names)), sign: make([]float32, len(names))}
	for i, n := range names {
		mn, s, err := MirrorName(n)
		if err != nil {
			return nil, err
		}
		j, ok := idx[mn]
		if !ok {
			return nil, fmt.Errorf("feature %q: its mirror %q is not in the list", n, mn)
		}
		m.perm[i], m.sign[i] = j, s
	}
	return m, nil
}

// Len returns the number of features.
func (m *MirrorMap) Len() int { return len(m.perm) }

// Source returns the column of the row and the sign that give column i of
// the mirrored row.
func (m *MirrorMap) Source(i int) (col int, sign float32) { return m.perm[i], m.sign[i] }

// Row32 writes into dst the mirror of row.
func (m *MirrorMap) Row32(row, dst []float32) {
	for i, j := range m.perm {
		dst[i] = m.sign[i] * row[j]
	}
}

// Row64 writes into dst the mirror of a float64 row.
func (m *MirrorMap) Row64(row, dst []float64) {
	for i, j := range m.perm {
		dst[i] = float64(m.sign[i]) * row[j]
	}
}

// Target returns the target of the pair (B, A): Target negated, Details 1
// (A->B) and 2 (B->A) swapped, the same SampleID.
func (m *MirrorMap) Target(t pairs.Target) pairs.Target {
	switch t.Details {
	case 1:
		t.Details = 2
	case 2:
		t.Details = 1
	}
	t.Target = -t.Target
	return t
}

// Types returns the variable types of the pair (B, A).
func (m *MirrorMap) Types(t pairs.Types) pairs.Types { return pairs.Types{A: t.B, B: t.A} }
