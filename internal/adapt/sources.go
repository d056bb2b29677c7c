package adapt

import (
	"fmt"
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/internal/featio"
)

// sourceRows is the most pairs of a source (and of the target) the maximum
// mean discrepancy is computed on: evenly spaced, with their mirror rows.
const sourceRows = 400

// SourceResult is the outcome of SourceWeights.
type SourceResult struct {
	// Weights holds one weight per training row, mean 1: its source's.
	Weights []float64
	// Sources are the training sources in first-seen order, with their
	// squared maximum mean discrepancy to the target pairs and their weight
	// per pair.
	Sources []string
	MMD2    []float64
	Weight  []float64
}

// SourceWeights weights whole sources of training pairs by how close their
// pairs are to the target's (a user's own, unlabeled): the squared maximum
// mean discrepancy MMD²_s between source s's rows and the target's on the
// label-free columns (Gaussian kernel of median-heuristic bandwidth on the
// columns standardized over both sets, NaN as the column mean, each pair
// with its mirror row, at most sourceRows evenly spaced pairs a side) gives
// w_s ∝ exp(-MMD²_s / median MMD²), scaled so the rows' weights average 1.
// source names each training row's source.
func SourceWeights(train *featio.Matrix, source []string, target *featio.Matrix, o Options) (*SourceResult, error) {
	if len(source) != train.Rows {
		return nil, fmt.Errorf("adapt: %d sources for %d training rows", len(source), train.Rows)
	}
	cols, mm, x, err := prepare(train, target, o.Columns)
	if err != nil {
		return nil, err
	}
	standardize(x, len(cols))
	d := len(cols)
	rowsOf := func(idx []int) [][]float64 { return withMirrors(x, d, idx, mm) }
	var order []string
	members := map[string][]int{}
	for r, s := range source {
		if _, ok := members[s]; !ok {
			order = append(order, s)
		}
		members[s] = append(members[s], r)
	}
	tgtIdx := make([]int, target.Rows)
	for i := range tgtIdx {
		tgtIdx[i] = train.Rows + i
	}
	tgt := rowsOf(evenly(tgtIdx, sourceRows))
	var all []int
	for _, s := range order {
		all = append(all, evenly(members[s], sourceRows/len(order)+1)...)
	}
	gamma := 1 / medianSqDist(append(rowsOf(all), tgt...))
	res := &SourceResult{Weights: make([]float64, train.Rows), Sources: order}
	for _, s := range order {
		res.MMD2 = append(res.MMD2, mmd2(rowsOf(evenly(members[s], sourceRows)), tgt, gamma))
	}
	tau := stats.Median(slices.Clone(res.MMD2))
	if !(tau > 0) {
		tau = 1
	}
	var sum float64
	for k, s := range order {
		w := math.Exp(-res.MMD2[k] / tau)
		res.Weight = append(res.Weight, w)
		sum += w * float64(len(members[s]))
	}
	for k, s := range order {
		res.Weight[k] *= float64(train.Rows) / sum
		for _, r := range members[s] {
			res.Weights[r] = res.Weight[k]
		}
	}
	return res, nil
}

// standardize z-scores every column of the row-major x in place (NaN and
// infinities become the column mean, 0; a constant column becomes 0).
func standardize(x []float32, d int) {
	n := len(x) / d
	for c := range d {
		var s, s2 float64
		k := 0
		for r := range n {
			if v := float64(x[r*d+c]); !math.IsNaN(v) && !math.IsInf(v, 0) {
				s, s2, k = s+v, s2+v*v, k+1
			}
		}
		mean, sd := 0.0, 0.0
		if k > 0 {
			mean = s / float64(k)
			sd = math.Sqrt(max(s2/float64(k)-mean*mean, 0))
		}
		for r := range n {
			v := float64(x[r*d+c])
			switch {
			case math.IsNaN(v) || math.IsInf(v, 0) || sd == 0:
				x[r*d+c] = 0
			default:
				x[r*d+c] = float32((v - mean) / sd)
			}
		}
	}
}

// evenly returns at most m evenly spaced elements of idx.
func evenly(idx []int, m int) []int {
	if len(idx) <= m {
		return idx
	}
	out := make([]int, m)
	for i := range out {
		out[i] = idx[i*len(idx)/m]
	}
	return out
}

// withMirrors returns the rows idx of x (d columns) and their mirror rows.
func withMirrors(x []float32, d int, idx []int, mm *plan.MirrorMap) [][]float64 {
	out := make([][]float64, 0, 2*len(idx))
	mir := make([]float32, d)
	for _, r := range idx {
		row := x[r*d : (r+1)*d]
		mm.Row32(row, mir)
		for _, v := range [][]float32{row, mir} {
			f := make([]float64, d)
			for j, y := range v {
				f[j] = float64(y)
			}
			out = append(out, f)
		}
	}
	return out
}

func sqDist(a, b []float64) float64 {
	var s float64
	for i, v := range a {
		t := v - b[i]
		s += t * t
	}
	return s
}

// medianSqDist returns the median squared distance between distinct rows
// (1 when it is not positive).
func medianSqDist(rows [][]float64) float64 {
	var ds []float64
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			ds = append(ds, sqDist(rows[i], rows[j]))
		}
	}
	if m := stats.Median(ds); m > 0 {
		return m
	}
	return 1
}

// mmd2 is the biased squared maximum mean discrepancy between the rows of
// a and b under the kernel exp(-gamma ||u-v||²).
func mmd2(a, b [][]float64, gamma float64) float64 {
	k := func(u, v [][]float64) float64 {
		var s float64
		for _, p := range u {
			for _, q := range v {
				s += math.Exp(-gamma * sqDist(p, q))
			}
		}
		return s / float64(len(u)*len(v))
	}
	return k(a, a) + k(b, b) - 2*k(a, b)
}
