package direction

// reciPaper is RECI (Blöbaum et al., AISTATS 2018) with the shifted
// monomial regressor of its reference implementation (CDT's RECI, degree
// 3 with the x and x² terms removed: b ≈ β₀ + β₃a³), generalization.md B3:
// both variables min-max scaled to [0, 1], q(a->b) = in-sample MSE of that
// least-squares fit; score = MSE(x|y) - MSE(y|x).
func reciPaper(p *prepared) float64 {
	ux, uy := p.unitX(), p.unitY()
	return monomialMSE(uy, ux) - monomialMSE(ux, uy)
}

// monomialMSE is the mean squared residual of b regressed on (1, a³).
func monomialMSE(a, b []float64) float64 {
	c := make([]float64, len(a))
	for i, v := range a {
		c[i] = v * v * v
	}
	return simpleSSE(c, b) / float64(len(a))
}

// simpleSSE is the residual sum of squares of the least-squares line of b
// on a (the total sum of squares when a is constant, as R's lm drops an
// aliased column).
func simpleSSE(a, b []float64) float64 {
	_, _, sse := simpleFit(a, b)
	return sse
}

// simpleFit returns the intercept, slope and residual sum of squares of the
// least-squares line b ≈ c0 + c1·a. The slope is 0 when a is constant
// relative to its scale (R's lm tolerance 1e-7 on the centred column).
func simpleFit(a, b []float64) (c0, c1, sse float64) {
	n := float64(len(a))
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= n
	mb /= n
	var saa, sab, sbb, raw float64
	for i := range a {
		da, db := a[i]-ma, b[i]-mb
		saa += da * da
		sab += da * db
		sbb += db * db
		raw += a[i] * a[i]
	}
	if !(saa > 1e-14*raw) || saa == 0 {
		return mb, 0, sbb
	}
	c1 = sab / saa
	c0 = mb - c1*ma
	for i := range a {
		r := b[i] - c0 - c1*a[i]
		sse += r * r
	}
	return c0, c1, sse
}
