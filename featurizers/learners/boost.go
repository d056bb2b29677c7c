package learners

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
)

// maxLeafScore bounds a classification leaf's score change, so that a
// nearly vanishing probability cannot make a Newton step overflow.
const maxLeafScore = 20

// boostBins is the number of histogram bins of a numeric x in the boosted
// models (as LightGBM's max_bin): consecutive distinct values are merged
// into at most this many bins of about equal row counts.
const boostBins = 256

// classBoostBins is the number of bins of the boosted classifier, which
// grows one tree per class and stage (100 trees for 10 classes).
const classBoostBins = 64

// regBoost is gradient boosting for squared error: starting from the mean,
// each stage fits a depth-3 regression tree to the residuals of a random half
// of the rows (fixed per-stage seed) and adds it with learning rate 0.1. A
// numeric x is first binned into at most 256 bins of the sorted distinct
// values (histogram boosting: split thresholds lie between bins, at the
// midpoint of the neighbouring values). On a categorical x each stage's tree
// orders the categories by mean residual; categories absent from a stage's
// sample are not updated.
type regBoost struct{ stages int }

// Name implements Regressor.
func (b regBoost) Name() string { return "boost" + strconv.Itoa(b.stages) }

// AcceptsCategorical implements Regressor.
func (regBoost) AcceptsCategorical() bool { return true }

// Fit implements Regressor.
func (b regBoost) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := regPrelude(x, y, a)
	if m != nil {
		return m
	}
	n := len(y)
	rw, rz := a.floats(n), a.floats(n)
	model := affine{center: st.center, sd: st.sd, weights: []float64{1}}
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
		return model
	}
	hb := binNumeric(x.groups(), boostBins, a)
	B := len(hb.thr) + 1
	F := a.floats(B)
	w, s, ss := a.floats(B), a.floats(B), a.floats(B)
	sum := stepSum{d: 1, base: make([]float64, 1)}
	cuts := a.intSlice(B)[:0]
	for stage := range b.stages {
		halfSample(rw, rand.New(rand.NewPCG(boostSeed, uint64(stage))))
		clear(w)
		clear(s)
		clear(ss)
		for r, bin := range hb.bin {
			if rw[r] != 0 {
				res := st.z[r] - F[bin]
				w[bin]++
				s[bin] += res
				ss[bin] += res * res
			}
		}
		cuts = growReg(w, s, ss, 0, B, boostDepth, cuts[:0])
		lo, prev := 0, 0.0
		for i := 0; i <= len(cuts); i++ {
			hi := B
			if i < len(cuts) {
				hi = cuts[i]
			}
			v := boostRate * rangeMean(w, s, lo, hi)
			for j := lo; j < hi; j++ {
				F[j] += v
			}
			if i == 0 {
				sum.base[0] += v
			} else {
				sum.events = append(sum.events, event{hb.thr[lo-1], 0, v - prev})
			}
			lo, prev = hi, v
		}
	}
	model.parts = []part{sum.steps([]float64{0}, nil)}
	return model
}

// histBins maps the rows of a numeric x to at most maxBins bins of
// consecutive distinct values; thr[b] separates bins b and b+1.
type histBins struct {
	bin []int32 // bin of each row
	thr []float64
}

// binNumeric bins the groups g into at most maxBins bins of about equal row
// counts (one bin per distinct value when there are few); bin is from a.
func binNumeric(g groups, maxBins int, a *arena) histBins {
	G := len(g.ux)
	n := float64(len(g.gid))
	B := min(G, maxBins)
	of := a.int32s(G)
	hb := histBins{bin: a.int32s(len(g.gid))}
	seen, b := 0.0, int32(0)
	for i := range G {
		of[i] = b
		seen += g.cnt[i]
		if i < G-1 && (B == G || seen >= float64(b+1)*n/float64(B)) {
			hb.thr = append(hb.thr, midpoint(g.ux[i], g.ux[i+1]))
			b++
		}
	}
	for r, gi := range g.gid {
		hb.bin[r] = of[gi]
	}
	return hb
}

// event is a change of the score of one output at a threshold of x.
type event struct {
	at    float64
	class int
	delta float64
}

// stepSum accumulates a sum of step functions as a base value (below every
// threshold) plus score changes at thresholds.
type stepSum struct {
	d      int
	base   []float64
	events []event
}

// steps sweeps the changes along x into one step function; transform, when
// non-nil, maps each leaf's summed scores (in place) to its output values.
func (s stepSum) steps(fallback []float64, transform func(scores, out []float64)) steps {
	d := s.d
	slices.SortStableFunc(s.events, func(a, b event) int { return cmp.Compare(a.at, b.at) })
	cur := append([]float64(nil), s.base...)
	st := steps{d: d, fallback: fallback}
	emit := func() {
		row := make([]float64, d)
		if transform != nil {
			transform(cur, row)
		} else {
			copy(row, cur)
		}
		st.val = append(st.val, row...)
	}
	emit()
	for i := 0; i < len(s.events); {
		at := s.events[i].at
		cur[s.events[i].class] += s.events[i].delta
		for i++; i < len(s.events) && s.events[i].at == at; i++ {
			cur[s.events[i].class] += s.events[i].delta
		}
		st.thr = append(st.thr, at)
		emit()
	}
	return st
}

// classBoost is multinomial gradient boosting (deviance loss, as
// scikit-learn's GradientBoostingClassifier): scores start at the log class
// frequencies; each stage computes the class probabilities, then fits for
// every class present a depth-3 regression tree to the gradient on a random
// half of the rows (fixed per-stage seed), with Newton leaf values
// (K-1)/K * sum(g)/sum(p(1-p)) and learning rate 0.1 (a leaf's change
// clipped to +-20 for numerical safety). A numeric x is binned as in
// regBoost but into at most 64 bins. Classes absent from the training rows get probability 0.
type classBoost struct{ stages int }

// Name implements Classifier.
func (b classBoost) Name() string { return "boost" + strconv.Itoa(b.stages) }

// AcceptsCategorical implements Classifier.
func (classBoost) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (b classBoost) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(x, y, k)
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
	a := getArena()
	defer a.release()
	var bin []int32
	var thr []float64 // nil for a categorical x
	var G int
	if x.IsCategorical() {
		G = x.K
		bin = a.int32s(len(x.Codes))
		for i, c := range x.Codes {
			bin[i] = int32(c)
			if !validCode(c, x.K) {
				bin[i] = -1
			}
		}
	} else {
		hb := binNumeric(x.groups(), classBoostBins, a)
		bin, thr, G = hb.bin, hb.thr, len(hb.thr)+1
	}
	bs := newBoostState(prior.p, classes, G, k, a)
	if thr == nil {
		bs.F = make([]float64, G*k)
	}
	w, cnt, rw := a.floats(G), a.floats(G*k), a.floats(len(y))
	for s := range b.stages {
		halfSample(rw, rand.New(rand.NewPCG(boostSeed, uint64(s))))
		clear(w)
		clear(cnt)
		for r, gi := range bin {
			if c := y[r]; rw[r] != 0 && gi >= 0 && validCode(c, k) {
				w[gi]++
				cnt[int(gi)*k+c]++
			}
		}
		bs.snapshot()
		for _, c := range classes {
			bs.stage(thr, w, cnt, c)
		}
	}
	if thr == nil {
		return mixture{k: k, parts: []part{bs.table(prior.p)}, weights: []float64{1}}
	}
	return mixture{k: k, parts: []part{bs.sum.steps(prior.p, bs.softmaxInto)}, weights: []float64{1}}
}

// boostState holds the scores of a classBoost fit per bin (or category) as
// E = exp(F - shift), updated multiplicatively (one exponential per leaf).
type boostState struct {
	k, K    int // classes, number of present classes
	classes []int
	E, P    []float64 // G x k: exp of the scores up to a per-bin factor; probabilities at stage start
	F       []float64 // G x k score changes (categorical only)
	sum     stepSum   // score changes along x (numeric only)
	buf     *treeBuf
	order   []int
}

// newBoostState starts every bin at the log class frequencies.
func newBoostState(prior []float64, classes []int, G, k int, a *arena) *boostState {
	bs := &boostState{k: k, K: len(classes), classes: classes, E: a.floats(G * k), P: a.floats(G * k),
		sum: stepSum{d: k, base: make([]float64, k)}, buf: newTreeBuf(G, a), order: a.intSlice(G)}
	for _, c := range classes {
		bs.sum.base[c] = math.Log(prior[c])
		for g := range G {
			bs.E[g*k+c] = prior[c]
		}
	}
	return bs
}

// snapshot stores the current probabilities in P and rescales E.
func (bs *boostState) snapshot() {
	k := bs.k
	for g := range len(bs.E) / k {
		row := bs.E[g*k : (g+1)*k]
		s, m := 0.0, 0.0
		for _, v := range row {
			s += v
			m = max(m, v)
		}
		for i, v := range row {
			bs.P[g*k+i] = v / s
			row[i] = v / m
		}
	}
}

// stage fits the tree of class c on the sampled weights w and class counts
// cnt (bins in ascending x when thr is non-nil) and applies it.
func (bs *boostState) stage(thr, w, cnt []float64, c int) {
	k, G := bs.k, len(w)
	buf := bs.buf
	order := bs.order[:G]
	for g := range order {
		order[g] = g
	}
	grad := buf.ux
	for g := range G {
		grad[g] = 0
		if w[g] > 0 {
			grad[g] = (cnt[g*k+c] - w[g]*bs.P[g*k+c]) / w[g]
		}
	}
	if thr == nil { // categories: present ones in order of mean gradient
		order = order[:0]
		for g := range G {
			if w[g] > 0 {
				order = append(order, g)
			}
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(grad[a], grad[b]) })
	}
	P := len(order)
	os, oss, oh, ow := buf.s[:P], buf.ss[:P], buf.h[:P], buf.w[:P]
	for j, g := range order {
		p, n1 := bs.P[g*k+c], cnt[g*k+c]
		ow[j] = w[g]
		os[j] = n1 - w[g]*p
		oss[j] = n1*(1-p)*(1-p) + (w[g]-n1)*p*p
		oh[j] = w[g] * p * (1 - p)
	}
	cuts := growReg(ow, os, oss, 0, P, boostDepth, buf.cuts[:0])
	scale := float64(bs.K-1) / float64(bs.K)
	lo, prev := 0, 0.0
	for i := 0; i <= len(cuts); i++ {
		hi := P
		if i < len(cuts) {
			hi = cuts[i]
		}
		v := boostRate * scale * newtonStep(os, oh, lo, hi)
		v = math.Max(-maxLeafScore, math.Min(maxLeafScore, v))
		f := math.Exp(v)
		for _, g := range order[lo:hi] {
			bs.E[g*k+c] *= f
			if bs.F != nil {
				bs.F[g*k+c] += v
			}
		}
		if thr != nil {
			if i == 0 {
				bs.sum.base[c] += v
			} else {
				bs.sum.events = append(bs.sum.events, event{thr[lo-1], c, v - prev})
			}
		}
		lo, prev = hi, v
	}
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

// softmaxInto writes the class probabilities of scores F over the present classes.
func (bs *boostState) softmaxInto(F, out []float64) {
	m := math.Inf(-1)
	for _, c := range bs.classes {
		m = max(m, F[c])
	}
	clear(out)
	for _, c := range bs.classes {
		out[c] = math.Exp(F[c] - m)
	}
	normalize(out)
}

// table returns the per-category probabilities of a categorical fit.
func (bs *boostState) table(prior []float64) table {
	k := bs.k
	G := len(bs.F) / k
	t := table{val: make([]float64, G*k), d: k, fallback: prior}
	cur := make([]float64, k)
	for g := range G {
		for c := range k {
			cur[c] = bs.sum.base[c] + bs.F[g*k+c]
		}
		bs.softmaxInto(cur, t.val[g*k:(g+1)*k])
	}
	return t
}
