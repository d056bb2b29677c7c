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
	st, m := regPrelude(y, a)
	if m != nil {
		return m
	}
	model := affine{center: st.center, sd: st.sd}
	n := len(y)
	rw := a.floats(n)
	var g groups
	var buf *treeBuf
	if !x.IsCategorical() {
		g = x.groups()
		buf = newTreeBuf(len(g.ux), a)
	}
	for t := range f.trees {
		bootstrap(rw, uint64(t))
		var p part
		if x.IsCategorical() {
			p = fitRegTable(x, st.z, rw, 0)
		} else {
			p = fitRegSteps(g, st.z, rw, 0, buf)
		}
		model.parts = append(model.parts, p)
		model.weights = append(model.weights, 1/float64(f.trees))
	}
	return model
}

// bootstrap fills rw with the counts of len(rw) draws with replacement.
func bootstrap(rw []float64, stream uint64) {
	for i := range rw {
		rw[i] = 0
	}
	rng := rand.New(rand.NewPCG(forestSeed, stream))
	n := uint64(len(rw))
	for i := 0; i < len(rw); i += 2 {
		u := rng.Uint64()
		rw[(u>>32)*n>>32]++
		if i+1 < len(rw) {
			rw[(u&0xffffffff)*n>>32]++
		}
	}
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
	prior, ok := priorModel(y, k)
	if !ok {
		return prior
	}
	a := getArena()
	defer a.release()
	model := mixture{k: k}
	rw := a.floats(len(y))
	var g groups
	var sb *sparseBuf
	if !x.IsCategorical() {
		g = x.groups()
		sb = newSparseBuf(g, f.trees, k)
	}
	for t := range f.trees {
		bootstrap(rw, uint64(t))
		var p part
		if x.IsCategorical() {
			w, cnt := weightedCounts(x.Codes, x.K, y, rw, k, a)
			p = fitClassTable(x.K, w, cnt, k, 0, prior.p)
		} else {
			p = fullClassSteps(g, y, rw, k, prior.p, sb)
		}
		model.parts = append(model.parts, p)
		model.weights = append(model.weights, 1/float64(f.trees))
	}
	return model
}
