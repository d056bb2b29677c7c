package stats

import (
	"math"
	"sync"
)

// Sample is one numeric vector with the work every pairwise statistic
// shares: its sort, ranks, moments, median and sorted absolute deviations.
// Prepare a vector that is compared many times (e.g. the target y against
// every fit's prediction) once with NewSample and call PairwiseSamples; a
// Sample is read-only after Set and then safe for concurrent use.
type Sample struct {
	x      []float64 // the data, not copied
	sorted []float64 // ascending values
	order  []int     // order[k] is the index of the k-th smallest value
	rank   []float64 // 1-based mid-rank of each value
	dense  []int     // 0-based tie-block number of each value
	absDev []float64 // |x - median| ascending
	mean   float64
	vari   float64 // population variance
	median float64
	// Tie sums over the value's tie blocks: Σ t(t-1)/2, Σ t(t-1)(t-2),
	// Σ t(t-1)(2t+5).
	tiePairs, tie1, tie2 float64
	nan                  bool // x holds a NaN: every statistic is NaN
}

// NewSample prepares x (kept, not copied) for PairwiseSamples.
func NewSample(x []float64) *Sample {
	s := &Sample{}
	s.Set(x)
	return s
}

// Set prepares x (kept, not copied), reusing s's buffers.
func (s *Sample) Set(x []float64) {
	n := len(x)
	s.x = x
	s.nan = hasNaN(x)
	s.sorted = resizeF(s.sorted, n)
	s.rank = resizeF(s.rank, n)
	s.absDev = resizeF(s.absDev, n)
	s.order = resizeI(s.order, n)
	s.dense = resizeI(s.dense, n)
	if n == 0 || s.nan {
		s.mean, s.vari, s.median = math.NaN(), math.NaN(), math.NaN()
		return
	}
	var r ranked
	rankInto(&r, x, s.sorted, s.order, s.rank, s.dense)
	s.mean, s.vari = meanVar(x)
	s.median = medianSorted(s.sorted)
	absDevSorted(s.sorted, s.median, s.absDev)
	s.tiePairs, s.tie1, s.tie2, _ = tieSums(s.sorted)
}

// ranked returns the sort view of the sample.
func (s *Sample) ranked() *ranked {
	return &ranked{sorted: s.sorted, order: s.order, rank: s.rank, dense: s.dense}
}

// resizeF returns b with length n, reallocating only when too small.
func resizeF(b []float64, n int) []float64 {
	if cap(b) < n {
		return make([]float64, n)
	}
	return b[:n]
}

// resizeI returns b with length n, reallocating only when too small.
func resizeI(b []int, n int) []int {
	if cap(b) < n {
		return make([]int, n)
	}
	return b[:n]
}

// samplePool recycles the Samples Pairwise prepares internally.
var samplePool = sync.Pool{New: func() any { return &Sample{} }}

// PairwisePrepared is Pairwise(a's data, y) with a prepared once (e.g. a
// fit's target, compared with every fit's prediction y).
func PairwisePrepared(a *Sample, y []float64, dst []float64) {
	dst = dst[:len(pairwiseNames)]
	if len(a.x) != len(y) || len(y) < 3 {
		FillNaN(dst)
		return
	}
	sy := samplePool.Get().(*Sample)
	defer samplePool.Put(sy)
	sy.Set(y)
	PairwiseSamples(a, sy, dst)
}
