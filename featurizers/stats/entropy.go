package stats

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// EntropyOfCounts returns the plug-in (maximum-likelihood) entropy in nats
// of the distribution given by the non-negative counts, -Σ p log p with
// p = count/total. It is NaN when the total is zero.
func EntropyOfCounts(counts []int) float64 {
	total := 0
	for _, c := range counts {
		total += c
	}
	if total == 0 {
		return math.NaN()
	}
	return entropyOfCounts(counts, total)
}

// entropyOfCounts is EntropyOfCounts with a known positive total, using
// H = log N - Σ c log c / N.
func entropyOfCounts(counts []int, total int) float64 {
	s := 0.0
	for _, c := range counts {
		if c > 0 {
			fc := float64(c)
			s += fc * math.Log(fc)
		}
	}
	n := float64(total)
	h := math.Log(n) - s/n
	if h < 0 { // rounding below zero for a single category
		h = 0
	}
	return h
}

// DiscreteEntropy returns the plug-in entropy in nats of categorical codes
// in 0..k-1. Codes outside that range are ignored. NaN for empty input.
func DiscreteEntropy(codes []int, k int) float64 {
	if len(codes) == 0 || k <= 0 {
		return math.NaN()
	}
	cp := getZeroInts(k)
	defer putInts(cp)
	counts := *cp
	total := 0
	for _, c := range codes {
		if c >= 0 && c < k {
			counts[c]++
			total++
		}
	}
	if total == 0 {
		return math.NaN()
	}
	return entropyOfCounts(counts, total)
}

// ValueEntropy returns the plug-in entropy in nats of the distinct values of
// sorted (ascending) data, treating each distinct value as a category, and
// the number of distinct values. NaN entropy for empty input.
func ValueEntropy(sorted []float64) (h float64, distinct int) {
	n := len(sorted)
	if n == 0 {
		return math.NaN(), 0
	}
	s := 0.0
	run := 1
	for i := 1; i <= n; i++ {
		if i < n && sorted[i] == sorted[i-1] {
			run++
			continue
		}
		distinct++
		if run > 1 {
			fr := float64(run)
			s += fr * math.Log(fr)
		}
		run = 1
	}
	fn := float64(n)
	h = math.Log(fn) - s/fn
	if h < 0 {
		h = 0
	}
	return h, distinct
}

// MSpacingEntropy returns the m-spacing estimate of the differential entropy
// (nats) of sorted (ascending) data:
//
//	H = Σ_{i: x[i+m] > x[i]} log(x[i+m] - x[i]) / (n - m) + ψ(n) - ψ(m)
//
// Zero spacings (ties) are skipped but still counted in n - m, exactly as
// the 2013 winner's normalized_entropy does for m = 1 (it applies this to
// z-scored data). NaN when n <= m, m < 1, or all values are equal.
func MSpacingEntropy(sorted []float64, m int) float64 {
	n := len(sorted)
	if m < 1 || n <= m {
		return math.NaN()
	}
	ls := logSum{prod: 1}
	nonzero := 0
	for i := 0; i+m < n; i++ {
		d := sorted[i+m] - sorted[i]
		if d > 0 {
			ls.add(d)
			nonzero++
		}
	}
	if nonzero == 0 {
		return math.NaN()
	}
	h := ls.value()/float64(n-m) + mathext.Digamma(float64(n)) - mathext.Digamma(float64(m))
	return Finite(h)
}

// UniformDivergence returns the Kullback-Leibler divergence (nats) of the
// data's distribution from the uniform distribution on its own [min, max]
// range, estimated as log(max - min) - MSpacingEntropy(sorted, m) (KL from a
// uniform density equals the log of its range minus the differential
// entropy). sorted must be ascending. NaN when the range is zero or the
// entropy is undefined.
func UniformDivergence(sorted []float64, m int) float64 {
	n := len(sorted)
	if n < 2 {
		return math.NaN()
	}
	r := sorted[n-1] - sorted[0]
	if !(r > 0) {
		return math.NaN()
	}
	return Finite(math.Log(r) - MSpacingEntropy(sorted, m))
}

// Contingency fills table (len ka*kb, row-major: table[i*kb+j] counts
// a == i and b == j) from paired codes and returns the number of pairs
// counted (pairs with an out-of-range code are skipped).
func Contingency(a []int, ka int, b []int, kb int, table []int) int {
	clear(table[:ka*kb])
	n := min(len(a), len(b))
	total := 0
	for i := 0; i < n; i++ {
		ai, bi := a[i], b[i]
		if ai < 0 || ai >= ka || bi < 0 || bi >= kb {
			continue
		}
		table[ai*kb+bi]++
		total++
	}
	return total
}

// JointEntropy returns the plug-in joint entropy H(a, b) in nats of two
// categorical code vectors. NaN for empty input or when the table of the
// categories present exceeds maxTableCells.
func JointEntropy(a []int, ka int, b []int, kb int) float64 {
	buf, table, _, _, total, ok := compactTable(a, ka, b, kb)
	if !ok {
		return math.NaN()
	}
	defer putInts(buf)
	if total == 0 {
		return math.NaN()
	}
	return entropyOfCounts(table, total)
}

// MutualInfo returns the plug-in mutual information I(a; b) in nats of two
// categorical code vectors (as sklearn's mutual_info_score), clipped at 0.
// NaN for empty input or when the table of the categories present exceeds
// maxTableCells.
func MutualInfo(a []int, ka int, b []int, kb int) float64 {
	buf, table, ra, rb, total, ok := compactTable(a, ka, b, kb)
	if !ok {
		return math.NaN()
	}
	defer putInts(buf)
	if total == 0 {
		return math.NaN()
	}
	rp, cp := getZeroInts(ra), getZeroInts(rb)
	defer putInts(rp)
	defer putInts(cp)
	rows, cols := *rp, *cp
	marginals(table, ra, rb, rows, cols)
	return mutualInfoTable(table, rows, cols, total)
}

// maxDenseCells is the largest ka*kb table built directly on the codes;
// beyond it only the categories present get a row or column.
const maxDenseCells = 1 << 16

// maxTableCells bounds the contingency table of the categories present.
const maxTableCells = 1 << 22

// compactTable builds the contingency table of a and b (row-major, rows
// for a): on the codes themselves when ka*kb <= maxDenseCells, else on the
// categories present only (in increasing code order), so the size follows
// the data rather than ka*kb. It returns the pooled buffer holding the
// table (release it with putInts), the table, its dimensions and the number
// of pairs counted (pairs with an out-of-range code are skipped). ok is
// false (and buf nil) for non-positive ka or kb, when no pair is valid on
// the compacted path, or when the table would exceed maxTableCells.
func compactTable(a []int, ka int, b []int, kb int) (buf *[]int, table []int, ra, rb, total int, ok bool) {
	if ka <= 0 || kb <= 0 {
		return nil, nil, 0, 0, 0, false
	}
	if ka*kb <= maxDenseCells {
		buf = getInts(ka * kb)
		total = Contingency(a, ka, b, kb, *buf)
		return buf, *buf, ka, kb, total, true
	}
	ma, mb := getInts(ka), getInts(kb)
	defer putInts(ma)
	defer putInts(mb)
	ra, rb = relabel(a, *ma), relabel(b, *mb)
	if ra == 0 || rb == 0 || ra*rb > maxTableCells {
		return nil, nil, 0, 0, 0, false
	}
	buf = getInts(ra * rb)
	table = *buf
	clear(table)
	for i := 0; i < min(len(a), len(b)); i++ {
		ai, bi := a[i], b[i]
		if ai < 0 || ai >= ka || bi < 0 || bi >= kb {
			continue
		}
		table[(*ma)[ai]*rb+(*mb)[bi]]++
		total++
	}
	return buf, table, ra, rb, total, true
}

// relabel fills m (len k) with the new code of each present code of x
// (0.. in increasing code order; absent codes get -1) and returns the
// number of present codes. Out-of-range codes are ignored.
func relabel(x []int, m []int) int {
	for i := range m {
		m[i] = -1
	}
	for _, c := range x {
		if c >= 0 && c < len(m) {
			m[c] = 0
		}
	}
	r := 0
	for i, v := range m {
		if v == 0 {
			m[i] = r
			r++
		}
	}
	return r
}

// marginals adds the row and column sums of a ka x kb table to rows and cols.
func marginals(table []int, ka, kb int, rows, cols []int) {
	for i := 0; i < ka; i++ {
		for j := 0; j < kb; j++ {
			c := table[i*kb+j]
			rows[i] += c
			cols[j] += c
		}
	}
}

// mutualInfoTable returns the plug-in MI of a contingency table with the
// given marginals and total: Σ n_ij/N log(N n_ij / (a_i b_j)), clipped at 0.
func mutualInfoTable(table, rows, cols []int, total int) float64 {
	kb := len(cols)
	n := float64(total)
	mi := 0.0
	for i, ai := range rows {
		if ai == 0 {
			continue
		}
		for j, bj := range cols {
			c := table[i*kb+j]
			if c == 0 {
				continue
			}
			fc := float64(c)
			mi += fc * math.Log(n*fc/(float64(ai)*float64(bj)))
		}
	}
	mi /= n
	if mi < 0 {
		mi = 0
	}
	return mi
}

// logSum accumulates Σ log(v) over positive v as a running product with
// exponent renormalization: one math.Log at the end instead of one per
// value. Start it with prod 1.
type logSum struct {
	prod   float64 // running product, kept within [1e-150, 1e150]
	exp    int     // binary exponent taken out of prod
	direct float64 // Σ log v of the extreme values added directly
}

// add includes log(v) for v > 0.
func (l *logSum) add(v float64) {
	if v < 1e-150 || v > 1e150 {
		l.direct += math.Log(v)
		return
	}
	l.prod *= v
	if l.prod < 1e-150 || l.prod > 1e150 {
		m, e := math.Frexp(l.prod)
		l.prod = m
		l.exp += e
	}
}

// value returns the accumulated Σ log v.
func (l *logSum) value() float64 {
	return l.direct + math.Log(l.prod) + float64(l.exp)*math.Ln2
}
