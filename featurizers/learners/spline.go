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
// equations in O(n) and solves them by Cholesky (gonum's LAPACK). Predictions are
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
	st, m := regPrelude(y, a)
	if m != nil {
		return m
	}
	if x.IsCategorical() {
		return constReg{st.center}
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

// basis is a clamped cubic B-spline basis on knot vector t.
type basis struct{ t []float64 }

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
	return basis{t: t}
}

// size returns the number of basis functions.
func (b basis) size() int { return len(b.t) - 4 }

// eval writes the 4 non-zero basis values at v (clipped to the knot range)
// into N and returns the index of the last of them; the search for it starts
// at span when v is not below t[span] (ascending queries), else at 3.
func (b basis) eval(v float64, N *[4]float64, span int) int {
	t := b.t
	p := b.size()
	v = math.Max(t[0], math.Min(v, t[len(t)-1]))
	if span < 3 || span > p-1 || !(t[span] <= v) {
		span = 3
	}
	for span < p-1 && t[span+1] <= v {
		span++
	}
	var left, right [4]float64
	N[0] = 1
	for j := 1; j <= 3; j++ {
		left[j] = v - t[span+1-j]
		right[j] = t[span+j] - v
		saved := 0.0
		for r := range j {
			den := right[r+1] + left[j-r]
			temp := 0.0
			if den != 0 {
				temp = N[r] / den
			}
			N[r] = saved + right[r+1]*temp
			saved = left[j-r] * temp
		}
		N[j] = saved
	}
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

// gcvSolve solves (A + lambda P) c = b (p x p row-major matrices) for the
// lambda of splineLambdas with the smallest generalized cross-validation
// score n RSS / (n - edf)^2, edf = tr((A + lambda P)^-1 A).
func gcvSolve(A, b, P []float64, p int, yty, n float64, ar *arena) []float64 {
	trA, trP := 0.0, 0.0
	for i := range p {
		trA += A[i*p+i]
		trP += P[i*p+i]
	}
	scale := trA / math.Max(trP, 1)
	M := ar.floats(p * p)
	rhs := ar.floats(p * (p + 1)) // column 0: b; columns 1..p: A
	var best []float64
	bestScore := math.Inf(1)
	for _, r := range splineLambdas {
		lambda := r * scale
		for i := range p {
			for j := range p {
				M[i*p+j] = A[i*p+j] + lambda*P[i*p+j]
				rhs[i*(p+1)+1+j] = A[i*p+j]
			}
			M[i*p+i] = M[i*p+i]*(1+1e-12) + 1e-300
			rhs[i*(p+1)] = b[i]
		}
		if !cholSolve(M, p, rhs, p+1) {
			continue
		}
		edf, cb, cAc := 0.0, 0.0, 0.0
		for i := range p {
			ci := rhs[i*(p+1)]
			edf += rhs[i*(p+1)+1+i]
			cb += ci * b[i]
			for j := range p {
				cAc += ci * A[i*p+j] * rhs[j*(p+1)]
			}
		}
		if n-edf <= 0 {
			continue
		}
		rss := math.Max(0, yty-2*cb+cAc)
		if score := n * rss / ((n - edf) * (n - edf)); score < bestScore {
			bestScore = score
			best = best[:0]
			for i := range p {
				best = append(best, rhs[i*(p+1)])
			}
		}
	}
	return best
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
