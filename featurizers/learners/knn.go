package learners

import "strconv"

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
	a := getArena()
	defer a.release()
	st, c := numericPrelude(x, y, a)
	if c != nil {
		return c
	}
	g := x.groups()
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
	nb := &m.nb
	if nb.k < 1 {
		return
	}
	s := nb.slider()
	cum := nb.cum
	inv := 1 / float64(nb.k)
	for _, r := range x.sorted() {
		q := x.X[r]
		s.move(q)
		w := nb.window(q, s.Lg, s.Rg)
		v := cum[w.hi] - cum[w.lo]
		if w.left >= 0 {
			v += w.frac * (cum[w.left+1] - cum[w.left])
		}
		if w.right >= 0 {
			v += w.frac * (cum[w.right+1] - cum[w.right])
		}
		out[r] = m.center + m.sd*(v*inv)
	}
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
	prior, ok := priorModel(x, y, k)
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
	g := x.groups()
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
	first   []int32   // first sorted row of each group, then the row count
	cum     []float64 // (G+1) x d prefix sums
	d       int
	k       int // neighbours wanted, at most the number of rows
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
	n := int(g.first[len(g.first)-1])
	return neighbours{ux: g.ux, cnt: g.cnt, first: g.first, cum: make([]float64, (len(g.ux)+1)*d), d: d, k: min(k, n)}
}

// accumulate turns the per-group values into prefix sums.
func (nb neighbours) accumulate() {
	d := nb.d
	for i := d; i < len(nb.cum); i++ {
		nb.cum[i] += nb.cum[i-d]
	}
}

// slider is a window of k sorted training rows (first row l, in group Lg;
// last row in group Rg) that slides right as ascending queries grow: O(1)
// amortized per query. Its rows at the k-th distance are then completed by
// any group at that same distance just outside it (window).
type slider struct {
	nb        *neighbours
	l, Lg, Rg int
	n         int
}

// slider starts a window at the smallest rows (nb.k >= 1).
func (nb *neighbours) slider() slider {
	s := slider{nb: nb, n: int(nb.first[len(nb.first)-1])}
	for int(nb.first[s.Rg+1]) <= nb.k-1 {
		s.Rg++
	}
	return s
}

// move slides the window to the k rows nearest to q (q not below the
// previous query).
func (s *slider) move(q float64) {
	nb := s.nb
	k := nb.k
	for s.l+k < s.n {
		ng := s.Rg
		if s.l+k >= int(nb.first[s.Rg+1]) {
			ng = s.Rg + 1
		}
		if !(nb.ux[ng]-q < q-nb.ux[s.Lg]) {
			return
		}
		s.l++
		if s.l >= int(nb.first[s.Lg+1]) {
			s.Lg++
		}
		s.Rg = ng
	}
}

// each calls f with the neighbourhood of every row of x, in ascending x.
func (nb *neighbours) each(x Input, f func(r int, w window)) {
	if nb.k < 1 {
		return
	}
	s := nb.slider()
	for _, r := range x.sorted() {
		q := x.X[r]
		s.move(q)
		f(r, nb.window(q, s.Lg, s.Rg))
	}
}

// window completes the neighbourhood of q whose k nearest rows span groups
// Lg..Rg: groups at the k-th distance share the weight left by the closer ones.
func (nb *neighbours) window(q float64, Lg, Rg int) window {
	G := len(nb.ux)
	dl, dr := q-nb.ux[Lg], nb.ux[Rg]-q
	d := dl
	if dr > d {
		d = dr
	}
	w := window{left: -1, right: -1, lo: Lg, hi: Rg + 1}
	switch {
	case dl == d:
		w.left = Lg
	case Lg > 0 && q-nb.ux[Lg-1] == d:
		w.left = Lg - 1
	}
	switch {
	case dr == d:
		w.right = Rg
	case Rg+1 < G && nb.ux[Rg+1]-q == d:
		w.right = Rg + 1
	}
	if w.left >= 0 {
		w.lo = w.left + 1
	}
	if w.right >= 0 {
		w.hi = w.right
	}
	if w.left == w.right {
		w.right = -1
	}
	if w.hi < w.lo {
		w.hi = w.lo
	}
	inside, edge := float64(nb.first[w.hi]-nb.first[w.lo]), 0.0
	for _, g := range [2]int{w.left, w.right} {
		if g >= 0 {
			edge += nb.cnt[g]
		}
	}
	if edge > 0 {
		w.frac = (float64(nb.k) - inside) / edge
		if !(w.frac >= 0) {
			w.frac = 0
		} else if w.frac > 1 {
			w.frac = 1
		}
	}
	return w
}

// sum writes the mean of the neighbourhood's values (d of them) into v.
func (nb *neighbours) sum(w window, v []float64) {
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
		v[j] /= float64(nb.k)
	}
}
