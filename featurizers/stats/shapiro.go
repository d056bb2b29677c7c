package stats

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/mathext"
)

// ShapiroWilk returns the Shapiro-Wilk W statistic and its p-value for
// ascending data, with Royston's (1995) algorithm AS R94 as in scipy's
// shapiro / R's swilk: approximate coefficients from normal order-statistic
// scores, W as the squared correlation of data and coefficients, and
// Royston's normalizing transformation for the p-value (exact for n = 3).
// Valid for 3 <= n <= 5000 (scipy warns above 5000; the value is still
// returned). NaN for n < 3 or constant data. The coefficients depend only
// on n and are cached.
func ShapiroWilk(sorted []float64) (w, p float64) {
	n := len(sorted)
	if n < 3 {
		return math.NaN(), math.NaN()
	}
	rng := sorted[n-1] - sorted[0]
	if !(rng > 0) || math.IsInf(rng, 0) {
		return math.NaN(), math.NaN()
	}
	a := swilkCoefficients(n)
	// W = (Σ a'_i x_(i))² / Σ (x - x̄)², with the antisymmetric, unit-norm
	// coefficient vector a' (a' = -a on the lower half, +a on the upper);
	// data scaled by the range for accuracy, as swilk does.
	var num, mean float64
	for i := 0; i < n/2; i++ {
		num += a[i] * (sorted[n-1-i] - sorted[i]) / rng
	}
	for _, v := range sorted {
		mean += v / rng
	}
	mean /= float64(n)
	ss := 0.0
	for _, v := range sorted {
		d := v/rng - mean
		ss += d * d
	}
	norm := 0.0
	for _, c := range a {
		norm += 2 * c * c
	}
	w = math.Min(1, num*num/(norm*ss))
	return w, swilkPValue(w, n)
}

// swilkCache holds coefficient vectors by n (cleared when it grows large).
var swilkCache struct {
	sync.Mutex
	m map[int][]float64
}

// swilkCoefficients returns the n/2 positive Shapiro-Wilk coefficients for
// the upper half, largest first (shared, read-only).
func swilkCoefficients(n int) []float64 {
	swilkCache.Lock()
	a, ok := swilkCache.m[n]
	swilkCache.Unlock()
	if ok {
		return a
	}
	a = computeSwilk(n)
	swilkCache.Lock()
	if swilkCache.m == nil || len(swilkCache.m) >= 256 {
		swilkCache.m = make(map[int][]float64)
	}
	swilkCache.m[n] = a
	swilkCache.Unlock()
	return a
}

// swilk polynomial coefficients (AS R94).
var (
	swC1 = []float64{0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056}
	swC2 = []float64{0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633}
	swC3 = []float64{0.544, -0.39978, 0.025054, -6.714e-4}
	swC4 = []float64{1.3822, -0.77857, 0.062767, -0.0020322}
	swC5 = []float64{-1.5861, -0.31082, -0.083751, 0.0038915}
	swC6 = []float64{-0.4803, -0.082676, 0.0030302}
	swG  = []float64{-2.273, 0.459}
)

// poly evaluates c[0] + c[1] x + c[2] x² + ...
func poly(c []float64, x float64) float64 {
	v := 0.0
	for i := len(c) - 1; i >= 0; i-- {
		v = v*x + c[i]
	}
	return v
}

// computeSwilk computes the AS R94 coefficients for sample size n.
func computeSwilk(n int) []float64 {
	nn2 := n / 2
	a := make([]float64, nn2)
	if n == 3 {
		a[0] = math.Sqrt(0.5)
		return a
	}
	an := float64(n)
	summ2 := 0.0
	for i := range a {
		a[i] = mathext.NormalQuantile((float64(i+1) - 0.375) / (an + 0.25))
		summ2 += a[i] * a[i]
	}
	summ2 *= 2
	ssumm2 := math.Sqrt(summ2)
	rsn := 1 / math.Sqrt(an)
	a1 := poly(swC1, rsn) - a[0]/ssumm2
	i1 := 1
	var fac float64
	if n > 5 {
		i1 = 2
		a2 := -a[1]/ssumm2 + poly(swC2, rsn)
		fac = math.Sqrt((summ2 - 2*a[0]*a[0] - 2*a[1]*a[1]) / (1 - 2*a1*a1 - 2*a2*a2))
		a[1] = a2
	} else {
		fac = math.Sqrt((summ2 - 2*a[0]*a[0]) / (1 - 2*a1*a1))
	}
	a[0] = a1
	for i := i1; i < nn2; i++ {
		a[i] /= -fac
	}
	return a
}

// swilkPValue is Royston's p-value for W at sample size n.
func swilkPValue(w float64, n int) float64 {
	if n == 3 {
		const pi6, stqr = 6 / math.Pi, math.Pi / 3
		return math.Max(0, pi6*(math.Asin(math.Sqrt(w))-stqr))
	}
	w1 := 1 - w
	if !(w1 > 0) {
		return 1
	}
	y := math.Log(w1)
	an := float64(n)
	var m, s float64
	if n <= 11 {
		gamma := poly(swG, an)
		if y >= gamma {
			return 1e-99
		}
		y = -math.Log(gamma - y)
		m = poly(swC3, an)
		s = math.Exp(poly(swC4, an))
	} else {
		xx := math.Log(an)
		m = poly(swC5, xx)
		s = math.Exp(poly(swC6, xx))
	}
	return 0.5 * math.Erfc((y-m)/(s*math.Sqrt2))
}
