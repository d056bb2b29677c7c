package direction

import (
	"cmp"
	"math"
	"slices"

	"github.com/causal-tool/causal/pairs"
)

// method is one faithful published direction method (see the package doc,
// "Published methods"): an antisymmetric score of prepared variables,
// computed on its own so that a plan or baseline selecting it pays only for
// it.
type method struct {
	name string
	fn   func(p *prepared) float64
}

var methods = []method{
	{"igci_slope_paper_uniform", func(p *prepared) float64 { return igciPaperSlope(p.unitX(), p.unitY()) }},
	{"igci_slope_paper_gauss", func(p *prepared) float64 { return igciPaperSlope(p.zX(), p.zY()) }},
	{"reci_paper", reciPaper},
	{"anm_gp", anmGP},
	{"loci", loci},
	{"slope", slope},
	{"bqcd", bqcd},
	{"sloppy", sloppy},
}

// MethodNames returns the names of the published methods, each computed by
// Method on its own (they are not part of Names and Scores).
func MethodNames() []string {
	out := make([]string, len(methods))
	for i, m := range methods {
		out[i] = m.name
	}
	return out
}

// AllNames returns Names followed by MethodNames: every score Score knows.
func AllNames() []string { return append(Names(), MethodNames()...) }

// Method computes the named published method for x->y (positive means
// x->y); ok is false for an unknown name.
func Method(name string, x, y []float64, tx, ty pairs.VarType) (v float64, ok bool) {
	return MethodWith(name, DefaultBounds, x, y, tx, ty)
}

// evenIndex returns m evenly spaced indices into 0..n-1 (all of them when
// n <= m): the deterministic subsample the costly methods use, the same for
// both orders of a pair.
func evenIndex(n, m int) []int {
	if n <= m || m < 2 {
		m = n
	}
	idx := make([]int, m)
	for k := range idx {
		if n > m {
			idx[k] = int(math.Floor(float64(k) * float64(n-1) / float64(m-1)))
		} else {
			idx[k] = k
		}
	}
	return idx
}

// pick returns a[idx].
func pick(a []float64, idx []int) []float64 {
	out := make([]float64, len(idx))
	for k, i := range idx {
		out[k] = a[i]
	}
	return out
}

// stableOrder returns the indices of a in ascending order, ties kept in
// their original order (MATLAB's and R's stable sort).
func stableOrder(a []float64) []int {
	idx := make([]int, len(a))
	for i := range idx {
		idx[i] = i
	}
	// Ties broken by index make the order total, so the (faster,
	// unstable) pattern-defeating quicksort gives the stable order.
	slices.SortFunc(idx, func(i, j int) int {
		if c := cmp.Compare(a[i], a[j]); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	return idx
}
