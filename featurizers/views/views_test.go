package views

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/causal-tool/causal/pairs"

	"github.com/causal-tool/causal/internal/benchcpu"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(1+math.Abs(b)) }

func assertClose(t *testing.T, what string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if !near(got[i], want[i]) {
			t.Fatalf("%s: got %v, want %v", what, got, want)
		}
	}
}

func TestNamesMatchBuilders(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	x := make([]float64, 50)
	for i := range x {
		x[i] = float64(rng.IntN(4))
	}
	for _, ty := range pairs.AllTypes {
		nums := Numeric(x, ty, x)
		names := NumericViewNames(ty)
		if len(nums) != len(names) || len(names) == 0 {
			t.Fatalf("%v: %d numeric views for %d names", ty, len(nums), len(names))
		}
		for i := range nums {
			if nums[i].Name != names[i] || len(nums[i].Cols) == 0 {
				t.Fatalf("%v: view %d is %q with %d cols, want %q", ty, i, nums[i].Name, len(nums[i].Cols), names[i])
			}
		}
		cats := Categorical(x, ty)
		cnames := CategoricalViewNames(ty)
		if len(cats) != len(cnames) || len(cnames) == 0 {
			t.Fatalf("%v: %d categorical views for %d names", ty, len(cats), len(cnames))
		}
		for i := range cats {
			if cats[i].Name != cnames[i] {
				t.Fatalf("%v: view %d is %q, want %q", ty, i, cats[i].Name, cnames[i])
			}
		}
	}
}

func TestStandardizeAndRank(t *testing.T) {
	s := math.Sqrt(0.5) // var of {1,2,3,2} = (1+0+1+0)/4
	assertClose(t, "std", Standardize([]float64{1, 2, 3, 2}), []float64{-1 / s, 0, 1 / s, 0})
	assertClose(t, "std const", Standardize([]float64{4, 4, 4}), []float64{0, 0, 0})
	assertClose(t, "rank", Rank([]float64{10, 20, 20, 30, 5}), []float64{2.0 / 5, 3.5 / 5, 3.5 / 5, 5.0 / 5, 1.0 / 5})
}

func TestOneHotPCAToMean(t *testing.T) {
	x := []float64{5, 3, 5, 7}
	v := Numeric(x, pairs.Categorical, []float64{2, 4, 6, 1})
	oh := v[0].Cols
	assertClose(t, "onehot0", oh[0], []float64{0, 1, 0, 0})
	assertClose(t, "onehot1", oh[1], []float64{1, 0, 1, 0})
	assertClose(t, "onehot2", oh[2], []float64{0, 0, 0, 1})
	assertClose(t, "tomean", v[2].Cols[0], []float64{4, 4, 4, 1})

	// 20 categories: code c occurs c+1 times except code 0 (30 times); the 15
	// most frequent are 0 and 19..6, the others (1..5) share the last column.
	var many []int
	for c := 0; c < 20; c++ {
		for r := 0; r < max(c+1, 30*boolInt(c == 0)); r++ {
			many = append(many, c)
		}
	}
	cols := OneHot(many, 20)
	if len(cols) != MaxOneHot {
		t.Fatalf("%d one-hot columns, want %d", len(cols), MaxOneHot)
	}
	for i, c := range many {
		want := MaxOneHot - 1 // codes 1..5
		switch {
		case c == 0:
			want = 0
		case c >= 6:
			want = c - 5
		}
		for j := range cols {
			if (cols[j][i] == 1) != (j == want) {
				t.Fatalf("code %d: column %d = %v (want its 1 in column %d)", c, j, cols[j][i], want)
			}
		}
	}

	// Categories 0,0,1,2: p = (1/2, 1/4, 1/4); the covariance diag(p) - pp^T
	// has top eigenvector (2,-1,-1)/sqrt6 (eigenvalue 3/8), mean score 0.5/sqrt6.
	r := 1.5 / math.Sqrt(6)
	assertClose(t, "pca1", PCA1([]int{0, 0, 1, 2}, 3), []float64{r, r, -r, -r})
	assertClose(t, "pca1 flipped labels", PCA1([]int{2, 2, 1, 0}, 3), []float64{r, r, -r, -r})
	assertClose(t, "pca1 const", PCA1([]int{0, 0}, 1), []float64{0, 0})
	// Power iteration agrees with the eigendecomposition.
	p := []float64{0.5, 0.3, 0.15, 0.05}
	a, b := topEigenvector(p), powerIteration(p)
	fixSign(a)
	fixSign(b)
	assertClose(t, "power iteration", b, a)

	nan := Numeric(x, pairs.Categorical, nil)[2].Cols[0]
	for _, v := range nan {
		if !math.IsNaN(v) {
			t.Fatalf("tomean without other: %v, want NaN", nan)
		}
	}
}

func codesOf(t *testing.T, x []float64, name string) Cat {
	t.Helper()
	for _, c := range Categorical(x, pairs.Numerical) {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no view %s", name)
	return Cat{}
}

func assertCodes(t *testing.T, what string, c Cat, want []int, k int) {
	t.Helper()
	if !slices.Equal(c.Codes, want) || c.K != k {
		t.Fatalf("%s: codes %v K=%d, want %v K=%d", what, c.Codes, c.K, want, k)
	}
}

func TestBins(t *testing.T) {
	x := []float64{9, 0, 1, 2, 3, 4, 5, 6, 7, 8}
	assertCodes(t, "dec10", codesOf(t, x, "dec10"), []int{9, 0, 1, 2, 3, 4, 5, 6, 7, 8}, 10)
	ties := []float64{0, 0, 1, 0, 0, 0, 0, 0, 1, 0}
	assertCodes(t, "dec10 ties", codesOf(t, ties, "dec10"), []int{0, 0, 1, 0, 0, 0, 0, 0, 1, 0}, 2)
	// Tertile cut points of 0..5 are 5/3 and 10/3.
	assertCodes(t, "q3", codesOf(t, []float64{0, 1, 2, 3, 4, 5}, "q3"), []int{0, 0, 1, 1, 2, 2}, 3)
	assertCodes(t, "ew10", codesOf(t, []float64{0, 1, 2.5, 9.99, 10}, "ew10"), []int{0, 1, 2, 3, 3}, 4)
	assertCodes(t, "codes", Categorical([]float64{7, -1, 7, 3}, pairs.Categorical)[0], []int{2, 0, 2, 1}, 3)
}

// clusters draws sizes[i] points around centre 10*i with the given spread.
func clusters(rng *rand.Rand, sizes []int, spread float64) ([]float64, []int) {
	var x []float64
	var lab []int
	for c, m := range sizes {
		for i := 0; i < m; i++ {
			x = append(x, 10*float64(c)+spread*rng.NormFloat64())
			lab = append(lab, c)
		}
	}
	perm := rng.Perm(len(x))
	px, pl := make([]float64, len(x)), make([]int, len(x))
	for i, j := range perm {
		px[i], pl[i] = x[j], lab[j]
	}
	return px, pl
}

func TestKMeansFindsClusters(t *testing.T) {
	for seed := uint64(0); seed < 5; seed++ {
		rng := rand.New(rand.NewPCG(seed, 3))
		x, lab := clusters(rng, []int{600, 50, 200}, 0.5)
		assertCodes(t, "km3", codesOf(t, x, "km3"), lab, 3)
		assertCodes(t, "kmgap", codesOf(t, x, "kmgap"), lab, 3)
	}
}

func TestGapFindsFiveEquallySpacedClusters(t *testing.T) {
	for seed := uint64(0); seed < 3; seed++ {
		rng := rand.New(rand.NewPCG(seed, 6))
		x, lab := clusters(rng, []int{300, 200, 400, 250, 350}, 0.3)
		assertCodes(t, "kmgap", codesOf(t, x, "kmgap"), lab, 5)
	}
}

func TestGapOnUnimodalPicksTwo(t *testing.T) {
	for _, gen := range []string{"uniform", "normal"} {
		twos := 0
		for seed := uint64(0); seed < 10; seed++ {
			rng := rand.New(rand.NewPCG(seed, 4))
			x := make([]float64, 1000)
			for i := range x {
				x[i] = rng.Float64()
				if gen == "normal" {
					x[i] = rng.NormFloat64()
				}
			}
			if codesOf(t, x, "kmgap").K == 2 {
				twos++
			}
		}
		if twos < 9 {
			t.Fatalf("gap statistic picked k=2 on %d of 10 %s samples", twos, gen)
		}
	}
}

// bruteSSE is the optimal 1-D k-means SSE over all contiguous partitions of
// the sorted s (k = 3).
func bruteSSE(s []float64) float64 {
	best := math.Inf(1)
	n := len(s)
	for a := 1; a < n; a++ {
		for b := a + 1; b < n; b++ {
			best = math.Min(best, sseOf(s[:a])+sseOf(s[a:b])+sseOf(s[b:]))
		}
	}
	return best
}

func sseOf(s []float64) float64 {
	var m, ss float64
	for _, v := range s {
		m += v
	}
	m /= float64(len(s))
	for _, v := range s {
		ss += (v - m) * (v - m)
	}
	return ss
}

func TestKMeansExactOnFewValues(t *testing.T) {
	for seed := uint64(0); seed < 10; seed++ {
		rng := rand.New(rand.NewPCG(seed, 5))
		x := make([]float64, 40)
		for i := range x {
			x[i] = math.Round(rng.ExpFloat64() * 10)
		}
		s := slices.Clone(x)
		slices.Sort(s)
		c := codesOf(t, s, "km3")
		var got float64
		a := 0
		for i := 1; i <= len(s); i++ {
			if i == len(s) || c.Codes[i] != c.Codes[a] {
				got += sseOf(s[a:i])
				a = i
			}
		}
		if want := bruteSSE(s); got > want*(1+1e-9)+1e-9 {
			t.Fatalf("seed %d: km3 SSE %v, optimum %v", seed, got, want)
		}
	}
}

func TestDegenerate(t *testing.T) {
	cases := map[string][]float64{
		"empty":    {},
		"one":      {3},
		"const":    {2, 2, 2, 2, 2},
		"two":      {0, 1, 0, 1, 1, 1, 1},
		"three":    {1, 5, 2},
		"ties":     {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 2},
		"huge":     {1e300, -1e300, 0, 1e299, 5},
		"nonfinit": {1, math.NaN(), 2},
		"hugemany": hugeMany(),
	}
	for name, x := range cases {
		for _, ty := range pairs.AllTypes {
			for _, v := range Numeric(x, ty, x) {
				for _, col := range v.Cols {
					if len(col) != len(x) {
						t.Fatalf("%s %v %s: column length %d", name, ty, v.Name, len(col))
					}
					for _, f := range col {
						if math.IsInf(f, 0) || (math.IsNaN(f) && name != "nonfinit") {
							t.Fatalf("%s %v %s: value %v", name, ty, v.Name, f)
						}
					}
				}
			}
			for _, c := range Categorical(x, ty) {
				used := make([]bool, c.K)
				for _, code := range c.Codes {
					if code < 0 || code >= c.K {
						t.Fatalf("%s %v %s: code %d outside 0..%d", name, ty, c.Name, code, c.K-1)
					}
					used[code] = true
				}
				if slices.Contains(used, false) || len(c.Codes) != len(x) {
					t.Fatalf("%s %v %s: codes %v K=%d", name, ty, c.Name, c.Codes, c.K)
				}
			}
		}
	}
	var ss float64
	for _, v := range Numeric(cases["hugemany"], pairs.Numerical, nil)[0].Cols[0] {
		ss += v * v
	}
	if n := float64(len(cases["hugemany"])); !near(ss/n, 1) {
		t.Fatalf("huge values: standardized variance %v, want 1", ss/n)
	}
	if c := codesOf(t, cases["const"], "kmgap"); c.K != 1 {
		t.Fatalf("constant kmgap K=%d, want 1", c.K)
	}
	if c := codesOf(t, cases["two"], "km10"); c.K != 2 {
		t.Fatalf("two-valued km10 K=%d, want 2", c.K)
	}
}

func benchData(n int) []float64 {
	rng := rand.New(rand.NewPCG(9, 9))
	x := make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64() + math.Floor(rng.Float64()*3)*4
	}
	return x
}

func BenchmarkNumericalViews2000(b *testing.B) {
	x := benchData(2000)
	gapReference()
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Numeric(x, pairs.Numerical, nil)
		Categorical(x, pairs.Numerical)
	}
}

func BenchmarkCategoricalViews2000(b *testing.B) {
	x := benchData(2000)
	c := make([]float64, len(x))
	for i, v := range x {
		c[i] = math.Floor(v)
	}
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Numeric(c, pairs.Categorical, x)
		Categorical(c, pairs.Categorical)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hugeMany() []float64 {
	x := make([]float64, 60)
	for i := range x {
		x[i] = float64(i%7-3) * 1e307 * float64(1+i%5) / 5
	}
	return x
}

func TestSortedOrderReusesScratchSafely(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	var kept [][]int32
	var vals [][]float64
	for c, n := range []int{5, 300, 1, 0, 2000, 50, 17, 2000, 60} {
		x := make([]float64, n)
		for i := range x {
			x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(5)))
			if i%3 == 0 || c%4 == 1 {
				// small integers: ties, and keys whose low bytes are all
				// zero, so that an odd number of radix passes run
				x[i] = float64(rng.IntN(1000))
			}
		}
		idx, s := SortedOrder(x)
		kept, vals = append(kept, idx), append(vals, x)
		if !slices.IsSorted(s) {
			t.Fatalf("n=%d: not sorted", n)
		}
	}
	// Earlier results must not have been overwritten by later calls.
	for c, idx := range kept {
		x := vals[c]
		for j := 1; j < len(idx); j++ {
			a, b := x[idx[j-1]], x[idx[j]]
			if a > b || (a == b && idx[j-1] > idx[j]) {
				t.Fatalf("call %d: permutation corrupted at %d", c, j)
			}
		}
	}
}

func TestTieMeans(t *testing.T) {
	xs, means, counts := TieMeans([]float64{2, 0, 2, 1, 0, 2}, []float64{1, 4, 2, 7, 6, 6})
	if !slices.Equal(xs, []float64{0, 1, 2}) || !slices.Equal(means, []float64{5, 7, 3}) || !slices.Equal(counts, []float64{2, 1, 3}) {
		t.Fatalf("TieMeans = %v %v %v", xs, means, counts)
	}
	if xs, _, _ := TieMeans(nil, nil); len(xs) != 0 {
		t.Fatalf("empty input gave %v", xs)
	}
}
