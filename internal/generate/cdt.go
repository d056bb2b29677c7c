package generate

import (
	"math"
	"math/rand/v2"

	"github.com/causal-tool/causal/pairs"
)

// SimCDT names the Causal Discovery Toolbox's pair generator.
const SimCDT = "cdt"

// The cdt simulator follows the Causal Discovery Toolbox's
// CausalPairGenerator (Kalainathan and Goudet, CDT; reference
// generalization.md, A3), read from its cdt/data/causal_pair_generator.py
// and cdt/data/causal_mechanisms.py: a root R from gmm_cause, the cause
// M1(R) and the effect M2(cause), M1 and M2 independent instances of one
// mechanism class (chosen per pair among --mechanisms), each with its own
// normal_noise times noise_coeff 0.4, both variables standardized at the
// end (rescale=True). Inputs are not standardized between the mechanisms,
// as in CDT. CDT draws only causal pairs; the confounded class here is two
// mechanism instances applied to one hidden M1(R) (drawModel).
//
// Where CDT's code differs from its documentation, the code is followed:
// gmm_cause's component variances are those of a spherical Gaussian
// mixture fitted to 300 standard normal points (the variances it assigns
// are to an attribute sklearn does not sample from), sigmoid_add adds its
// noise twice, and polynomial clips each term to [-1, 1] and multiplies by
// the noise on a fair coin. Two deliberate differences: sklearn's sample()
// returns the points grouped by component, here each point draws its
// component (the same distribution, shuffled), and GP draws use gpPrior
// (exact on a fine grid, interpolated) instead of a multivariate normal
// over all points.
var cdtMechanismNames = []string{"linear", "polynomial", "sigmoid_add", "sigmoid_mix", "gp_add", "gp_mix", "nn"}

// CDT's defaults: noise_coeff, gmm_cause's k and p1, the size of the
// sample its mixture is fitted to, and nn's hidden units.
const (
	cdtNoiseCoeff = 0.4
	cdtComponents = 4
	cdtMeanScale  = 2
	cdtFitPoints  = 300
	cdtHidden     = 20
)

// drawCDT draws a pair of the cdt simulator (drawModel).
func (d *drawer) drawCDT(class int, ta, tb pairs.VarType) (a, b []float64) {
	mech := d.pickMechanism()
	apply := func(x []float64) []float64 {
		d.mechs = append(d.mechs, mech)
		return cdtMechanism(d.r, mech, x)
	}
	chain := func() ([]float64, func() []float64) {
		d.causes = append(d.causes, "gmm")
		cause := apply(cdtGMMCause(d.r, d.n))
		return cause, func() []float64 { return apply(cause) }
	}
	return d.drawModel(pairModel{chain: chain}, class, ta, tb)
}

// cdtNoise is normal_noise times noise_coeff: 0.4 (s N(0,1) + c) with
// s ~ U(0,1) and c = 2 or -2, one s and c per mechanism instance.
func cdtNoise(r *rand.Rand, n int) []float64 {
	s, c := r.Float64(), 2.0
	if r.IntN(2) == 0 {
		c = -2
	}
	return fill(n, func() float64 { return cdtNoiseCoeff * (s*r.NormFloat64() + c) })
}

// cdtSigmoidParams draws the sigmoid mechanisms' A = 1 + Exp(scale 1/4),
// B = +-U(0.5, 2) and C ~ U(-2, 2).
func cdtSigmoidParams(r *rand.Rand) (a, b, c float64) {
	a = 1 + r.ExpFloat64()/4
	b = 0.5 + 1.5*r.Float64()
	if r.IntN(2) == 1 {
		b = -b
	}
	return a, b, -2 + 4*r.Float64()
}

// cdtMechanism applies a fresh instance of the named CDT mechanism (one
// cause) to x.
func cdtMechanism(r *rand.Rand, name string, x []float64) []float64 {
	noise := cdtNoise(r, len(x))
	y := make([]float64, len(x))
	switch name {
	case "linear":
		a := r.Float64()
		for i, v := range x {
			y[i] = a*v + noise[i]
		}
	case "polynomial":
		c0, c1, c2 := r.Float64(), r.Float64(), r.Float64()
		multiplicative := r.IntN(2) == 1
		for i, v := range x {
			t := math.Max(-1, math.Min(1, c0+c1*v+c2*v*v))
			if multiplicative {
				y[i] = t * noise[i]
			} else {
				y[i] = t + noise[i]
			}
		}
	case "sigmoid_add":
		a, b, c := cdtSigmoidParams(r)
		for i, v := range x {
			y[i] = a*b*(v+c)/(1+math.Abs(b*(v+c))) + 2*noise[i] // noise added twice, as in CDT
		}
	case "sigmoid_mix":
		a, b, c := cdtSigmoidParams(r)
		for i, v := range x {
			u := v + noise[i] + c
			y[i] = a * b * u / (1 + math.Abs(b*u))
		}
	case "gp_add":
		f := gpPrior(r, []float64{1}, 0, x)
		for i := range y {
			y[i] = f[i] + noise[i]
		}
	case "gp_mix":
		y = gpPrior(r, []float64{1, 1}, 0, x, noise)
	case "nn":
		y = cdtNN(r, x, noise)
	default:
		panic("generate: unknown cdt mechanism " + name) // Validate checks the names
	}
	return y
}

// cdtNN applies a freshly initialized Linear(2, 20), tanh, Linear(20, 1)
// network to (x, noise), with PyTorch's default initialization: weights
// and biases uniform on +-1/sqrt(fan_in).
func cdtNN(r *rand.Rand, x, noise []float64) []float64 {
	var w1 [cdtHidden][2]float64
	var b1, w2 [cdtHidden]float64
	in1, in2 := 1/math.Sqrt(2), 1/math.Sqrt(cdtHidden)
	uniform := func(bound float64) float64 { return bound * (2*r.Float64() - 1) }
	for h := range w1 {
		w1[h] = [2]float64{uniform(in1), uniform(in1)}
	}
	for h := range b1 {
		b1[h] = uniform(in1)
	}
	for h := range w2 {
		w2[h] = uniform(in2)
	}
	b2 := uniform(in2)
	y := make([]float64, len(x))
	for i := range y {
		s := b2
		for h := range w2 {
			s += w2[h] * math.Tanh(w1[h][0]*x[i]+w1[h][1]*noise[i]+b1[h])
		}
		y[i] = s
	}
	return y
}

// cdtGMMCause draws n points of gmm_cause: a 4-component mixture with
// means 2 N(0,1), weights U(0,1) normalized and the variances of a
// spherical Gaussian mixture fitted to 300 standard normal points.
func cdtGMMCause(r *rand.Rand, n int) []float64 {
	vars := sphericalGMMVariances(r, fill(cdtFitPoints, r.NormFloat64), cdtComponents)
	means := fill(cdtComponents, func() float64 { return cdtMeanScale * r.NormFloat64() })
	cum := cumulative(fill(cdtComponents, r.Float64))
	return fill(n, func() float64 {
		j := pickWeighted(cum, r.Float64())
		return means[j] + math.Sqrt(vars[j])*r.NormFloat64()
	})
}

// sphericalGMMVariances fits a k-component Gaussian mixture to x the way
// sklearn's GaussianMixture does by default (k-means initialization, EM
// until the mean log-likelihood changes by less than 1e-3, at most 100
// iterations, 1e-6 added to the variances) and returns the variances.
func sphericalGMMVariances(r *rand.Rand, x []float64, k int) []float64 {
	const tol, maxIter, reg = 1e-3, 100, 1e-6
	n := len(x)
	resp := make([][]float64, n)
	for i, l := range kMeans1D(r, x, k) {
		resp[i] = make([]float64, k)
		resp[i][l] = 1
	}
	w, mu, v := make([]float64, k), make([]float64, k), make([]float64, k)
	mStep := func() {
		for j := range k {
			nk, s := 1e-15, 0.0
			for i := range x {
				nk += resp[i][j]
				s += resp[i][j] * x[i]
			}
			mu[j] = s / nk
			ss := 0.0
			for i := range x {
				ss += resp[i][j] * (x[i] - mu[j]) * (x[i] - mu[j])
			}
			v[j], w[j] = ss/nk+reg, nk/float64(n)
		}
	}
	mStep()
	prev := math.Inf(-1)
	for range maxIter {
		bound := 0.0
		for i, xi := range x {
			lp := make([]float64, k)
			top := math.Inf(-1)
			for j := range k {
				d := xi - mu[j]
				lp[j] = math.Log(w[j]) - 0.5*math.Log(2*math.Pi*v[j]) - d*d/(2*v[j])
				top = math.Max(top, lp[j])
			}
			s := 0.0
			for j := range k {
				s += math.Exp(lp[j] - top)
			}
			lse := top + math.Log(s)
			for j := range k {
				resp[i][j] = math.Exp(lp[j] - lse)
			}
			bound += lse / float64(n)
		}
		mStep()
		if math.Abs(bound-prev) < tol {
			break
		}
		prev = bound
	}
	return v
}

// kMeans1D clusters x into k groups by Lloyd's algorithm from a k-means++
// start and returns each point's cluster.
func kMeans1D(r *rand.Rand, x []float64, k int) []int {
	centers := []float64{x[r.IntN(len(x))]}
	d2 := make([]float64, len(x))
	for len(centers) < k {
		for i, v := range x {
			d2[i] = math.Inf(1)
			for _, c := range centers {
				d2[i] = math.Min(d2[i], (v-c)*(v-c))
			}
		}
		cum := cumulative(d2)
		if cum[len(cum)-1] == 0 {
			centers = append(centers, centers[0])
			continue
		}
		centers = append(centers, x[pickWeighted(cum, r.Float64())])
	}
	labels := make([]int, len(x))
	for iter := range 300 {
		changed := false
		for i, v := range x {
			best := 0
			for j, c := range centers {
				if math.Abs(v-c) < math.Abs(v-centers[best]) {
					best = j
				}
			}
			changed = changed || labels[i] != best
			labels[i] = best
		}
		if !changed && iter > 0 {
			break
		}
		sum, cnt := make([]float64, k), make([]float64, k)
		for i, l := range labels {
			sum[l] += x[i]
			cnt[l]++
		}
		for j := range centers {
			if cnt[j] > 0 {
				centers[j] = sum[j] / cnt[j]
			}
		}
	}
	return labels
}
