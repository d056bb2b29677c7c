package metrics

import (
	"math"
	"slices"
	"sync"

	"github.com/causal-tool/causal/featurizers/stats"
)

// regressionNames are the values Regression writes, in order.
var regressionNames = []string{
	"explained_variance", // 1 - Var(r)/Var(y), r = y - pred
	"r2",                 // 1 - Σr²/Σ(y-ȳ)²
	"mae",                // mean |r|
	"mse",                // mean r²
	"max_error",          // max |r|
	"resid_var",          // population variance of r
	"rel_resid_var",      // (std(r)/std(y))², the winner's relative_error_variance
	"gini",               // the winner's gini_coefficient of r
	"median_ae",          // median |r|
	"resid_entropy",      // 1-spacing differential entropy of r
	"resid_norm_entropy", // the same on the z-scored r (the winner's normalized_entropy)
	"resid_skewness",     // scipy skew of r
	"resid_kurtosis",     // scipy (Fisher) kurtosis of r
	"resid_anderson",     // Anderson-Darling A² normality statistic of r
	"resid_hsic",         // HSIC(r, x) on <= 200 evenly spaced points
	"resid_mi",           // binned mutual information I(r; x)
}

// RegressionNames returns the names of the values Regression writes.
func RegressionNames() []string { return append([]string(nil), regressionNames...) }

// Input is a fit's numeric input x with the work shared by every fit that
// uses it precomputed: its HSIC kernel and its quantile-bin codes.
// It is read-only after construction and safe for concurrent use.
type Input struct {
	x        []float64
	hsicOnce sync.Once
	hsic     *stats.HSICPrep // built on first use: only resid_hsic needs it
	codes    []int           // equal-frequency bin of each x
	bins     int
}

// NewInput prepares x for RegressionInput. x is kept, not copied.
func NewInput(x []float64) *Input {
	in := &Input{x: x, bins: miBins(len(x))}
	in.codes = make([]int, len(x))
	s := append([]float64(nil), x...)
	stats.SortFloats(s)
	binCodes(x, s, in.bins, in.codes)
	return in
}

// hsicPrep returns the HSIC kernel of x, computing it the first time.
func (in *Input) hsicPrep() *stats.HSICPrep {
	in.hsicOnce.Do(func() { in.hsic = stats.NewHSICPrep(in.x, stats.DefaultHSICPoints) })
	return in.hsic
}

// miBins is the number of equal-frequency bins per variable for the binned
// mutual information: round(n^(1/3)) clamped to [2, 16].
func miBins(n int) int {
	return max(2, min(16, int(math.Round(math.Cbrt(float64(n))))))
}

// binCodes assigns each x the equal-frequency bin 0..bins-1 whose cut
// points are the sorted data's k/bins quantiles; tied values share a bin
// (the codes may then use fewer than bins values).
func binCodes(x, sorted []float64, bins int, codes []int) {
	n := len(sorted)
	var cutArr [16]float64
	cuts := cutArr[:0]
	for k := 1; k < bins; k++ {
		cuts = append(cuts, sorted[k*n/bins])
	}
	for i, v := range x {
		c := 0
		for c < len(cuts) && cuts[c] <= v {
			c++
		}
		codes[i] = c
	}
}

// floatPool recycles scratch slices.
var floatPool = sync.Pool{New: func() any { s := make([]float64, 0, 2048); return &s }}

// intPool recycles scratch slices.
var intPool = sync.Pool{New: func() any { s := make([]int, 0, 2048); return &s }}

// Regression writes the regression metrics of pred against y (see
// RegressionNames) into dst (room for len(RegressionNames()) values); x is
// the fit's numeric input, used for the residual-independence values. It
// prepares x on every call: when scoring many fits of the same input use
// NewInput once and RegressionInput.
func Regression(y, pred, x []float64, dst []float64) {
	if len(x) != len(y) {
		fill(dst[:len(regressionNames)], math.NaN())
		return
	}
	RegressionInput(y, pred, NewInput(x), dst)
}

// RegressionInput is Regression with a prepared input. Definitions follow
// sklearn and the 2013 winner (see the names); explained_variance, r2 and
// rel_resid_var are NaN when y is constant; the residual's shape statistics
// are NaN when it is constant (e.g. a perfect fit). resid_mi is the plug-in
// MI (nats) of equal-frequency bins of r and of x, round(n^(1/3)) bins each
// (clamped to [2, 16]). All values are NaN when lengths differ, n < 3 or
// an input holds a NaN.
func RegressionInput(y, pred []float64, in *Input, dst []float64) {
	RegressionSome(y, pred, in, dst, nil)
}

// RegressionSome is RegressionInput computing only the values marked in need
// (indexed like RegressionNames; nil: all): the others are NaN. A value is
// the same whether or not the others are computed.
func RegressionSome(y, pred []float64, in *Input, dst []float64, need []bool) {
	RegressionShared(y, pred, in, dst, need, nil)
}

// Residual is the work on a fit's residual r = y - pred that
// RegressionShared did and other statistics of r can reuse: r sorted
// ascending (when HasSorted) and, when HasAD, stats.AndersonDarlingSorted of
// it at r's mean. Sorted is a caller-owned buffer of room n.
type Residual struct {
	Sorted    []float64
	HasSorted bool
	AD        [2]float64
	HasAD     bool
}

// RegressionShared is RegressionSome that also leaves, in res (nil: not
// wanted), the residual's sort and Anderson-Darling values when it computed
// them; the metrics are RegressionSome's.
func RegressionShared(y, pred []float64, in *Input, dst []float64, need []bool, res *Residual) {
	if res != nil {
		res.HasSorted, res.HasAD = false, false
	}
	dst = dst[:len(regressionNames)]
	fill(dst, math.NaN())
	n := len(y)
	if n < 3 || len(pred) != n || len(in.x) != n || hasNaN(y) || hasNaN(pred) || hasNaN(in.x) {
		return
	}
	want := func(lo, hi int) bool { return need == nil || slices.Contains(need[lo:hi], true) }
	fp := floatPool.Get().(*[]float64)
	defer floatPool.Put(fp)
	if cap(*fp) < 2*n {
		*fp = make([]float64, 2*n)
	}
	r, s := (*fp)[:n], (*fp)[n:2*n]
	basicErrors(y, pred, r, dst)
	if want(7, 14) || want(15, 16) {
		copy(s, r)
		stats.SortFloats(s)
		dst[7] = stats.Finite(gini(s))
		dst[8] = stats.Finite(medianAbs(s))
		var ad [2]float64
		if want(9, 14) {
			ad = residualShape(r, s, dst[9:14])
		}
		if res != nil && len(res.Sorted) >= n {
			res.Sorted = res.Sorted[:n]
			copy(res.Sorted, s)
			res.HasSorted = true
			res.AD, res.HasAD = ad, want(9, 14)
		}
		if want(15, 16) {
			dst[15] = residualMI(r, s, in)
		}
	}
	if want(14, 15) {
		if h := in.hsicPrep(); h != nil {
			dst[14] = h.HSIC(r)
		}
	}
	if need != nil {
		for i, ok := range need[:len(dst)] {
			if !ok {
				dst[i] = math.NaN()
			}
		}
	}
}

// basicErrors writes the residual r = y - pred and the metrics 0..6.
func basicErrors(y, pred, r []float64, dst []float64) {
	n := float64(len(y))
	var my, sy, sr, sr2, sabs, mx float64
	for i := range y {
		d := y[i] - pred[i]
		r[i] = d
		sy += y[i]
		sr += d
	}
	my = sy / n
	mr := sr / n
	var vy, vr float64
	for i := range y {
		dy := y[i] - my
		vy += dy * dy
		d := r[i]
		sr2 += d * d
		ad := math.Abs(d)
		sabs += ad
		mx = math.Max(mx, ad)
		dr := d - mr
		vr += dr * dr
	}
	if vy > 0 && !math.IsInf(vy, 0) {
		dst[0] = stats.Finite(1 - vr/vy)
		dst[1] = stats.Finite(1 - sr2/vy)
		dst[6] = stats.Finite(vr / vy)
	}
	dst[2] = stats.Finite(sabs / n)
	dst[3] = stats.Finite(sr2 / n)
	dst[4] = stats.Finite(mx)
	dst[5] = stats.Finite(vr / n)
}

// gini returns the winner's gini_coefficient of ascending data:
// Σ_i (2i - n + 1) s_i / n² (0-based i), half the mean absolute difference
// over all ordered pairs.
func gini(s []float64) float64 {
	n := len(s)
	acc := 0.0
	for i, v := range s {
		acc += float64(2*i-n+1) * v
	}
	return acc / (float64(n) * float64(n))
}

// medianAbs returns the median of |s| for ascending s (numpy's median: the
// mean of the two middle values for even n), walking outwards from zero.
func medianAbs(s []float64) float64 {
	n := len(s)
	p := 0
	for p < n && s[p] < 0 {
		p++
	}
	l, r := p-1, p
	var prev, cur float64
	for k := 0; k <= n/2; k++ {
		prev = cur
		if r >= n || (l >= 0 && -s[l] <= s[r]) {
			cur = -s[l]
			l--
		} else {
			cur = s[r]
			r++
		}
	}
	if n%2 == 1 {
		return cur
	}
	return (prev + cur) / 2
}

// residualShape writes the residual's entropy, normalized entropy,
// skewness, kurtosis and Anderson-Darling A² into dst[0:5]; s is r sorted.
// It returns A² and its p-value.
func residualShape(r, s []float64, dst []float64) (ad [2]float64) {
	h := stats.MSpacingEntropy(s, 1)
	dst[0] = h
	mean, v := meanVar(r)
	if sd := math.Sqrt(v); sd > 0 {
		dst[1] = stats.Finite(h - math.Log(sd))
	}
	dst[2], dst[3] = stats.SkewKurt(r, mean, v)
	ad[0], ad[1] = stats.AndersonDarlingSorted(s, mean)
	dst[4] = ad[0]
	return ad
}

// residualMI returns the binned mutual information between r (sorted: s)
// and the prepared input.
func residualMI(r, s []float64, in *Input) float64 {
	ip := intPool.Get().(*[]int)
	defer intPool.Put(ip)
	if cap(*ip) < len(r) {
		*ip = make([]int, len(r))
	}
	codes := (*ip)[:len(r)]
	binCodes(r, s, in.bins, codes)
	return stats.MutualInfo(codes, in.bins, in.codes, in.bins)
}

// meanVar returns the mean and population variance of x.
func meanVar(x []float64) (mean, variance float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	for _, v := range x {
		d := v - mean
		variance += d * d
	}
	return mean, variance / float64(len(x))
}

// fill sets every element of dst to v.
func fill(dst []float64, v float64) {
	for i := range dst {
		dst[i] = v
	}
}

// hasNaN reports whether x holds a NaN.
func hasNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}
