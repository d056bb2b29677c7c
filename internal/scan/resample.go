package scan

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"slices"

	"github.com/causal-tool/causal/internal/table"
)

// resamples are the half-samples of a table's rows that the bootstrap
// rescores each pair on. Resample b keeps a row when a hash of (seed, b,
// the row's values, its rank among identical rows) is even, so the same
// rows are kept whatever the row order and each resample keeps about half
// of every pair's rows. A half-sample without replacement has about the
// variance of a bootstrap sample (for a mean: exactly σ²/n), without the
// ties a bootstrap sample puts into the values, which the features would
// read as a discrete variable.
type resamples struct {
	// keep[b][r] tells whether resample b+1 keeps row r.
	keep [][]bool
	// dropped[b] lists the rows resample b+1 leaves out, ascending.
	dropped [][]int
}

// newResamples draws n half-samples of t's rows.
func newResamples(t *table.Table, n int, seed uint64) *resamples {
	rs := &resamples{keep: make([][]bool, n), dropped: make([][]int, n)}
	if n == 0 {
		return rs
	}
	keys := rowKeys(t)
	for b := range n {
		rs.keep[b] = make([]bool, t.Rows)
		for r, k := range keys {
			h := splitmix(seed ^ splitmix(uint64(b+1)*0x9e3779b97f4a7c15^k))
			if rs.keep[b][r] = h&1 == 0; !rs.keep[b][r] {
				rs.dropped[b] = append(rs.dropped[b], r)
			}
		}
	}
	return rs
}

// rowKeys hashes each row's values (NaN as one value) with its rank among
// the earlier rows with the same values.
func rowKeys(t *table.Table) []uint64 {
	keys := make([]uint64, t.Rows)
	seen := map[uint64]uint64{}
	var buf []byte
	for r := range t.Rows {
		h := fnv.New64a()
		for _, c := range t.Columns {
			v := c.Values[r]
			if math.IsNaN(v) {
				v = math.NaN()
			}
			buf = binary.LittleEndian.AppendUint64(buf[:0], math.Float64bits(v))
			h.Write(buf)
		}
		content := h.Sum64()
		keys[r] = splitmix(content ^ splitmix(seen[content]))
		seen[content]++
	}
	return keys
}

// splitmix is the SplitMix64 finalizer, a fast well-mixed hash of x.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// Interval is the bootstrap summary of a pair's score.
type Interval struct {
	// Resamples is the number of resamples scored (those with enough
	// rows and no constant column).
	Resamples int
	// Median, Low and High are the median and the 5 % and 95 % quantiles
	// of the resample scores (a 90 % interval).
	Median, Low, High float64
	// Agree is the fraction of resamples whose score has the sign of the
	// full-data score (a zero score agrees with nothing).
	Agree float64
}

// summarize returns the Interval of the resample scores of a pair whose
// full-data score is full; NaN scores are resamples that could not be
// scored.
func summarize(full float64, boot []float64) Interval {
	var s []float64
	agree := 0
	for _, v := range boot {
		if math.IsNaN(v) {
			continue
		}
		s = append(s, v)
		if v*full > 0 {
			agree++
		}
	}
	if len(s) == 0 {
		nan := math.NaN()
		return Interval{Median: nan, Low: nan, High: nan, Agree: nan}
	}
	slices.Sort(s)
	return Interval{Resamples: len(s), Median: quantile(s, 0.5), Low: quantile(s, 0.05), High: quantile(s, 0.95), Agree: float64(agree) / float64(len(s))}
}

// quantile returns the q quantile of sorted values by linear
// interpolation between order statistics (R's type 7).
func quantile(s []float64, q float64) float64 {
	h := q * float64(len(s)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[i] + (h-lo)*(s[i+1]-s[i])
}
