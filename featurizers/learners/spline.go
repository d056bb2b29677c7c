package learners

import "math"

// Spline settings: at most splineKnots interior knots (one per splineRows
// distinct values), penalty weights tried by generalized cross-validation.
const (
	splineKnots = 20
	splineRows  = 5
)

// splineLambdas are the penalty weights tried, relative to tr(B'WB)/tr(D'D).
var splineLambdas = [...]float64{1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100}

// spline is a penalized cubic regression spline (P-spline): cubic B-splines
// with up to 20 interior knots at quantiles of x, a penalty on the second
// divided differences of the coefficients (zero for lines), and the penalty weight chosen by generalized
// cross-validation among 9 values. The fit accumulates the small normal
// equations in O(n) and solves them by banded Cholesky, O(knots) per penalty. Predictions are
// clipped to the training range of x (constant extrapolation). Categorical x
// is refused.
type spline struct{}

// Name implements Regressor.
func (spline) Name() string { return "spline" }

// AcceptsCategorical implements Regressor.
func (spline) AcceptsCategorical() bool { return false }

// Fit implements Regressor.
func (spline) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := numericPrelude(x, y, a)
	if m != nil {
		return m
	}
	g := x.groups()
	G := len(g.ux)
	if G < 2 {
		return constReg{st.center}
	}
	sz := a.floats(G)
	yty := 0.0
	for r, gi := range g.gid {
		sz[gi] += st.z[r]
		yty += st.z[r] * st.z[r]
	}
	bs := newBasis(x, g)
	p := bs.size()
	ad := a.floats(p * p)
	bd := make([]float64, p)
	var N [4]float64
	span := 3
	for i, v := range g.ux {
		span = bs.eval(v, &N, span)
		for j := range 4 {
			ia := span - 3 + j
			bd[ia] += N[j] * sz[i]
			for c := j; c < 4; c++ {
				ad[ia*p+span-3+c] += g.cnt[i] * N[j] * N[c]
			}
		}
	}
	for i := range p {
		for j := range i {
			ad[i*p+j] = ad[j*p+i]
		}
	}
	coef := gcvSolve(ad, bd, bs.diffPenalty(), p, yty, float64(len(y)), a)
	if coef == nil {
		return constReg{st.center}
	}
	return splineModel{basis: bs, coef: coef, center: st.center, sd: st.sd}
}

// basis is a clamped cubic B-spline basis on knot vector t; inv holds, per
// span, the reciprocals of the knot differences de Boor's recursion divides
// by (0 for repeated knots).
type basis struct {
	t   []float64
	inv [][6]float64
}

// newBasis places the interior knots at quantiles of the rows of x.
func newBasis(x Input, g groups) basis {
	lo, hi := g.ux[0], g.ux[len(g.ux)-1]
	q := min(splineKnots, len(g.ux)/splineRows)
	t := []float64{lo, lo, lo, lo}
	order := x.sorted()
	n := len(order)
	for j := 1; j <= q; j++ {
		v := x.X[order[j*n/(q+1)]]
		if v > t[len(t)-1] && v < hi {
			t = append(t, v)
		}
	}
	t = append(t, hi, hi, hi, hi)
	b := basis{t: t, inv: make([][6]float64, len(t))}
	recip := func(d float64) float64 {
		if d == 0 {
			return 0
		}
		return 1 / d
	}
	for i := 3; i < len(t)-4; i++ {
		b.inv[i] = [6]float64{recip(t[i+1] - t[i]), recip(t[i+1] - t[i-1]), recip(t[i+2] - t[i]),
			recip(t[i+1] - t[i-2]), recip(t[i+2] - t[i-1]), recip(t[i+3] - t[i])}
	}
	return b
}

// size returns the number of basis functions.
func (b basis) size() int { return len(b.t) - 4 }

// eval writes the 4 non-zero basis values at v (clipped to the knot range)
// into N and returns the index of the last of them; the search for it starts
// at span when v is not below t[span] (ascending queries), else at 3.
func (b basis) eval(v float64, N *[4]float64, span int) int {
	t := b.t
	p := b.size()
	if v < t[0] {
		v = t[0]
	} else if v > t[len(t)-1] {
		v = t[len(t)-1]
	}
	if span < 3 || span > p-1 || !(t[span] <= v) {
		span = 3
	}
	for span < p-1 && t[span+1] <= v {
		span++
	}
	d := &b.inv[span]
	l1, r1 := v-t[span], t[span+1]-v
	l2, r2 := v-t[span-1], t[span+2]-v
	l3, r3 := v-t[span-2], t[span+3]-v
	// de Boor's recursion, degree 1 to 3
	a := d[0]
	n0, n1 := r1*a, l1*a
	a0, a1 := n0*d[1], n1*d[2]
	n0, n1, n2 := r1*a0, l2*a0+r2*a1, l1*a1
	a0, a1, a2 := n0*d[3], n1*d[4], n2*d[5]
	N[0], N[1], N[2], N[3] = r1*a0, l3*a0+r2*a1, l2*a1+r3*a2, l1*a2
	return span
}

// diffPenalty returns D'D for the second divided differences D of the
// coefficients at their Greville abscissae (scaled by the mean spacing
// squared, so that on uniform knots D is the plain second difference). A
// line has zero penalty whatever the knot spacing.
func (b basis) diffPenalty() []float64 {
	p := b.size()
	g := make([]float64, p)
	for j := range g {
		g[j] = (b.t[j+1] + b.t[j+2] + b.t[j+3]) / 3
	}
	hbar := (g[p-1] - g[0]) / float64(p-1)
	P := make([]float64, p*p)
	for r := 0; r+2 < p; r++ {
		m := (g[r+2] - g[r]) / 2
		d0 := hbar * hbar / ((g[r+1] - g[r]) * m)
		d2 := hbar * hbar / ((g[r+2] - g[r+1]) * m)
		d := [3]float64{d0, -d0 - d2, d2}
		for a := range 3 {
			for c := a; c < 3; c++ {
				P[(r+a)*p+r+c] += d[a] * d[c]
				if c != a {
					P[(r+c)*p+r+a] += d[a] * d[c]
				}
			}
		}
	}
	return P
}

// splineBand is the half-bandwidth of the spline's normal equations: cubic
// B-splines overlap 3 neighbours, the second-difference penalty 2.
const splineBand = 3

// gcvSolve solves (A + lambda P) c = b (p x p row-major banded matrices) for
// the lambda of splineLambdas with the smallest generalized cross-validation
// score n RSS / (n - edf)^2, edf = tr((A + lambda P)^-1 A). Each lambda costs
// O(p): a banded Cholesky factor and the band of the inverse
// (Hutchinson & de Hoog's recursion), which is all the trace needs.
func gcvSolve(A, b, P []float64, p int, yty, n float64, ar *arena) []float64 {
	trA, trP := 0.0, 0.0
	for i := range p {
		trA += A[i*p+i]
		trP += P[i*p+i]
	}
	scale := trA / math.Max(trP, 1)
	M, L, S := ar.floats(p*p), ar.floats(p*p), ar.floats(p*p)
	c, z := ar.floats(p), ar.floats(p)
	var best []float64
	bestScore := math.Inf(1)
	for _, r := range splineLambdas {
		lambda := r * scale
		for i := range p {
			for j := max(0, i-splineBand); j <= min(p-1, i+splineBand); j++ {
				M[i*p+j] = A[i*p+j] + lambda*P[i*p+j]
			}
			M[i*p+i] = M[i*p+i]*(1+1e-12) + 1e-300
		}
		if !bandCholesky(M, L, p) {
			continue
		}
		bandSolve(L, p, b, z, c)
		bandInverse(L, S, p)
		edf, cb, cAc := 0.0, 0.0, 0.0
		for i := range p {
			cb += c[i] * b[i]
			for j := max(0, i-splineBand); j <= min(p-1, i+splineBand); j++ {
				edf += S[i*p+j] * A[j*p+i]
				cAc += c[i] * A[i*p+j] * c[j]
			}
		}
		if n-edf <= 0 {
			continue
		}
		rss := math.Max(0, yty-2*cb+cAc)
		if score := n * rss / ((n - edf) * (n - edf)); score < bestScore {
			bestScore = score
			best = append(best[:0], c...)
		}
	}
	return best
}

// bandCholesky writes the lower Cholesky factor L of the banded symmetric
// M (half-bandwidth splineBand, p x p row-major); false unless positive definite.
func bandCholesky(M, L []float64, p int) bool {
	for j := range p {
		s := M[j*p+j]
		for k := max(0, j-splineBand); k < j; k++ {
			s -= L[j*p+k] * L[j*p+k]
		}
		if !(s > 0) {
			return false
		}
		L[j*p+j] = math.Sqrt(s)
		for i := j + 1; i <= min(p-1, j+splineBand); i++ {
			v := M[i*p+j]
			for k := max(0, i-splineBand); k < j; k++ {
				v -= L[i*p+k] * L[j*p+k]
			}
			L[i*p+j] = v / L[j*p+j]
		}
	}
	return true
}

// bandSolve solves L L' c = b with the banded factor L (z is scratch).
func bandSolve(L []float64, p int, b, z, c []float64) {
	for i := range p {
		v := b[i]
		for k := max(0, i-splineBand); k < i; k++ {
			v -= L[i*p+k] * z[k]
		}
		z[i] = v / L[i*p+i]
	}
	for i := p - 1; i >= 0; i-- {
		v := z[i]
		for k := i + 1; k <= min(p-1, i+splineBand); k++ {
			v -= L[k*p+i] * c[k]
		}
		c[i] = v / L[i*p+i]
	}
}

// bandInverse writes the band (|i-j| <= splineBand) of S = (L L')^-1 from
// the banded factor L: L_ii S_ij + sum_{k=i+1}^{i+band} L_ki S_kj = [i=j]/L_ii.
func bandInverse(L, S []float64, p int) {
	for i := p - 1; i >= 0; i-- {
		for j := min(p-1, i+splineBand); j >= i; j-- {
			v := 0.0
			if i == j {
				v = 1 / L[i*p+i]
			}
			for k := i + 1; k <= min(p-1, i+splineBand); k++ {
				kj := S[k*p+j]
				if j < k {
					kj = S[j*p+k]
				}
				v -= L[k*p+i] * kj
			}
			S[i*p+j] = v / L[i*p+i]
			S[j*p+i] = S[i*p+j]
		}
	}
}

// splineModel evaluates the fitted spline.
type splineModel struct {
	basis      basis
	coef       []float64
	center, sd float64
}

// Predict implements RegModel.
func (m splineModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	var N [4]float64
	span := 3
	for _, i := range x.sorted() {
		span = m.basis.eval(x.X[i], &N, span)
		f := 0.0
		for a := range 4 {
			f += N[a] * m.coef[span-3+a]
		}
		out[i] = m.center + m.sd*f
	}
}
