package graph

import (
	"context"
	"slices"

	"github.com/causal-tool/causal/internal/workpool"
)

// DefaultAlpha is the default significance level of the independence
// tests: an edge is removed when some test's p-value exceeds it.
const DefaultAlpha = 1e-4

// DefaultMaxDepth is the default largest conditioning set.
const DefaultMaxDepth = 3

// link is an edge of the skeleton between columns A < B (indices into the
// columns the skeleton was learnt on).
type link struct {
	A, B int
	// MaxP is the largest p-value of the tests the edge survived.
	MaxP float64
}

// skeleton holds the result of PC-stable: the kept links, and for each
// removed pair the conditioning set that separated it.
type skeleton struct {
	links  []link
	sepset map[[2]int][]int
	tests  int
}

// learnSkeleton runs PC-stable: at depth d = 0, 1, ..., maxDepth every
// remaining edge a–b is tested against each d-subset of the neighbours of
// a (then of b) as they were at the start of the depth, in lexicographic
// order, and removed at the first p-value above alpha; pairs that are not
// allowed start unjoined. Edges are tested in
// parallel by workers; the result does not depend on their number. It
// stops with ctx's error when ctx is done.
func learnSkeleton(ctx context.Context, t *ciTest, cols int, alpha float64, maxDepth, workers int, allowed func(a, b int) bool) (skeleton, error) {
	adj := make([][]bool, cols)
	for i := range adj {
		adj[i] = make([]bool, cols)
		for j := range adj[i] {
			adj[i][j] = i != j && allowed(min(i, j), max(i, j))
		}
	}
	maxP := map[[2]int]float64{}
	sk := skeleton{sepset: map[[2]int][]int{}}
	for depth := 0; depth <= maxDepth; depth++ {
		nbrs := neighbours(adj)
		var edges [][2]int
		for a := range cols {
			for b := a + 1; b < cols; b++ {
				if adj[a][b] && (len(nbrs[a])-1 >= depth || len(nbrs[b])-1 >= depth) {
					edges = append(edges, [2]int{a, b})
				}
			}
		}
		if len(edges) == 0 {
			break
		}
		res := make([]edgeResult, len(edges))
		err := workpool.Each(ctx, len(edges), workers, func(i int) {
			res[i] = testEdge(t, edges[i][0], edges[i][1], nbrs, depth, alpha)
		})
		if err != nil {
			return skeleton{}, err
		}
		for i, e := range edges {
			r := res[i]
			sk.tests += r.tests
			maxP[e] = max(maxP[e], r.maxP)
			if r.sep != nil {
				adj[e[0]][e[1]], adj[e[1]][e[0]] = false, false
				sk.sepset[e] = r.sep
			}
		}
	}
	for a := range cols {
		for b := a + 1; b < cols; b++ {
			if adj[a][b] {
				sk.links = append(sk.links, link{A: a, B: b, MaxP: maxP[[2]int{a, b}]})
			}
		}
	}
	return sk, nil
}

// edgeResult is the outcome of testing one edge at one depth: the
// separating set (nil when none was found), the largest p-value and the
// number of tests.
type edgeResult struct {
	sep   []int
	maxP  float64
	tests int
}

// testEdge tests a–b against the depth-subsets of nbrs[a] \ {b}, then of
// nbrs[b] \ {a} (those not already tried).
func testEdge(t *ciTest, a, b int, nbrs [][]int, depth int, alpha float64) edgeResult {
	var r edgeResult
	tried := map[string]bool{}
	for _, side := range [2][2]int{{a, b}, {b, a}} {
		cand := without(nbrs[side[0]], side[1])
		found := false
		subsets(cand, depth, func(z []int) bool {
			key := keyOf(z)
			if tried[key] {
				return true
			}
			tried[key] = true
			p := t.pValue(a, b, z)
			r.tests++
			r.maxP = max(r.maxP, p)
			if p > alpha {
				r.sep = slices.Clone(z)
				if r.sep == nil {
					r.sep = []int{}
				}
				found = true
				return false
			}
			return true
		})
		if found {
			return r
		}
	}
	return r
}

// neighbours lists each column's neighbours in adj, ascending.
func neighbours(adj [][]bool) [][]int {
	out := make([][]int, len(adj))
	for i, row := range adj {
		for j, on := range row {
			if on {
				out[i] = append(out[i], j)
			}
		}
	}
	return out
}

// without returns s without x.
func without(s []int, x int) []int {
	out := make([]int, 0, len(s))
	for _, v := range s {
		if v != x {
			out = append(out, v)
		}
	}
	return out
}

// subsets calls f with each k-subset of s in lexicographic order of
// positions until f returns false.
func subsets(s []int, k int, f func([]int) bool) {
	if k > len(s) {
		return
	}
	pos := make([]int, k)
	for i := range pos {
		pos[i] = i
	}
	z := make([]int, k)
	for {
		for i, p := range pos {
			z[i] = s[p]
		}
		if !f(z) {
			return
		}
		i := k - 1
		for i >= 0 && pos[i] == len(s)-k+i {
			i--
		}
		if i < 0 {
			return
		}
		pos[i]++
		for j := i + 1; j < k; j++ {
			pos[j] = pos[j-1] + 1
		}
	}
}

// keyOf is a map key for a sorted set of columns.
func keyOf(z []int) string {
	b := make([]byte, 0, 4*len(z))
	for _, v := range z {
		b = append(b, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return string(b)
}
