package stats

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// groupNames are the values Group writes, in order.
var groupNames = []string{
	"anova_f", "anova_p",
	"kruskal_h", "kruskal_p",
	"group_var_max", "group_var_mean",
	"homogeneity_max", "homogeneity_mean", "homogeneity_min", "homogeneity_std",
}

// GroupNames returns the names of the values Group writes, in order.
func GroupNames() []string { return slices0(groupNames) }

// Group writes statistics of the numeric y across the groups given by the
// categorical codes (0..k-1) into dst (room for len(GroupNames()) values):
//   - anova_f/p: one-way ANOVA F over the non-empty groups and its
//     F(G-1, N-G) p-value (scipy.stats.f_oneway);
//   - kruskal_h/p: tie-corrected Kruskal-Wallis H and its chi2(G-1) p-value;
//   - group_var_max/mean: the largest population variance of y within a
//     group, and the group-size-weighted mean of those variances;
//   - homogeneity_*: the dispersion of y within each non-empty group,
//     measured as the winner's gini_coefficient (half the mean absolute
//     pairwise difference, Σ_i (2i - n_g + 1) y_(i) / n_g² over the sorted
//     group), then its max, mean, min and population std over groups.
//
// All values are NaN when lengths differ, a code is out of range or y is
// empty or holds a NaN; the tests are NaN with fewer than 2 non-empty
// groups or when y is constant within every group.
func Group(codes []int, k int, y []float64, dst []float64) {
	dst = dst[:len(groupNames)]
	FillNaN(dst)
	n := len(y)
	if n == 0 || len(codes) != n || k <= 0 || hasNaN(y) {
		return
	}
	for _, c := range codes {
		if c < 0 || c >= k {
			return
		}
	}
	fp := getFloats(2*n + 4*k)
	defer putFloats(fp)
	ip := getInts(3*n + 2*k)
	defer putInts(ip)
	f, iv := *fp, *ip
	var r ranked
	rankInto(&r, y, f[0:n], iv[0:n], f[n:2*n], iv[n:2*n])
	sum, sumSq, rankSum, gini := f[2*n:2*n+k], f[2*n+k:2*n+2*k], f[2*n+2*k:2*n+3*k], f[2*n+3*k:2*n+4*k]
	count, seen := iv[2*n:2*n+k], iv[2*n+k:2*n+2*k]
	clear(f[2*n:])
	clear(count)
	clear(seen)
	for i, c := range codes {
		count[c]++
		sum[c] += y[i]
		rankSum[c] += r.rank[i]
	}
	// Per-group Gini from y's sort order: the p-th smallest of group g
	// weighs (2p - n_g + 1).
	for _, i := range r.order {
		c := codes[i]
		p := seen[c]
		seen[c]++
		gini[c] += float64(2*p-count[c]+1) * y[i]
	}
	for i, c := range codes {
		d := y[i] - sum[c]/float64(count[c])
		sumSq[c] += d * d
	}
	groupTests(count, sum, sumSq, rankSum, r.sorted, dst)
	groupDispersion(count, sumSq, gini, dst[4:])
}

// groupTests writes ANOVA F and Kruskal-Wallis H with p-values into dst[0:4]
// from per-group counts, sums, within-group sums of squares and rank sums.
func groupTests(count []int, sum, ss, rankSum, sorted []float64, dst []float64) {
	N := float64(len(sorted))
	total, within, g := 0.0, 0.0, 0
	for c, nc := range count {
		if nc > 0 {
			g++
			total += sum[c]
			within += ss[c]
		}
	}
	if g < 2 {
		return
	}
	mean := total / N
	between, h := 0.0, 0.0
	for c, nc := range count {
		if nc > 0 {
			fc := float64(nc)
			d := sum[c]/fc - mean
			between += fc * d * d
			h += rankSum[c] * rankSum[c] / fc
		}
	}
	fg := float64(g)
	if N > fg && within > 0 {
		f := (between / (fg - 1)) / (within / (N - fg))
		if !math.IsInf(f, 0) && !math.IsNaN(f) {
			dst[0] = f
			dst[1] = distuv.F{D1: fg - 1, D2: N - fg}.Survival(f)
		}
	}
	h = 12/(N*(N+1))*h - 3*(N+1)
	_, _, _, cube := tieSums(sorted)
	if corr := 1 - cube/(N*N*N-N); corr > 0 {
		h /= corr
		dst[2] = h
		dst[3] = chi2SF(h, fg-1)
	}
}

// groupDispersion writes the within-group variance max and weighted mean and
// the Gini homogeneity max, mean, min and std into dst[0:6].
func groupDispersion(count []int, ss, gini []float64, dst []float64) {
	vmax, vsum, n := math.Inf(-1), 0.0, 0.0
	gmax, gmin, gsum, gsq, g := math.Inf(-1), math.Inf(1), 0.0, 0.0, 0.0
	for c, nc := range count {
		if nc == 0 {
			continue
		}
		fc := float64(nc)
		v := ss[c] / fc
		vmax = math.Max(vmax, v)
		vsum += ss[c]
		n += fc
		gi := gini[c] / (fc * fc)
		gmax = math.Max(gmax, gi)
		gmin = math.Min(gmin, gi)
		gsum += gi
		gsq += gi * gi
		g++
	}
	if g == 0 {
		return
	}
	dst[0] = Finite(vmax)
	dst[1] = Finite(vsum / n)
	gm := gsum / g
	dst[2], dst[3], dst[4] = Finite(gmax), Finite(gm), Finite(gmin)
	dst[5] = Finite(math.Sqrt(math.Max(0, gsq/g-gm*gm)))
}
