package learners

// isotonic is isotonic regression by the pool-adjacent-violators algorithm on
// the distinct x values (tied rows share one fitted value). Both an increasing
// and a decreasing fit are computed and the one with the smaller squared error
// is kept (increasing on a tie). Predictions interpolate linearly between the
// fitted values of consecutive distinct training x and are clipped to the end
// values outside the training range (scikit-learn's out_of_bounds="clip").
// Categorical x is refused (codes have no order).
type isotonic struct{}

// Name implements Regressor.
func (isotonic) Name() string { return "isotonic" }

// AcceptsCategorical implements Regressor.
func (isotonic) AcceptsCategorical() bool { return false }

// Fit implements Regressor.
func (isotonic) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := numericPrelude(x, y, a)
	if m != nil {
		return m
	}
	g := x.groups()
	G := len(g.ux)
	mean := a.floats(G)
	for r, gi := range g.gid {
		mean[gi] += st.z[r]
	}
	for i := range mean {
		mean[i] /= g.cnt[i]
	}
	up := pava(mean, g.cnt, 1, a)
	down := pava(mean, g.cnt, -1, a)
	best := up
	if sse(down, mean, g.cnt) < sse(up, mean, g.cnt) {
		best = down
	}
	fit := make([]float64, G)
	for i, v := range best {
		fit[i] = st.center + st.sd*v
	}
	return interpModel{ux: g.ux, fy: fit, center: st.center}
}

// pava returns the weighted least-squares fit of v that is non-decreasing
// (sign 1) or non-increasing
// (sign -1), as a slice from ar.
func pava(v, w []float64, sign float64, ar *arena) []float64 {
	// blocks: weighted sums bs, weights bw and sizes bn (a stack)
	bs, bw, bn := ar.floats(len(v)), ar.floats(len(v)), ar.int32s(len(v))
	top := -1
	for i, x := range v {
		top++
		bs[top], bw[top], bn[top] = sign*x*w[i], w[i], 1
		for top > 0 && bs[top-1]*bw[top] > bs[top]*bw[top-1] {
			bs[top-1] += bs[top]
			bw[top-1] += bw[top]
			bn[top-1] += bn[top]
			top--
		}
	}
	fit := ar.floats(len(v))[:0]
	for b := 0; b <= top; b++ {
		m := sign * bs[b] / bw[b]
		for range bn[b] {
			fit = append(fit, m)
		}
	}
	return fit
}

// sse returns the weighted squared error of fit against v.
func sse(fit, v, w []float64) float64 {
	s := 0.0
	for i := range v {
		d := fit[i] - v[i]
		s += w[i] * d * d
	}
	return s
}

// interpModel interpolates linearly between the points (ux, fy), clipping
// outside; categorical inputs get center.
type interpModel struct {
	ux, fy []float64
	center float64
}

// Predict implements RegModel.
func (m interpModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	G := len(m.ux)
	p := 0
	for _, r := range x.sorted() {
		q := x.X[r]
		for p < G && m.ux[p] < q {
			p++
		}
		switch {
		case p == 0:
			out[r] = m.fy[0]
		case p == G:
			out[r] = m.fy[G-1]
		default:
			a, b := m.ux[p-1], m.ux[p]
			t := (q - a) / (b - a)
			out[r] = m.fy[p-1] + t*(m.fy[p]-m.fy[p-1])
		}
	}
}
