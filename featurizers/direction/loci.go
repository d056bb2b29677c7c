package direction

import (
	"math"

	"github.com/causal-tool/causal/featurizers/stats"
)

// LOCI settings: the spline features of Immer et al.'s convex estimator,
// the FGLS iteration limit, ridge and variance floor of their
// iterative_fgls, and the HSIC subsample bound.
const (
	lociKnots     = 25
	lociDegree    = 5
	lociSteps     = 100
	lociRidge     = 1e-6
	lociVarFloor  = 1e-6
	lociHSICLimit = 1000
)

// loci is LOCI (Immer et al., ICML 2023, generalization.md B12) with the
// spline heteroscedastic estimator: both variables z-scored; y|x ~
// N(μ(x), σ(x)²) with μ and σ² linear in the B-spline features of x
// (scikit-learn SplineTransformer, 25 uniform knots, degree 5), fitted by
// the iterative feasible GLS of the authors' iterative_fgls (OLS mean,
// squared residuals regressed on the features for the variance, floored at
// 1e-6, weighted refit, until the mean negative log-likelihood changes by
// less than 1e-6 or 100 steps); q(x->y) = HSIC(x, (y - μ̂(x))/σ̂(x)), the
// biased statistic with median-heuristic Gaussian kernels on at most 1,000
// evenly spaced points; score = q(y->x) - q(x->y). (The paper's default
// estimator is a small neural network; this is its spline variant.)
func loci(p *prepared) float64 {
	x, y := p.zX(), p.zY()
	return lociDependence(y, x) - lociDependence(x, y)
}

// lociDependence is HSIC(a, standardized residual of b given a).
func lociDependence(a, b []float64) float64 {
	r := hetResidual(a, b)
	if r == nil {
		return math.NaN()
	}
	idx := evenIndex(len(a), lociHSICLimit)
	return stats.HSIC(pick(a, idx), pick(r, idx), len(idx))
}

// hetResidual returns (b - μ̂(a)) / σ̂(a) of the iterative FGLS fit, nil
// when a fit fails.
func hetResidual(a, b []float64) []float64 {
	phi, np := bsplineDesign(a, lociKnots, lociDegree)
	n := float64(len(a))
	lambda := lociRidge * n
	w1 := weightedRidge(phi, np, b, nil, lambda)
	if w1 == nil {
		return nil
	}
	mu := predictRows(phi, np, w1)
	variance := make([]float64, len(b))
	prec := make([]float64, len(b))
	sq := make([]float64, len(b))
	last := math.Inf(1)
	for range lociSteps {
		for i := range b {
			sq[i] = (b[i] - mu[i]) * (b[i] - mu[i])
		}
		w2 := weightedRidge(phi, np, sq, nil, lambda) // Psi = |Phi| = Phi
		if w2 == nil {
			return nil
		}
		h := predictRows(phi, np, w2)
		for i := range h {
			variance[i] = max(lociVarFloor, h[i])
			prec[i] = 1 / variance[i]
		}
		if w1 = weightedRidge(phi, np, b, prec, lambda); w1 == nil {
			return nil
		}
		mu = predictRows(phi, np, w1)
		var nll float64
		for i := range b {
			d := b[i] - mu[i]
			nll += 0.5 * (math.Log(2*math.Pi*variance[i]) + d*d/variance[i])
		}
		nll /= n
		if math.Abs(nll-last) < 1e-6 {
			break
		}
		last = nll
	}
	r := make([]float64, len(b))
	for i := range b {
		r[i] = (b[i] - mu[i]) / math.Sqrt(variance[i])
	}
	return r
}
