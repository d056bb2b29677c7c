package stats

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// DefaultHSICPoints is the default number of evenly spaced points HSIC uses.
const DefaultHSICPoints = 200

// HSICPrep holds the RBF kernel matrix of one variable's evenly spaced
// subsample with its row means, so that the HSIC of that variable against
// many others (e.g. a fit's input against each fit's residual) skips half
// the work. The centred kernel H K H is read entry by entry as K_ij - r_i
// - r_j + g (the expression centring evaluates), so it is never stored.
// It is read-only after construction and safe for concurrent use.
type HSICPrep struct {
	n   int       // length of the full variable
	idx []int     // subsample indices into the full variable
	k   []float64 // m x m kernel K, row-major
	r   []float64 // row means of K
	g   float64   // grand mean of K
	// offSum is Σ_{i≠j} K_ij of the raw kernel (for the gamma test).
	offSum float64
}

// subsampleIndex returns m evenly spaced indices into 0..n-1 (all of them
// when n <= m), as jarfo's floor(r_[0:n:(n-1)/(m-1)]).
func subsampleIndex(n, m int) []int {
	if m < 2 || n <= m {
		m = n
	}
	idx := make([]int, m)
	for k := range idx {
		if m > 1 && n > m {
			idx[k] = int(math.Floor(float64(k) * float64(n-1) / float64(m-1)))
		} else {
			idx[k] = k
		}
	}
	return idx
}

// NewHSICPrep precomputes the kernel of x on at most m evenly spaced points
// (m <= 0 means DefaultHSICPoints).
func NewHSICPrep(x []float64, m int) *HSICPrep {
	if m <= 0 {
		m = DefaultHSICPoints
	}
	idx := subsampleIndex(len(x), m)
	mm := len(idx)
	return newHSICPrep(x, idx, make([]float64, mm*mm), make([]float64, mm))
}

// newHSICPrep builds the prepared kernel of x at the subsample idx in K (m
// x m) and r (m).
func newHSICPrep(x []float64, idx []int, K, r []float64) *HSICPrep {
	mm := len(idx)
	p := &HSICPrep{n: len(x), idx: idx, k: K, r: r}
	vp := getFloats(mm)
	defer putFloats(vp)
	v := *vp
	for k, i := range idx {
		v[k] = x[i]
	}
	rbfKernel(v, K)
	p.g = rowMeans(K, r, mm)
	for _, e := range K {
		p.offSum += e
	}
	p.offSum -= float64(mm) // the unit diagonal
	return p
}

// rbfKernel fills K (m x m) with exp(-(v_i - v_j)² / (2σ²)) where the
// median heuristic sets 2σ² to the median of the positive squared
// distances (jarfo's sqrt(0.5 median) width). Without positive distances K
// is all ones. The upper triangle is computed row by row and mirrored in
// blocks (column-wise writes miss the cache once K outgrows it).
func rbfKernel(v []float64, K []float64) {
	m := len(v)
	inv, codes, tab, u := rbfPrep(v)
	if tab != nil {
		defer putFloats(&tab)
		defer putInts(&codes)
		for i := 0; i < m; i++ {
			K[i*m+i] = 1
			row := tab[codes[i]*u : codes[i]*u+u]
			for j := i + 1; j < m; j++ {
				K[i*m+j] = row[codes[j]]
			}
		}
		mirrorUpper(K, m)
		return
	}
	for i := 0; i < m; i++ {
		K[i*m+i] = 1
		for j := i + 1; j < m; j++ {
			K[i*m+j] = math.Exp(-(v[i] - v[j]) * (v[i] - v[j]) * inv)
		}
	}
	mirrorUpper(K, m)
}

// mirrorUpper copies the strict upper triangle of K (m x m, row-major)
// into its lower triangle, in square blocks.
func mirrorUpper(K []float64, m int) {
	const b = 32
	for i0 := 0; i0 < m; i0 += b {
		for j0 := 0; j0 <= i0; j0 += b {
			for i := i0; i < min(i0+b, m); i++ {
				for j := j0; j < min(j0+b, i); j++ {
					K[i*m+j] = K[j*m+i]
				}
			}
		}
	}
}

// rbfPrep returns the median-heuristic scale of v (rbfScale) and its
// kernel table (kernelTable), sorting v once for both.
func rbfPrep(v []float64) (inv float64, codes []int, tab []float64, u int) {
	sp := getFloats(len(v))
	defer putFloats(sp)
	s := sortedCopy(*sp, v)
	inv = scaleSorted(s)
	codes, tab, u = kernelTable(v, s, inv)
	return inv, codes, tab, u
}

// kernelTable returns, when v has few distinct values (ties: discrete
// data, grouped predictions), each value's index among its u ascending
// distinct values and the u × u table of exp(-(a-b)²·inv) over them, each
// entry computed as the direct loop computes it for two values (a value
// pair gives the same difference up to sign, hence the same bits), so a
// lookup replaces an Exp exactly. sorted is v in ascending order (it is
// reordered). tab is nil when the table would not save work or v holds a
// NaN; codes and tab come from the pools.
func kernelTable(v, sorted []float64, inv float64) (codes []int, tab []float64, u int) {
	m := len(v)
	if m < 8 || hasNaN(v) {
		return nil, nil, 0
	}
	uniq := slices.Compact(sorted)
	u = len(uniq)
	if u*u > m*(m-1)/4 {
		return nil, nil, 0
	}
	cp := getInts(m)
	codes = (*cp)[:m]
	for i, x := range v {
		codes[i], _ = slices.BinarySearch(uniq, x)
	}
	tp := getFloats(u * u)
	tab = (*tp)[:u*u]
	for a := range u {
		for b := a; b < u; b++ {
			d := uniq[a] - uniq[b]
			e := math.Exp(-d * d * inv)
			tab[a*u+b], tab[b*u+a] = e, e
		}
	}
	return codes, tab, u
}

// rbfScale returns 1/median of the positive squared distances between the
// values of v (numpy's median: the mean of the two middle values for an
// even count), 0 when there is none.
func rbfScale(v []float64) float64 {
	sp := getFloats(len(v))
	defer putFloats(sp)
	return scaleSorted(sortedCopy(*sp, v))
}

// scaleSorted is rbfScale of ascending s. In one dimension the k-th
// smallest distance is found without listing the m(m-1)/2 distances:
// bisect on the distance's bits, counting the pairs within a distance with
// two pointers over the sorted values.
func scaleSorted(s []float64) float64 {
	m := len(s)
	zeros := pairsWithin(s, 0)
	pos := m*(m-1)/2 - zeros
	if pos == 0 {
		return 0
	}
	hi := kthDistance(s, zeros+pos/2)
	med := hi * hi
	if pos%2 == 0 {
		lo := kthDistance(s, zeros+pos/2-1)
		med = (lo*lo + med) / 2
	}
	if med > 0 && !math.IsInf(med, 0) {
		return 1 / med
	}
	return 0
}

// pairsWithin counts the pairs i < j of ascending s with s[j] - s[i] <= t.
func pairsWithin(s []float64, t float64) int {
	c, i := 0, 0
	for j, v := range s {
		for v-s[i] > t {
			i++
		}
		c += j - i
	}
	return c
}

// kthDistance returns the k-th smallest (0-based) of the pairwise
// distances s[j] - s[i], i < j, of ascending s: the smallest t with more
// than k pairs within t, found by bisection on t's IEEE bits (exact, at
// most 64 counting passes) until at most 2·len(s) distances lie between
// the bounds; those are then listed and the k-th selected directly (the
// same value: the distances are the values at which the count grows).
func kthDistance(s []float64, k int) float64 {
	lo := uint64(0)                            // pairsWithin(lo) may be <= k
	hi := math.Float64bits(s[len(s)-1] - s[0]) // pairsWithin(hi) > k
	cLo := pairsWithin(s, 0)
	if cLo > k {
		return 0
	}
	cHi := len(s) * (len(s) - 1) / 2 // every pair is within the range
	for hi-lo > 1 {
		if cHi-cLo <= 2*len(s) {
			return distanceBetween(s, lo, hi, k-cLo, cHi-cLo)
		}
		mid := lo + (hi-lo)/2
		if c := pairsWithin(s, math.Float64frombits(mid)); c > k {
			hi, cHi = mid, c
		} else {
			lo, cLo = mid, c
		}
	}
	return math.Float64frombits(hi)
}

// distanceBetween returns the r-th smallest (0-based) of the c pairwise
// distances of ascending s in (lo, hi] (float64 bits).
func distanceBetween(s []float64, lo, hi uint64, r, c int) float64 {
	tlo, thi := math.Float64frombits(lo), math.Float64frombits(hi)
	dp := getFloats(c)
	defer putFloats(dp)
	d := (*dp)[:0]
	a, b := 0, 0 // first i within thi of s[j], first i within tlo
	for j, v := range s {
		for v-s[a] > thi {
			a++
		}
		for v-s[b] > tlo {
			b++
		}
		for i := a; i < min(b, j); i++ {
			d = append(d, v-s[i])
		}
	}
	return selectK(d, r)
}

// rowMeans writes the row means of K (m x m) into r and returns the grand
// mean, the terms of H K H = K_ij - r_i - r_j + g (H = I - 11ᵀ/m).
func rowMeans(K, r []float64, m int) float64 {
	g := 0.0
	for i := 0; i < m; i++ {
		s := 0.0
		for _, v := range K[i*m : i*m+m] {
			s += v
		}
		r[i] = s / float64(m)
		g += s
	}
	return g / float64(m*m)
}

// center writes H K H (H = I - 11ᵀ/m) into dst.
func center(K, dst []float64, m int) {
	rp := getFloats(m)
	defer putFloats(rp)
	row := *rp
	g := rowMeans(K, row, m)
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			dst[i*m+j] = K[i*m+j] - row[i] - row[j] + g
		}
	}
}

// Median returns the median of d (mean of the two middle values for an even
// count, as numpy), reordering d in O(n) expected time; NaN when empty.
func Median(d []float64) float64 {
	n := len(d)
	if n == 0 {
		return math.NaN()
	}
	hi := selectK(d, n/2)
	if n%2 == 1 {
		return hi
	}
	lo := d[0]
	for _, v := range d[:n/2] {
		if v > lo {
			lo = v
		}
	}
	return (lo + hi) / 2
}

// selectK reorders d so that d[k] is the k-th smallest value, with smaller
// or equal values before it, and returns it (Hoare quickselect, median of
// three pivots; deterministic).
func selectK(d []float64, k int) float64 {
	lo, hi := 0, len(d)-1
	for hi > lo {
		mid := lo + (hi-lo)/2
		if d[mid] < d[lo] {
			d[mid], d[lo] = d[lo], d[mid]
		}
		if d[hi] < d[lo] {
			d[hi], d[lo] = d[lo], d[hi]
		}
		if d[hi] < d[mid] {
			d[hi], d[mid] = d[mid], d[hi]
		}
		pivot := d[mid]
		i, j := lo, hi
		for i <= j {
			for d[i] < pivot {
				i++
			}
			for d[j] > pivot {
				j--
			}
			if i <= j {
				d[i], d[j] = d[j], d[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return d[k]
		}
	}
	return d[k]
}

// HSIC returns the biased HSIC estimate trace(K H L H) / m² between x and y
// (equal lengths) on at most m evenly spaced points (m <= 0 means
// DefaultHSICPoints), with RBF kernels of median-heuristic width. (jarfo's
// value is m times this.) NaN when the lengths differ or fewer than 2
// points; 0 when either variable is constant on the subsample.
func HSIC(x, y []float64, m int) float64 {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN()
	}
	if m <= 0 {
		m = DefaultHSICPoints
	}
	idx := subsampleIndex(len(x), m)
	mm := len(idx)
	kp, rp := getFloats(mm*mm), getFloats(mm)
	defer putFloats(kp)
	defer putFloats(rp)
	return newHSICPrep(x, idx, *kp, *rp).HSIC(y)
}

// HSICTest returns HSIC(x, y, m) and the p-value of Gretton et al.'s gamma
// approximation to its null distribution (NaN when undefined, e.g. fewer
// than 6 points or a constant variable).
func HSICTest(x, y []float64, m int) (stat, p float64) {
	if len(x) != len(y) || len(x) < 2 {
		return math.NaN(), math.NaN()
	}
	return NewHSICPrep(x, m).Test(y)
}

// HSIC returns the biased HSIC between the prepared variable and y (of the
// same length as the prepared variable), as the package-level HSIC. y's
// kernel is never stored: Σ_ij (HKH)_ij L_ij is accumulated over the upper
// triangle as its entries are computed.
func (p *HSICPrep) HSIC(y []float64) float64 {
	m := len(p.idx)
	if len(y) != p.n || m < 2 {
		return math.NaN()
	}
	vp := getFloats(m)
	defer putFloats(vp)
	v := *vp
	for k, i := range p.idx {
		v[k] = y[i]
	}
	inv, codes, tab, u := rbfPrep(v)
	diag, off := 0.0, 0.0
	K, r, g := p.k, p.r, p.g
	if tab != nil {
		defer putFloats(&tab)
		defer putInts(&codes)
		for i := 0; i < m; i++ {
			row, ri := K[i*m:i*m+m], r[i]
			diag += row[i] - ri - ri + g
			lrow := tab[codes[i]*u : codes[i]*u+u]
			for j := i + 1; j < m; j++ {
				off += (row[j] - ri - r[j] + g) * lrow[codes[j]]
			}
		}
		return Finite((diag + 2*off) / float64(m*m))
	}
	for i := 0; i < m; i++ {
		row, ri := K[i*m:i*m+m], r[i]
		diag += row[i] - ri - ri + g
		vi := v[i]
		for j := i + 1; j < m; j++ {
			d := vi - v[j]
			off += (row[j] - ri - r[j] + g) * math.Exp(-d*d*inv)
		}
	}
	return Finite((diag + 2*off) / float64(m*m))
}

// kernelOf fills L with y's kernel on the prepared subsample.
func (p *HSICPrep) kernelOf(y []float64, L []float64) {
	vp := getFloats(len(p.idx))
	defer putFloats(vp)
	v := *vp
	for k, i := range p.idx {
		v[k] = y[i]
	}
	rbfKernel(v, L)
}

// Test returns the biased HSIC between the prepared variable and y and the
// gamma-approximation p-value (see HSICTest).
func (p *HSICPrep) Test(y []float64) (stat, pval float64) {
	m := len(p.idx)
	if len(y) != p.n || m < 2 {
		return math.NaN(), math.NaN()
	}
	fp := getFloats(2 * m * m)
	defer putFloats(fp)
	L, Lc := (*fp)[:m*m], (*fp)[m*m:]
	p.kernelOf(y, L)
	center(L, Lc, m)
	fm := float64(m)
	var s, v2, diag, sl float64
	for i := 0; i < m; i++ {
		for j := 0; j < m; j++ {
			prod := (p.k[i*m+j] - p.r[i] - p.r[j] + p.g) * Lc[i*m+j]
			s += prod
			q := prod * prod / 36
			v2 += q
			if i == j {
				diag += q
			} else {
				sl += L[i*m+j]
			}
		}
	}
	stat = Finite(s / (fm * fm))
	if m < 6 {
		return stat, math.NaN()
	}
	varH := (v2 - diag) / (fm * (fm - 1))
	varH *= 72 * (fm - 4) * (fm - 5) / (fm * (fm - 1) * (fm - 2) * (fm - 3))
	muX, muY := p.offSum/(fm*(fm-1)), sl/(fm*(fm-1))
	mean := (1 + muX*muY - muX - muY) / fm
	if !(varH > 0) || !(mean > 0) {
		return stat, math.NaN()
	}
	alpha := mean * mean / varH
	scale := varH * fm / mean
	testStat := s / fm // Gretton's statistic is m times the biased HSIC
	return stat, distuv.Gamma{Alpha: alpha, Beta: 1 / scale}.Survival(testStat)
}
