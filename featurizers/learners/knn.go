package learners

import (
	"math"
	"strconv"
)

// knnReg is k-nearest-neighbour regression on a numeric x: the mean target of
// the k training rows closest to the query (the query's own row included when
// predicting in-sample, as scikit-learn does). Rows tied at the k-th distance
// share the remaining weight equally, so the result does not depend on row
// order. Categorical x is refused (codes have no distance).
type knnReg struct{ k int }

// Name implements Regressor.
func (m knnReg) Name() string { return "knn" + strconv.Itoa(m.k) }

// AcceptsCategorical implements Regressor.
func (knnReg) AcceptsCategorical() bool { return false }

// Fit implements Regressor.
func (m knnReg) Fit(x Input, y []float64) RegModel {
	st, c := regPrelude(y)
	if c != nil {
		return c
	}
	if x.IsCategorical() {
		return constReg{st.center}
	}
	g := numericGroups(x)
	nb := newNeighbours(g, m.k, 1)
	for r, gi := range g.gid {
		nb.cum[int(gi)+1] += st.z[r]
	}
	nb.accumulate()
	return knnRegModel{nb: nb, center: st.center, sd: st.sd}
}

// knnRegModel predicts with a fitted neighbour index.
type knnRegModel struct {
	nb         neighbours
	center, sd float64
}

// Predict implements RegModel.
func (m knnRegModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	v := make([]float64, 1)
	m.nb.each(x, func(r int, w window) {
		m.nb.sum(w, v)
		out[r] = m.center + m.sd*v[0]
	})
}

// knnClass is k-nearest-neighbour classification on a numeric x: the class
// frequencies among the k closest training rows, ties at the k-th distance
// sharing the remaining weight (see knnReg). Categorical x is refused.
type knnClass struct{ k int }

// Name implements Classifier.
func (m knnClass) Name() string { return "knn" + strconv.Itoa(m.k) }

// AcceptsCategorical implements Classifier.
func (knnClass) AcceptsCategorical() bool { return false }

// Fit implements Classifier.
func (m knnClass) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(y, k)
	if !ok || x.IsCategorical() {
		return prior
	}
	keepRows := make([]int, 0, len(y))
	for r, c := range y {
		if validCode(c, k) {
			keepRows = append(keepRows, r)
		}
	}
	if len(keepRows) < len(y) {
		x = x.Subset(keepRows)
		y = pickInts(y, keepRows)
	}
	g := numericGroups(x)
	nb := newNeighbours(g, m.k, k)
	for r, gi := range g.gid {
		nb.cum[(int(gi)+1)*k+y[r]]++
	}
	nb.accumulate()
	return knnClassModel{nb: nb, k: k, prior: prior}
}

// pickInts returns v[idx[0]], v[idx[1]], ...
func pickInts(v []int, idx []int) []int {
	out := make([]int, len(idx))
	for j, i := range idx {
		out[j] = v[i]
	}
	return out
}

// knnClassModel predicts class frequencies with a fitted neighbour index.
type knnClassModel struct {
	nb    neighbours
	k     int
	prior constClass
}

// PredictProba implements ClassModel.
func (m knnClassModel) PredictProba(x Input, out []float64) {
	if x.IsCategorical() {
		m.prior.PredictProba(x, out)
		return
	}
	m.nb.each(x, func(r int, w window) {
		m.nb.sum(w, out[r*m.k:(r+1)*m.k])
	})
}

// neighbours indexes the distinct training values with prefix sums of d
// values per group (a target sum or class counts).
type neighbours struct {
	ux, cnt []float64
	cum     []float64 // (G+1) x d prefix sums
	d       int
	k       float64 // neighbours wanted, at most the number of rows
}

// window is the neighbourhood of a query: groups [lo,hi) fully, plus the
// groups left and right (when >= 0) with weight frac each.
type window struct {
	lo, hi      int
	left, right int
	frac        float64
}

// newNeighbours allocates the index; the caller fills cum[g+1] and calls accumulate.
func newNeighbours(g groups, k, d int) neighbours {
	n := 0.0
	for _, c := range g.cnt {
		n += c
	}
	return neighbours{ux: g.ux, cnt: g.cnt, cum: make([]float64, (len(g.ux)+1)*d), d: d, k: math.Min(float64(k), n)}
}

// accumulate turns the per-group values into prefix sums.
func (nb neighbours) accumulate() {
	d := nb.d
	for i := d; i < len(nb.cum); i++ {
		nb.cum[i] += nb.cum[i-d]
	}
}

// each calls f with the neighbourhood of every row of x, in ascending x.
func (nb neighbours) each(x Input, f func(r int, w window)) {
	G := len(nb.ux)
	p := 0
	for _, r := range x.sorted() {
		q := x.X[r]
		for p < G && nb.ux[p] < q {
			p++
		}
		f(r, nb.find(q, p))
	}
}

// find expands from the insertion point p of q to the k nearest rows.
func (nb neighbours) find(q float64, p int) window {
	l, h := p-1, p // groups (l, h) exclusive are taken
	need := nb.k
	w := window{left: -1, right: -1}
	G := len(nb.ux)
	for need > 0 && (l >= 0 || h < G) {
		dl, dh := math.Inf(1), math.Inf(1)
		if l >= 0 {
			dl = q - nb.ux[l]
		}
		if h < G {
			dh = nb.ux[h] - q
		}
		takeL, takeH := dl <= dh, dh <= dl
		c := 0.0
		if takeL {
			c += nb.cnt[l]
		}
		if takeH {
			c += nb.cnt[h]
		}
		if c > need {
			w.frac = need / c
			if takeL {
				w.left = l
			}
			if takeH {
				w.right = h
			}
			break
		}
		need -= c
		if takeL {
			l--
		}
		if takeH {
			h++
		}
	}
	w.lo, w.hi = l+1, h
	return w
}

// sum writes the mean of the neighbourhood's values (d of them) into v.
func (nb neighbours) sum(w window, v []float64) {
	d := nb.d
	for j := range d {
		v[j] = nb.cum[w.hi*d+j] - nb.cum[w.lo*d+j]
	}
	for _, g := range [2]int{w.left, w.right} {
		if g >= 0 {
			for j := range d {
				v[j] += w.frac * (nb.cum[(g+1)*d+j] - nb.cum[g*d+j])
			}
		}
	}
	for j := range d {
		v[j] /= nb.k
	}
}
