package graph

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/causal-tool/causal/internal/table"
)

// How an edge got its direction.
const (
	ByPrior    = "prior"    // required, or the other direction not allowed
	ByCollider = "collider" // an unshielded collider a -> c <- b of the tests
	ByScore    = "score"    // the sign of the pair score
	ByAcyclic  = "acyclic"  // against the score, to keep the graph acyclic
	ByNone     = "none"     // undirected: no score, a zero score, or no direction allowed
)

// Edge is an edge of the learnt graph.
type Edge struct {
	Cause, Effect string
	// Directed is false for an undirected edge (Cause, Effect then in table
	// order).
	Directed bool
	// Score is the pair score of Cause -> Effect (positive when the score
	// agrees with the direction, NaN when the pair was not scored); Low and
	// High bound it (NaN when unknown).
	Score, Low, High float64
	// P is the largest p-value of the independence tests the edge survived.
	P float64
	// By says how the edge got its direction (ByPrior, ByScore, ...).
	By string
}

// Graph is a learnt causal graph.
type Graph struct {
	// Columns names the columns in the graph, in table order.
	Columns []string
	Edges   []Edge
	// Alpha, MaxDepth and Tests describe the skeleton search.
	Alpha    float64
	MaxDepth int
	Tests    int
}

// Orient directs the skeleton's links. scores[i] is the pair score of
// link i (positive: A causes B; NaN: not scored) and low, high its bounds
// (nil or NaN: unknown). Prior knowledge comes first: a required direction,
// or the only allowed one, is taken (an error when the prior directions
// form a cycle). The other links are then taken by decreasing |score|, each
// in the direction of its score unless that closes a directed cycle, in
// which case it is reversed. Links without a score (or score 0) stay
// undirected. Edges are listed by decreasing |score|, then by name.
func Orient(t *table.Table, sk *Skeleton, scores, low, high []float64, c Constraints, colliders bool) (*Graph, error) {
	g := &Graph{Alpha: sk.Alpha, MaxDepth: sk.MaxDepth, Tests: sk.Tests}
	for _, i := range sk.Columns {
		g.Columns = append(g.Columns, t.Columns[i].Name)
	}
	reach := newDigraph(len(t.Columns))
	bound := func(b []float64, i int) float64 {
		if b == nil {
			return math.NaN()
		}
		return b[i]
	}
	edges := make([]Edge, len(sk.Links))
	var free []int
	for i, l := range sk.Links {
		na, nb := t.Columns[l.A].Name, t.Columns[l.B].Name
		e := Edge{Cause: na, Effect: nb, Score: scores[i], Low: bound(low, i), High: bound(high, i), P: l.P, By: ByNone}
		switch dir := priorDirection(c, na, nb); dir {
		case 0:
			free = append(free, i)
		default:
			if dir < 0 {
				e = e.reversed()
			}
			e.Directed, e.By = true, ByPrior
			from, to := l.A, l.B
			if dir < 0 {
				from, to = to, from
			}
			if reach.reaches(to, from) {
				return nil, fmt.Errorf("prior knowledge: %s -> %s closes a directed cycle with the other required directions", e.Cause, e.Effect)
			}
			reach.add(from, to)
		}
		edges[i] = e
	}
	if colliders {
		free = orientColliders(sk, edges, free, reach)
	}
	slices.SortStableFunc(free, func(x, y int) int {
		return cmp.Compare(math.Abs(nanToZero(scores[y])), math.Abs(nanToZero(scores[x])))
	})
	for _, i := range free {
		l, s := sk.Links[i], scores[i]
		if math.IsNaN(s) || s == 0 || !allowedEither(c, edges[i].Cause, edges[i].Effect) {
			continue
		}
		from, to, e := l.A, l.B, edges[i]
		if s < 0 {
			from, to, e = to, from, e.reversed()
		}
		e.Directed, e.By = true, ByScore
		if reach.reaches(to, from) {
			from, to, e = to, from, e.reversed()
			e.By = ByAcyclic
		}
		reach.add(from, to)
		edges[i] = e
	}
	slices.SortStableFunc(edges, func(x, y Edge) int {
		return cmp.Or(cmp.Compare(math.Abs(nanToZero(y.Score)), math.Abs(nanToZero(x.Score))),
			strings.Compare(x.Cause, y.Cause), strings.Compare(x.Effect, y.Effect))
	})
	g.Edges = edges
	return g, nil
}

// priorDirection is +1 when a -> b is required or the only allowed
// direction, -1 for b -> a, 0 otherwise.
func priorDirection(c Constraints, a, b string) int {
	if c == nil {
		return 0
	}
	switch {
	case c.Required(a, b):
		return 1
	case c.Required(b, a):
		return -1
	}
	ab, ba := c.Allowed(a, b), c.Allowed(b, a)
	switch {
	case ab && !ba:
		return 1
	case ba && !ab:
		return -1
	}
	return 0
}

// allowedEither reports whether both directions are allowed (a required
// link forbidden both ways stays undirected).
func allowedEither(c Constraints, a, b string) bool {
	return c == nil || (c.Allowed(a, b) && c.Allowed(b, a))
}

// reversed returns the edge the other way round, its score and bounds
// negated.
func (e Edge) reversed() Edge {
	e.Cause, e.Effect = e.Effect, e.Cause
	e.Score, e.Low, e.High = -e.Score, -e.High, -e.Low
	return e
}

func nanToZero(x float64) float64 {
	if math.IsNaN(x) {
		return 0
	}
	return x
}

// digraph is a directed graph with a reachability query.
type digraph struct{ out [][]int }

func newDigraph(n int) *digraph { return &digraph{out: make([][]int, n)} }

func (d *digraph) add(from, to int) { d.out[from] = append(d.out[from], to) }

// reaches reports whether a directed path leads from a to b.
func (d *digraph) reaches(a, b int) bool {
	seen := make([]bool, len(d.out))
	stack := []int{a}
	seen[a] = true
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if v == b {
			return true
		}
		for _, w := range d.out[v] {
			if !seen[w] {
				seen[w] = true
				stack = append(stack, w)
			}
		}
	}
	return false
}

// orientColliders directs the free links of unshielded colliders a - c - b
// (a, b not joined, c not in the set that separated them) as a -> c <- b,
// leaving out links that two colliders direct both ways and any that would
// close a cycle; it returns the links still free.
func orientColliders(sk *Skeleton, edges []Edge, free []int, reach *digraph) []int {
	isFree := map[int]bool{}
	for _, i := range free {
		isFree[i] = true
	}
	index := map[[2]int]int{}
	nbrs := map[int][]int{}
	for i, l := range sk.Links {
		index[[2]int{l.A, l.B}] = i
		nbrs[l.A] = append(nbrs[l.A], l.B)
		nbrs[l.B] = append(nbrs[l.B], l.A)
	}
	link := func(a, b int) (int, bool) {
		i, ok := index[[2]int{min(a, b), max(a, b)}]
		return i, ok
	}
	into := map[int]int{} // link -> the column the collider points it into
	clash := map[int]bool{}
	for _, c := range sk.Columns {
		ns := slices.Clone(nbrs[c])
		slices.Sort(ns)
		for x, a := range ns {
			for _, b := range ns[x+1:] {
				sep, separated := sk.Sep[[2]int{min(a, b), max(a, b)}]
				if _, joined := link(a, b); joined || !separated || slices.Contains(sep, c) {
					continue
				}
				for _, p := range []int{a, b} {
					i, _ := link(p, c)
					if prev, ok := into[i]; ok && prev != c {
						clash[i] = true
					}
					into[i] = c
				}
			}
		}
	}
	var rest []int
	for _, i := range free {
		to, ok := into[i]
		if !ok || clash[i] {
			rest = append(rest, i)
			continue
		}
		l, e := sk.Links[i], edges[i]
		from := l.A
		if to == l.A {
			from, e = l.B, e.reversed()
		}
		if reach.reaches(to, from) {
			rest = append(rest, i)
			continue
		}
		e.Directed, e.By = true, ByCollider
		reach.add(from, to)
		edges[i] = e
	}
	return rest
}
