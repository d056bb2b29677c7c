package learners

// linear is ordinary least squares y = a + b x. On a categorical x it is least
// squares on the one-hot encoding, i.e. the per-category means of y.
type linear struct{}

// Name implements Regressor.
func (linear) Name() string { return "linear" }

// AcceptsCategorical implements Regressor.
func (linear) AcceptsCategorical() bool { return true }

// Fit implements Regressor.
func (linear) Fit(x Input, y []float64) RegModel { return fitLinear(x, y, 0) }

// ridge is ridge regression with penalty alpha on the slope of the
// standardized x (intercept unpenalized). On a categorical x it returns the
// per-category means shrunk toward the global mean,
// (sum_c + alpha*mean) / (n_c + alpha): ridge on the one-hot encoding with the
// intercept fixed at the global mean.
type ridge struct{ alpha float64 }

// Name implements Regressor.
func (ridge) Name() string { return "ridge" }

// AcceptsCategorical implements Regressor.
func (ridge) AcceptsCategorical() bool { return true }

// Fit implements Regressor.
func (r ridge) Fit(x Input, y []float64) RegModel { return fitLinear(x, y, r.alpha) }

// fitLinear fits a (ridge) line on numeric x or shrunk means on categorical x.
func fitLinear(x Input, y []float64, alpha float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := regPrelude(x, y, a)
	if m != nil {
		return m
	}
	if x.IsCategorical() {
		return categoryMeans(x, st, alpha)
	}
	mx, sx := meanSD(x.X)
	if sx == 0 || sx != sx {
		return constReg{st.center}
	}
	sxy, sxx := 0.0, 0.0
	inv := 1 / sx
	for i, v := range x.X {
		xs := (v - mx) * inv
		sxy += xs * st.z[i]
		sxx += xs * xs
	}
	return linModel{mx: mx, sx: sx, center: st.center, slope: st.sd * sxy / (sxx + alpha)}
}

// linModel predicts center + slope*(x-mx)/sx.
type linModel struct{ mx, sx, center, slope float64 }

// Predict implements RegModel.
func (m linModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	for i, v := range x.X {
		out[i] = m.center + m.slope*((v-m.mx)/m.sx)
	}
}

// categoryMeans returns the per-category means of the standardized target,
// shrunk toward 0 (the global mean) by alpha.
func categoryMeans(x Input, st standardized, alpha float64) RegModel {
	w := make([]float64, x.K)
	s := make([]float64, x.K)
	for i, c := range x.Codes {
		if validCode(c, x.K) {
			w[c]++
			s[c] += st.z[i]
		}
	}
	t := table{val: make([]float64, x.K), d: 1}
	for c := range w {
		if w[c]+alpha > 0 {
			t.val[c] = s[c] / (w[c] + alpha)
		}
	}
	t.fallback = []float64{0}
	return affine{center: st.center, sd: st.sd, parts: []part{t}, weights: []float64{1}}
}
