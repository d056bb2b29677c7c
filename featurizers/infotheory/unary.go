package infotheory

import (
	"math"

	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/mathext"
)

var unaryNames = []string{
	"n_unique", "log_n_unique", "ratio_unique",
	"discrete_entropy", "normalized_discrete_entropy",
	"entropy_baseline", "normalized_entropy", "uniform_divergence",
	"skewness", "kurtosis", "max", "min",
}

// UnaryNames returns the names of the values Unary writes, in order.
func UnaryNames() []string { return append([]string(nil), unaryNames...) }

// Unary writes jarfo's per-variable measures of x (type t) into dst (room for
// len(UnaryNames()) values): the number, log-number and ratio of distinct
// values; the bias-corrected discrete entropy and that entropy divided by
// the log of the number of levels (19 when binned); the spacing entropy
// ("baseline"), the count-weighted 2-spacing entropy and the 2-spacing
// divergence from uniform, all on normalized data; skewness and excess
// kurtosis of the normalized data; the largest and smallest normalized
// values (jarfo's Max and Min of the raw values, here after normalizing so
// that they do not depend on the variable's units).
func Unary(x []float64, t pairs.VarType, dst []float64) {
	dst = dst[:len(unaryNames)]
	stats.FillNaN(dst)
	n := len(x)
	if n == 0 || !allFinite(x) {
		return
	}
	x = views.Tame(x)
	d := discretize(x, t, 3, 3)
	distinct := d.nvals
	dst[0] = float64(distinct)
	dst[1] = math.Log(float64(distinct))
	dst[2] = float64(distinct) / float64(n)
	dst[3] = entropyBias(d.counts, n)
	if d.k > 1 {
		dst[4] = dst[3] / math.Log(float64(d.k))
	}
	z := normalize(x, t)
	_, s := views.SortedOrder(z)
	xk, cnt := runs(s)
	if len(xk) >= 2 {
		dst[5] = stats.Finite(entropyBaseline(xk))
		dst[6] = stats.Finite(countEntropy(xk, cnt, n))
		dst[7] = stats.Finite(uniformDivergence(xk, cnt, n))
	}
	mean, sd := meanStd(z)
	dst[8], dst[9] = stats.SkewKurt(z, mean, sd*sd)
	dst[10], dst[11] = s[len(s)-1], s[0]
}

// runs returns the distinct values of the sorted s and their counts.
func runs(s []float64) (vals []float64, counts []int) {
	for j, v := range s {
		if j == 0 || v != s[j-1] {
			vals = append(vals, v)
			counts = append(counts, 0)
		}
		counts[len(counts)-1]++
	}
	return vals, counts
}

// entropyBaseline is the challenge's spacing entropy: the mean log of the
// non-zero spacings plus ψ(#spacings) - ψ(1) (xk distinct and sorted).
func entropyBaseline(xk []float64) float64 {
	var s float64
	for i := 1; i < len(xk); i++ {
		s += math.Log(xk[i] - xk[i-1])
	}
	m := float64(len(xk) - 1)
	return s/m + mathext.Digamma(m) - mathext.Digamma(1)
}

// countEntropy is jarfo's normalized_entropy with m = 2: spacings between
// distinct values weighted by the counts of their upper values.
func countEntropy(xk []float64, cnt []int, n int) float64 {
	const m = 2.0
	var s float64
	for i := 1; i < len(xk); i++ {
		c := float64(cnt[i])
		s += c * math.Log((xk[i]-xk[i-1])/m/c)
	}
	l := float64(len(xk) - 1)
	h := s / float64(n)
	h += mathext.Digamma(l) - math.Log(l)
	h += math.Log(float64(n))
	h -= mathext.Digamma(m) - math.Log(m)
	return h
}

// uniformDivergence is jarfo's uniform_divergence with m = 2.
func uniformDivergence(xk []float64, cnt []int, n int) float64 {
	const m = 2.0
	l := len(xk)
	delta := make([]float64, l)
	delta[0] = xk[1] - xk[0]
	for i := 1; i < l-1; i++ {
		delta[i] = (xk[i+1] - xk[i-1]) / m
	}
	delta[l-1] = xk[l-1] - xk[l-2]
	var tot float64
	for _, d := range delta {
		tot += d
	}
	var h float64
	for i, d := range delta {
		c := float64(cnt[i])
		h += c * math.Log(c/(d/tot))
	}
	h /= float64(n)
	h -= math.Log(float64(n))
	h += mathext.Digamma(m) - math.Log(m)
	return h
}

func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
