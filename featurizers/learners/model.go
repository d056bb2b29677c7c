package learners

// part is a fitted piecewise-constant function of x with d outputs per row:
// a step function of a numeric x or a table over the codes of a categorical x.
type part interface {
	// addTo adds w times the part's value at each row of x to out (d values per row).
	addTo(x Input, out []float64, w float64)
}

// steps is a step function of a numeric x: leaf i covers (thr[i-1], thr[i]]
// and holds val[i*d:(i+1)*d]. A categorical input gets fallback.
type steps struct {
	thr      []float64
	val      []float64
	d        int
	fallback []float64
}

// addTo implements part by merging the ascending queries with the thresholds.
func (s steps) addTo(x Input, out []float64, w float64) {
	if x.IsCategorical() {
		addFallback(x.Len(), s.fallback, out, w)
		return
	}
	d := s.d
	p := 0
	for _, r := range x.sorted() {
		q := x.X[r]
		for p < len(s.thr) && s.thr[p] < q {
			p++
		}
		v := s.val[p*d : (p+1)*d]
		o := out[r*d : (r+1)*d]
		for j := range v {
			o[j] += w * v[j]
		}
	}
}

// table maps category codes to values (d per code); unseen or invalid codes
// and numeric inputs get fallback.
type table struct {
	val      []float64
	d        int
	fallback []float64
}

// addTo implements part.
func (t table) addTo(x Input, out []float64, w float64) {
	if !x.IsCategorical() {
		addFallback(x.Len(), t.fallback, out, w)
		return
	}
	d := t.d
	k := len(t.val) / d
	for r, c := range x.Codes {
		v := t.fallback
		if validCode(c, k) {
			v = t.val[c*d : (c+1)*d]
		}
		o := out[r*d : (r+1)*d]
		for j := range v {
			o[j] += w * v[j]
		}
	}
}

// addFallback adds w*v to every row of out.
func addFallback(n int, v []float64, out []float64, w float64) {
	d := len(v)
	for r := range n {
		for j := range v {
			out[r*d+j] += w * v[j]
		}
	}
}

// affine is a regression model center + sd * sum_i weights[i]*parts[i](x),
// the parts being fitted on the standardized target.
type affine struct {
	center, sd float64
	parts      []part
	weights    []float64
}

// Predict implements RegModel.
func (m affine) Predict(x Input, out []float64) {
	n := x.Len()
	out = out[:n]
	for i := range out {
		out[i] = 0
	}
	for i, p := range m.parts {
		p.addTo(x, out, m.weights[i])
	}
	for i := range out {
		out[i] = m.center + m.sd*out[i]
	}
}

// mixture is a classification model: the weighted sum of probability parts
// with k outputs each.
type mixture struct {
	k       int
	parts   []part
	weights []float64
}

// PredictProba implements ClassModel.
func (m mixture) PredictProba(x Input, out []float64) {
	out = out[:x.Len()*m.k]
	for i := range out {
		out[i] = 0
	}
	for i, p := range m.parts {
		p.addTo(x, out, m.weights[i])
	}
}
