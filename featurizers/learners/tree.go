package learners

import (
	"cmp"
	"slices"
	"strconv"
)

// regTree is a regression tree (squared error) with a maximum depth; depth 0
// means unpruned (grown until every leaf is pure or holds one distinct x).
// In one dimension the unpruned tree is the step function of the per-value
// means with thresholds at the midpoints between consecutive distinct values,
// which is how it is computed (O(n)). Depth-limited trees find each best split
// by prefix sums over the sorted distinct values (O(n) per level); among equal
// gains the leftmost split wins. On a categorical x the categories are ordered
// by their mean target (as LightGBM does) and split as an ordered variable;
// categories unseen in the fit get the training mean.
type regTree struct{ depth int }

// Name implements Regressor.
func (t regTree) Name() string { return "tree" + depthName(t.depth) }

// AcceptsCategorical implements Regressor.
func (regTree) AcceptsCategorical() bool { return true }

// depthName is "3" for depth 3 and "_full" for unpruned.
func depthName(depth int) string {
	if depth == 0 {
		return "_full"
	}
	return strconv.Itoa(depth)
}

// Fit implements Regressor.
func (t regTree) Fit(x Input, y []float64) RegModel {
	st, m := regPrelude(y)
	if m != nil {
		return m
	}
	ones := make([]float64, len(y))
	for i := range ones {
		ones[i] = 1
	}
	p := fitRegPart(x, st.z, ones, t.depth)
	return affine{center: st.center, sd: st.sd, parts: []part{p}, weights: []float64{1}}
}

// fitRegPart fits one regression tree of z with row weights rw (0 = row
// absent) and returns it as a part valued in the units of z. Absent
// categories and wrong-kind inputs get 0.
func fitRegPart(x Input, z, rw []float64, depth int) part {
	if x.IsCategorical() {
		return fitRegTable(x, z, rw, depth)
	}
	g := numericGroups(x)
	return fitRegSteps(g, z, rw, depth)
}

// fitRegSteps fits a tree on the groups g of a numeric x.
func fitRegSteps(g groups, z, rw []float64, depth int) steps {
	G := len(g.ux)
	w := make([]float64, G)
	s := make([]float64, G)
	ss := make([]float64, G)
	for r, gi := range g.gid {
		if rw[r] != 0 {
			w[gi] += rw[r]
			s[gi] += rw[r] * z[r]
			ss[gi] += rw[r] * z[r] * z[r]
		}
	}
	keep := present(w)
	ux, w, s, ss := pick(g.ux, keep), pick(w, keep), pick(s, keep), pick(ss, keep)
	cuts := treeCuts(w, s, ss, depth)
	st := steps{d: 1, fallback: []float64{0}}
	if len(ux) == 0 {
		st.val = []float64{0}
		return st
	}
	lo := 0
	for i := 0; i <= len(cuts); i++ {
		hi := len(ux)
		if i < len(cuts) {
			hi = cuts[i]
			st.thr = append(st.thr, midpoint(ux[hi-1], ux[hi]))
		}
		st.val = append(st.val, rangeMean(w, s, lo, hi))
		lo = hi
	}
	return st
}

// fitRegTable fits a tree on the categories of x ordered by mean z.
func fitRegTable(x Input, z, rw []float64, depth int) table {
	w := make([]float64, x.K)
	s := make([]float64, x.K)
	ss := make([]float64, x.K)
	for r, c := range x.Codes {
		if validCode(c, x.K) && rw[r] != 0 {
			w[c] += rw[r]
			s[c] += rw[r] * z[r]
			ss[c] += rw[r] * z[r] * z[r]
		}
	}
	keep := present(w)
	slices.SortStableFunc(keep, func(a, b int) int { return cmp.Compare(s[a]/w[a], s[b]/w[b]) })
	ow, os, oss := pick(w, keep), pick(s, keep), pick(ss, keep)
	cuts := treeCuts(ow, os, oss, depth)
	t := table{val: make([]float64, x.K), d: 1, fallback: []float64{0}}
	lo := 0
	for i := 0; i <= len(cuts); i++ {
		hi := len(keep)
		if i < len(cuts) {
			hi = cuts[i]
		}
		v := rangeMean(ow, os, lo, hi)
		for _, c := range keep[lo:hi] {
			t.val[c] = v
		}
		lo = hi
	}
	return t
}

// treeCuts returns the ascending leaf boundaries of a tree of the given depth
// (0 = unpruned) over ordered groups with weights w, sums s and sums of
// squares ss: cut j separates groups j-1 and j.
func treeCuts(w, s, ss []float64, depth int) []int {
	if depth == 0 {
		cuts := make([]int, 0, len(w))
		for j := 1; j < len(w); j++ {
			cuts = append(cuts, j)
		}
		return cuts
	}
	return growReg(w, s, ss, 0, len(w), depth, nil)
}

// growReg appends the cuts of the best squared-error splits of groups [lo,hi).
func growReg(w, s, ss []float64, lo, hi, depth int, cuts []int) []int {
	if depth == 0 || hi-lo < 2 {
		return cuts
	}
	var W, S, SS float64
	for j := lo; j < hi; j++ {
		W += w[j]
		S += s[j]
		SS += ss[j]
	}
	base := S * S / W
	tol := 1e-12 * SS
	if SS-base <= tol {
		return cuts // pure node
	}
	best, bestGain := -1, tol
	wl, sl := 0.0, 0.0
	for j := lo + 1; j < hi; j++ {
		wl += w[j-1]
		sl += s[j-1]
		wr, sr := W-wl, S-sl
		if g := sl*sl/wl + sr*sr/wr - base; g > bestGain {
			best, bestGain = j, g
		}
	}
	if best < 0 {
		return cuts
	}
	cuts = growReg(w, s, ss, lo, best, depth-1, cuts)
	cuts = append(cuts, best)
	return growReg(w, s, ss, best, hi, depth-1, cuts)
}

// rangeMean returns sum(s[lo:hi]) / sum(w[lo:hi]) (0 for an empty range).
func rangeMean(w, s []float64, lo, hi int) float64 {
	var W, S float64
	for j := lo; j < hi; j++ {
		W += w[j]
		S += s[j]
	}
	if W == 0 {
		return 0
	}
	return S / W
}

// present returns the indices i with w[i] > 0.
func present(w []float64) []int {
	keep := make([]int, 0, len(w))
	for i, v := range w {
		if v > 0 {
			keep = append(keep, i)
		}
	}
	return keep
}

// pick returns v[keep[0]], v[keep[1]], ...
func pick(v []float64, keep []int) []float64 {
	out := make([]float64, len(keep))
	for j, i := range keep {
		out[j] = v[i]
	}
	return out
}

// pickRows returns the k-wide rows keep of the row-major matrix v.
func pickRows(v []float64, k int, keep []int) []float64 {
	out := make([]float64, len(keep)*k)
	for j, i := range keep {
		copy(out[j*k:(j+1)*k], v[i*k:(i+1)*k])
	}
	return out
}
