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
	touched    []int     // scratch
}

// newSparseBuf reserves room for trees unpruned trees over g with k classes.
func newSparseBuf(g groups, trees, k int) *sparseBuf {
	G, n := len(g.ux), len(g.gid)
	return &sparseBuf{thr: make([]float64, 0, trees*G), start: make([]int32, 0, trees*(G+2)),
		cls: make([]int32, 0, trees*(n+k)), wt: make([]float64, 0, trees*(n+k)), acc: make([]float64, k)}
}

// fullClassSteps builds the unpruned Gini tree of y with row weights rw
// (nil = 1) on the groups g: one leaf per group present, holding its
// weighted class frequencies, thresholds at the midpoints between
// consecutive present groups. Its slices are appended to sb.
func fullClassSteps(g groups, y []int, rw []float64, k int, fallback []float64, sb *sparseBuf) sparseSteps {
	acc := sb.acc
	thr0, start0, cls0 := len(sb.thr), len(sb.start), len(sb.cls)
	s := sparseSteps{k: k, fallback: fallback}
	sb.start = append(sb.start, 0)
	s.start = sb.start[start0:]
	last := 0.0
	touched := sb.touched
	for i := range g.ux {
		touched = touched[:0]
		W := 0.0
		for _, r := range g.rows(i) {
			c := y[r]
			if !validCode(c, k) {
				continue
			}
			v := 1.0
			if rw != nil {
				v = rw[r]
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
