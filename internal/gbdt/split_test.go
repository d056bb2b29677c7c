package gbdt

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// bestSplitRef is the straightforward split scan (one pass over the
// non-empty bins, both NaN sides, math.Round for the hessian-estimated
// counts): the specification bestSplitFeature must match exactly.
func (tl *treeLearner) bestSplitRef(h []float64, lf *leafState, parentGain float64) split {
	p := tl.p
	nb := len(h)/3 - 1
	if nb < 2 {
		return split{bin: -1}
	}
	G, H, C := lf.sumG, lf.sumH, float64(lf.count)
	nanG, nanH, nanC := h[3*nb], h[3*nb+1], h[3*nb+2]
	minData, minHess := float64(p.MinDataInLeaf), p.MinSumHessianInLeaf
	l1, l2 := p.LambdaL1, p.LambdaL2
	shift := parentGain + p.MinGainToSplit
	bestNum, bestDen := shift, 1.0
	bestT, bestLeft := -1, false
	var bG, bH, bC, lG, lH, lC, eC float64
	perHess := C / H
	eNaN := math.Round(nanH * perHess)
	for t := 0; t < nb-1; t++ {
		if h[3*t+2] == 0 {
			continue
		}
		lG += h[3*t]
		lH += h[3*t+1]
		lC += h[3*t+2]
		eC += math.Round(h[3*t+1] * perHess)
		if eC < minData || lH < minHess {
			continue
		}
		rH := H - lH
		if C-eC < minData || rH < minHess {
			break
		}
		xl, xr := thresholdL1(lG, l1), thresholdL1(G-lG, l1)
		a, b := lH+l2, rH+l2
		if num, den := xl*xl*b+xr*xr*a, a*b; num*bestDen > bestNum*den {
			bestNum, bestDen, bestT, bestLeft = num, den, t, false
			bG, bH, bC = lG, lH, lC
		}
		if nanC > 0 && C-eC-eNaN >= minData && rH-nanH >= minHess {
			aG, aH := lG+nanG, lH+nanH
			xl, xr := thresholdL1(aG, l1), thresholdL1(G-aG, l1)
			a, b := aH+l2, H-aH+l2
			if num, den := xl*xl*b+xr*xr*a, a*b; num*bestDen > bestNum*den {
				bestNum, bestDen, bestT, bestLeft = num, den, t, true
				bG, bH, bC = aG, aH, lC+nanC
			}
		}
	}
	if bestT < 0 {
		return split{bin: -1}
	}
	gain := tl.leafGain(bG, bH) + tl.leafGain(G-bG, H-bH)
	return split{bin: bestT, defaultLeft: bestLeft, gain: gain - shift, lG: bG, lH: bH, lC: bC}
}

// splitCase is a leaf's histogram of one feature, built from rows or as a
// difference of histograms (with the rounding residue that leaves in bins
// that are empty).
type splitCase struct {
	h  []float64
	lf leafState
}

// splitCases draws leaves of many sizes from a binned column with binary
// gradients of spread-out scores, their histograms from rows and by
// subtraction two levels deep.
func splitCases(rng *rand.Rand, ds *Dataset, f int, grad, hess []float64) []splitCase {
	col := ds.column(f)
	nbins := ds.mappers[f].numBins()
	build := func(rows []int32) ([]float64, leafState) {
		h := make([]float64, 3*nbins)
		g, hh := make([]float64, len(rows)), make([]float64, len(rows))
		lf := leafState{count: len(rows)}
		for i, r := range rows {
			g[i], hh[i] = grad[r], hess[r]
			lf.sumG += grad[r]
			lf.sumH += hess[r]
		}
		histRows(h, col, rows, g, hh)
		return h, lf
	}
	sub := func(p, c []float64, lp, lc leafState) ([]float64, leafState) {
		h := make([]float64, len(p))
		for i := range h {
			h[i] = p[i] - c[i]
		}
		return h, leafState{count: lp.count - lc.count, sumG: lp.sumG - lc.sumG, sumH: lp.sumH - lc.sumH}
	}
	var out []splitCase
	for range 6 {
		rows := make([]int32, 0, ds.rows)
		keep := rng.Float64()
		for r := range ds.rows {
			if rng.Float64() < keep {
				rows = append(rows, int32(r))
			}
		}
		h0, l0 := build(rows)
		out = append(out, splitCase{h0, l0})
		// a child and its sibling by subtraction, then a grandchild by
		// subtraction from that sibling
		cut := rng.IntN(len(rows) + 1)
		a := slices.Clone(rows[:cut])
		h1, l1 := build(a)
		h2, l2 := sub(h0, h1, l0, l1)
		out = append(out, splitCase{h1, l1}, splitCase{h2, l2})
		rest := rows[cut:]
		b := make([]int32, 0, len(rest))
		for _, r := range rest {
			if rng.IntN(3) == 0 {
				b = append(b, r)
			}
		}
		h3, l3 := build(b)
		h4, l4 := sub(h2, h3, l2, l3)
		out = append(out, splitCase{h3, l3}, splitCase{h4, l4})
	}
	return out
}

// TestBestSplitMatchesReference checks bestSplitFeature against the plain
// scan bit for bit, over leaves of every size, histograms from rows and by
// subtraction, histograms with a negative hessian (which the branch-free prefix pass hands to
// prefixGeneral), and the parameters the scan reads.
func TestBestSplitMatchesReference(t *testing.T) {
	const n, cols = 3000, 6
	data, y := synth(n, cols, 0.05, 5, binaryTarget)
	for r := 0; r < n; r += 7 { // a column with few distinct values
		data[r*cols+5] = float32(r % 3)
	}
	ds := mustDataset(t, data, n, cols)
	rng := rand.New(rand.NewPCG(3, 4))
	grad, hess := make([]float64, n), make([]float64, n)
	for r := range grad {
		pr := 1 / (1 + math.Exp(-(rng.Float64()*16 - 8)))
		grad[r], hess[r] = pr-y[r], pr*(1-pr)
	}
	compared, found := 0, 0
	for f := range cols {
		cases := splitCases(rng, ds, f, grad, hess)
		for _, c := range slices.Clone(cases) {
			// a copy with one non-empty bin's hessian negated
			for t := len(c.h)/3 - 3; t >= 0; t-- {
				if c.h[3*t+2] != 0 {
					c.h = slices.Clone(c.h)
					c.h[3*t+1] = -c.h[3*t+1]
					cases = append(cases, c)
					break
				}
			}
		}
		for _, c := range cases {
			for _, md := range []int{0, 1, 5, 20} {
				for _, mh := range []float64{0, 1e-3, 0.5} {
					for _, l := range [][2]float64{{0, 0}, {0, 1}, {0.3, 0.5}} {
						p := DefaultParams()
						p.MinDataInLeaf, p.MinSumHessianInLeaf, p.LambdaL1, p.LambdaL2 = md, mh, l[0], l[1]
						tl := &treeLearner{p: &p}
						parent := tl.leafGain(c.lf.sumG, c.lf.sumH)
						want := tl.bestSplitRef(c.h, &c.lf, parent)
						got := tl.bestSplitFeature(c.h, &c.lf, parent, newScanScratch(len(c.h)/3))
						if got != want {
							t.Fatalf("feature %d, %d rows, min data %d, min hessian %v, l1/l2 %v: got %+v, want %+v",
								f, c.lf.count, md, mh, l, got, want)
						}
						compared++
						if want.bin >= 0 {
							found++
						}
					}
				}
			}
		}
	}
	if found < compared/3 {
		t.Fatalf("only %d of %d scans found a split: the cases do not exercise the scan", found, compared)
	}
}

// BenchmarkBestSplit scans the histograms of leaves of every size.
func BenchmarkBestSplit(b *testing.B) {
	const n, cols = 8000, 8
	data, y := synth(n, cols, 0.02, 5, binaryTarget)
	ds, err := NewDataset(data, n, cols, DatasetOptions{MaxBin: 255})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	grad, hess := make([]float64, n), make([]float64, n)
	for r := range grad {
		pr := 1 / (1 + math.Exp(-(rng.Float64()*6 - 3)))
		grad[r], hess[r] = pr-y[r], pr*(1-pr)
	}
	var cases []splitCase
	for f := range cols {
		cases = append(cases, splitCases(rng, ds, f, grad, hess)...)
	}
	p := DefaultParams()
	tl := &treeLearner{p: &p}
	nz := newScanScratch(256)
	c0, ops := cpuSeconds(), 0
	for b.Loop() {
		for i := range cases {
			c := &cases[i]
			tl.bestSplitFeature(c.h, &c.lf, 0, nz)
		}
		ops++
	}
	b.ReportMetric((cpuSeconds()-c0)/float64(ops)*1e9/float64(len(cases)), "cpu-ns/scan")
}
