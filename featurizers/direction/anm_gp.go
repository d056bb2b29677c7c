package direction

import (
	"math"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
	"gonum.org/v1/gonum/mat"

	"github.com/causal-tool/causal/featurizers/stats"
)

// ANM-GP subsample sizes: the hyperparameters are fitted on gpHyperPoints
// evenly spaced points, the regression and HSIC use gpFitPoints. They bound
// the cost to about 56 ms a pair (250 / 1,000 took 0.29 s, four times all
// other features together); 100 hyperparameter points fail the additive-
// noise check of TestMethodDirections.
const (
	gpHyperPoints = 150
	gpFitPoints   = 500
	gpMaxIter     = 100
)

// anmGP is ANM-HSIC with Gaussian-process regression (Hoyer et al. 2009;
// Mooij et al. 2016, generalization.md B1): both variables z-scored, y
// regressed on x by a zero-mean GP with a squared-exponential kernel and
// Gaussian noise whose hyperparameters maximize the marginal likelihood
// (from Mooij's start ℓ = 1, σ_f = 1, σ_n = 0.1, L-BFGS), q(x->y) =
// HSIC(x, y - f̂(x)) with median-heuristic Gaussian kernels (biased
// statistic); score = q(y->x) - q(x->y). Cost bound: the hyperparameters
// are fitted on an evenly spaced subsample of at most gpHyperPoints points
// and the regression and HSIC use at most gpFitPoints.
func anmGP(p *prepared) float64 {
	idx := evenIndex(len(p.x), p.bounds.GPFitPoints)
	x, y := pick(p.zX(), idx), pick(p.zY(), idx)
	return gpDependence(y, x, p.bounds.GPHyperPoints) - gpDependence(x, y, p.bounds.GPHyperPoints)
}

// gpDependence is HSIC(a, b - GP fit of b on a), the hyperparameters fitted
// on at most hyperPoints evenly spaced points.
func gpDependence(a, b []float64, hyperPoints int) float64 {
	hidx := evenIndex(len(a), hyperPoints)
	theta := gpHyper(pick(a, hidx), pick(b, hidx))
	r := gpResidual(a, b, theta)
	if r == nil {
		return math.NaN()
	}
	return stats.HSIC(a, r, len(a))
}

// gpTheta is log ℓ, log σ_f, log σ_n.
type gpTheta [3]float64

// gpHyper maximizes the GP marginal likelihood of b given a by BFGS from
// Mooij's starting point.
func gpHyper(a, b []float64) gpTheta {
	start := gpTheta{0, 0, math.Log(0.1)}
	return bfgs3(func(t gpTheta) (float64, func() gpTheta) { return gpNLML(a, b, t) }, start, gpMaxIter)
}

// clampTheta keeps the hyperparameters in a range where the kernel matrix
// stays numerically positive definite.
func clampTheta(t gpTheta) gpTheta {
	t[0] = min(max(t[0], -7), 7)
	t[1] = min(max(t[1], -7), 7)
	t[2] = min(max(t[2], -7), 3)
	return t
}

// gpKernel returns the noisy kernel matrix K_f + σ_n²I and, when withE,
// the noise-free squared-exponential part's factor matrix E_ij =
// exp(-d²/(2ℓ²)) (nil otherwise: the posterior mean needs only K).
func gpKernel(a []float64, t gpTheta, withE bool) (K *mat.SymDense, E []float64) {
	n := len(a)
	l2 := math.Exp(2 * t[0])
	sf2, sn2 := math.Exp(2*t[1]), math.Exp(2*t[2])
	K = mat.NewSymDense(n, nil)
	k := K.RawSymmetric()
	if withE {
		E = make([]float64, n*n)
	}
	for i := range n {
		row := k.Data[i*k.Stride : i*k.Stride+n]
		row[i] = sf2 + sn2
		for j := i + 1; j < n; j++ {
			d := a[i] - a[j]
			e := math.Exp(-d * d / (2 * l2))
			row[j] = sf2 * e
			if withE {
				E[i*n+j], E[j*n+i] = e, e
			}
		}
		if withE {
			E[i*n+i] = 1
		}
	}
	return K, E
}

// gpNLML is the negative log marginal likelihood of b given a and a
// function returning its gradient in the log hyperparameters there (zero
// where the value is infinite). The gradient needs K⁻¹ (LAPACK Potri) and
// an n² pass, twice the work of the value, so it is computed only on
// demand. Potri cannot fail once Potrf has succeeded (Potrf's diagonal is
// positive; Trtri fails only on a zero one), and an ill-conditioned K
// already makes the value infinite at the solve, so the value is the same
// whether or not the gradient is asked for.
func gpNLML(a, b []float64, t gpTheta) (float64, func() gpTheta) {
	zero := func() gpTheta { return gpTheta{} }
	if t != clampTheta(t) {
		return math.Inf(1), zero
	}
	n := len(a)
	K, E := gpKernel(a, t, true)
	ch, ok := gpFactor(K, t)
	if !ok {
		return math.Inf(1), zero
	}
	al, ok := ch.solve(b)
	if !ok {
		return math.Inf(1), zero
	}
	nlml := 0.5*mat.Dot(mat.NewVecDense(n, b), mat.NewVecDense(n, al)) + 0.5*ch.logDet() + 0.5*float64(n)*math.Log(2*math.Pi)
	return nlml, func() gpTheta { return gpGradient(a, t, E, ch, al) }
}

// gpGradient is ∂nlml/∂θ = ½ tr((K⁻¹ - ααᵀ) ∂K/∂θ) for the kernel factor
// matrix E, the Cholesky factor ch and α = K⁻¹b (zero when K⁻¹ is not
// available).
func gpGradient(a []float64, t gpTheta, E []float64, ch *gpChol, al []float64) gpTheta {
	var g gpTheta
	n := len(a)
	iv, ok := ch.inverse()
	if !ok {
		return g
	}
	l2 := math.Exp(2 * t[0])
	sf2, sn2 := math.Exp(2*t[1]), math.Exp(2*t[2])
	// K⁻¹ read from its upper triangle.
	for i := range n {
		for j := range n {
			w := iv.Data[min(i, j)*iv.Stride+max(i, j)] - al[i]*al[j]
			e := E[i*n+j]
			d := a[i] - a[j]
			g[0] += w * sf2 * e * d * d / l2
			g[1] += w * 2 * sf2 * e
		}
		g[2] += (iv.Data[i*iv.Stride+i] - al[i]*al[i]) * 2 * sn2
	}
	for k := range g {
		g[k] *= 0.5
	}
	return g
}

// gpResidual returns b - f̂(a) for the GP posterior mean with
// hyperparameters t: σ_n²·(K_f + σ_n²I)⁻¹b. nil when the kernel matrix
// cannot be factorized.
func gpResidual(a, b []float64, t gpTheta) []float64 {
	t = clampTheta(t)
	K, _ := gpKernel(a, t, false)
	ch, ok := gpFactor(K, t)
	if !ok {
		return nil
	}
	alpha, ok := ch.solve(b)
	if !ok {
		return nil
	}
	sn2 := math.Exp(2 * t[2])
	r := make([]float64, len(b))
	for i := range r {
		r[i] = sn2 * alpha[i]
	}
	return r
}

// gpChol is the upper Cholesky factor of a GP kernel matrix, computed by
// the LAPACK calls mat.Cholesky makes, so its solve, log-determinant and
// inverse have mat.Cholesky's bits. Like mat.Cholesky's, its solve and
// inverse fail when the condition estimate exceeds mat.ConditionTolerance;
// the estimate (LAPACK's Pocon) is skipped when a bound shows it cannot
// (see gpFactor).
type gpChol struct {
	u   blas64.Triangular
	ill bool // condition estimate above mat.ConditionTolerance
}

// gpFactor factorizes the kernel matrix K of hyperparameters t (false when
// it is not positive definite). K = σ_f²E + σ_n²I with E positive
// semi-definite, so the factored matrix (K up to Cholesky's backward error,
// at most 4n²ε‖K‖ here) has no eigenvalue below λ = σ_n² - 4n²ε‖K‖₁ -
// nεσ_f², and Pocon's estimate of cond₁ is at most ‖K‖₁·√n/λ (times a
// margin of 10 for its own rounding): when that is below the tolerance the
// estimate is not computed.
func gpFactor(K *mat.SymDense, t gpTheta) (*gpChol, bool) {
	n := K.SymmetricDim()
	src := K.RawSymmetric()
	data := make([]float64, n*n)
	for i := range n {
		copy(data[i*n+i:i*n+n], src.Data[i*src.Stride+i:i*src.Stride+n])
	}
	sym := blas64.Symmetric{N: n, Stride: n, Data: data, Uplo: blas.Upper}
	work := make([]float64, 3*n)
	norm := lapack64.Lansy(mat.CondNorm, sym, work)
	if _, ok := lapack64.Potrf(sym); !ok {
		return nil, false
	}
	c := &gpChol{u: blas64.Triangular{N: n, Stride: n, Data: data, Uplo: blas.Upper, Diag: blas.NonUnit}}
	const eps = 0x1p-52
	sf2, sn2 := math.Exp(2*t[1]), math.Exp(2*t[2])
	fn := float64(n)
	lambda := sn2 - 4*fn*fn*eps*norm - fn*eps*sf2
	if !(lambda > 0) || !(10*norm*math.Sqrt(fn)/lambda < mat.ConditionTolerance) {
		v := lapack64.Pocon(sym, norm, work, make([]int, n))
		c.ill = 1/v > mat.ConditionTolerance
	}
	return c, true
}

// solve returns K⁻¹b (false when K is ill-conditioned).
func (c *gpChol) solve(b []float64) ([]float64, bool) {
	x := append([]float64(nil), b...)
	lapack64.Potrs(c.u, blas64.General{Rows: len(x), Cols: 1, Stride: 1, Data: x})
	return x, !c.ill
}

// logDet returns log det K.
func (c *gpChol) logDet() float64 {
	var det float64
	for i := range c.u.N {
		det += 2 * math.Log(c.u.Data[i*c.u.Stride+i])
	}
	return det
}

// inverse returns K⁻¹ in the upper triangle of a symmetric matrix (false
// when K is ill-conditioned or singular).
func (c *gpChol) inverse() (blas64.Symmetric, bool) {
	u := c.u
	u.Data = append([]float64(nil), c.u.Data...)
	if _, ok := lapack64.Potri(u); !ok {
		return blas64.Symmetric{}, false
	}
	return blas64.Symmetric{N: u.N, Stride: u.Stride, Data: u.Data, Uplo: blas.Upper}, !c.ill
}
