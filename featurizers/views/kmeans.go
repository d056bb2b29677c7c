package views

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"sync"
)

const (
	maxGroups  = 128 // weighted groups the exact dynamic programme runs on
	maxGapK    = 10  // largest k the gap statistic considers
	maxLloyd   = 50  // Lloyd iterations after the dynamic programme
	gapRefSets = 20  // unit-uniform reference samples of the gap statistic
	gapRefSize = 1000
)

// kmeansTable holds, for one sorted sample, the optimal k-partitions of its
// weighted groups for k = 1..kmax and the Lloyd-refined clusterings.
type kmeansTable struct {
	s      []float64 // sorted data
	shift  float64   // mean of s, subtracted before summing
	ps, pq []float64 // prefix sums of s-shift and (s-shift)^2, len n+1
	start  []int     // start index in s of each group, plus n at the end
	kmax   int
	dp     [][]float64 // dp[c][j]: best SSE of groups 0..j in c+1 clusters
	arg    [][]int     // arg[c][j]: first group of the last cluster
	cents  [][]float64 // refined centres per k (index k-1), lazily filled
}

// newKMeansTable prepares k-means for k <= kcap on the sorted sample s.
func newKMeansTable(s []float64, kcap int) *kmeansTable {
	n := len(s)
	t := &kmeansTable{s: s}
	if n == 0 {
		return t
	}
	for _, v := range s {
		t.shift += v
	}
	t.shift /= float64(n)
	t.ps = make([]float64, n+1)
	t.pq = make([]float64, n+1)
	for i, v := range s {
		d := v - t.shift
		t.ps[i+1] = t.ps[i] + d
		t.pq[i+1] = t.pq[i] + d*d
	}
	t.start = groupStarts(s)
	d := distinct(s)
	t.kmax = min(kcap, d)
	t.cents = make([][]float64, t.kmax)
	t.solve()
	return t
}

func distinct(s []float64) int {
	d := 0
	for i := range s {
		if i == 0 || s[i] != s[i-1] {
			d++
		}
	}
	return d
}

// groupStarts splits the sorted s into its runs of equal values when there
// are at most maxGroups of them, else into maxGroups equal-count chunks.
func groupStarts(s []float64) []int {
	n := len(s)
	var st []int
	for i := range s {
		if i == 0 || s[i] != s[i-1] {
			st = append(st, i)
		}
		if len(st) > maxGroups {
			break
		}
	}
	if len(st) > maxGroups {
		st = st[:0]
		for j := 0; j < maxGroups; j++ {
			st = append(st, j*n/maxGroups)
		}
	}
	return append(st, n)
}

// sse is the within-cluster sum of squares of s[a:b].
func (t *kmeansTable) sse(a, b int) float64 {
	if b <= a {
		return 0
	}
	sum := t.ps[b] - t.ps[a]
	return max(t.pq[b]-t.pq[a]-sum*sum/float64(b-a), 0)
}

// solve runs the dynamic programme over groups for 1..kmax clusters, using
// the monotonicity of the optimal split (divide and conquer).
func (t *kmeansTable) solve() {
	m := len(t.start) - 1
	t.dp = make([][]float64, t.kmax)
	t.arg = make([][]int, t.kmax)
	for c := range t.dp {
		t.dp[c] = make([]float64, m)
		t.arg[c] = make([]int, m)
	}
	for j := 0; j < m; j++ {
		t.dp[0][j] = t.sse(0, t.start[j+1])
	}
	for c := 1; c < t.kmax; c++ {
		for j := 0; j < c && j < m; j++ {
			t.dp[c][j] = math.Inf(1)
		}
		t.fill(c, c, m-1, c, m-1)
	}
}

func (t *kmeansTable) fill(c, lo, hi, optLo, optHi int) {
	if lo > hi {
		return
	}
	mid := (lo + hi) / 2
	best, bestI := math.Inf(1), max(optLo, c)
	for i := max(optLo, c); i <= min(mid, optHi); i++ {
		v := t.dp[c-1][i-1] + t.sse(t.start[i], t.start[mid+1])
		if v < best {
			best, bestI = v, i
		}
	}
	t.dp[c][mid], t.arg[c][mid] = best, bestI
	t.fill(c, lo, mid-1, optLo, bestI)
	t.fill(c, mid+1, hi, bestI, optHi)
}

// centres returns the Lloyd-refined centres for k clusters (k capped by kmax).
func (t *kmeansTable) centres(k int) []float64 {
	k = min(k, t.kmax)
	if k <= 0 {
		return nil
	}
	if t.cents[k-1] != nil {
		return t.cents[k-1]
	}
	m := len(t.start) - 1
	ends := make([]int, k) // end index in s of each cluster
	j := m - 1
	ends[k-1] = len(t.s)
	for c := k - 1; c >= 1; c-- {
		i := t.arg[c][j]
		ends[c-1] = t.start[i]
		j = i - 1
	}
	cs := make([]float64, k)
	t.updateCentres(cs, ends)
	t.lloyd(cs, ends)
	t.cents[k-1] = cs
	return cs
}

// updateCentres sets each non-empty cluster's centre (in shifted units) to
// its mean; empty clusters keep their centre.
func (t *kmeansTable) updateCentres(cs []float64, ends []int) {
	a := 0
	for c, b := range ends {
		if b > a {
			cs[c] = (t.ps[b] - t.ps[a]) / float64(b-a)
		}
		a = b
	}
}

// lloyd refines the centres on the full sorted data: a point belongs to the
// nearest centre (the lower one on exact ties).
func (t *kmeansTable) lloyd(cs []float64, ends []int) {
	prev := slices.Clone(ends)
	for it := 0; it < maxLloyd; it++ {
		for c := 0; c+1 < len(cs); c++ {
			b := (cs[c]+cs[c+1])/2 + t.shift
			ends[c] = sort.Search(len(t.s), func(i int) bool { return t.s[i] > b })
		}
		if it > 0 && slices.Equal(ends, prev) {
			return
		}
		copy(prev, ends)
		t.updateCentres(cs, ends)
	}
}

// boundaries returns the k-1 cut points (midpoints between refined centres,
// in data units) of the k-means clustering.
func (t *kmeansTable) boundaries(k int) []float64 {
	cs := t.centres(k)
	if len(cs) == 0 {
		return nil
	}
	b := make([]float64, len(cs)-1)
	for c := range b {
		b[c] = (cs[c]+cs[c+1])/2 + t.shift
	}
	return b
}

// dispersion is the within-cluster sum of squares per point of the refined
// k-means clustering.
func (t *kmeansTable) dispersion(k int) float64 {
	var w float64
	a := 0
	for _, bd := range t.boundaries(k) {
		b := sort.Search(len(t.s), func(i int) bool { return t.s[i] > bd })
		w += t.sse(a, b)
		a = b
	}
	w += t.sse(a, len(t.s))
	return w / float64(len(t.s))
}

// gapK chooses k in 1..kmax by the gap statistic with a widened form of
// Dudoit and Fridlyand's "global SE max" rule (the smallest k whose gap is
// within 3·sqrt(s_k² + s_best²) of the largest gap, s the reference spread)
// and returns max(k, 2), capped by the number of distinct values.
func (t *kmeansTable) gapK() int {
	if t.kmax <= 2 {
		return t.kmax
	}
	ref := gapReference()
	lr := 2 * math.Log(t.s[len(t.s)-1]-t.s[0])
	w1 := t.dispersion(1)
	gap := make([]float64, t.kmax+1)
	best := 1
	for k := 1; k <= t.kmax; k++ {
		w := t.dispersion(k)
		if w <= 1e-14*w1 {
			gap[k] = math.Inf(1)
		} else {
			gap[k] = lr + ref.mean[k] - math.Log(w)
		}
		if gap[k] > gap[best] {
			best = k
		}
	}
	for k := 1; k < best; k++ {
		if gap[k] >= gap[best]-3*math.Hypot(ref.se[k], ref.se[best]) {
			return max(k, 2)
		}
	}
	return max(best, 2)
}

// gapRef holds the mean and scaled standard deviation of log W_k for unit
// uniform samples, k = 1..maxGapK.
type gapRef struct {
	mean, se [maxGapK + 1]float64
}

var (
	gapOnce sync.Once
	gapVal  gapRef
)

// gapReference computes the unit-uniform reference once per process from a
// fixed seed.
func gapReference() *gapRef {
	gapOnce.Do(func() {
		rng := rand.New(rand.NewPCG(20130101, 7))
		var logs [gapRefSets][maxGapK + 1]float64
		u := make([]float64, gapRefSize)
		for b := range logs {
			for i := range u {
				u[i] = rng.Float64()
			}
			slices.Sort(u)
			t := newKMeansTable(u, maxGapK)
			for k := 1; k <= maxGapK; k++ {
				logs[b][k] = math.Log(t.dispersion(k))
			}
		}
		for k := 1; k <= maxGapK; k++ {
			var m, ss float64
			for b := range logs {
				m += logs[b][k]
			}
			m /= gapRefSets
			for b := range logs {
				ss += (logs[b][k] - m) * (logs[b][k] - m)
			}
			gapVal.mean[k] = m
			gapVal.se[k] = math.Sqrt(ss/gapRefSets) * math.Sqrt(1+1.0/gapRefSets)
		}
	})
	return &gapVal
}
