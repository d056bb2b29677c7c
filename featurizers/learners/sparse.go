package learners

// sparseSteps is a step function of a numeric x whose leaf values are sparse
// class-probability vectors: leaf i holds the pairs (cls[j], wt[j]) for j in
// start[i]..start[i+1]. It stores unpruned trees, whose leaves usually hold
// a single class, in O(leaves) instead of O(leaves * k).
type sparseSteps struct {
	thr      []float64
	start    []int32
	cls      []int32
	wt       []float64
	k        int
	fallback []float64
}

// addTo implements part.
func (s sparseSteps) addTo(x Input, out []float64, w float64) {
	if x.IsCategorical() {
		addFallback(x.Len(), s.fallback, out, w)
		return
	}
	k := s.k
	p := 0
	for _, r := range x.sorted() {
		q := x.X[r]
		for p < len(s.thr) && s.thr[p] < q {
			p++
		}
		o := out[r*k : (r+1)*k]
		for j := s.start[p]; j < s.start[p+1]; j++ {
			o[s.cls[j]] += w * s.wt[j]
		}
	}
}

// sparseBuf is the shared backing store of the sparse trees of one model.
type sparseBuf struct {
	thr        []float64
	start, cls []int32
	wt         []float64
	acc        []float64 // k zeros (scratch)
	touched    []int32   // scratch
}

// newSparseBuf reserves room for trees unpruned trees over g with k classes.
func newSparseBuf(g groups, trees, k int) *sparseBuf {
	// a bootstrap sample holds about 63% of the distinct values; appends
	// grow the slices when a tree needs more
	G, n := len(g.ux), len(g.gid)
	if trees > 1 {
		G, n = G*2/3+1, n*2/3+1
	}
	return &sparseBuf{thr: make([]float64, 0, trees*G), start: make([]int32, 0, trees*(G+2)),
		cls: make([]int32, 0, trees*(n+k)), wt: make([]float64, 0, trees*(n+k)), acc: make([]float64, k)}
}

// sortedClasses returns the class of each row in ascending x order (-1 for
// invalid codes), from a.
func sortedClasses(g groups, y []int, k int, a *arena) []int32 {
	ys := a.int32s(len(g.order))
	for i, r := range g.order {
		ys[i] = -1
		if validCode(y[r], k) {
			ys[i] = int32(y[r])
		}
	}
	return ys
}

// fullClassSteps builds the unpruned Gini tree on the groups g of the
// classes ys and weights ws (nil = 1) of the rows in ascending x order: one
// leaf per group present, holding its weighted class frequencies,
// thresholds at the midpoints between consecutive present groups. Its
// slices are appended to sb.
func fullClassSteps(g groups, ys []int32, ws []float64, k int, fallback []float64, sb *sparseBuf) sparseSteps {
	acc := sb.acc
	thr0, start0, cls0 := len(sb.thr), len(sb.start), len(sb.cls)
	s := sparseSteps{k: k, fallback: fallback}
	sb.start = append(sb.start, 0)
	s.start = sb.start[start0:]
	last := 0.0
	touched := sb.touched // classes seen in the current group
	for i := range g.ux {
		touched = touched[:0]
		W := 0.0
		for j := g.first[i]; j < g.first[i+1]; j++ {
			c := ys[j]
			if c < 0 {
				continue
			}
			v := 1.0
			if ws != nil {
				v = ws[j]
			}
			if v == 0 {
				continue
			}
			if acc[c] == 0 {
				touched = append(touched, c)
			}
			acc[c] += v
			W += v
		}
		if W == 0 {
			continue
		}
		if len(sb.start) > start0+1 {
			sb.thr = append(sb.thr, midpoint(last, g.ux[i]))
		}
		last = g.ux[i]
		for _, c := range touched {
			sb.cls = append(sb.cls, int32(c))
			sb.wt = append(sb.wt, acc[c]/W)
			acc[c] = 0
		}
		sb.start = append(sb.start, int32(len(sb.cls)-cls0))
	}
	if len(sb.start) == start0+1 {
		for c, v := range fallback {
			sb.cls = append(sb.cls, int32(c))
			sb.wt = append(sb.wt, v)
		}
		sb.start = append(sb.start, int32(len(sb.cls)-cls0))
	}
	sb.touched = touched
	s.thr = sb.thr[thr0:len(sb.thr):len(sb.thr)]
	s.start = sb.start[start0:len(sb.start):len(sb.start)]
	s.cls = sb.cls[cls0:len(sb.cls):len(sb.cls)]
	s.wt = sb.wt[cls0:len(sb.wt):len(sb.wt)]
	return s
}
