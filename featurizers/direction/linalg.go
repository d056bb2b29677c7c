package direction

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// weightedRidge solves min Σ w_i (y_i - Φ_i·c)² + λ‖c‖² for the n×p
// row-major design phi (w nil means unit weights) whose row i is zero
// outside span[i] (nil: no known zeros); nil when the normal equations are
// not positive definite. Skipped entries add exact zeros (the weights are
// finite), so the span only saves time.
func weightedRidge(phi []float64, p int, span [][2]int, y, w []float64, lambda float64) []float64 {
	A := mat.NewSymDense(p, nil)
	a := A.RawSymmetric()
	rhs := make([]float64, p)
	for i, yi := range y {
		row := phi[i*p : i*p+p]
		hi := p
		if span != nil {
			hi = span[i][1]
		}
		wi := 1.0
		if w != nil {
			wi = w[i]
		}
		for j, v := range row[:hi] {
			if v == 0 {
				continue
			}
			rhs[j] += wi * v * yi
			arow := a.Data[j*a.Stride : j*a.Stride+hi]
			for k := j; k < hi; k++ {
				arow[k] += wi * v * row[k]
			}
		}
	}
	for j := range p {
		a.Data[j*a.Stride+j] += lambda
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

// predictRows returns Φ·c for the n×p row-major design phi whose row i is
// zero outside span[i] (nil: no known zeros). The skipped terms are exact
// zeros when c is finite; otherwise every term is summed.
func predictRows(phi []float64, p int, span [][2]int, c []float64) []float64 {
	out := make([]float64, len(phi)/p)
	if span == nil || !finiteAll(c) {
		for i := range out {
			var s float64
			for j, v := range phi[i*p : i*p+p] {
				s += v * c[j]
			}
			out[i] = s
		}
		return out
	}
	for i := range out {
		lo, hi := span[i][0], span[i][1]
		var s float64
		for j, v := range phi[i*p+lo : i*p+hi] {
			s += v * c[lo+j]
		}
		out[i] = s
	}
	return out
}

// rowSpans returns, for each row of the n×p row-major design phi, the
// half-open range of columns outside which the row is zero.
func rowSpans(phi []float64, p int) [][2]int {
	out := make([][2]int, len(phi)/p)
	for i := range out {
		row := phi[i*p : i*p+p]
		lo, hi := 0, p
		for lo < hi && row[lo] == 0 {
			lo++
		}
		for hi > lo && row[hi-1] == 0 {
			hi--
		}
		out[i] = [2]int{lo, hi}
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
