package generate

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// SimRCC and SimNCC name Lopez-Paz et al.'s training generators.
const (
	SimRCC = "rcc"
	SimNCC = "ncc"
)

// The rcc simulator draws the synthetic training pairs of RCC (Lopez-Paz,
// Muandet, Schölkopf and Tolstikhin, "Towards a learning theory of
// cause-effect inference", ICML 2015; reference generalization.md, A4),
// following its code/experiment_tuebingen.py with the parameters the paper
// chose for Tübingen, theta = (c, sigma1, sigma2, sigma3, d_f) = (3, 2, 2,
// 2, 5):
//   - cause: a 3-component Gaussian mixture, weights U(0,1) normalized,
//     means 2 N(0,1), standard deviations |2 N(0,1) + 1|, standardized;
//   - mechanism: scipy's UnivariateSpline (cubic, default smoothing s = 5)
//     through 5 N(0,1) values on an even grid from min x - sd to max x +
//     sd, evaluated at x and standardized. With 5 points and s = 5 it is
//     the least-squares cubic unless that misses by more than s (a few
//     percent of draws); then FITPACK adds a knot at the middle point and
//     keeps the least jump of the third derivative that reaches s, as
//     rccSpline does;
//   - noise: Gaussian of standard deviation 2 U(0,1), added to the
//     standardized mechanism; the effect is standardized again.
//
// RCC's training pairs are causal only; the other classes are drawModel's.
const (
	rccComponents = 3
	rccMeanScale  = 2
	rccSDScale    = 2
	rccNoiseScale = 2
	rccKnots      = 5
)

// drawRCC draws a pair of the rcc simulator (drawModel).
func (d *drawer) drawRCC(class int, ta, tb pairs.VarType) (a, b []float64) {
	chain := func() ([]float64, func() []float64) {
		d.causes = append(d.causes, "gmm")
		x := rccCause(d.r, d.n)
		return x, func() []float64 {
			d.mechs = append(d.mechs, "spline")
			return rccEffect(d.r, x)
		}
	}
	return d.drawModel(pairModel{chain: chain}, class, ta, tb)
}

// rccCause draws the standardized Gaussian-mixture cause.
func rccCause(r *rand.Rand, n int) []float64 {
	means := fill(rccComponents, func() float64 { return rccMeanScale * r.NormFloat64() })
	sds := fill(rccComponents, func() float64 { return math.Abs(rccSDScale*r.NormFloat64() + 1) })
	cum := cumulative(fill(rccComponents, r.Float64))
	return standardize(fill(n, func() float64 {
		j := pickWeighted(cum, r.Float64())
		return means[j] + sds[j]*r.NormFloat64()
	}))
}

// rccEffect draws an effect of x: a random spline plus Gaussian noise.
func rccEffect(r *rand.Rand, x []float64) []float64 {
	lo, hi := widenedRange(x)
	knots := make([]float64, rccKnots)
	for j := range knots {
		knots[j] = lo + (hi-lo)*float64(j)/float64(rccKnots-1)
	}
	y := standardize(rccSpline(knots, fill(rccKnots, r.NormFloat64), x))
	sd := rccNoiseScale * r.Float64()
	for i := range y {
		y[i] += sd * r.NormFloat64()
	}
	return standardize(y)
}

// widenedRange returns min x - sd and max x + sd.
func widenedRange(x []float64) (lo, hi float64) {
	sd := stat.PopStdDev(x, nil)
	return slices.Min(x) - sd, slices.Max(x) + sd
}

// rccSpline evaluates at x scipy's UnivariateSpline(kx, ky) (cubic,
// smoothing s = len(kx) = 5) for five evenly spaced knots kx: the
// least-squares cubic if its residual sum of squares is at most s, else
// the cubic plus beta (t - t_mid)_+^3 whose residual is exactly s with the
// smallest |beta| (FITPACK's smoothing criterion with its one interior
// knot at the middle point).
func rccSpline(kx, ky, x []float64) []float64 {
	m := len(kx)
	mid, half := (kx[0]+kx[m-1])/2, (kx[m-1]-kx[0])/2
	t := func(v float64) float64 { return (v - mid) / half }
	cubic := mat.NewDense(m, 4, nil)
	hinge := make([]float64, m)
	for i, v := range kx {
		u := t(v)
		for p := range 4 {
			cubic.Set(i, p, math.Pow(u, float64(p)))
		}
		hinge[i] = math.Pow(math.Max(u, 0), 3)
	}
	fit := func(target []float64) (coef, resid []float64) {
		var c mat.VecDense
		if err := c.SolveVec(cubic, mat.NewVecDense(m, target)); err != nil {
			panic("generate: rcc spline fit: " + err.Error()) // full column rank: distinct knots
		}
		coef = c.RawVector().Data
		resid = make([]float64, m)
		for i := range resid {
			resid[i] = target[i]
			for p := range 4 {
				resid[i] -= coef[p] * cubic.At(i, p)
			}
		}
		return coef, resid
	}
	coef, e := fit(ky)
	beta, s := 0.0, float64(m)
	if rss := floatsDot(e, e); rss > s {
		_, h := fit(hinge)
		star := floatsDot(e, h) / floatsDot(h, h)
		beta = star * (1 - math.Sqrt(s/rss))
		target := make([]float64, m)
		for i := range target {
			target[i] = ky[i] - beta*hinge[i]
		}
		coef, _ = fit(target)
	}
	return mapped(x, func(v float64) float64 {
		u := t(v)
		return coef[0] + u*(coef[1]+u*(coef[2]+u*coef[3])) + beta*math.Pow(math.Max(u, 0), 3)
	})
}

func floatsDot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// The ncc simulator draws the synthetic training pairs of NCC (Lopez-Paz,
// Nishihara, Chintala, Schölkopf and Bottou, "Discovering causal signals in
// images", CVPR 2017; reference generalization.md, A5), following its
// code/generators/synthetic_splines.lua:
//   - cause: k ~ U{1..5} components with means U(0,1) p_m, spreads
//     |N(0,1)| p_v and weights |N(0,1)| normalized, p_m and p_v ~ U(0,5);
//     each point is U(0,1) times its component's spread plus its mean (a
//     mixture of uniforms, as the code draws it), standardized;
//   - with probability 1/2 the pair's cause is that variable, otherwise an
//     effect of it (the code's longer chain X -> Y -> Z returns (Y, Z));
//   - mechanism: a cubic Hermite spline through 4 or 5 N(0,1) values on an
//     even grid from min x - sd to max x + sd, tangents the forward
//     secants (the last 0), standardized;
//   - heteroscedastic noise: N(0,1) times a second such spline through
//     U(0,1) v values, v ~ U(0,5); the effect is standardized again.
//
// NCC's own negatives give the other classes: an independent pair is a
// cause and its effect with the effect's points permuted (either order),
// a confounded pair two effects of one cause.
const (
	nccMaxComponents = 5
	nccScale         = 5
)

// drawNCC draws a pair of the ncc simulator (drawModel).
func (d *drawer) drawNCC(class int, ta, tb pairs.VarType) (a, b []float64) {
	r := d.r
	effect := func(x []float64) []float64 {
		d.mechs = append(d.mechs, "spline-hetero")
		return nccEffect(r, x)
	}
	chain := func() ([]float64, func() []float64) {
		x := nccCause(r, d.n)
		if r.IntN(2) == 1 {
			d.causes = append(d.causes, "uniform-mixture")
		} else {
			d.causes = append(d.causes, "spline-of-mixture")
			x = effect(x)
		}
		return x, func() []float64 { return effect(x) }
	}
	independent := func() ([]float64, []float64) {
		x, eff := chain()
		y := eff()
		perm := r.Perm(len(y))
		py := make([]float64, len(y))
		for i, j := range perm {
			py[i] = y[j]
		}
		if r.IntN(2) == 1 {
			return py, x
		}
		return x, py
	}
	return d.drawModel(pairModel{chain: chain, independent: independent}, class, ta, tb)
}

// nccCause draws NCC's standardized mixture-of-uniforms cause.
func nccCause(r *rand.Rand, n int) []float64 {
	k := 1 + r.IntN(nccMaxComponents)
	pm, pv := nccScale*r.Float64(), nccScale*r.Float64()
	means := fill(k, func() float64 { return pm * r.Float64() })
	sds := fill(k, func() float64 { return math.Abs(pv * r.NormFloat64()) })
	cum := cumulative(fill(k, func() float64 { return math.Abs(r.NormFloat64()) }))
	return standardize(fill(n, func() float64 {
		j := pickWeighted(cum, r.Float64())
		return r.Float64()*sds[j] + means[j]
	}))
}

// nccEffect draws an NCC effect of x: a random Hermite spline plus
// heteroscedastic Gaussian noise.
func nccEffect(r *rand.Rand, x []float64) []float64 {
	d := 4 + r.IntN(2)
	lo, hi := widenedRange(x)
	kx := make([]float64, d)
	for j := range kx {
		kx[j] = lo + (hi-lo)*float64(j)/float64(d-1)
	}
	y := standardize(hermiteSecant(kx, fill(d, r.NormFloat64), x))
	v := nccScale * r.Float64()
	sd := hermiteSecant(kx, fill(d, func() float64 { return v * r.Float64() }), x)
	for i := range y {
		y[i] += r.NormFloat64() * sd[i]
	}
	return standardize(y)
}

// hermiteSecant evaluates at x the cubic Hermite spline through the knots
// (kx, ky) whose tangent at each knot is the forward secant (0 at the
// last), NCC's spline.
func hermiteSecant(kx, ky, x []float64) []float64 {
	d := len(kx)
	tan := make([]float64, d)
	for k := 0; k < d-1; k++ {
		tan[k] = (ky[k+1] - ky[k]) / (kx[k+1] - kx[k])
	}
	return mapped(x, func(v float64) float64 {
		k := 0
		for k < d-2 && v > kx[k+1] {
			k++
		}
		h := kx[k+1] - kx[k]
		t := (v - kx[k]) / h
		t2, t3 := t*t, t*t*t
		return (2*t3-3*t2+1)*ky[k] + (t3-2*t2+t)*h*tan[k] + (-2*t3+3*t2)*ky[k+1] + (t3-t2)*h*tan[k+1]
	})
}
