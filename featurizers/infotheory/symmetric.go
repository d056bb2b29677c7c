package infotheory

import (
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

var symmetricNames = []string{
	"joint_entropy", "normalized_joint_entropy",
	"mutual_info", "mi_norm_min", "mi_norm_joint", "adjusted_mi",
	"hsic", "pearson_r",
}

// SymmetricNames returns the names of the values Symmetric writes, in order.
func SymmetricNames() []string { return append([]string(nil), symmetricNames...) }

// Symmetric writes jarfo's pair-level measures into dst (room for
// len(SymmetricNames()) values); swapping (x, tx) with (y, ty) gives the same
// values. On the discretized variables: the bias-corrected joint entropy,
// that entropy over log(occupied x levels · occupied y levels), the mutual
// information max(Hx + Hy - Hxy, 0), normalized by min(Hx, Hy) and by Hxy,
// and the adjusted mutual information (plug-in, sklearn 2013: normalized by
// max(Hx, Hy); 1 when both are constant). Then HSIC (m·stats.HSIC on at most
// m = 200 evenly spaced z-scored points, after to_numerical) and Pearson R;
// for two Categorical variables both are 1 - min(NEP(x->y), NEP(y->x)).
func Symmetric(x, y []float64, tx, ty pairs.VarType, dst []float64) {
	dst = dst[:len(symmetricNames)]
	stats.FillNaN(dst)
	n := len(x)
	if n == 0 || len(y) != n || !allFinite(x) || !allFinite(y) {
		return
	}
	x, y = views.Tame(x), views.Tame(y)
	dx, dy := discretize(x, tx, 3, 3), discretize(y, ty, 3, 3)
	cells := jointCells(dx, dy)
	counts := cellCounts(cells)
	hx, hy, hxy := entropyBias(dx.counts, n), entropyBias(dy.counts, n), entropyBias(counts, n)
	dst[0] = hxy
	if occ := dx.occ * dy.occ; occ > 1 {
		dst[1] = hxy / math.Log(float64(occ))
	}
	mi := max(hx+hy-hxy, 0)
	dst[2] = mi
	if m := min(hx, hy); m > 0 {
		dst[3] = mi / m
	}
	if hxy > 0 {
		dst[4] = mi / hxy
	}
	dst[5] = adjustedMI(dx, dy, counts, n)
	if tx == pairs.Categorical && ty == pairs.Categorical {
		r := 1 - min(errorProbability(cells, dx.k, dy.k, n, true), errorProbability(cells, dx.k, dy.k, n, false))
		dst[6], dst[7] = r, r
		return
	}
	nx, ny := numericPair(x, y, tx, ty)
	zx, zy := zscore(nx), zscore(ny)
	if zx == nil || zy == nil {
		return
	}
	if slices.Compare(zx, zy) > 0 { // a fixed order keeps HSIC symmetric
		zx, zy = zy, zx
	}
	m := min(n, stats.DefaultHSICPoints)
	dst[6] = stats.Finite(float64(m) * stats.HSIC(zx, zy, stats.DefaultHSICPoints))
	var r float64
	for i := range zx {
		r += zx[i] * zy[i]
	}
	dst[7] = max(-1, min(1, r/float64(n)))
}

// adjustedMI is sklearn's 2013 adjusted_mutual_info_score on the
// discretized codes: (MI - E[MI]) / (max(Hx, Hy) - E[MI]) with plug-in
// entropies; 1 when both variables are constant, NaN when the denominator
// vanishes otherwise.
func adjustedMI(dx, dy dvar, joint []int, n int) float64 {
	if dx.occ == 1 && dy.occ == 1 {
		return 1
	}
	hx, hy := plugin(dx.counts, n), plugin(dy.counts, n)
	mi := max(hx+hy-plugin(joint, n), 0)
	a, b := dx.counts, dy.counts
	if slices.Compare(a, b) > 0 { // a fixed order keeps the sum symmetric
		a, b = b, a
	}
	emi := stats.ExpectedMutualInfo(a, b, n)
	den := max(hx, hy) - emi
	if den == 0 {
		return math.NaN()
	}
	return stats.Finite((mi - emi) / den)
}
