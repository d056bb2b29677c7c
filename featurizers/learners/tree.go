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
	a := getArena()
	defer a.release()
	st, m := regPrelude(x, y, a)
	if m != nil {
		return m
	}
	ones := a.floats(len(y))
	for i := range ones {
		ones[i] = 1
	}
	p := fitRegPart(x, st.z, ones, t.depth, a)
	return affine{center: st.center, sd: st.sd, parts: []part{p}, weights: []float64{1}}
}

// fitRegPart fits one regression tree of z with row weights rw (0 = row
// absent) and returns it as a part valued in the units of z. Absent
// categories and wrong-kind inputs get 0.
func fitRegPart(x Input, z, rw []float64, depth int, a *arena) part {
	if x.IsCategorical() {
		return fitRegTable(x, z, rw, depth)
	}
	g := x.groups()
	return fitRegSteps(g, z, rw, depth, newTreeBuf(len(g.ux), a))
}

// treeBuf holds reusable per-group buffers of a fit (several trees or stages).
type treeBuf struct {
	w, s, ss, h, ux []float64
	keep, cuts      []int
}

// newTreeBuf allocates buffers for G groups from a.
func newTreeBuf(G int, a *arena) *treeBuf {
	b := a.floats(5 * G)
	return &treeBuf{w: b[:G], s: b[G : 2*G], ss: b[2*G : 3*G], h: b[3*G : 4*G], ux: b[4*G:],
		keep: a.intSlice(G)[:0], cuts: a.intSlice(G)[:0]}
}

// fitRegSteps fits a tree of z with row weights rw on the groups g of a
// numeric x, using buf as scratch.
func fitRegSteps(g groups, z, rw []float64, depth int, buf *treeBuf) steps {
	w, s, ss := buf.w, buf.s, buf.ss
	for i := range w {
		w[i], s[i], ss[i] = 0, 0, 0
	}
	for r, gi := range g.gid {
		if v := rw[r]; v != 0 {
			w[gi] += v
			s[gi] += v * z[r]
			ss[gi] += v * z[r] * z[r]
		}
	}
	P := 0 // compact the groups present in place
	for i := range w {
		if w[i] > 0 {
			w[P], s[P], ss[P], buf.ux[P] = w[i], s[i], ss[i], g.ux[i]
			P++
		}
	}
	w, s, ss = w[:P], s[:P], ss[:P]
	st := steps{d: 1, fallback: []float64{0}}
	if P == 0 {
		st.val = []float64{0}
		return st
	}
	var cuts []int
	if depth > 0 {
		cuts = growReg(w, s, ss, 0, P, depth, buf.cuts[:0])
	}
	L := P // leaves
	if depth > 0 {
		L = len(cuts) + 1
	}
	out := make([]float64, 2*L-1)
	st.val, st.thr = out[:L], out[L:]
	if depth == 0 {
		for j := range P {
			st.val[j] = s[j] / w[j]
			if j > 0 {
				st.thr[j-1] = midpoint(buf.ux[j-1], buf.ux[j])
			}
		}
		return st
	}
	lo := 0
	for i := range L {
		hi := P
		if i < len(cuts) {
			hi = cuts[i]
			st.thr[i] = midpoint(buf.ux[hi-1], buf.ux[hi])
		}
		st.val[i] = rangeMean(w, s, lo, hi)
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
		if wl <= 0 || wr <= 0 {
			continue // empty side (zero-weight groups of a boosting stage)
		}
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
