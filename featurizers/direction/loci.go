package direction

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/causal-tool/causal/featurizers/stats"
)

// LOCI settings: the spline features and prior precision of Immer et
// al.'s convex estimator (het_fit_convex / convex_fgls), its step limit
// and tolerance, the clamp on -η₂, and the HSIC subsample bound.
const (
	lociKnots     = 25
	lociDegree    = 5
	lociDelta     = 1e-5
	lociSteps     = 200
	lociTol       = 1e-6
	lociEps       = 1e-7
	lociHSICLimit = 1000
)

// loci is LOCI (Immer et al., ICML 2023, generalization.md B12) with its
// convex spline estimator: both variables z-scored; y|x Gaussian with
// natural parameters η₁ = Φ(x)·w₁ and η₂ = -Φ(x)·w₂, w₂ >= 0, Φ the
// B-spline features of x (scikit-learn SplineTransformer, 25 uniform
// knots, degree 5, non-negative so Ψ = |Φ| = Φ), fitted by the authors'
// convex_fgls: maximum likelihood with prior precision 1e-5 on both weight
// vectors and w₂ >= 0. The problem is convex; theirs alternates a
// closed-form w₁ update with L-BFGS steps in w₂ (up to 1,000 steps), ours
// takes projected Newton steps in (w₁, w₂) jointly (up to 200) until the
// loss changes by less than 1e-6, which reaches the same optimum in far
// fewer steps;
// q(x->y) = HSIC(x, (y - μ̂(x))/σ̂(x)), the biased statistic with
// median-heuristic Gaussian kernels on at most 1,000 evenly spaced points;
// score = q(y->x) - q(x->y). (The paper's default estimator is a small
// neural network; this is its convex spline variant.)
func loci(p *prepared) float64 {
	x, y := p.splineSample(p.zX(), p.zY())
	return lociDependence(y, x, p.bounds.LOCIHSICPoints) - lociDependence(x, y, p.bounds.LOCIHSICPoints)
}

// lociDependence is HSIC(a, standardized residual of b given a), on at most
// hsicLimit evenly spaced points.
func lociDependence(a, b []float64, hsicLimit int) float64 {
	r := hetResidual(a, b)
	if r == nil {
		return math.NaN()
	}
	idx := evenIndex(len(a), hsicLimit)
	return stats.HSIC(pick(a, idx), pick(r, idx), len(idx))
}

// hetFit is the state of the convex heteroscedastic fit of b on the
// design phi (n×np).
type hetFit struct {
	phi    []float64
	np     int
	span   [][2]int // row i of phi is zero outside span[i]
	b      []float64
	w1, w2 []float64
	eta1   []float64 // Φ·w₁
	u      []float64 // -η₂ = max(Φ·w₂, ε)
	// lossV caches loss() until the next refresh when lossOK.
	lossV  float64
	lossOK bool
}

// loss is the negative log-likelihood plus the priors, over n.
func (h *hetFit) loss() float64 {
	if h.lossOK {
		return h.lossV
	}
	var nll float64
	for i, y := range h.b {
		nll += hetNLL(y, h.eta1[i], h.u[i])
	}
	h.lossV = (nll + lociDelta/2*(sumSq(h.w1)+sumSq(h.w2))) / float64(len(h.b))
	h.lossOK = true
	return h.lossV
}

// hetNLL is -log N(y; μ, σ²) with μ = η₁/(2u), σ² = 1/(2u).
func hetNLL(y, eta1, u float64) float64 {
	mu, v := eta1/(2*u), 1/(2*u)
	return 0.5*math.Log(2*math.Pi*v) + (y-mu)*(y-mu)/(2*v)
}

func sumSq(a []float64) float64 {
	var s float64
	for _, v := range a {
		s += v * v
	}
	return s
}

func (h *hetFit) refresh() {
	h.lossOK = false
	h.eta1 = predictRows(h.phi, h.np, h.span, h.w1)
	raw := predictRows(h.phi, h.np, h.span, h.w2)
	for i, v := range raw {
		h.u[i] = max(v, lociEps)
	}
}

// updateW1 is convex_fgls's closed-form step: w₁ = (Φᵀ diag(σ²) Φ +
// δI)⁻¹ Φᵀ b.
func (h *hetFit) updateW1() bool {
	s2 := make([]float64, len(h.u))
	for i, u := range h.u {
		s2[i] = 0.5 / u
	}
	// weightedRidge solves (ΦᵀWΦ + δI)c = ΦᵀW t; with W = σ² and t = b/σ²
	// the right-hand side is Φᵀb.
	t := make([]float64, len(h.b))
	for i := range t {
		t[i] = h.b[i] / s2[i]
	}
	w1 := weightedRidge(h.phi, h.np, h.span, t, s2, lociDelta)
	if w1 == nil {
		return false
	}
	h.w1 = w1
	h.refresh()
	return true
}

// newtonStep takes one projected Newton step on (w₁, w₂) jointly
// (Bertsekas' rule: w₂ entries at 0 whose gradient pushes them negative
// stay fixed), with backtracking on the loss; false when no step lowers
// it. The loss is convex in the natural parameters, which are linear in
// the weights.
func (h *hetFit) newtonStep() bool {
	np := h.np
	g1, g2 := make([]float64, len(h.b)), make([]float64, len(h.b))
	d11, d12, d22 := make([]float64, len(h.b)), make([]float64, len(h.b)), make([]float64, len(h.b))
	for i, y := range h.b {
		u, e := h.u[i], h.eta1[i]
		g1[i] = -y + e/(2*u)
		g2[i] = y*y - e*e/(4*u*u) - 1/(2*u)
		d11[i] = 1 / (2 * u)
		d12[i] = -e / (2 * u * u)
		d22[i] = e*e/(2*u*u*u) + 1/(2*u*u)
	}
	grad := make([]float64, 2*np)
	H := make([]float64, 4*np*np)
	for i := range h.b {
		// Only the row's span is visited: the zeros outside it were
		// skipped anyway, so the sums are the same.
		lo, hi := h.span[i][0], h.span[i][1]
		row := h.phi[i*np+lo : i*np+hi]
		a11, a12, a22 := d11[i], d12[i], d22[i]
		for jj, v := range row {
			if v == 0 {
				continue
			}
			j := lo + jj
			grad[j] += v * g1[i]
			grad[np+j] += v * g2[i]
			h11 := H[j*2*np+lo : j*2*np+hi]
			h12 := H[j*2*np+np+lo : j*2*np+np+hi]
			h21 := H[(np+j)*2*np+lo : (np+j)*2*np+hi]
			h22 := H[(np+j)*2*np+np+lo : (np+j)*2*np+np+hi]
			for k, w := range row {
				if w == 0 {
					continue
				}
				vw := v * w
				h11[k] += vw * a11
				h12[k] += vw * a12
				h21[k] += vw * a12
				h22[k] += vw * a22
			}
		}
	}
	for j := range np {
		grad[j] += lociDelta * h.w1[j]
		grad[np+j] += lociDelta * h.w2[j]
	}
	var free []int
	for j := range 2 * np {
		if j < np || h.w2[j-np] > 0 || grad[j] < 0 {
			free = append(free, j)
		}
	}
	m := len(free)
	A := mat.NewSymDense(m, nil)
	rhs := make([]float64, m)
	for a, j := range free {
		rhs[a] = grad[j]
		for b := a; b < m; b++ {
			v := H[j*2*np+free[b]]
			if a == b {
				v += lociDelta
			}
			A.SetSym(a, b, v)
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(A) {
		return false
	}
	var d mat.VecDense
	if err := ch.SolveVecTo(&d, mat.NewVecDense(m, rhs)); err != nil {
		return false
	}
	old := h.loss()
	w1, w2 := h.w1, h.w2
	for step := 1.0; step > 1e-10; step /= 2 {
		c1, c2 := slices.Clone(w1), slices.Clone(w2)
		for a, j := range free {
			if j < np {
				c1[j] -= step * d.AtVec(a)
			} else {
				c2[j-np] = max(c2[j-np]-step*d.AtVec(a), 0)
			}
		}
		h.w1, h.w2 = c1, c2
		h.refresh()
		if h.loss() < old {
			return true
		}
	}
	h.w1, h.w2 = w1, w2
	h.refresh()
	return false
}

// hetResidual returns (b - μ̂(a)) / σ̂(a) of the convex fit (from
// convex_fgls's start w₁ = 0, w₂ = 1 and its first closed-form w₁
// update), nil when a step fails.
func hetResidual(a, b []float64) []float64 {
	phi, np := bsplineDesign(a, lociKnots, lociDegree)
	h := &hetFit{phi: phi, np: np, span: rowSpans(phi, np), b: b, w1: make([]float64, np), w2: make([]float64, np), u: make([]float64, len(b))}
	for j := range h.w2 {
		h.w2[j] = 1
	}
	h.refresh()
	if !h.updateW1() {
		return nil
	}
	last := h.loss()
	for range lociSteps {
		if !h.newtonStep() {
			break
		}
		cur := h.loss()
		if math.Abs(cur-last) < lociTol {
			break
		}
		last = cur
	}
	r := make([]float64, len(b))
	for i := range b {
		mu, sd := h.eta1[i]/(2*h.u[i]), math.Sqrt(0.5/h.u[i])
		r[i] = (b[i] - mu) / sd
	}
	return r
}
