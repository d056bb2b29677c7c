package generate

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/causal-tool/causal/pairs"
)

// numericalScale is the challenge's post-processing factor: numerical
// variables are standardized, multiplied by it and rounded to integers.
const numericalScale = 10000

// finalize turns a continuous variable into its observed form of type t.
// It returns the output values (integers: scaled numerical values or
// permuted category labels), the standardized values a mechanism takes as
// input, and false when the variable is unusable (non-finite or constant).
// A Numerical variable may be recorded coarsely (see Config.CoarseFraction);
// its effects still see the exact values, a category's effects see the
// category.
func finalize(r *rand.Rand, v []float64, t pairs.VarType, c *Config) (out, in []float64, ok bool) {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, nil, false
		}
	}
	if t == pairs.Numerical {
		in = standardize(slices.Clone(v))
		out = slices.Clone(in)
		if r.Float64() < c.CoarseFraction {
			step := 1 / logUniform(r, 2, 50)
			for i, x := range out {
				out[i] = math.Round(x/step) * step
			}
			standardize(out)
		}
		distinct := false
		for i, x := range out {
			out[i] = math.Round(x * numericalScale)
			distinct = distinct || out[i] != out[0]
		}
		return out, in, distinct
	}
	var codes []int
	if t == pairs.Binary {
		codes = binarize(r, v)
	} else {
		codes = quantize(r, v, c.MinLevels+r.IntN(c.MaxLevels-c.MinLevels+1))
	}
	levels := compact(codes)
	if levels < 2 {
		return nil, nil, false
	}
	perm := r.Perm(levels)
	out = make([]float64, len(codes))
	in = make([]float64, len(codes))
	for i, k := range codes {
		out[i] = float64(perm[k])
		in[i] = float64(k)
	}
	return out, standardize(in), true
}

// binarize thresholds v at a random quantile between 20% and 80%.
func binarize(r *rand.Rand, v []float64) []int {
	sorted := slices.Clone(v)
	slices.Sort(sorted)
	t := sorted[int((0.2+0.6*r.Float64())*float64(len(v)-1))]
	codes := make([]int, len(v))
	for i, x := range v {
		if x > t {
			codes[i] = 1
		}
	}
	return codes
}

// quantize cuts v into k ordered levels at random quantiles.
func quantize(r *rand.Rand, v []float64, k int) []int {
	sorted := slices.Clone(v)
	slices.Sort(sorted)
	cuts := make([]float64, k-1)
	for j := range cuts {
		cuts[j] = sorted[int(r.Float64()*float64(len(v)-1))]
	}
	slices.Sort(cuts)
	codes := make([]int, len(v))
	for i, x := range v {
		codes[i] = sort.SearchFloat64s(cuts, x) // number of cuts below x
	}
	return codes
}

// compact renumbers the used codes 0..m-1 in order, in place, and returns m.
func compact(codes []int) int {
	maxCode := 0
	for _, k := range codes {
		maxCode = max(maxCode, k)
	}
	rank := make([]int, maxCode+1)
	for _, k := range codes {
		rank[k] = 1
	}
	m := 0
	for k, used := range rank {
		if used == 1 {
			rank[k] = m
			m++
		}
	}
	for i, k := range codes {
		codes[i] = rank[k]
	}
	return m
}
