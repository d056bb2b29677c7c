package infotheory

import "math"

// polyFit returns the least-squares polynomial coefficients c (c[j] of x^j,
// j = 0..deg) of y on x by the normal equations (x should be z-scored for
// conditioning), or nil when they are singular.
func polyFit(x, y []float64, deg int) []float64 {
	p := deg + 1
	var pw [9]float64  // Σ x^k, k = 0..2deg
	var rhs [5]float64 // Σ x^k y
	for i, v := range x {
		t := 1.0
		for k := 0; k <= 2*deg; k++ {
			pw[k] += t
			if k < p {
				rhs[k] += t * y[i]
			}
			t *= v
		}
	}
	a := make([][]float64, p)
	for r := range a {
		a[r] = make([]float64, p+1)
		for c := 0; c < p; c++ {
			a[r][c] = pw[r+c]
		}
		a[r][p] = rhs[r]
	}
	return solve(a)
}

// solve solves the augmented system a (p x p+1) by Gaussian elimination with
// partial pivoting; nil when singular.
func solve(a [][]float64) []float64 {
	p := len(a)
	for c := 0; c < p; c++ {
		piv := c
		for r := c + 1; r < p; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[piv][c]) {
				piv = r
			}
		}
		if math.Abs(a[piv][c]) < 1e-12*math.Abs(a[0][0]) || a[piv][c] == 0 {
			return nil
		}
		a[c], a[piv] = a[piv], a[c]
		for r := c + 1; r < p; r++ {
			f := a[r][c] / a[c][c]
			for k := c; k <= p; k++ {
				a[r][k] -= f * a[c][k]
			}
		}
	}
	out := make([]float64, p)
	for r := p - 1; r >= 0; r-- {
		s := a[r][p]
		for k := r + 1; k < p; k++ {
			s -= a[r][k] * out[k]
		}
		out[r] = s / a[r][r]
	}
	return out
}

// polyVal evaluates the polynomial with coefficients c (ascending) at v.
func polyVal(c []float64, v float64) float64 {
	var s float64
	for j := len(c) - 1; j >= 0; j-- {
		s = s*v + c[j]
	}
	return s
}
