package learners

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// regBoost is gradient boosting for squared error: starting from the mean,
// each stage fits a depth-3 regression tree to the residuals of a random half
// of the rows (fixed per-stage seed) and adds it with learning rate 0.1.
// On a categorical x each stage's tree orders the categories by mean
// residual; categories absent from a stage's sample are not updated.
type regBoost struct{ stages int }

// Name implements Regressor.
func (b regBoost) Name() string { return "boost" + strconv.Itoa(b.stages) }

// AcceptsCategorical implements Regressor.
func (regBoost) AcceptsCategorical() bool { return true }

// Fit implements Regressor.
func (b regBoost) Fit(x Input, y []float64) RegModel {
	st, m := regPrelude(y)
	if m != nil {
		return m
	}
	n := len(y)
	rw := make([]float64, n)
	rz := make([]float64, n)
	model := affine{center: st.center, sd: st.sd}
	if x.IsCategorical() {
		F := make([]float64, x.K)
		for s := range b.stages {
			halfSample(rw, rand.New(rand.NewPCG(boostSeed, uint64(s))))
			for r, c := range x.Codes {
				rz[r] = st.z[r]
				if validCode(c, x.K) {
					rz[r] -= F[c]
				}
			}
			t := fitRegTable(x, rz, rw, boostDepth)
			for c := range F {
				F[c] += boostRate * t.val[c]
			}
		}
		model.parts = []part{table{val: F, d: 1, fallback: []float64{0}}}
		model.weights = []float64{1}
		return model
	}
	g := numericGroups(x)
	F := make([]float64, len(g.ux))
	for s := range b.stages {
		halfSample(rw, rand.New(rand.NewPCG(boostSeed, uint64(s))))
		for r, gi := range g.gid {
			rz[r] = st.z[r] - F[gi]
		}
		t := fitRegSteps(g, rz, rw, boostDepth)
		t.addAt(g.ux, F, boostRate)
		model.parts = append(model.parts, t)
		model.weights = append(model.weights, boostRate)
	}
	return model
}

// addAt adds w times the (1-output) step function at the ascending values ux to F.
func (s steps) addAt(ux, F []float64, w float64) {
	p := 0
	for i, q := range ux {
		for p < len(s.thr) && s.thr[p] < q {
			p++
		}
		F[i] += w * s.val[p]
	}
}

// classBoost is multinomial gradient boosting (deviance loss, as
// scikit-learn's GradientBoostingClassifier): scores start at the log class
// frequencies; each stage fits, for every class present, a depth-3 regression
// tree to the gradient on a random half of the rows (fixed per-stage seed),
// with Newton leaf values (K-1)/K * sum(g)/sum(p(1-p)) and learning rate 0.1.
// Classes absent from the training rows get probability 0.
type classBoost struct{ stages int }

// Name implements Classifier.
func (b classBoost) Name() string { return "boost" + strconv.Itoa(b.stages) }

// AcceptsCategorical implements Classifier.
func (classBoost) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (b classBoost) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(y, k)
	if !ok {
		return prior
	}
	var classes []int
	for c, p := range prior.p {
		if p > 0 {
			classes = append(classes, c)
		}
	}
	if len(classes) < 2 {
		return prior
	}
	var gid []int
	var ux []float64
	G := x.K
	if x.IsCategorical() {
		gid = x.Codes
	} else {
		g := numericGroups(x)
		gid, ux, G = g.gid32(), g.ux, len(g.ux)
	}
	bs := newBoostState(prior.p, classes, G, k)
	rw := make([]float64, len(y))
	for s := range b.stages {
		halfSample(rw, rand.New(rand.NewPCG(boostSeed, uint64(s))))
		w, cnt := weightedCounts(gid, G, y, rw, k)
		for _, c := range classes {
			bs.stage(ux, w, cnt, c)
		}
		bs.renormalize()
	}
	if x.IsCategorical() {
		return mixture{k: k, parts: []part{bs.table(prior.p)}, weights: []float64{1}}
	}
	return mixture{k: k, parts: []part{bs.steps(prior.p)}, weights: []float64{1}}
}

// boostState holds the scores of a classBoost fit per group (distinct x
// value or category) as E = exp(F - shift), updated multiplicatively so no
// exponential is computed per group.
type boostState struct {
	k, K    int // classes, number of present classes
	classes []int
	F0      []float64 // initial scores (log frequencies)
	E       []float64 // G x k, exp of the current scores up to a per-group factor
	events  []event   // score changes along x (numeric only)
	base    []float64 // score added below the first threshold, per class
	F       []float64 // G x k current scores (categorical only)
}

// event is a change of the score of one class at a threshold of x.
type event struct {
	at    float64
	class int
	delta float64
}

// newBoostState starts every group at the log class frequencies.
func newBoostState(prior []float64, classes []int, G, k int) *boostState {
	bs := &boostState{k: k, K: len(classes), classes: classes,
		F0: make([]float64, k), E: make([]float64, G*k), base: make([]float64, k), F: make([]float64, G*k)}
	for _, c := range classes {
		bs.F0[c] = math.Log(prior[c])
		for g := range G {
			bs.E[g*k+c] = prior[c]
		}
	}
	return bs
}

// stage fits one tree for class c on the sampled weights w and class counts
// cnt (groups in ascending x for a numeric x, ux non-nil) and applies it.
func (bs *boostState) stage(ux, w, cnt []float64, c int) {
	k := bs.k
	G := len(w)
	keep := make([]int, 0, G)
	s := make([]float64, G)
	ss := make([]float64, G)
	h := make([]float64, G)
	for g := range G {
		if w[g] == 0 {
			continue
		}
		keep = append(keep, g)
		p := bs.prob(g, c)
		n1 := cnt[g*k+c]
		s[g] = n1 - w[g]*p
		ss[g] = n1*(1-p)*(1-p) + (w[g]-n1)*p*p
		h[g] = w[g] * p * (1 - p)
	}
	if ux == nil {
		slices.SortStableFunc(keep, func(a, b int) int { return cmp.Compare(s[a]/w[a], s[b]/w[b]) })
	}
	ow, os, oss, oh := pick(w, keep), pick(s, keep), pick(ss, keep), pick(h, keep)
	cuts := growReg(ow, os, oss, 0, len(keep), boostDepth, nil)
	scale := float64(bs.K-1) / float64(bs.K)
	leafOf := make([]float64, G) // categorical: score change per category
	var thr, val []float64
	lo := 0
	for i := 0; i <= len(cuts); i++ {
		hi := len(keep)
		if i < len(cuts) {
			hi = cuts[i]
			if ux != nil {
				thr = append(thr, midpoint(ux[keep[hi-1]], ux[keep[hi]]))
			}
		}
		v := boostRate * scale * newtonStep(os, oh, lo, hi)
		val = append(val, v)
		for _, g := range keep[lo:hi] {
			leafOf[g] = v
		}
		lo = hi
	}
	if ux == nil {
		for g := range G {
			bs.F[g*k+c] += leafOf[g]
		}
		bs.multiply(c, func(g int) float64 { return leafOf[g] })
		return
	}
	bs.base[c] += val[0]
	for i, t := range thr {
		bs.events = append(bs.events, event{t, c, val[i+1] - val[i]})
	}
	p := 0
	bs.multiply(c, func(g int) float64 {
		for p < len(thr) && thr[p] < ux[g] {
			p++
		}
		return val[p]
	})
}

// newtonStep returns sum(s[lo:hi]) / sum(h[lo:hi]), 0 when the curvature vanishes.
func newtonStep(s, h []float64, lo, hi int) float64 {
	var S, H float64
	for j := lo; j < hi; j++ {
		S += s[j]
		H += h[j]
	}
	if H < 1e-150 {
		return 0
	}
	return S / H
}

// multiply scales E of class c in every group g by exp(delta(g)), computing
// one exponential per distinct delta (per leaf).
func (bs *boostState) multiply(c int, delta func(g int) float64) {
	k := bs.k
	lastD, lastF := 0.0, 1.0
	for g := range len(bs.E) / k {
		d := delta(g)
		if d != lastD {
			lastD, lastF = d, math.Exp(d)
		}
		bs.E[g*k+c] *= lastF
	}
}

// prob returns the current probability of class c in group g.
func (bs *boostState) prob(g, c int) float64 {
	row := bs.E[g*bs.k : (g+1)*bs.k]
	s := 0.0
	for _, v := range row {
		s += v
	}
	return row[c] / s
}

// renormalize rescales each group's E so its largest entry is 1.
func (bs *boostState) renormalize() {
	k := bs.k
	for g := range len(bs.E) / k {
		row := bs.E[g*k : (g+1)*k]
		m := 0.0
		for _, v := range row {
			m = max(m, v)
		}
		if m > 0 && !math.IsInf(m, 0) {
			for i := range row {
				row[i] /= m
			}
		}
	}
}

// softmaxInto writes the class probabilities of scores F over the present classes.
func (bs *boostState) softmaxInto(F, out []float64) {
	m := math.Inf(-1)
	for _, c := range bs.classes {
		m = max(m, F[c])
	}
	for i := range out {
		out[i] = 0
	}
	for _, c := range bs.classes {
		out[c] = math.Exp(F[c] - m)
	}
	normalize(out)
}

// steps sweeps the score changes along x into one step function of probabilities.
func (bs *boostState) steps(prior []float64) steps {
	k := bs.k
	slices.SortStableFunc(bs.events, func(a, b event) int { return cmp.Compare(a.at, b.at) })
	cur := make([]float64, k)
	for c := range k {
		cur[c] = bs.F0[c] + bs.base[c]
	}
	st := steps{d: k, fallback: prior, val: make([]float64, k)}
	bs.softmaxInto(cur, st.val)
	for i := 0; i < len(bs.events); {
		at := bs.events[i].at
		for ; i < len(bs.events) && bs.events[i].at == at; i++ {
			cur[bs.events[i].class] += bs.events[i].delta
		}
		st.thr = append(st.thr, at)
		row := make([]float64, k)
		bs.softmaxInto(cur, row)
		st.val = append(st.val, row...)
	}
	return st
}

// table returns the per-category probabilities of a categorical fit.
func (bs *boostState) table(prior []float64) table {
	k := bs.k
	G := len(bs.F) / k
	t := table{val: make([]float64, G*k), d: k, fallback: prior}
	cur := make([]float64, k)
	for g := range G {
		for c := range k {
			cur[c] = bs.F0[c] + bs.F[g*k+c]
		}
		bs.softmaxInto(cur, t.val[g*k:(g+1)*k])
	}
	return t
}
