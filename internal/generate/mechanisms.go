package generate

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/interp"
	"gonum.org/v1/gonum/stat"
)

// rffFeatures is the number of random Fourier features approximating an RBF
// Gaussian-process draw (cost O(n * rffFeatures) instead of O(n^3)).
const rffFeatures = 100

// Spline knot counts: a few random knots.
const (
	minKnots = 4
	maxKnots = 8
)

// polyClip bounds the standardized input of the polynomial mechanism.
const polyClip = 3

// mechCtx is what a mechanism draws its randomness and noise from.
type mechCtx struct {
	r *rand.Rand
	// sigma is the noise level relative to the standardized signal.
	sigma float64
	// noise draws n values of zero mean and unit variance.
	noise func(n int) []float64
}

// mechanismFamily maps a standardized cause x to an effect.
type mechanismFamily struct {
	name  string
	doc   string
	apply func(c *mechCtx, x []float64) []float64
}

// mechanismFamilies lists the mechanisms in a fixed order.
var mechanismFamilies = []mechanismFamily{
	{"linear", "y = ±x + noise", mechLinear},
	{"polynomial", "random polynomial of degree 2-5 of x clipped to ±3 sd, + noise", mechPolynomial},
	{"sigmoid-add", "soft-sign sigmoid b(x+a)/(1+|b(x+a)|) + noise", mechSigmoidAdd},
	{"sigmoid-inside", "soft-sign sigmoid with the noise inside: s(b(x+a+noise))", mechSigmoidInside},
	{"gp-add", "Gaussian-process draw (RBF, random Fourier features) of x + noise", mechGPAdd},
	{"gp-joint", "Gaussian-process draw over (x, noise) jointly", mechGPJoint},
	{"nn", "random one-hidden-layer tanh network of (x, noise), 5-20 units", mechNN},
	{"spline", "monotone cubic Hermite spline through 4-8 random knots + noise", mechSpline},
	{"hetero", "smooth f(x) + noise scaled by a smooth positive function of x", mechHetero},
	{"multiplicative", "exp(a f(x)) * exp(noise): multiplicative noise on a smooth f", mechMultiplicative},
	{"pnl", "post-nonlinear h(f(x) + noise), h a random monotone power, exp or soft-sign", mechPNL},
}

// MechanismNames lists the mechanism families in their fixed order.
func MechanismNames() []string {
	out := make([]string, len(mechanismFamilies))
	for i, f := range mechanismFamilies {
		out[i] = f.name
	}
	return out
}

// MechanismDocs returns "name: description" lines for help texts.
func MechanismDocs() []string {
	out := make([]string, len(mechanismFamilies))
	for i, f := range mechanismFamilies {
		out[i] = f.name + ": " + f.doc
	}
	return out
}

// standardize rescales x in place to mean 0 and standard deviation 1 (only
// centring it when it is constant) and returns it.
func standardize(x []float64) []float64 {
	m, sd := stat.MeanStdDev(x, nil)
	if !(sd > 0) || math.IsInf(sd, 0) {
		sd = 1
	}
	for i := range x {
		x[i] = (x[i] - m) / sd
	}
	return x
}

// addNoise adds sigma times fresh unit noise to y in place.
func (c *mechCtx) addNoise(y []float64) []float64 {
	for i, e := range c.noise(len(y)) {
		y[i] += c.sigma * e
	}
	return y
}

// scaledNoise returns sigma times fresh unit noise.
func (c *mechCtx) scaledNoise(n int) []float64 {
	e := c.noise(n)
	for i := range e {
		e[i] *= c.sigma
	}
	return e
}

func mapped(x []float64, f func(float64) float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = f(v)
	}
	return y
}

func softsign(u float64) float64 { return u / (1 + math.Abs(u)) }

func signed(r *rand.Rand, v float64) float64 {
	if r.IntN(2) == 0 {
		return -v
	}
	return v
}

func mechLinear(c *mechCtx, x []float64) []float64 {
	s := signed(c.r, 1)
	return c.addNoise(mapped(x, func(v float64) float64 { return s * v }))
}

func mechPolynomial(c *mechCtx, x []float64) []float64 {
	coef := make([]float64, 3+c.r.IntN(4)) // degree 2..5
	for i := range coef {
		coef[i] = c.r.NormFloat64()
	}
	coef[len(coef)-1] = signed(c.r, 0.5+c.r.Float64()) // keep the leading term
	y := mapped(x, func(v float64) float64 {
		v = math.Max(-polyClip, math.Min(polyClip, v))
		p := 0.0
		for j := len(coef) - 1; j >= 0; j-- {
			p = p*v + coef[j]
		}
		return p
	})
	return c.addNoise(standardize(y))
}

// sigmoidParams draws the shift a and slope b of a soft-sign sigmoid.
func sigmoidParams(r *rand.Rand) (a, b float64) {
	return 1.5 * (2*r.Float64() - 1), signed(r, logUniform(r, 0.5, 5))
}

func mechSigmoidAdd(c *mechCtx, x []float64) []float64 {
	a, b := sigmoidParams(c.r)
	return c.addNoise(standardize(mapped(x, func(v float64) float64 { return softsign(b * (v + a)) })))
}

func mechSigmoidInside(c *mechCtx, x []float64) []float64 {
	a, b := sigmoidParams(c.r)
	e := c.scaledNoise(len(x))
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = softsign(b * (v + a + e[i]))
	}
	return standardize(y)
}

// rff returns a random-Fourier-feature draw of an RBF Gaussian process with
// lengthscale ls at the points x (and u, when not nil, as a second input).
func rff(r *rand.Rand, ls float64, x, u []float64) []float64 {
	var w1, w2, b, a [rffFeatures]float64
	for d := range w1 {
		w1[d] = r.NormFloat64() / ls
		w2[d] = r.NormFloat64() / ls
		b[d] = 2 * math.Pi * r.Float64()
		a[d] = r.NormFloat64()
	}
	y := make([]float64, len(x))
	for i, v := range x {
		uv := 0.0
		if u != nil {
			uv = u[i]
		}
		y[i] = cosSum(&a, &w1, &w2, &b, v, uv)
	}
	return standardize(y)
}

// gpLengthscale draws an RBF lengthscale for standardized inputs.
func gpLengthscale(r *rand.Rand) float64 { return logUniform(r, 0.3, 2) }

func mechGPAdd(c *mechCtx, x []float64) []float64 {
	return c.addNoise(rff(c.r, gpLengthscale(c.r), x, nil))
}

func mechGPJoint(c *mechCtx, x []float64) []float64 {
	return rff(c.r, gpLengthscale(c.r), x, c.scaledNoise(len(x)))
}

func mechNN(c *mechCtx, x []float64) []float64 {
	h := 5 + c.r.IntN(16)
	wx, wn, b, v := make([]float64, h), make([]float64, h), make([]float64, h), make([]float64, h)
	for j := range wx {
		wx[j], wn[j], b[j], v[j] = c.r.NormFloat64(), c.r.NormFloat64(), c.r.NormFloat64(), c.r.NormFloat64()
	}
	e := c.scaledNoise(len(x))
	y := make([]float64, len(x))
	for i, xv := range x {
		s := 0.0
		for j := range wx {
			s += v[j] * math.Tanh(wx[j]*xv+wn[j]*e[i]+b[j])
		}
		y[i] = s
	}
	return standardize(y)
}

// spline returns a monotone (Fritsch-Butland) cubic Hermite spline through
// a few random knots spread over the 1%-99% range of x, evaluated at x and
// held constant beyond the outer knots.
func spline(r *rand.Rand, x []float64) []float64 {
	sorted := slices.Clone(x)
	slices.Sort(sorted)
	lo, hi := sorted[len(sorted)/100], sorted[len(sorted)-1-len(sorted)/100]
	if !(hi > lo) {
		lo, hi = sorted[0], sorted[len(sorted)-1]
	}
	if !(hi > lo) {
		return make([]float64, len(x))
	}
	k := minKnots + r.IntN(maxKnots-minKnots+1)
	xs := []float64{lo, hi}
	for len(xs) < k {
		xs = append(xs, lo+(hi-lo)*r.Float64())
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	ys := fill(len(xs), r.NormFloat64)
	var fb interp.FritschButland
	if err := fb.Fit(xs, ys); err != nil {
		return make([]float64, len(x)) // cannot happen with sorted distinct knots
	}
	return standardize(mapped(x, func(v float64) float64 {
		return fb.Predict(math.Max(lo, math.Min(hi, v)))
	}))
}

func mechSpline(c *mechCtx, x []float64) []float64 {
	return c.addNoise(spline(c.r, x))
}

// smooth draws a random smooth standardized function of x: linear, soft-sign
// sigmoid, Gaussian-process draw or spline.
func smooth(r *rand.Rand, x []float64) []float64 {
	switch r.IntN(4) {
	case 0:
		s := signed(r, 1)
		return standardize(mapped(x, func(v float64) float64 { return s * v }))
	case 1:
		a, b := sigmoidParams(r)
		return standardize(mapped(x, func(v float64) float64 { return softsign(b * (v + a)) }))
	case 2:
		return rff(r, gpLengthscale(r), x, nil)
	}
	return spline(r, x)
}

func mechHetero(c *mechCtx, x []float64) []float64 {
	f := smooth(c.r, x)
	g := smooth(c.r, x)
	k := 0.3 + 0.7*c.r.Float64()
	scale := mapped(g, func(v float64) float64 { return math.Exp(k * v) })
	mean := stat.Mean(scale, nil)
	for i, e := range c.noise(len(x)) {
		f[i] += c.sigma * scale[i] / mean * e
	}
	return f
}

func mechMultiplicative(c *mechCtx, x []float64) []float64 {
	f := smooth(c.r, x)
	a := 0.3 + 0.9*c.r.Float64()
	for i, e := range c.noise(len(x)) {
		f[i] = math.Exp(a*f[i] + c.sigma*e)
	}
	return standardize(f)
}

func mechPNL(c *mechCtx, x []float64) []float64 {
	u := c.addNoise(smooth(c.r, x))
	var h func(float64) float64
	switch c.r.IntN(3) {
	case 0:
		p := logUniform(c.r, 0.3, 3)
		h = func(v float64) float64 { return math.Copysign(math.Pow(math.Abs(v), p), v) }
	case 1:
		a := signed(c.r, 0.3+1.2*c.r.Float64())
		h = func(v float64) float64 { return math.Exp(math.Max(-50, math.Min(50, a*v))) }
	default:
		a := logUniform(c.r, 0.5, 5)
		h = func(v float64) float64 { return softsign(a * v) }
	}
	return standardize(mapped(u, h))
}
