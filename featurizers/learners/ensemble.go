package learners

import (
	"math/rand/v2"
	"strconv"
)

// Fixed seeds of the randomized learners (one PCG stream per tree or stage).
const (
	forestSeed = 0x5eed_f0e5
	boostSeed  = 0x5eed_b005
)

// boostRate and boostDepth are the learning rate and tree depth of the boosted models.
const (
	boostRate  = 0.1
	boostDepth = 3
)

// regForest is a random forest of unpruned regression trees, each fitted on
// a bootstrap sample (drawn as per-row counts, so the single sort is reused)
// from a fixed per-tree seed; the prediction is the mean over the trees.
type regForest struct{ trees int }

// Name implements Regressor.
func (f regForest) Name() string { return "forest" + strconv.Itoa(f.trees) }

// AcceptsCategorical implements Regressor.
func (regForest) AcceptsCategorical() bool { return true }

// Fit implements Regressor.
func (f regForest) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := regPrelude(x, y, a)
	if m != nil {
		return m
	}
	if x.IsCategorical() {
		model := affine{center: st.center, sd: st.sd}
		rw := a.floats(len(y))
		for t := range f.trees {
			bootstrap(rw, uint64(t))
			model.parts = append(model.parts, fitRegTable(x, st.z, rw, 0))
			model.weights = append(model.weights, 1/float64(f.trees))
		}
		return model
	}
	g := x.groups()
	G := len(g.ux)
	w, s := a.floats(G), a.floats(G)
	model := forestModel{center: st.center, sd: st.sd, trees: make([]steps, f.trees)}
	for t := range f.trees {
		clear(w)
		clear(s)
		drawRows(len(y), uint64(t), func(r int) {
			gi := g.gid[r]
			w[gi]++
			s[gi] += st.z[r]
		})
		model.trees[t] = fullSteps(g.ux, w, s)
	}
	return model
}

// fullSteps returns the unpruned regression tree of the groups with weights
// w and sums s: the means of the groups present, midpoint thresholds.
func fullSteps(ux, w, s []float64) steps {
	P := 0
	for _, v := range w {
		if v > 0 {
			P++
		}
	}
	st := steps{d: 1, fallback: []float64{0}}
	if P == 0 {
		st.val = []float64{0}
		return st
	}
	out := make([]float64, 2*P-1)
	st.val, st.thr = out[:P], out[P:]
	j, last := 0, 0.0
	for i, v := range w {
		if v > 0 {
			st.val[j] = s[i] / v
			if j > 0 {
				st.thr[j-1] = midpoint(last, ux[i])
			}
			last = ux[i]
			j++
		}
	}
	return st
}

// forestModel averages unpruned regression trees of a numeric x, merging
// the queries with all the trees' thresholds in a single pass.
type forestModel struct {
	center, sd float64
	trees      []steps
}

// Predict implements RegModel.
func (m forestModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	ptr := make([]int, len(m.trees))
	scale := m.sd / float64(len(m.trees))
	for _, r := range x.sorted() {
		q := x.X[r]
		sum := 0.0
		for t := range m.trees {
			thr := m.trees[t].thr
			p := ptr[t]
			for p < len(thr) && thr[p] < q {
				p++
			}
			ptr[t] = p
			sum += m.trees[t].val[p]
		}
		out[r] = m.center + scale*sum
	}
}

// drawRows calls f with n row indices drawn uniformly with replacement from
// 0..n-1 (the bootstrap sample of stream).
func drawRows(n int, stream uint64, f func(r int)) {
	rng := rand.New(rand.NewPCG(forestSeed, stream))
	un := uint64(n)
	for i := 0; i < n; i += 2 {
		u := rng.Uint64()
		f(int((u >> 32) * un >> 32))
		if i+1 < n {
			f(int((u & 0xffffffff) * un >> 32))
		}
	}
}

// bootstrap fills rw with the counts of len(rw) draws with replacement.
func bootstrap(rw []float64, stream uint64) {
	clear(rw)
	drawRows(len(rw), stream, func(r int) { rw[r]++ })
}

// halfSample sets rw[i] to 1 for a random half of the rows (each row kept
// with probability 1/2) and 0 elsewhere; all rows when none is kept.
func halfSample(rw []float64, rng *rand.Rand) {
	var bits uint64
	kept := 0
	for i := range rw {
		if i%64 == 0 {
			bits = rng.Uint64()
		}
		rw[i] = float64(bits & 1)
		kept += int(bits & 1)
		bits >>= 1
	}
	if kept == 0 {
		for i := range rw {
			rw[i] = 1
		}
	}
}

// classForest is a random forest of unpruned Gini trees on bootstrap samples
// (fixed per-tree seeds); it predicts the mean of the trees' leaf frequencies.
type classForest struct{ trees int }

// Name implements Classifier.
func (f classForest) Name() string { return "forest" + strconv.Itoa(f.trees) }

// AcceptsCategorical implements Classifier.
func (classForest) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (f classForest) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(x, y, k)
	if !ok {
		return prior
	}
	a := getArena()
	defer a.release()
	model := mixture{k: k}
	rw := a.floats(len(y))
	var g groups
	var sb *sparseBuf
	var ys, pos []int32
	if !x.IsCategorical() {
		g = x.groups()
		sb = newSparseBuf(g, f.trees, k)
		ys = sortedClasses(g, y, k, a)
		pos = a.int32s(len(y)) // sorted position of each row
		for i, r := range g.order {
			pos[r] = int32(i)
		}
	}
	for t := range f.trees {
		var p part
		if x.IsCategorical() {
			bootstrap(rw, uint64(t))
			w, cnt := weightedCounts(x.Codes, x.K, y, rw, k, a)
			p = fitClassTable(x.K, w, cnt, k, 0, prior.p)
		} else {
			clear(rw) // bootstrap counts by sorted position
			drawRows(len(y), uint64(t), func(r int) { rw[pos[r]]++ })
			p = fullClassSteps(g, ys, rw, k, prior.p, sb)
		}
		model.parts = append(model.parts, p)
		model.weights = append(model.weights, 1/float64(f.trees))
	}
	return model
}
