package generate

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// binSpreadRatio sorts the points by x into equal-count bins, and returns
// the largest within-bin variance of y around a local linear fit divided
// by the smallest.
func binSpreadRatio(x, y []float64, bins int) float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	lo, hi := math.Inf(1), 0.0
	for b := range bins {
		part := idx[b*len(x)/bins : (b+1)*len(x)/bins]
		xs, ys := make([]float64, len(part)), make([]float64, len(part))
		for k, i := range part {
			xs[k], ys[k] = x[i], y[i]
		}
		a, beta := stat.LinearRegression(xs, ys, nil, false)
		ss := 0.0
		for k := range xs {
			e := ys[k] - a - beta*xs[k]
			ss += e * e
		}
		lo, hi = math.Min(lo, ss), math.Max(hi, ss)
	}
	return hi / math.Max(lo, 1e-300)
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[len(s)/2]
}

// TestANLSMNFamilies: the cause is the scale mixture of variance 1.5, LS
// noise scales with the cause's mechanism while AN noise does not, and
// MN-U's effect lies between 0 and the sigmoid.
func TestANLSMNFamilies(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 13))
	if v := stat.Variance(anlsmnScaleMixture(r, 20000, 1), nil); math.Abs(v-1.5) > 0.06 {
		t.Errorf("cause variance %.3f, want E[U(1,2)] = 1.5", v)
	}
	spread := map[string]float64{}
	for _, fam := range anlsmnFamilyNames {
		ratios := make([]float64, 0, 30)
		for range 30 {
			x := anlsmnScaleMixture(r, 2000, 1)
			y := anlsmnEffect(r, fam, x)
			for _, v := range y {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: non-finite value", fam)
				}
			}
			ratios = append(ratios, binSpreadRatio(x, y, 8))
		}
		spread[fam] = median(ratios)
	}
	t.Logf("median max/min within-bin residual variance: %v", spread)
	for _, pair := range [][2]string{{"ls", "an"}, {"ls-s", "an-s"}} {
		if spread[pair[0]] < 3*spread[pair[1]] {
			t.Errorf("%s noise not visibly heteroscedastic against %s: %v", pair[0], pair[1], spread)
		}
	}
	if spread["an-s"] > 2.5 {
		t.Errorf("an-s within-bin variances vary by %.2f, want about 1 (additive noise)", spread["an-s"])
	}
	// MN-U: y = f(x) U with U in (0, 1): |y| <= |f| and sign(y) = sign(f);
	// f is a sigmoid, so y is bounded by c <= 1 + a few times 1/4.
	for range 20 {
		y := anlsmnEffect(r, "mn-u", anlsmnScaleMixture(r, 2000, 1))
		if m := math.Max(math.Abs(slices.Min(y)), slices.Max(y)); m > 4 {
			t.Fatalf("mn-u effect reaches %.2f, beyond the sigmoid's bound", m)
		}
	}
}
