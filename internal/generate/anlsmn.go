package generate

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/pairs"
)

// SimANLSMN names Tagasovska et al.'s additive, location-scale and
// multiplicative noise generators.
const SimANLSMN = "anlsmn"

// The anlsmn simulator draws the ANLSMN benchmark pairs of Tagasovska,
// Chavez-Demoulin and Vatter ("Distinguishing cause from effect using
// quantiles: bivariate quantile causal discovery", ICML 2020; reference
// generalization.md, A2), following bQCD's R/utils/data_generators.R
// (which credits Peters et al., JMLR 2014), one family per pair among
// --mechanisms (one simulator rather than five names, so that the families
// mix in one source and --mechanisms picks any subset):
//   - cause: X = sqrt(v) N(0,1) with v ~ U(1,2) per point;
//   - noise: E = 0.2 sqrt(w) N(0,1) with w ~ U(1,2) per point;
//   - f: for the "-s" families and MN-U the injective sigmoid c b (x + a) /
//     (1 + |b (x + a)|) with a ~ U(-2,2), b = +-U(0.5,2), c = 1 + Exp(rate
//     4); otherwise a Gaussian-process draw with kernel exp(-(x-x')^2/2);
//   - an, an-s: Y = f(X) + E; ls, ls-s: Y = f(X) + (f(X) - min f) E;
//     mn-u: Y = f(X) U with U ~ U(0,1) per point.
//
// The published pairs are not standardized; here Numerical variables are
// standardized like every simulator's (the challenge format), which no
// scale-free method notices. They are causal only; the other classes are
// drawModel's, one family for the whole pair.
var anlsmnFamilyNames = []string{"an", "an-s", "ls", "ls-s", "mn-u"}

// drawANLSMN draws a pair of the anlsmn simulator (drawModel).
func (d *drawer) drawANLSMN(class int, ta, tb pairs.VarType) (a, b []float64) {
	family := d.pickMechanism()
	chain := func() ([]float64, func() []float64) {
		d.causes = append(d.causes, "scale-mixture")
		x := anlsmnScaleMixture(d.r, d.n, 1)
		return x, func() []float64 {
			d.mechs = append(d.mechs, family)
			return anlsmnEffect(d.r, family, x)
		}
	}
	return d.drawModel(pairModel{chain: chain}, class, ta, tb)
}

// anlsmnScaleMixture draws n values of scale sqrt(v) N(0,1), v ~ U(1,2)
// per value.
func anlsmnScaleMixture(r *rand.Rand, n int, scale float64) []float64 {
	return fill(n, func() float64 { return scale * math.Sqrt(1+r.Float64()) * r.NormFloat64() })
}

// anlsmnSigmoid returns a random injective sigmoid.
func anlsmnSigmoid(r *rand.Rand) func(float64) float64 {
	a := -2 + 4*r.Float64()
	b := 0.5 + 1.5*r.Float64()
	if r.IntN(2) == 0 {
		b = -b
	}
	c := 1 + r.ExpFloat64()/4
	return func(x float64) float64 { return c * b * (x + a) / (1 + math.Abs(b*(x+a))) }
}

// anlsmnEffect draws an effect of x by the named family.
func anlsmnEffect(r *rand.Rand, family string, x []float64) []float64 {
	var f []float64
	if family == "an" || family == "ls" {
		f = gpPrior(r, []float64{1}, 0, x)
	} else {
		f = mapped(x, anlsmnSigmoid(r))
	}
	y := make([]float64, len(x))
	switch family {
	case "an", "an-s":
		e := anlsmnScaleMixture(r, len(x), 0.2)
		for i := range y {
			y[i] = f[i] + e[i]
		}
	case "ls", "ls-s":
		e := anlsmnScaleMixture(r, len(x), 0.2)
		lo := slices.Min(f)
		for i := range y {
			y[i] = f[i] + (f[i]-lo)*e[i]
		}
	case "mn-u":
		for i := range y {
			y[i] = f[i] * r.Float64()
		}
	default:
		panic("generate: unknown anlsmn family " + family) // Validate checks the names
	}
	return y
}
