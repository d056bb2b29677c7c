package gbdt

import "math"

// Feature sampling as LightGBM 4.6 does it (src/treelearner/col_sampler.hpp,
// include/LightGBM/utils/random.h), draw for draw: with the same seed and
// the same splittable features, a tree considers the same features in both.
//
//   - Per tree (FeatureFraction < 1): round(fraction x splittable features),
//     at least one, drawn without replacement from the splittable features
//     by LightGBM's Random::Sample; one draw is made and discarded when
//     training starts (LightGBM's ColSampler::SetTrainingData), so tree i
//     uses draw i+2.
//   - Per node (FeatureFractionByNode < 1): round(fraction x the tree's
//     features) of the tree's features, drawn for both children of a split
//     (the one with fewer rows first, the right one on a tie) whenever
//     either has the rows to be split, as LightGBM's
//     FindBestSplitsFromHistograms does.
//   - The generator is LightGBM's 32-bit linear congruential Random, seeded
//     with the feature_fraction_seed that LightGBM derives from `seed`
//     (config.cpp: the fourth NextShort(0, 32767) of Random(seed)).

// lgbRandom is LightGBM's Random: x = 214013*x + 2531011 (mod 2^32).
type lgbRandom struct{ x uint32 }

// int16 is Random::RandInt16: bits 16..30 of the next state.
func (r *lgbRandom) int16() int {
	r.x = 214013*r.x + 2531011
	return int(r.x>>16) & 0x7FFF
}

// int32 is Random::RandInt32: the low 31 bits of the next state.
func (r *lgbRandom) int32() int {
	r.x = 214013*r.x + 2531011
	return int(r.x & 0x7FFFFFFF)
}

// float is Random::NextFloat, in [0, 1) with 15 bits.
func (r *lgbRandom) float() float32 { return float32(r.int16()) / 32768 }

// sample is Random::Sample(n, k): k of 0..n-1, ascending. Selection
// sampling when k > n/log2(k), else Floyd's algorithm.
func (r *lgbRandom) sample(n, k int, out []int32) []int32 {
	out = out[:0]
	switch {
	case k > n || k <= 0:
		return out
	case k == n:
		for i := range n {
			out = append(out, int32(i))
		}
		return out
	case k > 1 && float64(k) > float64(n)/math.Log2(float64(k)):
		for i := 0; i < n; i++ {
			prob := float64(k-len(out)) / float64(n-i)
			if float64(r.float()) < prob {
				out = append(out, int32(i))
			}
		}
		return out
	}
	set := make(map[int32]bool, k)
	for v := n - k; v < n; v++ {
		x := int32(r.int32() % (v + 1))
		if set[x] {
			x = int32(v)
		}
		set[x] = true
	}
	for i := range n {
		if set[int32(i)] {
			out = append(out, int32(i))
		}
		if len(out) == k {
			break
		}
	}
	return out
}

// featureFractionSeed is LightGBM's feature_fraction_seed for `seed`.
func featureFractionSeed(seed uint64) uint32 {
	r := lgbRandom{x: uint32(seed)}
	var s int
	for range 4 { // data_random_seed, bagging_seed, drop_seed, feature_fraction_seed
		s = r.int16() % math.MaxInt16
	}
	return uint32(s)
}

// sampleCount is ColSampler::GetCnt: round(total*fraction), at least 1
// when total > 0.
func sampleCount(total int, fraction float64) int {
	return max(int(float64(total)*fraction+0.5), min(1, total))
}

// colSampler draws the features of each tree and node.
type colSampler struct {
	r      lgbRandom
	byTree float64
	byNode float64
	idx    []int32 // scratch: sampled positions
}

// newColSampler returns the sampler of p, after LightGBM's initial draw
// over n splittable features.
func newColSampler(p *Params, n int) *colSampler {
	c := &colSampler{r: lgbRandom{x: featureFractionSeed(p.Seed)}, byTree: p.FeatureFraction, byNode: p.FeatureFractionByNode}
	if c.byTree < 1 {
		c.idx = c.r.sample(n, sampleCount(n, c.byTree), c.idx)
	}
	return c
}

// tree returns the features (ascending) a new tree may split on.
func (c *colSampler) tree(from []int32) []int32 {
	if c.byTree >= 1 {
		return append([]int32(nil), from...)
	}
	c.idx = c.r.sample(len(from), sampleCount(len(from), c.byTree), c.idx)
	out := make([]int32, len(c.idx))
	for i, j := range c.idx {
		out[i] = from[j]
	}
	return out
}

// node returns the positions (ascending, in the tree's n features) that
// one node may split on, in dst.
func (c *colSampler) node(n int, dst []int32) []int32 {
	if c.byNode >= 1 {
		dst = dst[:0]
		for i := range n {
			dst = append(dst, int32(i))
		}
		return dst
	}
	return c.r.sample(n, sampleCount(n, c.byNode), dst)
}
