package gbdt

import (
	"math"
	"math/rand/v2"
	"slices"
)

// split is the best split found for a leaf.
type split struct {
	feat        int     // original feature index; -1 if the leaf cannot split
	bin         int     // non-NaN bins <= bin go left
	defaultLeft bool    // NaN goes left
	gain        float64 // gain over the unsplit leaf, minus MinGainToSplit
	lG, lH, lC  float64 // left child's sums (right = leaf - left)
}

// leafState is a leaf of the tree being grown.
type leafState struct {
	begin, count int     // rows: indices[begin : begin+count]
	sumG, sumH   float64 // sums over those rows
	depth        int
	hist         []float64 // nil once released
	best         split
	parent       int  // internal node pointing to this leaf; -1 for the root
	isLeft       bool // side of parent
}

// grownTree is a tree plus its bin thresholds, for routing binned rows.
type grownTree struct {
	Tree
	binThreshold []uint8 // per internal node
	leaves       []leafState
}

// treeLearner grows regression trees on a Dataset.
type treeLearner struct {
	ds         *Dataset
	p          *Params
	workers    int
	rng        *rand.Rand
	splittable []int32 // features with at least two non-NaN bins

	indices  []int32 // rows of the current sample, grouped by leaf
	scratch  []int32
	identity bool // indices is 0..rows-1 in order (no bagging)
	gOrd     []float64
	hOrd     []float64

	feats          []int32 // the tree's sampled features, ascending
	offs           []int   // bin offset of each of feats; offs[len(feats)] = total
	pool           [][]float64
	maxBins        int            // most bins of any feature
	scratch2       [][2][]float64 // per worker: two groups of one-feature histograms
	flagsA, flagsB []uint8        // per position in feats: work flags
	resA, resB     []split        // per position in feats: best splits
	cols           *colSampler    // feature sampling per tree and node
	posA, posB     []int32        // the node samples of the leaves evalLeaves plans
	scans          []*scanScratch // per worker: scratch of bestSplitFeature
}

// newTreeLearner prepares a learner for ds.
func newTreeLearner(ds *Dataset, p *Params) *treeLearner {
	tl := &treeLearner{ds: ds, p: p, workers: p.cores(),
		rng:     rand.New(rand.NewPCG(p.Seed, 0x9e3779b97f4a7c15)),
		indices: make([]int32, ds.rows), scratch: make([]int32, ds.rows),
		gOrd: make([]float64, ds.rows), hOrd: make([]float64, ds.rows)}
	tl.scratch2 = make([][2][]float64, tl.workers)
	for f, m := range ds.mappers {
		tl.maxBins = max(tl.maxBins, m.numBins())
		if m.numBins() >= 3 {
			tl.splittable = append(tl.splittable, int32(f))
		}
	}
	tl.cols = newColSampler(p, len(tl.splittable))
	return tl
}

// sampleRows sets indices to a bag of the rows (all rows when bagging is
// off) and returns how many.
func (tl *treeLearner) sampleRows(bag bool) int {
	n := tl.ds.rows
	for i := range tl.indices {
		tl.indices[i] = int32(i)
	}
	tl.identity = true
	if !bag {
		return n
	}
	k := max(1, int(tl.p.BaggingFraction*float64(n)+0.5))
	if k >= n {
		return n
	}
	for i := range k {
		j := i + tl.rng.IntN(n-i)
		tl.indices[i], tl.indices[j] = tl.indices[j], tl.indices[i]
	}
	slices.Sort(tl.indices[:k])
	tl.identity = false
	return k
}

// getHist returns a histogram buffer (not zeroed) for the tree's features.
func (tl *treeLearner) getHist() []float64 {
	size := 3 * tl.offs[len(tl.feats)]
	for len(tl.pool) > 0 {
		h := tl.pool[len(tl.pool)-1]
		tl.pool = tl.pool[:len(tl.pool)-1]
		if cap(h) >= size {
			return h[:size]
		}
	}
	return make([]float64, size)
}

// putHist returns a buffer to the pool.
func (tl *treeLearner) putHist(h []float64) {
	if h != nil {
		tl.pool = append(tl.pool, h)
	}
}

// storeMinRows is the size above which a splittable leaf keeps its full
// histogram, so that its larger child can later be had by subtraction.
// Smaller leaves rebuild both children from their rows, which costs less
// than streaming full histograms through memory, and saves that memory.
var storeMinRows = 1024 // a variable so that tests can cover both paths

// Per-feature flags of the work evalLeaves does for a leaf.
const (
	needHist uint8 = 1 // the feature's histogram must be computed
	needScan uint8 = 2 // the feature is a split candidate
)

// plan sets the per-feature flags of a new leaf (pos: the positions in
// tl.feats it may split on) and allocates its stored histogram when it
// keeps one (reuse, if not nil, is that buffer).
func (tl *treeLearner) plan(lf *leafState, flags []uint8, reuse []float64, pos []int32) {
	clear(flags)
	lf.best = split{feat: -1, gain: math.Inf(-1)}
	lf.hist = nil
	if !tl.canSplit(lf) {
		return
	}
	for _, j := range pos {
		flags[j] = needHist | needScan
	}
	if lf.count > storeMinRows {
		lf.hist = reuse
		if lf.hist == nil {
			lf.hist = tl.getHist()
		}
		for j := range flags {
			flags[j] |= needHist
		}
	}
}

// gather copies the gradients of a leaf's rows into the ordered buffers.
func (tl *treeLearner) gather(lf *leafState, grad, hess []float64) {
	for i := lf.begin; i < lf.begin+lf.count; i++ {
		r := tl.indices[i]
		tl.gOrd[i], tl.hOrd[i] = grad[r], hess[r]
	}
}

// group is the number of features whose histograms are built in one pass
// over a leaf's rows.
const group = 4

// accumulateGroup builds the histograms hs[g] with acc[g] set from the
// columns cols[g] over a leaf's rows, four at a time when possible.
func (tl *treeLearner) accumulateGroup(hs *[group][]float64, cols *[group]colBins, acc *[group]bool, lf *leafState, grad, hess []float64) {
	n := 0
	for g := range group {
		if acc[g] {
			n++
		}
	}
	if n < group {
		for g := range group {
			if acc[g] {
				tl.accumulate(hs[g], cols[g], lf, grad, hess)
			}
		}
		return
	}
	for g := range group {
		clear(hs[g])
	}
	if tl.identity && lf.count == tl.ds.rows {
		histAll4(hs, cols, grad, hess)
		return
	}
	e := lf.begin + lf.count
	histRows4(hs, cols, tl.indices[lf.begin:e], tl.gOrd[lf.begin:e], tl.hOrd[lf.begin:e])
}

// accumulate adds a leaf's rows of one feature column into hist.
func (tl *treeLearner) accumulate(hist []float64, col colBins, lf *leafState, grad, hess []float64) {
	clear(hist)
	if tl.identity && lf.count == tl.ds.rows {
		histAll(hist, col, grad, hess)
		return
	}
	e := lf.begin + lf.count
	histRows(hist, col, tl.indices[lf.begin:e], tl.gOrd[lf.begin:e], tl.hOrd[lf.begin:e])
}

// evalLeaves computes the histograms and best splits of new leaves: a
// from its rows, and b (if not nil) as parent - a when parent is not nil,
// else from its rows too. Work is spread over the features; each feature
// is handled start to end by one goroutine while its histogram is hot in
// cache.
func (tl *treeLearner) evalLeaves(a, b *leafState, parent []float64, grad, hess []float64) {
	nf := len(tl.feats)
	flagsB := tl.flagsB[:nf]
	clear(flagsB)
	tl.sampleNodes(a, b)
	tl.plan(a, tl.flagsA[:nf], nil, tl.posA)
	if b != nil {
		tl.plan(b, flagsB, parent, tl.posB)
	}
	sub := parent != nil
	if sub {
		for j, f := range flagsB {
			if f&needHist != 0 {
				tl.flagsA[j] |= needHist
			}
		}
	}
	if !(tl.identity && a.count == tl.ds.rows) {
		tl.gather(a, grad, hess)
	}
	if b != nil && !sub {
		tl.gather(b, grad, hess)
	}
	gainA := tl.leafGain(a.sumG, a.sumH)
	var gainB float64
	if b != nil {
		gainB = tl.leafGain(b.sumG, b.sumH)
	}
	flagsA := tl.flagsA[:nf]
	resA, resB := tl.resA[:nf], tl.resB[:nf]
	parallelFor(nf, tl.workers, func(w, lo, hi int) {
		sA, sB := tl.scratch2[w][0], tl.scratch2[w][1]
		nz := tl.scans[w]
		slot := func(s []float64, g, n int) []float64 { o := g * 3 * tl.maxBins; return s[o : o+n] }
		for j0 := lo; j0 < hi; j0 += group {
			j1 := min(j0+group, hi)
			var ha, hb [group][]float64
			var cols [group]colBins
			var accA, accB [group]bool
			for j := j0; j < j1; j++ {
				g, fa, fb := j-j0, flagsA[j], flagsB[j]
				if fa|fb == 0 {
					continue
				}
				o0, o1 := 3*tl.offs[j], 3*tl.offs[j+1]
				cols[g] = tl.ds.column(int(tl.feats[j]))
				ha[g] = slot(sA, g, o1-o0)
				if a.hist != nil {
					ha[g] = a.hist[o0:o1]
				}
				accA[g] = fa&needHist != 0
				if fb&needHist != 0 {
					hb[g] = slot(sB, g, o1-o0)
					if b.hist != nil {
						hb[g] = b.hist[o0:o1]
					}
					accB[g] = !sub
				}
			}
			tl.accumulateGroup(&ha, &cols, &accA, a, grad, hess)
			if b != nil && !sub {
				tl.accumulateGroup(&hb, &cols, &accB, b, grad, hess)
			}
			for j := j0; j < j1; j++ {
				g, fa, fb := j-j0, flagsA[j], flagsB[j]
				if fa&needScan != 0 {
					resA[j] = tl.bestSplitFeature(ha[g], a, gainA, nz)
				}
				if fb&needHist == 0 {
					continue
				}
				if sub {
					o0, o1 := 3*tl.offs[j], 3*tl.offs[j+1]
					p, x, y := parent[o0:o1], ha[g], hb[g]
					x = x[:len(p)]
					y = y[:len(p)]
					for i := range y {
						y[i] = p[i] - x[i]
					}
				}
				if fb&needScan != 0 {
					resB[j] = tl.bestSplitFeature(hb[g], b, gainB, nz)
				}
			}
		}
	})
	if sub && b.hist == nil {
		tl.putHist(parent)
	}
	tl.pickBest(a, flagsA, resA)
	if b != nil {
		tl.pickBest(b, flagsB, resB)
	}
}

// pickBest sets lf.best to the best split over the scanned features, the
// lowest feature position winning ties.
func (tl *treeLearner) pickBest(lf *leafState, flags []uint8, res []split) {
	for j, f := range flags {
		if f&needScan != 0 && res[j].bin >= 0 && res[j].gain > lf.best.gain {
			lf.best = res[j]
			lf.best.feat = int(tl.feats[j])
		}
	}
}

// thresholdL1 soft-thresholds a gradient sum by LambdaL1.
func thresholdL1(g, l1 float64) float64 {
	if g > l1 {
		return g - l1
	}
	if g < -l1 {
		return g + l1
	}
	return 0
}

// leafGain is the loss reduction of a leaf with the optimal output.
func (tl *treeLearner) leafGain(g, h float64) float64 {
	t := thresholdL1(g, tl.p.LambdaL1)
	return t * t / (h + tl.p.LambdaL2)
}

// leafOutput is the optimal (unshrunk) output of a leaf.
func (tl *treeLearner) leafOutput(g, h float64) float64 {
	return -thresholdL1(g, tl.p.LambdaL1) / (h + tl.p.LambdaL2)
}

// canSplit reports whether a leaf may be split at all.
func (tl *treeLearner) canSplit(lf *leafState) bool {
	p := tl.p
	if p.MaxDepth > 0 && lf.depth >= p.MaxDepth {
		return false
	}
	return lf.count >= 2*p.MinDataInLeaf && lf.sumH >= 2*p.MinSumHessianInLeaf
}

// sampleNodes draws the features leaves a and b (nil for the root) may
// split on into tl.posA and tl.posB, as LightGBM does: for both when
// either has the rows to be split (and the depth allows), the one with
// fewer rows first (the right one on a tie). The draw does not depend on
// which child is built from rows.
func (tl *treeLearner) sampleNodes(a, b *leafState) {
	tl.posA, tl.posB = tl.posA[:0], tl.posB[:0]
	p, nf := tl.p, len(tl.feats)
	if p.MaxDepth > 0 && a.depth >= p.MaxDepth {
		return
	}
	if b == nil {
		if a.count >= 2*p.MinDataInLeaf {
			tl.posA = tl.cols.node(nf, tl.posA)
		}
		return
	}
	if a.count < 2*p.MinDataInLeaf && b.count < 2*p.MinDataInLeaf {
		return
	}
	left, right := a, b
	if b.begin < a.begin {
		left, right = b, a
	}
	first := right
	if left.count < right.count {
		first = left
	}
	if first == a {
		tl.posA = tl.cols.node(nf, tl.posA)
		tl.posB = tl.cols.node(nf, tl.posB)
	} else {
		tl.posB = tl.cols.node(nf, tl.posB)
		tl.posA = tl.cols.node(nf, tl.posA)
	}
}

// bestSplitFeature scans one feature's histogram (bins 0..nb-1 then the
// NaN bin) and returns its best split; bin is -1 when none is valid. NaN
// rows are tried on the right, then on the left. As in LightGBM, a side's
// row count for MinDataInLeaf is estimated from its hessians (each bin's
// hessian sum times the leaf's rows per unit of hessian, rounded): the
// same as the count when every hessian is 1 (L2, Huber), fewer rows where
// the binary or multiclass predictions are already confident. Empty bins
// are skipped (a threshold at an empty bin repeats the previous
// partition); in small leaves, where most bins are empty, the non-empty
// ones are first compacted without branches.
//
// The scan runs in two passes over the non-empty bins, which keeps each
// loop's values in registers: prefix sums and the candidates' validity
// first, then the gains of the valid candidates, in the order and with
// the arithmetic of a single pass (so the same threshold wins).
func (tl *treeLearner) bestSplitFeature(h []float64, lf *leafState, parentGain float64, sc *scanScratch) split {
	p := tl.p
	nb := len(h)/3 - 1
	if nb < 2 {
		return split{bin: -1}
	}
	nz := sc.nz[:nb]
	var k int
	if lf.count < 4*nb {
		for t := 0; t < nb-1; t++ {
			nz[k] = int32(t)
			c := math.Float64bits(h[3*t+2])
			k += int((c | -c) >> 63)
		}
	} else {
		for t := 0; t < nb-1; t++ {
			if h[3*t+2] != 0 {
				nz[k] = int32(t)
				k++
			}
		}
	}
	s := splitScan{G: lf.sumG, H: lf.sumH, C: float64(lf.count),
		nanG: h[3*nb], nanH: h[3*nb+1], nanC: h[3*nb+2],
		minData: float64(p.MinDataInLeaf), minHess: p.MinSumHessianInLeaf,
		l1: p.LambdaL1, l2: p.LambdaL2, shift: parentGain + p.MinGainToSplit}
	lo, m := s.prefix(h, nz[:k], sc)
	var best int
	var bestLeft bool
	if s.l1 == 0 {
		best, bestLeft = s.gainsL2(sc, lo, m)
	} else {
		best, bestLeft = s.gainsL1(sc, lo, m)
	}
	if best < 0 {
		return split{bin: -1}
	}
	bG, bH := sc.cg[best], sc.ch[best]
	// the exact row count left of the threshold, summed in scan order
	var bC float64
	for _, t := range nz[:best+1] {
		bC += h[3*int(t)+2]
	}
	if bestLeft {
		bG, bH, bC = bG+s.nanG, bH+s.nanH, bC+s.nanC
	}
	gain := tl.leafGain(bG, bH) + tl.leafGain(s.G-bG, s.H-bH)
	return split{bin: int(nz[best]), defaultLeft: bestLeft, gain: gain - s.shift, lG: bG, lH: bH, lC: bC}
}

// scanScratch is one goroutine's scratch for bestSplitFeature, indexed by
// the position of a non-empty bin.
type scanScratch struct {
	nz     []int32   // non-empty bins
	cg, ch []float64 // gradient and hessian sums up to and including the bin
	ce     []int64   // estimated row count up to and including the bin
	cand   []uint8   // the bin's candidates: candRight, candLeft
	best   scanBest  // gainsL2's best candidate so far
}

// scanBest is a gain pass's best candidate so far: its gain num/den, its
// position and NaN side.
type scanBest struct {
	num, den float64
	i        int
	left     bool
}

// newScanScratch returns scratch for features of up to maxBins bins.
func newScanScratch(maxBins int) *scanScratch {
	return &scanScratch{nz: make([]int32, maxBins), cg: make([]float64, maxBins),
		ch: make([]float64, maxBins), ce: make([]int64, maxBins), cand: make([]uint8, maxBins)}
}

// Candidates of a threshold.
const (
	candRight uint8 = 1 // NaN rows go right
	candLeft  uint8 = 2 // NaN rows go left
)

// splitScan holds what a threshold scan of one leaf's feature reads.
type splitScan struct {
	G, H, C          float64 // the leaf's sums and row count
	nanG, nanH, nanC float64 // its NaN bin
	minData, minHess float64
	l1, l2, shift    float64
}

// prefix fills sc's prefix sums and candidates for the non-empty bins nz
// and returns the range [lo, m) of bins the gain pass must visit: a threshold is a
// candidate once both sides hold MinDataInLeaf rows (estimated from the
// hessians) and MinSumHessianInLeaf, and the scan stops at the first
// threshold whose right side falls short.
//
// When every bin's hessian is non-negative (and the leaf's positive and
// finite), the running sums only grow, so each of the candidates' tests
// holds on one run of consecutive thresholds: the sums are then computed
// without branches and the runs' ends found by short searches from either
// end. Otherwise prefixGeneral tests every threshold.
func (s *splitScan) prefix(h []float64, nz []int32, sc *scanScratch) (lo, m int) {
	C, H := s.C, s.H
	perHess := C / H
	if !(perHess > 0 && perHess <= math.MaxFloat64) {
		return s.prefixGeneral(h, nz, sc)
	}
	n := len(nz)
	cg, ch, ce := sc.cg[:n], sc.ch[:n], sc.ce[:n]
	// every estimated count is at most lH*perHess when no hessian is
	// negative (or -0)
	if lH, signs := prefixSums(h, nz, perHess, cg, ch, ce); signs>>63 != 0 || !(lH*perHess < 1<<44) {
		return s.prefixGeneral(h, nz, sc)
	}
	minData, minHess := s.minData, s.minHess
	for lo < n && (float64(ce[lo]) < minData || ch[lo] < minHess) {
		lo++
	}
	m = n
	for m > lo && (C-float64(ce[m-1]) < minData || H-ch[m-1] < minHess) {
		m--
	}
	mL := lo // candidates with NaN on the left: [lo, mL)
	if s.nanC > 0 {
		eNaN, nanH := math.Round(s.nanH*perHess), s.nanH
		mL = m
		for mL > lo && !(C-float64(ce[mL-1])-eNaN >= minData && H-ch[mL-1]-nanH >= minHess) {
			mL--
		}
	}
	cand := sc.cand[:m]
	for i := lo; i < mL; i++ {
		cand[i] = candRight | candLeft
	}
	for i := mL; i < m; i++ {
		cand[i] = candRight
	}
	return lo, m
}

// prefixSums sets cg, ch and ce to the running sums over the bins nz of
// the gradients, the hessians and the estimated row counts (each bin's
// hessian times perHess, rounded half away from zero), and returns the
// hessians' sum and their sign bits or-ed. The counts are exact when no
// hessian is negative and every hessian times perHess is below 2^44; then
// no sum of up to 256 counts reaches 2^53, so that prefixGeneral's float
// sums are exact too, and equal.
func prefixSums(h []float64, nz []int32, perHess float64, cg, ch []float64, ce []int64) (lH float64, signs uint64) {
	n := len(nz)
	cg, ch, ce = cg[:n], ch[:n], ce[:n]
	var lG float64
	var eC int64
	for i, t32 := range nz {
		t := int(t32)
		e := h[3*t : 3*t+2 : 3*t+2]
		lG += e[0]
		lH += e[1]
		signs |= math.Float64bits(e[1])
		x := e[1] * perHess
		r := int64(x)
		if x-float64(r) >= 0.5 {
			r++
		}
		eC += r
		cg[i], ch[i], ce[i] = lG, lH, eC
	}
	return lH, signs
}

// prefixGeneral is prefix for any hessians: it tests every threshold.
func (s *splitScan) prefixGeneral(h []float64, nz []int32, sc *scanScratch) (lo, m int) {
	H, C := s.H, s.C
	minData, minHess := s.minData, s.minHess
	perHess := C / H
	eNaN := math.Round(s.nanH * perHess)
	nanH := s.nanH
	nanOK := s.nanC > 0
	cg, ch, cand := sc.cg[:len(nz)], sc.ch[:len(nz)], sc.cand[:len(nz)]
	var lG, lH, eC float64
	lo = len(nz)
	for i, t32 := range nz {
		t := int(t32)
		e := h[3*t : 3*t+2 : 3*t+2]
		lG += e[0]
		lH += e[1]
		// eC += math.Round(x), branch-free where the conversions are exact
		if x := e[1] * perHess; math.Float64bits(x) < 0x4330000000000000 { // 0 <= x < 2^52
			r := float64(int64(x))
			eC += r + float64(int64(2*(x-r)))
		} else {
			eC += math.Round(x)
		}
		cg[i], ch[i], cand[i] = lG, lH, 0
		if eC < minData || lH < minHess {
			continue
		}
		rH := H - lH
		if C-eC < minData || rH < minHess {
			return min(lo, i), i
		}
		c := candRight
		if nanOK && C-eC-eNaN >= minData && rH-nanH >= minHess {
			c |= candLeft
		}
		cand[i] = c
		lo = min(lo, i)
	}
	return min(lo, len(nz)), len(nz)
}

// gainsL2 returns the position of the best candidate in [lo, m)
// (-1 if none beats the unsplit leaf) and whether NaN goes left, without
// L1 regularization. A candidate's gain lG²/(lH+l2) + rG²/(rH+l2) is
// num/den; it beats the best so far iff num*bestDen > bestNum*den (dens >
// 0): no division.
func (s *splitScan) gainsL2(sc *scanScratch, lo, m int) (best int, bestLeft bool) {
	G, H, l2 := s.G, s.H, s.l2
	nanG, nanH := s.nanG, s.nanH
	cg, ch, cand := sc.cg[:m], sc.ch[:m], sc.cand[:m]
	// the best so far lives in memory: fewer loop-carried registers for
	// the register allocator to shuffle on every iteration
	bs := &sc.best
	*bs = scanBest{num: s.shift, den: 1, i: -1}
	for i := lo; i < m; i++ {
		c := cand[i]
		if c == 0 {
			continue
		}
		lG, lH := cg[i], ch[i]
		xr := G - lG
		a, b := lH+l2, H-lH+l2
		if num, den := lG*lG*b+xr*xr*a, a*b; num*bs.den > bs.num*den {
			*bs = scanBest{num, den, i, false}
		}
		if c&candLeft != 0 {
			aG, aH := lG+nanG, lH+nanH
			xr := G - aG
			a, b := aH+l2, H-aH+l2
			if num, den := aG*aG*b+xr*xr*a, a*b; num*bs.den > bs.num*den {
				*bs = scanBest{num, den, i, true}
			}
		}
	}
	return bs.i, bs.left
}

// gainsL1 is gainsL2 with the gradient sums soft-thresholded by LambdaL1.
func (s *splitScan) gainsL1(sc *scanScratch, lo, m int) (best int, bestLeft bool) {
	G, H, l1, l2 := s.G, s.H, s.l1, s.l2
	nanG, nanH := s.nanG, s.nanH
	cg, ch, cand := sc.cg[:m], sc.ch[:m], sc.cand[:m]
	bestNum, bestDen := s.shift, 1.0
	best = -1
	for i := lo; i < m; i++ {
		c := cand[i]
		if c == 0 {
			continue
		}
		lG, lH := cg[i], ch[i]
		xl, xr := thresholdL1(lG, l1), thresholdL1(G-lG, l1)
		a, b := lH+l2, H-lH+l2
		if num, den := xl*xl*b+xr*xr*a, a*b; num*bestDen > bestNum*den {
			bestNum, bestDen, best, bestLeft = num, den, i, false
		}
		if c&candLeft != 0 {
			aG, aH := lG+nanG, lH+nanH
			xl, xr := thresholdL1(aG, l1), thresholdL1(G-aG, l1)
			a, b := aH+l2, H-aH+l2
			if num, den := xl*xl*b+xr*xr*a, a*b; num*bestDen > bestNum*den {
				bestNum, bestDen, best, bestLeft = num, den, i, true
			}
		}
	}
	return best, bestLeft
}

// grow grows one tree on the sampled rows (tl.indices[:n]) for the given
// per-row gradients. Leaf values are multiplied by the learning rate.
func (tl *treeLearner) grow(grad, hess []float64, n int, treeFeats []int32) *grownTree {
	p := tl.p
	tl.feats = treeFeats
	tl.offs = tl.offs[:0]
	total := 0
	for _, f := range tl.feats {
		tl.offs = append(tl.offs, total)
		total += tl.ds.mappers[f].numBins()
	}
	tl.offs = append(tl.offs, total)
	if nf := len(tl.feats); cap(tl.resA) < nf {
		tl.resA, tl.resB = make([]split, nf), make([]split, nf)
		tl.flagsA, tl.flagsB = make([]uint8, nf), make([]uint8, nf)
	}
	for w := range tl.scratch2 {
		if tl.scratch2[w][0] == nil {
			tl.scratch2[w] = [2][]float64{make([]float64, group*3*tl.maxBins), make([]float64, group*3*tl.maxBins)}
			tl.scans = append(tl.scans, newScanScratch(tl.maxBins))
		}
	}

	root := leafState{begin: 0, count: n, parent: -1}
	for _, r := range tl.indices[:n] {
		root.sumG += grad[r]
		root.sumH += hess[r]
	}
	leaves := []leafState{root}
	t := &grownTree{}
	if p.NumLeaves > 1 && tl.canSplit(&leaves[0]) && len(tl.feats) > 0 {
		tl.evalLeaves(&leaves[0], nil, nil, grad, hess)
	} else {
		leaves[0].best = split{feat: -1, gain: math.Inf(-1)}
	}
	for len(leaves) < p.NumLeaves {
		bestLeaf := -1
		for i := range leaves {
			if leaves[i].best.feat >= 0 && (bestLeaf < 0 || leaves[i].best.gain > leaves[bestLeaf].best.gain) {
				bestLeaf = i
			}
		}
		if bestLeaf < 0 {
			break
		}
		leaves = tl.splitLeaf(t, leaves, bestLeaf, grad, hess)
	}
	for i := range leaves {
		tl.putHist(leaves[i].hist)
		leaves[i].hist = nil
		lf := &leaves[i]
		t.LeafValue = append(t.LeafValue, tl.leafOutput(lf.sumG, lf.sumH)*p.LearningRate)
		t.LeafWeight = append(t.LeafWeight, lf.sumH)
		t.LeafCount = append(t.LeafCount, lf.count)
	}
	t.Shrinkage = p.LearningRate
	t.leaves = leaves
	return t
}

// splitLeaf applies leaves[li].best: it partitions the leaf's rows, adds
// an internal node and a new leaf, and prepares both children.
func (tl *treeLearner) splitLeaf(t *grownTree, leaves []leafState, li int, grad, hess []float64) []leafState {
	p := tl.p
	lf := &leaves[li]
	s := lf.best
	m := tl.ds.mappers[s.feat]
	node := len(t.SplitFeature)
	t.SplitFeature = append(t.SplitFeature, s.feat)
	t.Threshold = append(t.Threshold, m.upper[s.bin])
	t.binThreshold = append(t.binThreshold, uint8(s.bin))
	t.DefaultLeft = append(t.DefaultLeft, s.defaultLeft)
	t.MissingNaN = append(t.MissingNaN, true)
	t.LeftChild = append(t.LeftChild, ^li)
	t.RightChild = append(t.RightChild, ^len(leaves))
	t.SplitGain = append(t.SplitGain, s.gain)
	t.InternalValue = append(t.InternalValue, tl.leafOutput(lf.sumG, lf.sumH)*p.LearningRate)
	t.InternalWeight = append(t.InternalWeight, lf.sumH)
	t.InternalCount = append(t.InternalCount, lf.count)
	if lf.parent >= 0 {
		if lf.isLeft {
			t.LeftChild[lf.parent] = node
		} else {
			t.RightChild[lf.parent] = node
		}
	}

	// stable partition: left rows first
	col := tl.ds.column(s.feat)
	nan, thr := m.nanBin(), uint8(s.bin)
	seg := tl.indices[lf.begin : lf.begin+lf.count]
	nl, nr := 0, 0
	for _, r := range seg {
		b := col.at(int(r))
		if (b == nan && s.defaultLeft) || (b != nan && b <= thr) {
			seg[nl] = r
			nl++
		} else {
			tl.scratch[nr] = r
			nr++
		}
	}
	copy(seg[nl:], tl.scratch[:nr])
	if nl != lf.count-nr || nl != int(s.lC) {
		panic("gbdt: partition does not match the histogram")
	}

	right := leafState{begin: lf.begin + nl, count: nr, sumG: lf.sumG - s.lG, sumH: lf.sumH - s.lH,
		depth: lf.depth + 1, parent: node}
	lf.count, lf.sumG, lf.sumH = nl, s.lG, s.lH
	lf.depth++
	lf.parent, lf.isLeft = node, true
	parentHist := lf.hist
	lf.hist = nil
	leaves = append(leaves, right)
	lf = &leaves[li]
	rt := &leaves[len(leaves)-1]
	if len(leaves) >= p.NumLeaves {
		tl.putHist(parentHist)
		lf.best.feat, rt.best.feat = -1, -1
		return leaves
	}
	if parentHist != nil {
		small, large := lf, rt
		if rt.count < lf.count {
			small, large = rt, lf
		}
		tl.evalLeaves(small, large, parentHist, grad, hess)
	} else {
		tl.evalLeaves(lf, rt, nil, grad, hess)
	}
	return leaves
}

// leafBinned returns the leaf index reached by row r of ds.
func (t *grownTree) leafBinned(ds *Dataset, r int) int {
	if len(t.SplitFeature) == 0 {
		return 0
	}
	node := 0
	for {
		f := t.SplitFeature[node]
		b := ds.column(f).at(r)
		var left bool
		if b == ds.mappers[f].nanBin() {
			left = t.DefaultLeft[node]
		} else {
			left = b <= t.binThreshold[node]
		}
		next := t.RightChild[node]
		if left {
			next = t.LeftChild[node]
		}
		if next < 0 {
			return ^next
		}
		node = next
	}
}
