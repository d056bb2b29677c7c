package direction

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// weightedRidge solves min Σ w_i (y_i - Φ_i·c)² + λ‖c‖² for the n×p
// row-major design phi (w nil means unit weights); nil when the normal
// equations are not positive definite.
func weightedRidge(phi []float64, p int, y, w []float64, lambda float64) []float64 {
	A := mat.NewSymDense(p, nil)
	rhs := make([]float64, p)
	for i, yi := range y {
		row := phi[i*p : i*p+p]
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		for j, v := range row {
			if v == 0 {
				continue
			}
			rhs[j] += wi * v * yi
			for k := j; k < p; k++ {
				A.SetSym(j, k, A.At(j, k)+wi*v*row[k])
			}
		}
	}
	for j := range p {
		A.SetSym(j, j, A.At(j, j)+lambda)
	}
	var ch mat.Cholesky
	if !ch.Factorize(A) {
		return nil
	}
	var c mat.VecDense
	if err := ch.SolveVecTo(&c, mat.NewVecDense(p, rhs)); err != nil {
		return nil
	}
	return c.RawVector().Data
}

// predictRows returns Φ·c for the n×p row-major design phi.
func predictRows(phi []float64, p int, c []float64) []float64 {
	out := make([]float64, len(phi)/p)
	for i := range out {
		var s float64
		for j, v := range phi[i*p : i*p+p] {
			s += v * c[j]
		}
		out[i] = s
	}
	return out
}

// bsplineDesign returns the n×p row-major B-spline design of a, and p, as
// scikit-learn's SplineTransformer(n_knots, degree) builds it: n_knots
// uniform knots from min to max of a, extended by degree equal steps on
// each side, giving n_knots + degree - 1 basis functions.
func bsplineDesign(a []float64, nKnots, degree int) ([]float64, int) {
	lo, hi := a[0], a[0]
	for _, v := range a {
		lo, hi = min(lo, v), max(hi, v)
	}
	h := (hi - lo) / float64(nKnots-1)
	t := make([]float64, nKnots+2*degree)
	for i := range t {
		t[i] = lo + float64(i-degree)*h
	}
	p := len(t) - degree - 1
	out := make([]float64, len(a)*p)
	N := make([]float64, len(t))
	for r, v := range a {
		bsplineValues(t, degree, v, N)
		copy(out[r*p:r*p+p], N[:p])
	}
	return out, p
}

// bsplineValues fills N[0:len(t)-degree-1] with the B-spline basis values
// of the given degree on knots t at v (Cox–de Boor); v at the last interior
// knot belongs to the last interval.
func bsplineValues(t []float64, degree int, v float64, N []float64) {
	m := len(t) - 1
	for i := range N {
		N[i] = 0
	}
	span := -1
	for i := degree; i < m-degree; i++ {
		if v >= t[i] && v < t[i+1] {
			span = i
			break
		}
	}
	if span < 0 {
		span = m - degree - 1
		if v < t[degree] {
			span = degree
		}
	}
	N[span] = 1
	for d := 1; d <= degree; d++ {
		for i := span - d; i <= span; i++ {
			var val float64
			if den := t[i+d] - t[i]; den > 0 && N[i] != 0 {
				val += (v - t[i]) / den * N[i]
			}
			if den := t[i+d+1] - t[i+1]; den > 0 && i+1 < len(N) && N[i+1] != 0 {
				val += (t[i+d+1] - v) / den * N[i+1]
			}
			N[i] = val
		}
	}
	for i := range N {
		if math.IsNaN(N[i]) {
			N[i] = 0
		}
	}
}
