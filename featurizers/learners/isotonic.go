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
	st, m := regPrelude(y, a)
	if m != nil {
		return m
	}
	if x.IsCategorical() {
		return constReg{st.center}
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
	up := pava(mean, g.cnt, 1)
	down := pava(mean, g.cnt, -1)
	fit := up
	if sse(down, mean, g.cnt) < sse(up, mean, g.cnt) {
		fit = down
	}
	for i := range fit {
		fit[i] = st.center + st.sd*fit[i]
	}
	return interpModel{ux: g.ux, fy: fit, center: st.center}
}

// pava returns the weighted least-squares fit of v that is non-decreasing
// (sign 1) or non-increasing (sign -1).
func pava(v, w []float64, sign float64) []float64 {
	type block struct {
		sum, w float64
		n      int
	}
	blocks := make([]block, 0, len(v))
	for i, x := range v {
		blocks = append(blocks, block{sign * x * w[i], w[i], 1})
		for len(blocks) > 1 {
			a, b := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.w <= b.sum/b.w {
				break
			}
			blocks = blocks[:len(blocks)-1]
			blocks[len(blocks)-1] = block{a.sum + b.sum, a.w + b.w, a.n + b.n}
		}
	}
	fit := make([]float64, 0, len(v))
	for _, b := range blocks {
		m := sign * b.sum / b.w
		for range b.n {
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
