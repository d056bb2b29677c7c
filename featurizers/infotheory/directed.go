package infotheory

import (
	"math"

	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

var directedNames = []string{
	"conditional_entropy", "error_probability", "igci",
	"cde_entropy_var", "cde_skewness_var", "cde_kurtosis_var", "cds",
	"moment21", "moment31", "polyfit", "polyfit_error",
}

// DirectedNames returns the names of the values Directed writes, in order.
func DirectedNames() []string { return append([]string(nil), directedNames...) }

// Directed writes jarfo's directional measures for x->y into dst (room for
// len(DirectedNames()) values); call it with the arguments swapped for y->x:
//   - conditional_entropy: H(X,Y) - H(X) = H(Y|X), bias-corrected;
//   - error_probability: normalized error probability of predicting y from x;
//   - igci: slope-based IGCI on normalized data, y averaged per distinct x,
//     Σ c·log(Δx/|Δy|)/n over steps with Δy != 0 (c the smaller count);
//   - cde_entropy_var: std over x levels with more than 10 points of the
//     entropy of y within the level, over log(occupied y levels);
//   - cde_skewness_var, cde_kurtosis_var: std over x levels with at least 8
//     points of the skewness / kurtosis of normalized y within the level;
//   - cds: conditional distribution similarity (see CDS);
//   - moment21, moment31: mean(x²y), mean(x³y) on normalized data;
//   - polyfit: Numerical-Numerical only, more than 2 distinct values each:
//     |2a₂| + |a₁ - b₁| for the degree-2 (a) and degree-1 (b) fits on z-scores;
//   - polyfit_error: std of the residual of the degree-2 fit (lower degree
//     with few distinct values) after to_numerical and z-scoring.
func Directed(x, y []float64, tx, ty pairs.VarType, dst []float64) {
	dst = dst[:len(directedNames)]
	stats.FillNaN(dst)
	n := len(x)
	if n == 0 || len(y) != n || !allFinite(x) || !allFinite(y) {
		return
	}
	x, y = views.Tame(x), views.Tame(y)
	dx, dy := discretize(x, tx, 3, 3), discretize(y, ty, 3, 3)
	cells := jointCells(dx, dy)
	dst[0] = max(entropyBias(cellCounts(cells), n)-entropyBias(dx.counts, n), 0)
	dst[1] = errorProbability(cells, dx.k, dy.k, n, true)
	zx, zy := normalize(x, tx), normalize(y, ty)
	dst[2] = igci(zx, zy)
	dst[3] = entropyVariability(dx, dy)
	dst[4], dst[5] = shapeVariability(dx, y, ty)
	dst[6] = CDS(x, y, tx, ty)
	var m21, m31 float64
	for i := range zx {
		x2 := zx[i] * zx[i]
		m21 += x2 * zy[i]
		m31 += x2 * zx[i] * zy[i]
	}
	dst[7], dst[8] = stats.Finite(m21/float64(n)), stats.Finite(m31/float64(n))
	if tx == pairs.Numerical && ty == pairs.Numerical && dx.occ > 2 && dy.occ > 2 {
		dst[9] = polyfitCoef(x, y)
	}
	dst[10] = polyfitError(x, y, tx, ty)
}

// igci is jarfo's slope-based IGCI of normalized x and y.
func igci(zx, zy []float64) float64 {
	xs, ys, cs := views.TieMeans(zx, zy)
	if len(xs) < 2 {
		return math.NaN()
	}
	var h float64
	used := false
	for k := 1; k < len(xs); k++ {
		dy := math.Abs(ys[k] - ys[k-1])
		if dy == 0 {
			continue
		}
		h += min(cs[k], cs[k-1]) * math.Log((xs[k]-xs[k-1])/dy)
		used = true
	}
	if !used {
		return math.NaN()
	}
	return stats.Finite(h / float64(len(zx)))
}

// groups returns the indices of the points of each code, code by code.
func groups(d dvar) (perm []int, start []int) {
	start = make([]int, d.k+1)
	for c, v := range d.counts {
		start[c+1] = start[c] + v
	}
	pos := append([]int(nil), start[:d.k]...)
	perm = make([]int, len(d.codes))
	for i, c := range d.codes {
		perm[pos[c]] = i
		pos[c]++
	}
	return perm, start
}

// entropyVariability is jarfo's fit_noise_entropy: the std over x levels
// with more than 10 points of the bias-corrected entropy of discretized y in
// the level, divided by log(occupied y levels).
func entropyVariability(dx, dy dvar) float64 {
	if dy.occ < 2 {
		return math.NaN()
	}
	perm, start := groups(dx)
	counts := make([]int, dy.k)
	var hs []float64
	for c := 0; c < dx.k; c++ {
		if dx.counts[c] <= 10 {
			continue
		}
		clear(counts)
		for _, i := range perm[start[c]:start[c+1]] {
			counts[dy.codes[i]]++
		}
		hs = append(hs, entropyBias(counts, dx.counts[c]))
	}
	if len(hs) == 0 {
		return math.NaN()
	}
	_, sd := meanStd(hs)
	return sd / math.Log(float64(dy.occ))
}

// shapeVariability is jarfo's fit_noise_skewness and fit_noise_kurtosis: the
// std over x levels with at least 8 points of the skewness and kurtosis of
// normalized y within the level (levels where y is constant are skipped).
func shapeVariability(dx dvar, y []float64, ty pairs.VarType) (skew, kurt float64) {
	perm, start := groups(dx)
	var sk, ku []float64
	sub := make([]float64, 0, len(y))
	for c := 0; c < dx.k; c++ {
		if dx.counts[c] < 8 {
			continue
		}
		sub = sub[:0]
		for _, i := range perm[start[c]:start[c+1]] {
			sub = append(sub, y[i])
		}
		z := normalize(sub, ty)
		mean, sd := meanStd(z)
		g1, g2 := stats.SkewKurt(z, mean, sd*sd)
		if !math.IsNaN(g1) {
			sk = append(sk, g1)
		}
		if !math.IsNaN(g2) {
			ku = append(ku, g2)
		}
	}
	skew, kurt = math.NaN(), math.NaN()
	if len(sk) > 0 {
		_, skew = meanStd(sk)
	}
	if len(ku) > 0 {
		_, kurt = meanStd(ku)
	}
	return skew, kurt
}

// polyfitCoef is jarfo's fit: |2a₂| + |a₁ - b₁| for the degree-2 and degree-1
// least-squares fits of z-scored y on z-scored x.
func polyfitCoef(x, y []float64) float64 {
	zx, zy := zscore(x), zscore(y)
	if zx == nil || zy == nil {
		return math.NaN()
	}
	b := polyFit(zx, zy, 1)
	a := polyFit(zx, zy, 2)
	if a == nil || b == nil {
		return math.NaN()
	}
	return stats.Finite(math.Abs(2*a[2]) + math.Abs(a[1]-b[1]))
}

// polyfitError is jarfo's fit_error (m = 2).
func polyfitError(x, y []float64, tx, ty pairs.VarType) float64 {
	if tx == pairs.Categorical && ty == pairs.Categorical {
		x, y = normalize(x, tx), normalize(y, ty)
	} else {
		x, y = numericPair(x, y, tx, ty)
	}
	zx, zy := zscore(x), zscore(y)
	if zx == nil || zy == nil {
		return math.NaN()
	}
	_, ux := views.ValueCodes(zx)
	_, uy := views.ValueCodes(zy)
	deg := 2
	if ux <= 2 || uy <= 2 {
		deg = min(ux, uy) - 1
	}
	c := polyFit(zx, zy, deg)
	if c == nil {
		return math.NaN()
	}
	var ss, sum float64
	res := make([]float64, len(zx))
	for i, v := range zx {
		res[i] = zy[i] - polyVal(c, v)
		sum += res[i]
	}
	mean := sum / float64(len(res))
	for _, r := range res {
		ss += (r - mean) * (r - mean)
	}
	return stats.Finite(math.Sqrt(ss / float64(len(res))))
}
