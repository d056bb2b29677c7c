package direction

import (
	"math"
	"slices"
)

// slope is SLOPE (Marx & Vreeken, ICDM 2017 / KAIS 2018; their R code as
// bundled in tagas/bQCD, generalization.md B9), ported function by
// function: both variables min-max scaled; L(X) = -n·log₂(res_X) with
// res_X the smallest nonzero gap of X capped at 0.01; L(Y|X) is the best
// global one-term fit (intercept + x, x², x³, eˣ, x⁻¹ or the code's "x⁻²",
// which regresses on x⁻¹ but predicts with x⁻²) scored by its Gaussian MDL
// code, refined by local fits of the sorted targets at every value of X
// repeated at least 5 times, each kept when it lowers the cost including
// log₂ C(n-1, bins); score = (L(Y)+L(X|Y) - L(X)-L(Y|X)) / (L(X)+L(Y)),
// i.e. -ε of the R code. The code's decision abstains unless
// p = 2^(-|ΔL|/2) < 0.001; the score is the forced decision's ε, and 0 on
// binary data as in the code. The code's quirks (the global fit's parameter
// cost dropped from the refined total, log2fac(1) = 1) are kept.
func slope(p *prepared) float64 {
	x, y := p.unitX(), p.unitY()
	if slopeBinary(x) || slopeBinary(y) {
		return 0
	}
	rx, ry := slopeResolution(x), slopeResolution(y)
	dx, dy := -math.Log2(rx)*float64(len(x)), -math.Log2(ry)*float64(len(y))
	dXY := slopeConditional(y, x, ry) + dx
	dYX := slopeConditional(x, y, rx) + dy
	return dYX/(dx+dy) - dXY/(dx+dy)
}

// slopeKey is the R code's round(x·100000) grouping key.
func slopeKey(v float64) float64 { return math.RoundToEven(v * 100000) }

// slopeBinary reports whether a takes at most two grouping keys.
func slopeBinary(a []float64) bool {
	var k [2]float64
	seen := 0
	for _, v := range a {
		key := slopeKey(v)
		if seen > 0 && key == k[0] || seen > 1 && key == k[1] {
			continue
		}
		if seen == 2 {
			return false
		}
		k[seen] = key
		seen++
	}
	return true
}

// slopeResolution is the code's mindiff: the smallest nonzero gap of the
// sorted values, at most 0.01.
func slopeResolution(a []float64) float64 {
	s := slices.Clone(a)
	slices.Sort(s)
	res := 0.01
	for i := 1; i < len(s); i++ {
		if d := s[i] - s[i-1]; d != 0 && d < res {
			res = d
		}
	}
	return res
}

// slopeFit is one of the six one-term fits: intercept a0, coefficient c of
// basis kind, residual sum of squares and parameter cost.
type slopeFit struct {
	kind      int
	a0, c     float64
	sse, cost float64
}

// slopeBasis is basis kind k (0..5: x, x², x³, eˣ, x⁻¹, x⁻¹) at v, zeros
// replaced by res for the inverse terms, as the fits regress.
func slopeBasis(k int, v, res float64) float64 {
	switch k {
	case 0:
		return v
	case 1:
		return v * v
	case 2:
		return v * v * v
	case 3:
		return math.Exp(v)
	}
	if v == 0 {
		v = res
	}
	return 1 / v
}

// slopePredict is the code's fofx for a fit: kind 5 predicts with x⁻².
func slopePredict(f slopeFit, v, res float64) float64 {
	if f.kind == 5 {
		if v == 0 {
			v = res
		}
		return f.a0 + f.c/(v*v)
	}
	return f.a0 + f.c*slopeBasis(f.kind, v, res)
}

// slopeFitKind fits y ≈ a0 + c·basis_k(x) by least squares.
func slopeFitKind(k int, x, y []float64, res float64) slopeFit {
	b := make([]float64, len(x))
	for i, v := range x {
		b[i] = slopeBasis(k, v, res)
	}
	a0, c, sse := simpleFit(b, y)
	return slopeFit{kind: k, a0: a0, c: c, sse: sse, cost: slopeParamCost(a0) + slopeParamCost(c)}
}

// slopeAllFits returns the six fits of y on x.
func slopeAllFits(x, y []float64, res float64) [6]slopeFit {
	var f [6]slopeFit
	for k := range f {
		f[k] = slopeFitKind(k, x, y, res)
	}
	return f
}

// slopeGauss is the code's gaussian_score_emp_sse: the Gaussian code length
// of residuals with sum of squares sse over n points at resolution res.
func slopeGauss(sse float64, n int, res float64) float64 {
	v := sse / float64(n)
	if sse == 0 || v == 0 {
		return 0
	}
	fn := float64(n)
	err := sse/(2*v*math.Ln2) + fn/2*math.Log2(2*math.Pi*v) - fn*math.Log2(res)
	return max(err, 0)
}

// slopeParamCost is the code's per-coefficient cost logN(|c|·10^p) +
// logN(p) + 1, with p the decimal shift that brings |c| to >= 1000.
func slopeParamCost(c float64) float64 {
	if c == 0 || math.IsNaN(c) {
		return 0
	}
	d, prec := math.Abs(c), 1.0
	for d < 1000 {
		d *= 10
		prec++
	}
	return logStar(d) + logStar(prec) + 1
}

// logStar is the code's logN: Rissanen's universal integer code length
// (including its final negative iterate).
func logStar(z float64) float64 {
	z = math.Ceil(z)
	if z < 1 {
		return 0
	}
	l := math.Log2(z)
	sum := l
	for l > 0 {
		l = math.Log2(l)
		sum += l
	}
	return sum + math.Log2(2.865064)
}

// log2Fac is the code's log2fac (which gives 1 for n <= 1).
func log2Fac(n int) float64 {
	if n <= 1 {
		return 1
	}
	lg, _ := math.Lgamma(float64(n) + 1)
	return lg / math.Ln2
}

// log2Choose is the code's log2nChoosek.
func log2Choose(n, k int) float64 {
	if k > n || k == 0 {
		return 0
	}
	return log2Fac(n) - log2Fac(k) - log2Fac(n-k)
}

func log2OrZero(v float64) float64 {
	if v == 0 {
		return 0
	}
	return math.Log2(v)
}

// slopeConditional is the code's fitWrapper(y, x): the cost of y given x at
// y's resolution res.
func slopeConditional(y, x []float64, res float64) float64 {
	n := len(x)
	var best slopeFit
	bestScore := math.Inf(1)
	for _, f := range slopeAllFits(x, y, res) {
		if s := slopeGauss(f.sse, n, res) + f.cost; s < bestScore {
			best, bestScore = f, s
		}
	}
	base := slopeGauss(best.sse, n, res)
	groups, distinct := slopeGroups(x)
	var scores [6]float64
	bins := [6]int{1, 1, 1, 1, 1, 1}
	for k := range scores {
		scores[k] = base
	}
	for _, g := range groups {
		yt := make([]float64, len(g))
		xt := make([]float64, len(g))
		var oldSSE float64
		for j, i := range g {
			yt[j] = y[i]
			d := y[i] - slopePredict(best, x[i], res)
			oldSSE += d * d
			xt[j] = float64(j)/float64(len(g)-1)*10 - 5
		}
		slices.Sort(yt)
		old := slopeGauss(oldSSE, len(g), res)
		for k, f := range slopeAllFits(xt, yt, res) {
			b := bins[k]
			delta := slopeGauss(f.sse, len(g), res) + f.cost - old +
				log2Choose(n-1, b+1) + log2OrZero(float64(b+1)) - log2OrZero(float64(b)) - log2Choose(n-1, b)
			if delta < 0 {
				bins[k]++
				scores[k] += delta
			}
		}
	}
	out := math.Inf(1)
	for k := range scores {
		if bins[k] > distinct {
			bins[k]--
		}
		out = min(out, scores[k]+1+log2Choose(n-1, bins[k]-1))
	}
	return out
}

// slopeGroups returns, in increasing key order, the indices of the points
// of each grouping key of x shared by at least 5 points, and the number of
// distinct keys.
func slopeGroups(x []float64) ([][]int, int) {
	ord := stableOrder(x)
	var groups [][]int
	distinct := 0
	for s := 0; s < len(ord); {
		key := slopeKey(x[ord[s]])
		e := s
		for e < len(ord) && slopeKey(x[ord[e]]) == key {
			e++
		}
		distinct++
		if e-s >= 5 {
			g := slices.Clone(ord[s:e])
			slices.Sort(g)
			groups = append(groups, g)
		}
		s = e
	}
	return groups, distinct
}
