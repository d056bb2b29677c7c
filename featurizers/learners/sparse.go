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

// fullClassSteps builds the unpruned Gini tree of y with row weights rw
// (nil = 1) on the groups g: one leaf per group present, holding its
// weighted class frequencies, thresholds at the midpoints between
// consecutive present groups. acc (len k, zero) and touched are scratch.
func fullClassSteps(g groups, y []int, rw []float64, k int, fallback, acc []float64, touched []int) (sparseSteps, []int) {
	s := sparseSteps{k: k, fallback: fallback, start: make([]int32, 1, len(g.ux)+1)}
	last := 0.0
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
		if len(s.start) > 1 {
			s.thr = append(s.thr, midpoint(last, g.ux[i]))
		}
		last = g.ux[i]
		for _, c := range touched {
			s.cls = append(s.cls, int32(c))
			s.wt = append(s.wt, acc[c]/W)
			acc[c] = 0
		}
		s.start = append(s.start, int32(len(s.cls)))
	}
	if len(s.start) == 1 {
		for c, v := range fallback {
			s.cls = append(s.cls, int32(c))
			s.wt = append(s.wt, v)
		}
		s.start = append(s.start, int32(len(s.cls)))
	}
	return s, touched
}
