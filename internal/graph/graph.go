package graph

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/causal-tool/causal/internal/table"
)

// Constraints is what the user knows about directions. Allowed reports
// whether cause may cause effect directly; Required whether it must. A
// nil Constraints allows everything and requires nothing.
type Constraints interface {
	Allowed(cause, effect string) bool
	Required(cause, effect string) bool
}

// Options control Skeleton.
type Options struct {
	// Alpha is the tests' significance level (0: DefaultAlpha).
	Alpha float64
	// MaxDepth is the largest conditioning set (0: DefaultMaxDepth;
	// MarginalOnly for none).
	MaxDepth int
	// MaxLevels bounds a Categorical column's levels kept apart (0:
	// DefaultMaxLevels).
	MaxLevels int
	// Degree is the number of Hermite polynomials of a Numerical column's
	// normal scores used when it is tested (1: the scores alone; 0:
	// DefaultDegree), CondDegree when it is conditioned on (0:
	// DefaultCondDegree); at most 3.
	Degree, CondDegree int
	// CondBins adds, when a Numerical column is conditioned on, the
	// indicators of CondBins equally frequent bins of its values (0:
	// DefaultCondBins; 1: none).
	CondBins int
	// Omit names columns left out of the graph (identifiers).
	Omit map[string]bool
	// Workers is the number of edges tested at once.
	Workers int
	// Constraints, if not nil, removes the pairs that may not be joined in
	// either direction and keeps the required edges.
	Constraints Constraints
	// Context, if not nil, stops the search when it is done: Learn then
	// returns its error.
	Context context.Context
}

// DefaultDegree and DefaultCondDegree are the default numbers of a
// number's polynomials used when tested and when conditioned on.
const (
	DefaultDegree     = 2
	DefaultCondDegree = 3
)

// DefaultCondBins is the default number of bins of a number conditioned
// on.
const DefaultCondBins = 5

// MarginalOnly as Options.MaxDepth tests marginal independence only.
const MarginalOnly = -1

// Link is an edge of the skeleton, between table columns A and B (A
// before B in table order).
type Link struct {
	A, B int
	// P is the largest p-value of the independence tests it survived (NaN
	// for a required edge that the tests removed).
	P float64
}

// Skeleton is the undirected graph of conditional dependence.
type Skeleton struct {
	// Columns are the indices of the table columns in the graph (the
	// columns without a Problem, not omitted).
	Columns []int
	Links   []Link
	// Sep maps a pair of table columns {a, b} (a < b) that the tests
	// separated to the table columns of the conditioning set that did.
	Sep map[[2]int][]int
	// Tests is the number of independence tests run.
	Tests int
	// Alpha and MaxDepth are the settings used.
	Alpha    float64
	MaxDepth int
}

// Learn learns the skeleton of the table's usable columns with PC-stable
// and the test described in the package comment.
func Learn(t *table.Table, opt Options) (*Skeleton, error) {
	alpha, depth, levels := opt.Alpha, opt.MaxDepth, opt.MaxLevels
	if alpha == 0 {
		alpha = DefaultAlpha
	}
	if !(alpha > 0 && alpha < 1) {
		return nil, fmt.Errorf("alpha must be in (0, 1), got %v", alpha)
	}
	switch {
	case depth == 0:
		depth = DefaultMaxDepth
	case depth < 0:
		depth = 0
	}
	if levels <= 0 {
		levels = DefaultMaxLevels
	}
	deg, cdeg := cmp.Or(opt.Degree, DefaultDegree), cmp.Or(opt.CondDegree, DefaultCondDegree)
	if deg < 1 || deg > maxDegree || cdeg < 1 || cdeg > maxDegree {
		return nil, fmt.Errorf("degrees must be in 1..%d, got %d and %d", maxDegree, deg, cdeg)
	}
	var cols []int
	for _, c := range t.Usable() {
		if !opt.Omit[t.Columns[c].Name] {
			cols = append(cols, c)
		}
	}
	blocks := make([]block, len(cols))
	for i, c := range cols {
		blocks[i] = embed(t.Columns[c], levels, cmp.Or(opt.CondBins, DefaultCondBins))
	}
	ci := newCITest(blocks, deg, cdeg)
	allowed := func(a, b int) bool {
		if opt.Constraints == nil {
			return true
		}
		na, nb := t.Columns[cols[a]].Name, t.Columns[cols[b]].Name
		return opt.Constraints.Allowed(na, nb) || opt.Constraints.Allowed(nb, na)
	}
	required := func(a, b int) bool {
		if opt.Constraints == nil {
			return false
		}
		na, nb := t.Columns[cols[a]].Name, t.Columns[cols[b]].Name
		return opt.Constraints.Required(na, nb) || opt.Constraints.Required(nb, na)
	}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}
	sk, err := learnSkeleton(ctx, ci, len(cols), alpha, depth, opt.Workers, allowed)
	if err != nil {
		return nil, err
	}
	out := &Skeleton{Columns: cols, Tests: sk.tests, Alpha: alpha, MaxDepth: depth, Sep: map[[2]int][]int{}}
	for k, z := range sk.sepset {
		zs := make([]int, len(z))
		for i, c := range z {
			zs[i] = cols[c]
		}
		out.Sep[[2]int{cols[k[0]], cols[k[1]]}] = zs
	}
	kept := map[[2]int]bool{}
	for _, l := range sk.links {
		kept[[2]int{l.A, l.B}] = true
		out.Links = append(out.Links, Link{A: cols[l.A], B: cols[l.B], P: l.MaxP})
	}
	for a := range cols {
		for b := a + 1; b < len(cols); b++ {
			if required(a, b) && !kept[[2]int{a, b}] {
				out.Links = append(out.Links, Link{A: cols[a], B: cols[b], P: math.NaN()})
			}
		}
	}
	slices.SortFunc(out.Links, func(x, y Link) int {
		return cmp.Or(cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	})
	return out, nil
}
