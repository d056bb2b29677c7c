package infotheory

import (
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// dvar is a discretized variable: codes 0..k-1 (k possible levels), the
// number of occupied levels and the per-level counts.
type dvar struct {
	codes  []int
	k      int
	occ    int
	counts []int
	disc   bool // true when a Numerical variable was binned (k = 2*lim+1)
	nvals  int  // number of distinct values before binning
}

// Discretize returns jarfo's discretization of x (factor 3, max deviation 3)
// as codes 0..K-1: K = 19 levels for a binned Numerical variable (code 9 is
// the mean), otherwise its distinct values in order of value.
func Discretize(x []float64, t pairs.VarType) (codes []int, k int) {
	d := discretize(x, t, 3, 3)
	return d.codes, d.k
}

// discretize bins x with the given factor and maximum deviation.
func discretize(x []float64, t pairs.VarType, ffactor, maxdev float64) dvar {
	lim := int(ffactor * maxdev)
	nlev := 2*lim + 1
	codes, k := views.ValueCodes(x)
	d := dvar{codes: codes, k: k, nvals: k}
	if t == pairs.Numerical && k > nlev {
		d.k, d.disc = nlev, true
		mean, sd := meanStd(x)
		var s, ss, c float64
		for _, v := range x {
			if z := (v - mean) / sd; math.Abs(z) < maxdev {
				s += z
				ss += z * z
				c++
			}
		}
		mf, sf := 0.0, 1.0
		if c > 0 {
			mf = s / c
			if v := ss/c - mf*mf; v > 0 {
				sf = math.Sqrt(v)
			}
		}
		for i, v := range x {
			q := math.RoundToEven(((v-mean)/sd - mf) / sf * ffactor)
			if math.IsNaN(q) { // unreachable for finite, tamed input
				q = 0
			}
			codes[i] = int(max(-float64(lim), min(float64(lim), q))) + lim
		}
	}
	d.counts = make([]int, d.k)
	for _, c := range d.codes {
		d.counts[c]++
	}
	for _, c := range d.counts {
		if c > 0 {
			d.occ++
		}
	}
	return d
}

// meanStd returns the mean and population standard deviation of x.
func meanStd(x []float64) (mean, sd float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return mean, math.Sqrt(ss / float64(len(x)))
}

// entropyBias is jarfo's bias-corrected discrete entropy of counts over n
// samples: plug-in entropy + 0.7 (K-1) / (2n), K the non-zero counts.
func entropyBias(counts []int, n int) float64 {
	if n == 0 {
		return math.NaN()
	}
	var s float64
	k := 0
	for _, c := range counts {
		if c > 0 {
			fc := float64(c)
			s += fc * math.Log(fc)
			k++
		}
	}
	fn := float64(n)
	return max(math.Log(fn)-s/fn, 0) + 0.7*float64(k-1)/(2*fn)
}

// plugin is the plug-in entropy of counts over n samples.
func plugin(counts []int, n int) float64 {
	var s float64
	for _, c := range counts {
		if c > 0 {
			s += float64(c) * math.Log(float64(c))
		}
	}
	return max(math.Log(float64(n))-s/float64(n), 0)
}

// normalize is jarfo's normalize: frequency-rank relabelling of a
// non-Numerical variable, then z-scoring (only centring when constant).
func normalize(x []float64, t pairs.VarType) []float64 {
	out := make([]float64, len(x))
	if t == pairs.Numerical {
		copy(out, x)
	} else {
		codes, k := views.ValueCodes(x)
		rank := frequencyRank(codes, k)
		for i, c := range codes {
			out[i] = float64(rank[c])
		}
	}
	mean, sd := meanStd(out)
	for i := range out {
		out[i] -= mean
		if sd > 0 {
			out[i] /= sd
		}
	}
	return out
}

// frequencyRank maps each code to its rank by decreasing count (ties by
// code).
func frequencyRank(codes []int, k int) []int {
	counts := make([]int, k)
	for _, c := range codes {
		counts[c]++
	}
	order := make([]int, k)
	for c := range order {
		order[c] = c
	}
	slices.SortFunc(order, func(a, b int) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return a - b
	})
	rank := make([]int, k)
	for r, c := range order {
		rank[c] = r
	}
	return rank
}

// toNumerical replaces each distinct value of x by the mean of y within it.
func toNumerical(x, y []float64) []float64 {
	codes, k := views.ValueCodes(x)
	sum := make([]float64, k)
	cnt := make([]float64, k)
	for i, c := range codes {
		sum[c] += y[i]
		cnt[c]++
	}
	out := make([]float64, len(x))
	for i, c := range codes {
		out[i] = sum[c] / cnt[c]
	}
	return out
}

// numericPair applies jarfo's to_numerical rule: a Categorical variable
// paired with a Numerical one becomes the per-category mean of the other.
func numericPair(x, y []float64, tx, ty pairs.VarType) ([]float64, []float64) {
	switch {
	case tx == pairs.Categorical && ty == pairs.Numerical:
		return toNumerical(x, y), y
	case tx == pairs.Numerical && ty == pairs.Categorical:
		return x, toNumerical(y, x)
	}
	return x, y
}

// zscore returns (x - mean) / sd, or nil when x is constant or empty.
func zscore(x []float64) []float64 {
	mean, sd := meanStd(x)
	if !(sd > 0) || math.IsInf(sd, 0) {
		return nil
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = (v - mean) / sd
	}
	return out
}

// Normalize is jarfo's normalize: a non-Numerical variable is relabelled by
// frequency rank (most common = 0, equal counts by value), then the result
// is z-scored (only centred when constant). It returns a new slice.
func Normalize(x []float64, t pairs.VarType) []float64 { return normalize(x, t) }

// ToNumerical is jarfo's to_numerical: each distinct value of x is replaced by
// the mean of y over the points with that value.
func ToNumerical(x, y []float64) []float64 { return toNumerical(x, y) }
