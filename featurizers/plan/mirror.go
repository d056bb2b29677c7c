package plan

import (
	"fmt"
	"strings"
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

// MirrorMap returns, for a list of feature names, the permutation and signs
// that turn the row of (A, B) into the row of (B, A):
//
//	mirrored[i] = sign[i] * row[perm[i]]
//
// It fails if the mirror of a name is not in the list.
func MirrorMap(names []string) (perm []int, sign []float32, err error) {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	perm = make([]int, len(names))
	sign = make([]float32, len(names))
	for i, n := range names {
		m, s, err := MirrorName(n)
		if err != nil {
			return nil, nil, err
		}
		j, ok := idx[m]
		if !ok {
			return nil, nil, fmt.Errorf("feature %q: its mirror %q is not in the list", n, m)
		}
		perm[i], sign[i] = j, s
	}
	return perm, sign, nil
}

// Mirror writes into dst the mirror of row (see MirrorMap).
func Mirror(row []float32, perm []int, sign []float32, dst []float32) {
	for i, j := range perm {
		dst[i] = sign[i] * row[j]
	}
}
