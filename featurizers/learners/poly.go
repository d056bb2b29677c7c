package learners

import "strconv"

// poly is least-squares polynomial regression of a fixed degree on the
// standardized x, solved with the discrete orthogonal polynomials of the
// training x (Stieltjes three-term recurrence, as R's poly()), which is
// numerically stable and O(n*degree). When x has at most degree distinct
// values the degree is lowered to what the data identify. Categorical x is
// refused: on a one-hot encoding it would be the category means (see linear).
type poly struct{ degree int }

// Name implements Regressor.
func (p poly) Name() string { return "poly" + strconv.Itoa(p.degree) }

// AcceptsCategorical implements Regressor.
func (poly) AcceptsCategorical() bool { return false }

// Fit implements Regressor.
func (p poly) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := numericPrelude(x, y, a)
	if m != nil {
		return m
	}
	mx, sx := meanSD(x.X)
	if sx == 0 || sx != sx {
		return constReg{st.center}
	}
	n := len(x.X)
	xs := a.floats(n)
	inv := 1 / sx
	for i, v := range x.X {
		xs[i] = (v - mx) * inv
	}
	model := polyModel{mx: mx, sx: sx, center: st.center, sd: st.sd}
	resid := st.z // owned by this fit
	prev, cur, next := a.floats(n), a.floats(n), a.floats(n)
	for i := range cur {
		cur[i] = 1
	}
	normPrev := 0.0
	norm := float64(n)
	for j := 0; ; j++ {
		c := dot(resid, cur) / norm
		model.coef = append(model.coef, c)
		for i := range resid {
			resid[i] -= c * cur[i]
		}
		if j == p.degree {
			break
		}
		a := 0.0
		for i, v := range cur {
			a += xs[i] * v * v
		}
		a /= norm
		b := 0.0
		if j > 0 {
			b = norm / normPrev
		}
		raw, nn := 0.0, 0.0
		for i, v := range cur {
			xv := xs[i] * v
			raw += xv * xv
			next[i] = xv - a*v - b*prev[i]
			nn += next[i] * next[i]
		}
		model.a = append(model.a, a)
		model.b = append(model.b, b)
		if !(nn > 1e-18*raw) {
			model.a = model.a[:j]
			model.b = model.b[:j]
			break
		}
		prev, cur, next = cur, next, prev
		normPrev, norm = norm, nn
	}
	return model
}

// dot returns the inner product of a and b.
func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// polyModel evaluates sum_j coef[j]*p_j(xs) with the monic orthogonal
// polynomials p_0 = 1, p_1 = xs - a[0], p_{j+1} = (xs - a[j]) p_j - b[j] p_{j-1}.
type polyModel struct {
	mx, sx, center, sd float64
	a, b, coef         []float64
}

// Predict implements RegModel.
func (m polyModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	for i, v := range x.X {
		xs := (v - m.mx) / m.sx
		prev, cur := 0.0, 1.0
		f := m.coef[0]
		for j := 1; j < len(m.coef); j++ {
			prev, cur = cur, (xs-m.a[j-1])*cur-m.b[j-1]*prev
			f += m.coef[j] * cur
		}
		out[i] = m.center + m.sd*f
	}
}
