package learners

import (
	"cmp"
	"slices"
)

// classTree is a classification tree (Gini impurity) with a maximum depth;
// depth 0 means unpruned, which in one dimension is the step function of the
// per-value class frequencies with midpoint thresholds. Leaves predict their
// class frequencies. On a categorical x the categories are ordered by the
// frequency of the overall majority class within them (exact for two classes)
// and split as an ordered variable; unseen categories get the class
// frequencies of the training set.
type classTree struct{ depth int }

// Name implements Classifier.
func (t classTree) Name() string { return "tree" + depthName(t.depth) }

// AcceptsCategorical implements Classifier.
func (classTree) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (t classTree) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(x, y, k)
	if !ok {
		return prior
	}
	a := getArena()
	defer a.release()
	p := fitClassPart(x, y, nil, k, t.depth, prior.p, a)
	return mixture{k: k, parts: []part{p}, weights: []float64{1}}
}

// fitClassPart fits a Gini tree of y with row weights rw (nil = all 1) and
// returns its leaf class frequencies as a part; fallback is used for unseen
// categories and inputs of the wrong kind.
func fitClassPart(x Input, y []int, rw []float64, k, depth int, fallback []float64, a *arena) part {
	if x.IsCategorical() {
		w, cnt := weightedCounts(x.Codes, x.K, y, rw, k, a)
		return fitClassTable(x.K, w, cnt, k, depth, fallback)
	}
	g := x.groups()
	if depth == 0 {
		var ws []float64
		if rw != nil {
			ws = a.floats(len(rw))
			for i, r := range g.order {
				ws[i] = rw[r]
			}
		}
		return fullClassSteps(g, sortedClasses(g, y, k, a), ws, k, fallback, newSparseBuf(g, 1, k))
	}
	w, cnt := weightedCounts(g.gid, len(g.ux), y, rw, k, a)
	return fitClassSteps(g.ux, w, cnt, k, depth, fallback, a)
}

// weightedCounts sums the row weights rw (nil = 1) of each class within each
// group: cnt is G x k row-major, w the group totals (from a, or the heap
// when a is nil).
func weightedCounts[T int | int32](gid []T, G int, y []int, rw []float64, k int, a *arena) (w, cnt []float64) {
	buf := a.floats(G * (k + 1))
	w, cnt = buf[:G], buf[G:]
	for r, gi := range gid {
		c, g := y[r], int(gi)
		if !validCode(c, k) || !validCode(g, G) {
			continue
		}
		v := 1.0
		if rw != nil {
			v = rw[r]
		}
		w[g] += v
		cnt[g*k+c] += v
	}
	return w, cnt
}

// fitClassSteps builds the step function of a Gini tree over distinct values ux.
func fitClassSteps(ux, w, cnt []float64, k, depth int, fallback []float64, a *arena) steps {
	P := 0 // compact the groups present (ux into scratch)
	cux := a.floats(len(w))
	for i := range w {
		if w[i] > 0 {
			w[P], cux[P] = w[i], ux[i]
			copy(cnt[P*k:(P+1)*k], cnt[i*k:(i+1)*k])
			P++
		}
	}
	ux, w, cnt = cux[:P], w[:P], cnt[:P*k]
	st := steps{d: k, fallback: fallback}
	if len(ux) == 0 {
		st.val = append([]float64(nil), fallback...)
		return st
	}
	cuts := giniCuts(w, cnt, k, depth)
	lo := 0
	for i := 0; i <= len(cuts); i++ {
		hi := len(ux)
		if i < len(cuts) {
			hi = cuts[i]
			st.thr = append(st.thr, midpoint(ux[hi-1], ux[hi]))
		}
		st.val = append(st.val, rangeFreq(cnt, k, lo, hi)...)
		lo = hi
	}
	return st
}

// fitClassTable builds the per-category leaf frequencies of a Gini tree.
func fitClassTable(K int, w, cnt []float64, k, depth int, fallback []float64) table {
	keep := present(w)
	major := 0
	for c := range k {
		if fallback[c] > fallback[major] {
			major = c
		}
	}
	slices.SortStableFunc(keep, func(a, b int) int {
		return cmp.Compare(cnt[a*k+major]/w[a], cnt[b*k+major]/w[b])
	})
	ow, ocnt := pick(w, keep), pickRows(cnt, k, keep)
	cuts := giniCuts(ow, ocnt, k, depth)
	t := table{val: make([]float64, K*k), d: k, fallback: fallback}
	for c := range K {
		copy(t.val[c*k:(c+1)*k], fallback)
	}
	lo := 0
	for i := 0; i <= len(cuts); i++ {
		hi := len(keep)
		if i < len(cuts) {
			hi = cuts[i]
		}
		f := rangeFreq(ocnt, k, lo, hi)
		for _, c := range keep[lo:hi] {
			copy(t.val[c*k:(c+1)*k], f)
		}
		lo = hi
	}
	return t
}

// giniCuts returns the leaf boundaries of a Gini tree (depth 0 = unpruned).
func giniCuts(w, cnt []float64, k, depth int) []int {
	if depth == 0 {
		cuts := make([]int, 0, len(w))
		for j := 1; j < len(w); j++ {
			cuts = append(cuts, j)
		}
		return cuts
	}
	return growGini(w, cnt, k, 0, len(w), depth, nil)
}

// growGini appends the cuts of the best Gini splits of groups [lo,hi): the
// split maximizing sum_c L_c^2/|L| + sum_c R_c^2/|R|.
func growGini(w, cnt []float64, k, lo, hi, depth int, cuts []int) []int {
	if depth == 0 || hi-lo < 2 {
		return cuts
	}
	T := make([]float64, k)
	L := make([]float64, k)
	W := 0.0
	for j := lo; j < hi; j++ {
		W += w[j]
		for c := range k {
			T[c] += cnt[j*k+c]
		}
	}
	sumR2, maxT := 0.0, 0.0
	for _, v := range T {
		sumR2 += v * v
		maxT = max(maxT, v)
	}
	if maxT >= W*(1-1e-12) {
		return cuts // pure node
	}
	base := sumR2 / W
	tol := 1e-12 * W
	best, bestGain := -1, tol
	sumL2, wl := 0.0, 0.0
	for j := lo + 1; j < hi; j++ {
		row := cnt[(j-1)*k : j*k]
		for c, v := range row {
			if v == 0 {
				continue
			}
			l, r := L[c], T[c]-L[c]
			sumL2 += (l+v)*(l+v) - l*l
			sumR2 += (r-v)*(r-v) - r*r
			L[c] = l + v
		}
		wl += w[j-1]
		if g := sumL2/wl + sumR2/(W-wl) - base; g > bestGain {
			best, bestGain = j, g
		}
	}
	if best < 0 {
		return cuts
	}
	cuts = growGini(w, cnt, k, lo, best, depth-1, cuts)
	cuts = append(cuts, best)
	return growGini(w, cnt, k, best, hi, depth-1, cuts)
}

// rangeFreq returns the class frequencies of groups [lo,hi).
func rangeFreq(cnt []float64, k, lo, hi int) []float64 {
	f := make([]float64, k)
	for j := lo; j < hi; j++ {
		for c := range k {
			f[c] += cnt[j*k+c]
		}
	}
	normalize(f)
	return f
}
