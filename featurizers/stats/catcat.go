package stats

import (
	"math"
	"sync"
)

// catCatNames are the values CatCat writes, in order.
var catCatNames = []string{
	"mutual_info", "normalized_mi", "adjusted_mi", "adjusted_rand",
	"homogeneity", "completeness", "v_measure",
	"chi_square", "chi_square_p", "cramers_v",
}

// CatCatNames returns the names of the values CatCat writes, in order.
func CatCatNames() []string { return slices0(catCatNames) }

// CatCat writes the agreement between two categorical code vectors, a
// (labels_true, codes 0..ka-1) and b (labels_pred, 0..kb-1), into dst (room
// for len(CatCatNames()) values), following sklearn.metrics:
// mutual_info_score (nats), normalized_mutual_info_score and
// adjusted_mutual_info_score with the arithmetic mean of the entropies,
// adjusted_rand_score, homogeneity, completeness and v_measure (beta 1),
// including sklearn's conventions for degenerate labelings (e.g. two
// single-cluster labelings agree perfectly: NMI = AMI = ARI = 1; a constant
// a has homogeneity 1). Then Pearson's chi-square test of independence on
// the table of non-empty rows and columns (no continuity correction) with
// its p-value, and Cramér's V; these three are NaN unless both variables
// take at least two values. AMI is NaN when the categories present make
// more than maxEMICells (16384) cells. All NaN when lengths differ, the
// input is empty, a code is out of range, or the table of the categories
// present exceeds maxTableCells.
func CatCat(a []int, ka int, b []int, kb int, dst []float64) {
	dst = dst[:len(catCatNames)]
	FillNaN(dst)
	n := len(a)
	if n == 0 || len(b) != n || ka <= 0 || kb <= 0 {
		return
	}
	buf, table, ra0, rb0, total, ok := compactTable(a, ka, b, kb)
	if !ok {
		return
	}
	defer putInts(buf)
	if total != n {
		return
	}
	mp := getZeroInts(ra0 + rb0)
	defer putInts(mp)
	rows, cols := (*mp)[:ra0], (*mp)[ra0:]
	marginals(table, ra0, rb0, rows, cols)
	mi := mutualInfoTable(table, rows, cols, n)
	ha, hb := entropyOfCounts(rows, n), entropyOfCounts(cols, n)
	ra, rb := nonEmpty(rows), nonEmpty(cols)
	dst[0] = mi
	trivial := ra == rb && ra <= 1
	switch {
	case trivial:
		dst[1], dst[2] = 1, 1
	default:
		dst[1] = mi / math.Max((ha+hb)/2, eps)
		if ra*rb > maxEMICells {
			break // AMI left NaN: too many cells for the expectation
		}
		emi := ExpectedMutualInfo(rows, cols, n)
		den := (ha+hb)/2 - emi
		if den < 0 {
			den = math.Min(den, -eps)
		} else {
			den = math.Max(den, eps)
		}
		dst[2] = Finite((mi - emi) / den)
	}
	dst[3] = adjustedRand(table, rows, cols, n)
	hom, com := 1.0, 1.0
	if ha > 0 {
		hom = mi / ha
	}
	if hb > 0 {
		com = mi / hb
	}
	dst[4], dst[5] = hom, com
	if hom+com > 0 {
		dst[6] = 2 * hom * com / (hom + com)
	} else {
		dst[6] = 0
	}
	chiSquareTable(table, rows, cols, n, ra, rb, dst[7:10])
}

// maxEMICells bounds the non-empty rows x columns for which CatCat computes
// the expected mutual information of the AMI (each cell costs a walk over
// its hypergeometric distribution).
const maxEMICells = 1 << 14

// eps is float64 machine epsilon, sklearn's floor for denominators.
const eps = 2.220446049250313e-16

// nonEmpty counts the positive entries of counts.
func nonEmpty(counts []int) int {
	k := 0
	for _, c := range counts {
		if c > 0 {
			k++
		}
	}
	return k
}

// comb2 returns c(c-1)/2.
func comb2(c int) float64 { return float64(c) * float64(c-1) / 2 }

// adjustedRand returns sklearn's adjusted Rand index of a contingency table;
// 1 when the expected and maximal indices coincide (identical trivial
// labelings).
func adjustedRand(table, rows, cols []int, n int) float64 {
	var sa, sb, sab float64
	for _, c := range rows {
		sa += comb2(c)
	}
	for _, c := range cols {
		sb += comb2(c)
	}
	for _, c := range table {
		sab += comb2(c)
	}
	prod := sa * sb / comb2(n)
	mean := (sa + sb) / 2
	if mean == prod || n < 2 {
		return 1
	}
	return (sab - prod) / (mean - prod)
}

// chiSquareTable writes Pearson's chi-square of independence, its p-value
// and Cramér's V into dst[0:3] for a table with ra non-empty rows and rb
// non-empty columns.
func chiSquareTable(table, rows, cols []int, n, ra, rb int, dst []float64) {
	if ra < 2 || rb < 2 {
		return
	}
	kb := len(cols)
	s := 0.0
	for i, ai := range rows {
		if ai == 0 {
			continue
		}
		for j, bj := range cols {
			if c := table[i*kb+j]; c > 0 {
				fc := float64(c)
				s += fc * fc / (float64(ai) * float64(bj))
			}
		}
	}
	fn := float64(n)
	chi := math.Max(0, fn*(s-1))
	dst[0] = chi
	dst[1] = chi2SF(chi, float64((ra-1)*(rb-1)))
	dst[2] = math.Sqrt(chi / (fn * float64(min(ra, rb)-1)))
}

// ExpectedMutualInfo returns the expected mutual information (nats) of two
// labelings with the given cluster sizes under the permutation
// (hypergeometric) model, as sklearn's expected_mutual_information. Each
// cell's hypergeometric sum starts at its mode and walks outwards with the
// pmf's ratio recurrence until the terms fall below 1e-17 of the mode's, so
// the cost is O(ka * kb * sqrt(n)) rather than O(ka * kb * n).
func ExpectedMutualInfo(rows, cols []int, n int) float64 {
	N := float64(n)
	lgN := logFact(N)
	emi := 0.0
	for _, ai := range rows {
		if ai == 0 {
			continue
		}
		a := float64(ai)
		lga := logFact(a) + logFact(N-a) - lgN
		for _, bj := range cols {
			if bj == 0 {
				continue
			}
			fb := float64(bj)
			emi += emiCell(a, fb, N, lga+logFact(fb)+logFact(N-fb))
		}
	}
	return emi
}

// emiCell returns Σ_k k/N log(N k/(a b)) P(k) over the hypergeometric pmf P
// of the cell count for row size a, column size b and total N; lgConst is
// lgamma(a+1)+lgamma(N-a+1)+lgamma(b+1)+lgamma(N-b+1)-lgamma(N+1).
func emiCell(a, b, N, lgConst float64) float64 {
	lo := math.Max(1, a+b-N)
	hi := math.Min(a, b)
	if lo > hi {
		return 0
	}
	mode := math.Floor((a + 1) * (b + 1) / (N + 2))
	mode = math.Max(lo, math.Min(hi, mode))
	logP := lgConst - logFact(mode) - logFact(a-mode) - logFact(b-mode) - logFact(N-a-b+mode)
	p0 := math.Exp(logP)
	logAB := math.Log(N / (a * b))
	term := func(k, p float64) float64 { return k / N * (logAB + logInt(k)) * p }
	sum := term(mode, p0)
	const tiny = 1e-17
	p := p0
	for k := mode; k < hi; k++ {
		p *= (a - k) * (b - k) / ((k + 1) * (N - a - b + k + 1))
		sum += term(k+1, p)
		if p < tiny*p0 {
			break
		}
	}
	p = p0
	for k := mode; k > lo; k-- {
		p *= k * (N - a - b + k) / ((a - k + 1) * (b - k + 1))
		sum += term(k-1, p)
		if p < tiny*p0 {
			break
		}
	}
	return sum
}

// logTableSize bounds the integers whose log and log-factorial are tabled.
const logTableSize = 1 << 15

// logTables holds log(k) and log(k!) for 0 <= k < logTableSize, built once.
var logTables = sync.OnceValues(func() (logs, facts []float64) {
	logs, facts = make([]float64, logTableSize), make([]float64, logTableSize)
	logs[0] = math.Inf(-1)
	for k := 1; k < logTableSize; k++ {
		logs[k] = math.Log(float64(k))
		facts[k], _ = math.Lgamma(float64(k) + 1)
	}
	return logs, facts
})

// logInt returns log(k) for a non-negative integer-valued k.
func logInt(k float64) float64 {
	if k < logTableSize {
		logs, _ := logTables()
		return logs[int(k)]
	}
	return math.Log(k)
}

// logFact returns log(k!) for a non-negative integer-valued k.
func logFact(k float64) float64 {
	if k < logTableSize {
		_, facts := logTables()
		return facts[int(k)]
	}
	v, _ := math.Lgamma(k + 1)
	return v
}
