package direction

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// sloppy is SLOPPY with its default spline regressor, SloppyS (Marx &
// Vreeken, KDD 2019; code v2019-05-23, generalization.md B10): both
// variables min-max scaled; 0 (undecided) when either has at most 4
// distinct values; Score(x->y) = min over the smoothing-spline fits of y
// on x with df = 1 (the mean), 2, 3, … (stopping once the achieved df stops
// increasing) of BIC = n·log₂(RSS/n + 1) + df·log₂ n; score = ±(1 -
// min/max) of the two scores, positive when Score(x->y) is the smaller
// (the code's ε with our sign). The smoothing spline is a cubic B-spline
// with smooth.spline's knot rule and the ∫f”² penalty, its df the trace of
// the smoother. Fits are skipped once their df·log₂ n alone exceeds the
// best score, which cannot change the minimum.
func sloppy(p *prepared) float64 {
	if distinctCount(p.x) <= 4 || distinctCount(p.y) <= 4 {
		return 0
	}
	x, y := p.splineSample(p.unitX(), p.unitY())
	sxy, syx := sloppyScore(y, x), sloppyScore(x, y)
	if math.IsNaN(sxy) || math.IsNaN(syx) {
		return math.NaN()
	}
	ratio := min(sxy, syx) / max(sxy, syx)
	switch {
	case sxy < syx:
		return 1 - ratio
	case sxy > syx:
		return -(1 - ratio)
	}
	return 0
}

func distinctCount(a []float64) int {
	s := slices.Clone(a)
	slices.Sort(s)
	return len(slices.Compact(s))
}

// sloppyScore is the best BIC of the smoothing-spline fits of y on x.
func sloppyScore(y, x []float64) float64 {
	n := float64(len(x))
	bic := func(rss, df float64) float64 { return n*math.Log2(rss/n+1) + df*math.Log2(n) }
	sp := newSmoothingSpline(x, y)
	if sp == nil {
		return math.NaN()
	}
	best := bic(sp.tss, 1)
	last := math.NaN()
	for target := 2; target <= sp.nx; target++ {
		// A fit of df >= target-1 (the achieved df never falls below the
		// previous target's) costs at least (target-1)·log₂ n.
		if float64(target-1)*math.Log2(n) >= best && target > 2 {
			break
		}
		rss, df := sp.fitDF(float64(target))
		if target > 2 && df <= float64(target) && df == last {
			break
		}
		last = df
		best = min(best, bic(rss, df))
	}
	return best
}

// smoothingSpline is a cubic smoothing spline of y on x in Demmler–Reinsch
// form: for penalty λ the fitted coefficients in the rotated basis are
// b_k/(1+λ s_k), so df and RSS cost O(p) per λ.
type smoothingSpline struct {
	nx     int       // distinct x values
	s, b   []float64 // penalty eigenvalues and rotated right-hand side
	yWy    float64   // Σ w·ȳ² over distinct x
	within float64   // sum of squares of y within ties of x
	tss    float64   // total sum of squares of y about its mean
	// smax and spos are the largest and smallest positive eigenvalues,
	// nullity the number of zero ones.
	smax, spos float64
	nullity    int
}

// newSmoothingSpline sets up the fit (nil when the basis is degenerate).
func newSmoothingSpline(x, y []float64) *smoothingSpline {
	ord := stableOrder(x)
	var ux, w, ym []float64
	sp := &smoothingSpline{}
	var mean float64
	for _, v := range y {
		mean += v
	}
	mean /= float64(len(y))
	for _, v := range y {
		sp.tss += (v - mean) * (v - mean)
	}
	for s := 0; s < len(ord); {
		e := s
		var sum float64
		for e < len(ord) && x[ord[e]] == x[ord[s]] {
			sum += y[ord[e]]
			e++
		}
		m := sum / float64(e-s)
		for _, i := range ord[s:e] {
			sp.within += (y[i] - m) * (y[i] - m)
		}
		ux, w, ym = append(ux, x[ord[s]]), append(w, float64(e-s)), append(ym, m)
		s = e
	}
	sp.nx = len(ux)
	knots := splineKnots(ux)
	if len(knots) < 2 {
		return nil
	}
	t := append(append([]float64{knots[0], knots[0], knots[0]}, knots...), knots[len(knots)-1], knots[len(knots)-1], knots[len(knots)-1])
	p := len(t) - 4
	G := mat.NewSymDense(p, nil)
	g := G.RawSymmetric()
	rhs := make([]float64, p)
	N := make([]float64, len(t))
	for i, v := range ux {
		bsplineValues(t, 3, v, N)
		// Past the last non-zero basis value the products are exact
		// zeros, which would leave G unchanged.
		hi := p
		for hi > 0 && N[hi-1] == 0 {
			hi--
		}
		for j := range hi {
			if N[j] == 0 {
				continue
			}
			rhs[j] += w[i] * N[j] * ym[i]
			grow := g.Data[j*g.Stride : j*g.Stride+hi]
			for k := j; k < hi; k++ {
				grow[k] += w[i] * N[j] * N[k]
			}
		}
		sp.yWy += w[i] * ym[i] * ym[i]
	}
	var tr float64
	for j := range p {
		tr += G.At(j, j)
	}
	for j := range p {
		G.SetSym(j, j, G.At(j, j)+1e-10*tr/float64(p))
	}
	var ch mat.Cholesky
	if !ch.Factorize(G) {
		return nil
	}
	var L mat.TriDense
	ch.LTo(&L)
	Om := curvaturePenalty(t, p)
	// M = L⁻¹ Ω L⁻ᵀ.
	var Li mat.TriDense
	if err := Li.InverseTri(&L); err != nil {
		return nil
	}
	var M mat.Dense
	M.Mul(lowerTimesSym(&Li, Om), Li.T())
	Ms := mat.NewSymDense(p, nil)
	ms, md := Ms.RawSymmetric(), M.RawMatrix()
	for i := range p {
		for j := i; j < p; j++ {
			ms.Data[i*ms.Stride+j] = (md.Data[i*md.Stride+j] + md.Data[j*md.Stride+i]) / 2
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(Ms, true) {
		return nil
	}
	sp.s = eig.Values(nil)
	var U mat.Dense
	eig.VectorsTo(&U)
	var lr, b mat.VecDense
	lr.MulVec(&Li, mat.NewVecDense(p, rhs))
	b.MulVec(U.T(), &lr)
	sp.b = b.RawVector().Data
	// Eigenvalues below 1e-9·smax belong to the penalty's null space (the
	// lines): they are set to exactly 0, and a target df at or below their
	// count is the λ → ∞ limit, the least-squares line.
	sp.smax = slices.Max(sp.s)
	sp.spos = sp.smax
	for k, v := range sp.s {
		if v < 1e-9*sp.smax {
			sp.s[k] = 0
			sp.nullity++
		} else {
			sp.spos = min(sp.spos, v)
		}
	}
	return sp
}

// fitDF returns the RSS and df of the fit whose df is closest to target
// (the largest df reachable when target exceeds it).
func (sp *smoothingSpline) fitDF(target float64) (rss, df float64) {
	at := func(lambda float64) (float64, float64) {
		var d, bc, cc float64
		for k, s := range sp.s {
			f := 1 / (1 + lambda*s)
			d += f
			c := sp.b[k] * f
			bc += sp.b[k] * c
			cc += c * c
		}
		return max(sp.yWy-2*bc+cc, 0) + sp.within, d
	}
	if sp.smax <= 0 {
		return at(0)
	}
	null := sp.nullity
	if target <= float64(null) {
		var bc float64
		for k, s := range sp.s {
			if s == 0 {
				bc += sp.b[k] * sp.b[k]
			}
		}
		return max(sp.yWy-bc, 0) + sp.within, float64(null)
	}
	lo, hi := math.Log(1e-10/sp.smax), math.Log(1e10/sp.spos)
	if _, d := at(math.Exp(lo)); d <= target {
		return at(math.Exp(lo))
	}
	if _, d := at(math.Exp(hi)); d >= target {
		return at(math.Exp(hi))
	}
	for range 60 {
		mid := (lo + hi) / 2
		if _, d := at(math.Exp(mid)); d > target {
			lo = mid
		} else {
			hi = mid
		}
	}
	return at(math.Exp((lo + hi) / 2))
}

// splineKnots picks smooth.spline's knots among the ascending distinct
// values ux: all of them up to 49, else .nknots.smspl(n) evenly spaced.
func splineKnots(ux []float64) []float64 {
	n := len(ux)
	k := n
	if n > 49 {
		a1, a2, a3, a4 := math.Log2(50), math.Log2(100), math.Log2(140), math.Log2(200)
		fn := float64(n)
		var v float64
		switch {
		case n < 200:
			v = math.Pow(2, a1+(a2-a1)*(fn-50)/150)
		case n < 800:
			v = math.Pow(2, a2+(a3-a2)*(fn-200)/600)
		case n < 3200:
			v = math.Pow(2, a3+(a4-a3)*(fn-800)/2400)
		default:
			v = 200 + math.Pow(fn-3200, 0.2)
		}
		k = int(v)
	}
	out := make([]float64, k)
	for i := range out {
		j := 0
		if k > 1 {
			j = int(math.Round(float64(i) * float64(n-1) / float64(k-1)))
		}
		out[i] = ux[j]
	}
	return slices.Compact(out)
}

// curvaturePenalty returns Ω_jk = ∫ B_j” B_k” for the cubic B-splines on
// knots t: B” is linear on each knot interval, so two-point Gauss
// quadrature is exact, and a central second difference is exact for a
// cubic.
func curvaturePenalty(t []float64, p int) *mat.SymDense {
	Om := mat.NewSymDense(p, nil)
	om := Om.RawSymmetric()
	g := 1 / math.Sqrt(3)
	N0, N1, N2 := make([]float64, len(t)), make([]float64, len(t)), make([]float64, len(t))
	d2 := make([]float64, p)
	for i := 3; i < len(t)-4; i++ {
		a, b := t[i], t[i+1]
		if b <= a {
			continue
		}
		h := b - a
		delta := h * 1e-3
		for _, q := range []float64{-g, g} {
			v := (a+b)/2 + q*h/2
			bsplineValues(t, 3, v-delta, N0)
			bsplineValues(t, 3, v, N1)
			bsplineValues(t, 3, v+delta, N2)
			for j := range p {
				d2[j] = (N0[j] - 2*N1[j] + N2[j]) / (delta * delta)
			}
			for j := range p {
				if d2[j] == 0 {
					continue
				}
				orow := om.Data[j*om.Stride : j*om.Stride+p]
				for k := j; k < p; k++ {
					if d2[k] != 0 { // a zero adds an exact zero
						orow[k] += h / 2 * d2[j] * d2[k]
					}
				}
			}
		}
	}
	return Om
}

// lowerTimesSym returns L·S for lower-triangular L and symmetric S with the
// sums gonum's generic Dense.Mul forms (Σ_i L_ri S_ic in ascending i), but
// only over the terms where both factors can be non-zero: L_ri is zero
// for i > r and S_ic outside column c's non-zero rows, and with finite
// factors those terms add exact zeros. Non-finite input takes Dense.Mul.
func lowerTimesSym(L *mat.TriDense, S *mat.SymDense) *mat.Dense {
	p, _ := L.Dims()
	var out mat.Dense
	l, s := L.RawTriangular(), S.RawSymmetric()
	if l.Uplo != blas.Lower || s.Uplo != blas.Upper || !finiteTri(l) || !finiteSym(s) {
		out.Mul(L, S)
		return &out
	}
	// full is S with both triangles, row c = column c; lo/hi bound its
	// non-zeros.
	full := make([]float64, p*p)
	lo, hi := make([]int, p), make([]int, p)
	for i := range p {
		for j := i; j < p; j++ {
			v := s.Data[i*s.Stride+j]
			full[i*p+j], full[j*p+i] = v, v
		}
	}
	for c := range p {
		col := full[c*p : c*p+p]
		a, b := 0, p
		for a < b && col[a] == 0 {
			a++
		}
		for b > a && col[b-1] == 0 {
			b--
		}
		lo[c], hi[c] = a, b
	}
	data := make([]float64, p*p)
	for r := range p {
		row := l.Data[r*l.Stride : r*l.Stride+r+1]
		for c := range p {
			col := full[c*p : c*p+p]
			var v float64
			for i := lo[c]; i < min(hi[c], r+1); i++ {
				v += row[i] * col[i]
			}
			data[r*p+c] = v
		}
	}
	out.SetRawMatrix(blas64.General{Rows: p, Cols: p, Stride: p, Data: data})
	return &out
}

func finiteTri(t blas64.Triangular) bool {
	for i := range t.N {
		if !finiteAll(t.Data[i*t.Stride : i*t.Stride+i+1]) {
			return false
		}
	}
	return true
}

func finiteSym(t blas64.Symmetric) bool {
	for i := range t.N {
		if !finiteAll(t.Data[i*t.Stride+i : i*t.Stride+t.N]) {
			return false
		}
	}
	return true
}
