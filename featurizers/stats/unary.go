package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// unaryNames are the values Unary writes, in order.
var unaryNames = []string{
	"n_distinct",         // number of distinct values
	"ratio_distinct",     // distinct values / n
	"discrete_entropy",   // plug-in entropy of the values (nats)
	"normalized_entropy", // 1-spacing entropy of the z-scored data (the winner's)
	"entropy_m2",         // 2-spacing entropy of the raw data
	"uniform_divergence", // KL from uniform on [min, max], 2-spacings
	"skewness",           // Fisher-Pearson g1 (biased, as scipy.stats.skew)
	"kurtosis",           // Fisher excess g2 (biased, as scipy.stats.kurtosis)
	"std",                // population standard deviation
	"anderson_darling",   // A² for normality (scipy.stats.anderson, 'norm')
	"anderson_darling_p", // Stephens/D'Agostino p-value of the adjusted A²
	"jarque_bera",        // Jarque-Bera statistic
	"jarque_bera_p",      // its chi-square(2) p-value
	"shapiro_w",          // Shapiro-Wilk W (Royston's AS R94, as scipy.stats.shapiro)
	"shapiro_p",          // its p-value
}

// UnaryNames returns the names of the values Unary writes, in order.
func UnaryNames() []string { return slices0(unaryNames) }

// slices0 returns a copy of a static name list, so callers cannot alter it.
func slices0(s []string) []string { return append([]string(nil), s...) }

// Unary writes the unary statistics of x (see UnaryNames) into dst, which
// must have room for len(UnaryNames()) values. Values that are undefined for
// x (e.g. moments of a constant, entropies of fewer than 3 points) are NaN;
// all values are NaN for empty x or x holding a NaN.
func Unary(x []float64, dst []float64) {
	dst = dst[:len(unaryNames)]
	FillNaN(dst)
	n := len(x)
	if n == 0 || hasNaN(x) {
		return
	}
	sp := getFloats(n)
	defer putFloats(sp)
	UnarySorted(x, sortedCopy(*sp, x), nil, dst)
}

// UnarySorted is Unary given x's ascending copy sorted (e.g. shared with
// other statistics of x) and, when ad is non-nil, the values of
// AndersonDarlingSorted(sorted, mean of x) already computed: the same
// values as Unary's.
func UnarySorted(x, sorted []float64, ad *[2]float64, dst []float64) {
	dst = dst[:len(unaryNames)]
	FillNaN(dst)
	n := len(x)
	if n == 0 || len(sorted) != n || hasNaN(x) {
		return
	}
	s := sorted
	h, distinct := ValueEntropy(s)
	dst[0] = float64(distinct)
	dst[1] = float64(distinct) / float64(n)
	dst[2] = h
	mean, variance := meanVar(x)
	sd := math.Sqrt(variance)
	dst[8] = Finite(sd)
	// The spacing entropy of z-scored data is the raw one minus log(sd).
	if sd > 0 {
		dst[3] = Finite(MSpacingEntropy(s, 1) - math.Log(sd))
	}
	dst[4] = MSpacingEntropy(s, 2)
	if r := s[n-1] - s[0]; r > 0 { // UniformDivergence(s, 2) without recomputing
		dst[5] = Finite(math.Log(r) - dst[4])
	}
	g1, g2 := SkewKurt(x, mean, variance)
	dst[6], dst[7] = g1, g2
	if ad != nil {
		dst[9], dst[10] = ad[0], ad[1]
	} else {
		dst[9], dst[10] = AndersonDarlingSorted(s, mean)
	}
	dst[11], dst[12] = JarqueBera(n, g1, g2)
	dst[13], dst[14] = ShapiroWilk(s)
}

// SkewKurt returns scipy's biased skewness g1 = m3/m2^1.5 and Fisher excess
// kurtosis g2 = m4/m2² - 3 of x given its mean and population variance m2.
// Both are NaN for constant data.
func SkewKurt(x []float64, mean, m2 float64) (g1, g2 float64) {
	if !(m2 > 0) || len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	var m3, m4 float64
	for _, v := range x {
		d := v - mean
		d2 := d * d
		m3 += d2 * d
		m4 += d2 * d2
	}
	n := float64(len(x))
	m3 /= n
	m4 /= n
	// Relative rounding noise of m2 for nearly constant data makes the
	// ratios meaningless; scipy returns NaN there too.
	if m2 <= 1e-28*mean*mean {
		return math.NaN(), math.NaN()
	}
	return Finite(m3 / (m2 * math.Sqrt(m2))), Finite(m4/(m2*m2) - 3)
}

// JarqueBera returns the Jarque-Bera statistic n/6 (g1² + g2²/4) and its
// chi-square(2) p-value from the sample skewness g1 and excess kurtosis g2.
func JarqueBera(n int, g1, g2 float64) (stat, p float64) {
	if math.IsNaN(g1) || math.IsNaN(g2) || n < 2 {
		return math.NaN(), math.NaN()
	}
	stat = float64(n) / 6 * (g1*g1 + g2*g2/4)
	return Finite(stat), math.Exp(-stat / 2) // chi2(2) survival is exp(-x/2)
}

// AndersonDarlingSorted returns scipy.stats.anderson's normality statistic
//
//	A² = -n - Σ_{i=1..n} (2i-1)/n [log Φ(w_(i)) + log(1 - Φ(w_(n+1-i)))]
//
// with w = (x - mean)/s and s the sample (n-1) standard deviation, for
// ascending data, and the p-value of the small-sample adjusted statistic
// A*² = A²(1 + 0.75/n + 2.25/n²) from D'Agostino & Stephens (1986, table
// 4.9). NaN for fewer than 3 points or constant data.
func AndersonDarlingSorted(sorted []float64, mean float64) (a2, p float64) {
	n := len(sorted)
	if n < 3 {
		return math.NaN(), math.NaN()
	}
	ss := 0.0
	for _, v := range sorted {
		d := v - mean
		ss += d * d
	}
	s := math.Sqrt(ss / float64(n-1))
	if !(s > 0) || s <= 1e-14*math.Abs(mean) {
		return math.NaN(), math.NaN()
	}
	fn := float64(n)
	sum := 0.0
	for j, v := range sorted {
		lcdf, lsf := logNormTails((v - mean) / s)
		sum += float64(2*j+1)*lcdf + float64(2*(n-1-j)+1)*lsf
	}
	a2 = -fn - sum/fn
	return Finite(a2), adPValue(a2 * (1 + 0.75/fn + 2.25/(fn*fn)))
}

// logNormTails returns log Φ(z) and log(1 - Φ(z)), accurate in both tails,
// with a single erfc evaluation.
func logNormTails(z float64) (lcdf, lsf float64) {
	az := math.Abs(z)
	var logTail, tail float64 // the smaller of Φ(z), 1 - Φ(z)
	if az > 37 {
		// Asymptotic expansion: Φ(-a) ≈ φ(a)/a (1 - 1/a²).
		logTail = -0.5*az*az - math.Log(az) - 0.5*math.Log(2*math.Pi) + math.Log1p(-1/(az*az))
		tail = math.Exp(logTail)
	} else {
		tail = 0.5 * math.Erfc(az/math.Sqrt2)
		logTail = math.Log(tail)
	}
	logBig := math.Log1p(-tail)
	if z < 0 {
		return logTail, logBig
	}
	return logBig, logTail
}

// adPValue is the D'Agostino-Stephens p-value for the adjusted A*² of a
// normality test with estimated mean and variance.
func adPValue(a float64) float64 {
	var p float64
	switch {
	case math.IsNaN(a):
		return math.NaN()
	case a >= 0.6:
		p = math.Exp(1.2937 - 5.709*a + 0.0186*a*a)
	case a >= 0.34:
		p = math.Exp(0.9177 - 4.279*a - 1.38*a*a)
	case a >= 0.2:
		p = 1 - math.Exp(-8.318+42.796*a-59.938*a*a)
	default:
		p = 1 - math.Exp(-13.436+101.14*a-223.73*a*a)
	}
	return math.Max(0, math.Min(1, p))
}

// normSF2 returns the two-sided normal p-value 2(1 - Φ(|z|)), NaN for NaN z.
func normSF2(z float64) float64 {
	if math.IsNaN(z) {
		return math.NaN()
	}
	return math.Min(1, math.Erfc(math.Abs(z)/math.Sqrt2))
}

// chi2SF returns the chi-square survival function with k degrees of freedom.
func chi2SF(x, k float64) float64 {
	if math.IsNaN(x) || !(k > 0) {
		return math.NaN()
	}
	if x <= 0 {
		return 1
	}
	return distuv.ChiSquared{K: k}.Survival(x)
}
