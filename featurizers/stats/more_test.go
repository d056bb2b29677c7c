package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// lcgLabels reproduces the generator used to compute the sklearn reference
// values below (a 31-bit LCG; b partly a function of a).
func lcgLabels(n int) (a, b []int) {
	s := uint64(12345)
	next := func() uint64 { s = (s*1103515245 + 12345) % (1 << 31); return s }
	for i := 0; i < n; i++ {
		ai := int((next() >> 16) % 12)
		v := next()
		bi := int((v >> 16) % 15)
		if (v>>20)%3 != 0 {
			bi = (ai*7 + int((v>>16)%5)) % 15
		}
		a, b = append(a, ai), append(b, bi)
	}
	return a, b
}

func TestCatCatLargerMatchesSklearn(t *testing.T) {
	// sklearn 1.2.1 adjusted_mutual_info_score, adjusted_rand_score,
	// normalized_mutual_info_score on lcgLabels(n).
	for _, c := range []struct {
		n             int
		ami, ari, nmi float64
	}{
		{3000, 0.15848784151802006, 0.0691545305991658, 0.166931986357473},
		{50, 0.14158267582926345, 0.08931733035967564, 0.5559387342366882},
	} {
		a, b := lcgLabels(c.n)
		dst := make([]float64, len(CatCatNames()))
		CatCat(a, 12, b, 15, dst)
		checkNamed(t, CatCatNames(), dst, map[string]float64{
			"adjusted_mi": c.ami, "adjusted_rand": c.ari, "normalized_mi": c.nmi,
		})
	}
}

func TestCatCatIdentityAndDegenerate(t *testing.T) {
	a := []int{0, 1, 1, 2, 2, 2}
	dst := make([]float64, len(CatCatNames()))
	CatCat(a, 3, a, 3, dst)
	checkNamed(t, CatCatNames(), dst, map[string]float64{
		"mutual_info": DiscreteEntropy(a, 3), "normalized_mi": 1, "adjusted_mi": 1,
		"adjusted_rand": 1, "homogeneity": 1, "completeness": 1, "v_measure": 1,
		"cramers_v": 1,
	})
	// Constant against constant: sklearn's perfect-agreement conventions,
	// chi-square undefined.
	c := []int{0, 0, 0, 0}
	CatCat(c, 1, c, 2, dst)
	checkNamed(t, CatCatNames(), dst, map[string]float64{
		"mutual_info": 0, "normalized_mi": 1, "adjusted_mi": 1, "adjusted_rand": 1,
		"homogeneity": 1, "completeness": 1, "v_measure": 1,
	})
	if !math.IsNaN(dst[7]) || !math.IsNaN(dst[9]) {
		t.Errorf("chi-square of constants = %v, V = %v, want NaN", dst[7], dst[9])
	}
	CatCat([]int{0, 5}, 2, []int{0, 1}, 2, dst)
	for i, v := range dst {
		if !math.IsNaN(v) {
			t.Errorf("out-of-range code: value %d = %v, want NaN", i, v)
		}
	}
}

// kendallBrute is tau-b by its O(n²) definition.
func kendallBrute(x, y []float64) float64 {
	var c, d, tx, ty float64
	for i := range x {
		for j := i + 1; j < len(x); j++ {
			sx := math.Copysign(1, x[i]-x[j])
			sy := math.Copysign(1, y[i]-y[j])
			switch {
			case x[i] == x[j] && y[i] == y[j]:
			case x[i] == x[j]:
				tx++
			case y[i] == y[j]:
				ty++
			case sx == sy:
				c++
			default:
				d++
			}
		}
	}
	return (c - d) / math.Sqrt((c+d+tx)*(c+d+ty))
}

func TestKendallAgainstDefinition(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	dst := make([]float64, len(PairwiseNames()))
	for trial := 0; trial < 20; trial++ {
		n := 3 + r.IntN(300)
		levels := 2 + r.IntN(40) // heavy ties on both sides
		x, y := make([]float64, n), make([]float64, n)
		for i := range x {
			x[i] = float64(r.IntN(levels))
			y[i] = x[i]*float64(trial%3-1) + float64(r.IntN(levels))
		}
		Pairwise(x, y, dst)
		want := kendallBrute(x, y)
		if !near(dst[pwKendall], want, 1e-12) && !(math.IsNaN(want) && math.IsNaN(dst[pwKendall])) {
			t.Fatalf("trial %d n=%d: tau = %v, want %v", trial, n, dst[pwKendall], want)
		}
	}
}

func TestPairwiseExactLines(t *testing.T) {
	x := []float64{1, 2, 3, 4, 5}
	y := []float64{-3, -1, 1, 3, 5} // y = 2x - 5
	dst := make([]float64, len(PairwiseNames()))
	Pairwise(x, y, dst)
	checkNamed(t, PairwiseNames(), dst, map[string]float64{
		"pearson_r": 1, "pearson_p": 0, "spearman_r": 1, "kendall_tau": 1,
		"chebyshev": 4, "cityblock": 10, "sqeuclidean": 30, "correlation": 0,
		// Mann-Whitney U of x: pooled sorted -3 -1 1 1 2 3 3 4 5 5 gives x
		// the ranks 3.5, 5, 6.5, 8, 9.5; U = Σ ranks - 5*6/2.
		"mannwhitney": 3.5 + 5 + 6.5 + 8 + 9.5 - 15,
	})
}

func TestPairwiseDegenerate(t *testing.T) {
	dst := make([]float64, len(PairwiseNames()))
	for _, c := range [][2][]float64{
		{{2, 2, 2, 2}, {1, 2, 3, 4}},
		{{2, 2, 2, 2}, {2, 2, 2, 2}},
		{{0, 0, 0}, {0, 0, 0}},
		{{1e300, -1e300, 1e300}, {1, 2, 3}},
		{{1, 2}, {1, 2}},
		{{1, 2, 3}, {1, 2}},
	} {
		Pairwise(c[0], c[1], dst)
		for i, v := range dst {
			if math.IsInf(v, 0) {
				t.Errorf("%v: %s = Inf", c, pairwiseNames[i])
			}
		}
		if !math.IsNaN(dst[pwPearson]) && (c[0][0] == c[0][1]) {
			t.Errorf("%v: pearson of a constant = %v, want NaN", c, dst[pwPearson])
		}
	}
	Pairwise([]float64{2, 2, 2, 2}, []float64{1, 2, 3, 4}, dst)
	for _, name := range []string{"pearson_r", "spearman_r", "kendall_tau", "correlation", "bartlett"} {
		for i, n := range pairwiseNames {
			if n == name && !math.IsNaN(dst[i]) {
				t.Errorf("constant x: %s = %v, want NaN", name, dst[i])
			}
		}
	}
}

func TestUnaryDegenerateAndNormality(t *testing.T) {
	dst := make([]float64, len(UnaryNames()))
	Unary([]float64{3, 3, 3}, dst)
	checkNamed(t, UnaryNames(), dst, map[string]float64{"n_distinct": 1, "discrete_entropy": 0, "std": 0})
	for i, v := range dst[3:8] {
		if !math.IsNaN(v) {
			t.Errorf("constant: %s = %v, want NaN", unaryNames[3+i], v)
		}
	}
	Unary(nil, dst)
	for i, v := range dst {
		if !math.IsNaN(v) {
			t.Errorf("empty: %s = %v, want NaN", unaryNames[i], v)
		}
	}
	r := rand.New(rand.NewPCG(3, 4))
	g, u := make([]float64, 2000), make([]float64, 2000)
	for i := range g {
		g[i] = 5 + 2*r.NormFloat64()
		u[i] = r.Float64()
	}
	Unary(g, dst)
	adNormal, pNormal := dst[9], dst[10]
	Unary(u, dst)
	if !(adNormal < 1 && pNormal > 0.01 && dst[9] > 10 && dst[10] < 1e-6) {
		t.Errorf("A² normal = %v (p %v), uniform = %v (p %v)", adNormal, pNormal, dst[9], dst[10])
	}
}

func TestHSICDependence(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	n := 1000
	x, dep, ind := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = r.NormFloat64()
		dep[i] = x[i]*x[i] + 0.3*r.NormFloat64() // non-linear, uncorrelated
		ind[i] = r.NormFloat64()
	}
	hd, pd := HSICTest(x, dep, 200)
	hi, pi := HSICTest(x, ind, 200)
	if !(hd > 5*hi) || !(pd < 1e-3) || !(pi > 0.01) {
		t.Errorf("HSIC dependent %v (p %v), independent %v (p %v)", hd, pd, hi, pi)
	}
	if h := HSIC(x, dep, 200); !near(h, hd, 1e-12) {
		t.Errorf("HSIC %v != HSICTest %v", h, hd)
	}
	// Hand-computed on 2 points: K = L = [[1, e^-1], [e^-1, 1]] (the median
	// squared distance is the only one), HKH = (1-e^-1)/2 [[1,-1],[-1,1]],
	// trace(KHLH)/4 = (1 - e^-1)² / 4.
	want := (1 - math.Exp(-1)) * (1 - math.Exp(-1)) / 4
	if h := HSIC([]float64{0, 1}, []float64{5, 3}, 200); !near(h, want, 1e-15) {
		t.Errorf("2-point HSIC = %v, want %v", h, want)
	}
	if h := HSIC([]float64{1, 1, 1}, []float64{1, 2, 3}, 200); h != 0 {
		t.Errorf("constant HSIC = %v, want 0", h)
	}
}

func TestGroupDegenerate(t *testing.T) {
	dst := make([]float64, len(GroupNames()))
	Group([]int{0, 0, 0}, 2, []float64{1, 2, 3}, dst) // one group
	for i, v := range dst[:4] {
		if !math.IsNaN(v) {
			t.Errorf("one group: %s = %v, want NaN", groupNames[i], v)
		}
	}
	if !near(dst[4], 2.0/3, 1e-15) || !near(dst[6], 4.0/9, 1e-15) {
		t.Errorf("one group var %v gini %v", dst[4], dst[6])
	}
	Group([]int{0, 1, 0, 1}, 2, []float64{5, 5, 5, 5}, dst) // constant y
	for i, v := range dst[:4] {
		if !math.IsNaN(v) {
			t.Errorf("constant y: %s = %v, want NaN", groupNames[i], v)
		}
	}
}

func TestRadixSorts(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 1, 5, 63, 64, 1000} {
		x := make([]float64, n)
		for i := range x {
			switch i % 4 {
			case 0:
				x[i] = r.NormFloat64() * 1e6
			case 1:
				x[i] = -r.Float64()
			case 2:
				x[i] = float64(r.IntN(5)) // ties
			default:
				x[i] = math.Copysign(0, -1)
			}
		}
		s := append([]float64(nil), x...)
		SortFloats(s)
		order := make([]int, n)
		sorted := make([]float64, n)
		argsortFloats(x, order, sorted)
		for i := 1; i < n; i++ {
			if s[i] < s[i-1] || sorted[i] < sorted[i-1] {
				t.Fatalf("n=%d: not sorted at %d", n, i)
			}
			if sorted[i] == sorted[i-1] && order[i] < order[i-1] {
				t.Fatalf("n=%d: argsort not stable at %d", n, i)
			}
		}
		for i := range order {
			if x[order[i]] != sorted[i] || s[i] != sorted[i] {
				t.Fatalf("n=%d: order/sorted mismatch at %d", n, i)
			}
		}
	}
}

func TestSampleReuseMatchesPairwise(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	s := &Sample{}
	fixed := NewSample(refY)
	want := make([]float64, len(PairwiseNames()))
	got := make([]float64, len(PairwiseNames()))
	for _, n := range []int{40, 12, 7} {
		x := make([]float64, n)
		for i := range x {
			x[i] = float64(r.IntN(6))
		}
		s.Set(x) // buffers reused across lengths
		y := refY[:min(n, len(refY))]
		if n > len(refY) {
			continue
		}
		Pairwise(x, y, want)
		PairwiseSamples(s, NewSample(y), got)
		for i := range want {
			if !(got[i] == want[i] || math.IsNaN(got[i]) && math.IsNaN(want[i])) {
				t.Errorf("n=%d %s: %v != %v", n, pairwiseNames[i], got[i], want[i])
			}
		}
	}
	x := append([]float64(nil), refX...)
	s.Set(x)
	PairwiseSamples(s, fixed, got)
	Pairwise(refX, refY, want)
	if got[0] != want[0] || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("prepared y: %v vs %v", got, want)
	}
}

func TestRBFScaleMatchesListedMedian(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for _, m := range []int{2, 3, 4, 17, 50} {
		v := make([]float64, m)
		for i := range v {
			v[i] = float64(r.IntN(7)) + r.Float64()*float64(i%2) // ties and spread
		}
		var d []float64
		for i := range v {
			for j := i + 1; j < m; j++ {
				if dd := (v[i] - v[j]) * (v[i] - v[j]); dd > 0 {
					d = append(d, dd)
				}
			}
		}
		want := 0.0
		if len(d) > 0 {
			want = 1 / Median(d)
		}
		if got := rbfScale(v); !near(got, want, 1e-12*want) {
			t.Errorf("m=%d: rbfScale = %v, want %v", m, got, want)
		}
	}
}

func TestNoInfOnHugeAndTinyInputs(t *testing.T) {
	inputs := [][]float64{
		{1e308, -1e308, 1e308, 0},
		{1e-320, 0, -1e-320, 1e-320},
		{1, 1, 2, 2},
		{5, 5, 5, 5},
		{0, 1, 2},
	}
	check := func(what string, vals []float64) {
		for i, v := range vals {
			if math.IsInf(v, 0) {
				t.Errorf("%s: value %d is Inf", what, i)
			}
		}
	}
	u := make([]float64, len(UnaryNames()))
	p := make([]float64, len(PairwiseNames()))
	g := make([]float64, len(GroupNames()))
	for _, x := range inputs {
		Unary(x, u)
		check("unary", u)
		for _, y := range inputs {
			if len(y) == len(x) {
				Pairwise(x, y, p)
				check("pairwise", p)
			}
		}
		codes := make([]int, len(x))
		for i := range codes {
			codes[i] = i % 2
		}
		Group(codes, 2, x, g)
		check("group", g)
		if h := HSIC(x, x, 0); math.IsInf(h, 0) {
			t.Errorf("HSIC Inf")
		}
	}
}

func TestNaNInputsGiveNaN(t *testing.T) {
	x := []float64{1, math.NaN(), 3, 4}
	y := []float64{1, 2, 3, 5}
	for _, c := range []struct {
		name string
		dst  []float64
		run  func([]float64)
	}{
		{"pairwise", make([]float64, len(PairwiseNames())), func(d []float64) { Pairwise(x, y, d) }},
		{"pairwise swapped", make([]float64, len(PairwiseNames())), func(d []float64) { Pairwise(y, x, d) }},
		{"unary", make([]float64, len(UnaryNames())), func(d []float64) { Unary(x, d) }},
		{"group", make([]float64, len(GroupNames())), func(d []float64) { Group([]int{0, 1, 0, 1}, 2, x, d) }},
	} {
		c.run(c.dst)
		for i, v := range c.dst {
			if !math.IsNaN(v) {
				t.Errorf("%s: value %d = %v, want NaN", c.name, i, v)
			}
		}
	}
}

func TestConcurrentCallsAgree(t *testing.T) {
	x, y := benchData(300)
	want := make([]float64, len(PairwiseNames()))
	Pairwise(x, y, want)
	wantU := make([]float64, len(UnaryNames()))
	Unary(x, wantU)
	done := make(chan []float64)
	for g := 0; g < 4; g++ {
		go func() {
			d := make([]float64, len(PairwiseNames()))
			u := make([]float64, len(UnaryNames()))
			for i := 0; i < 20; i++ {
				Pairwise(x, y, d)
				Unary(x, u)
			}
			done <- append(d, u...)
		}()
	}
	for g := 0; g < 4; g++ {
		got := <-done
		for i, v := range append(append([]float64(nil), want...), wantU...) {
			if got[i] != v && !(math.IsNaN(v) && math.IsNaN(got[i])) {
				t.Fatalf("value %d: %v != %v", i, got[i], v)
			}
		}
	}
}

func TestCatCatLargeCodeSpaceIsCompacted(t *testing.T) {
	a, b := lcgLabels(500)
	want := make([]float64, len(CatCatNames()))
	CatCat(a, 12, b, 15, want)
	// The same labels spread over a huge code space.
	ba, bb := make([]int, len(a)), make([]int, len(b))
	for i := range a {
		ba[i] = a[i]*9973 + 5
		bb[i] = b[i] * 7919
	}
	got := make([]float64, len(CatCatNames()))
	CatCat(ba, 200000, bb, 200000, got)
	for i := range want {
		if !near(got[i], want[i], 1e-12) {
			t.Errorf("%s: %v, want %v", catCatNames[i], got[i], want[i])
		}
	}
	if mi, w := MutualInfo(ba, 200000, bb, 200000), MutualInfo(a, 12, b, 15); !near(mi, w, 1e-12) {
		t.Errorf("MutualInfo compacted %v, want %v", mi, w)
	}
	// All-distinct labels: 300 x 300 cells, AMI skipped, MI = log 300.
	ids := make([]int, 300)
	for i := range ids {
		ids[i] = i
	}
	CatCat(ids, 300, ids, 300, got)
	if !near(got[0], math.Log(300), 1e-12) || !math.IsNaN(got[2]) || got[3] != 1 {
		t.Errorf("all distinct: MI %v, AMI %v, ARI %v", got[0], got[2], got[3])
	}
}

// TestKthDistance checks the k-th smallest pairwise distance against the
// sorted list of all distances, on continuous, tied and wide-ranged data.
func TestKthDistance(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for c := range 12 {
		m := 5 + rng.IntN(150)
		s := make([]float64, m)
		for i := range s {
			switch c % 3 {
			case 0:
				s[i] = rng.NormFloat64()
			case 1:
				s[i] = math.Floor(rng.NormFloat64() * 3)
			default:
				s[i] = math.Exp(10 * rng.NormFloat64())
			}
		}
		slices.Sort(s)
		var all []float64
		for j := range s {
			for i := range j {
				all = append(all, s[j]-s[i])
			}
		}
		slices.Sort(all)
		for k := 0; k < len(all); k += 1 + len(all)/300 {
			if got := kthDistance(s, k); got != all[k] {
				t.Fatalf("case %d (m=%d): k=%d: got %v, want %v", c, m, k, got, all[k])
			}
		}
	}
}
