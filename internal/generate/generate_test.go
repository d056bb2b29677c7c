package generate

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"testing"

	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/stat"
)

// smallConfig is the default configuration with small samples, for speed.
func smallConfig(n int) Config {
	c := DefaultConfig()
	c.N = n
	c.MinPoints, c.MaxPoints = 30, 120
	return c
}

func collect(t *testing.T, c Config, cores int) []Sample {
	t.Helper()
	g, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	var out []Sample
	if err := g.Run(cores, func(s Sample) error { out = append(out, s); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(out) != c.N {
		t.Fatalf("got %d samples, want %d", len(out), c.N)
	}
	return out
}

func TestRunIdenticalAcrossCores(t *testing.T) {
	c := smallConfig(80)
	one, two, four := collect(t, c, 1), collect(t, c, 2), collect(t, c, 4)
	if !reflect.DeepEqual(one, two) || !reflect.DeepEqual(one, four) {
		t.Fatal("samples differ between 1, 2 and 4 workers")
	}
	for i, s := range one {
		if want := "train" + strconv.Itoa(i+1); s.Pair.ID != want || s.Target.ID != want {
			t.Fatalf("sample %d has IDs %q/%q, want %q", i, s.Pair.ID, s.Target.ID, want)
		}
	}
}

func TestShardsEqualSlicesOfOneRun(t *testing.T) {
	full := collect(t, smallConfig(30), 2)
	c := smallConfig(12)
	c.Start = 9
	shard := collect(t, c, 2)
	if !reflect.DeepEqual(shard, full[9:21]) {
		t.Fatal("shard --start 9 --n 12 differs from pairs 9..20 of the full run")
	}
	if shard[0].Pair.ID != "train10" {
		t.Fatalf("first shard ID %q, want train10", shard[0].Pair.ID)
	}
}

func TestSeedChangesOutput(t *testing.T) {
	c := smallConfig(5)
	a := collect(t, c, 1)
	c.Seed = 2
	b := collect(t, c, 1)
	if reflect.DeepEqual(a, b) {
		t.Fatal("seeds 1 and 2 gave the same pairs")
	}
}

func TestClassBalanceAndTypeMix(t *testing.T) {
	c := DefaultConfig()
	c.N = 2000
	c.MinPoints, c.MaxPoints = 10, 20
	c.MaxLevels = 4
	samples := collect(t, c, 2)
	var class [5]int
	var types [3][3]int
	var nnByClass [5]int
	for _, s := range samples {
		d := s.Target.Details
		if d < 1 || d > 4 || s.Target.Target != TargetOf(d) {
			t.Fatalf("%s: Target %d inconsistent with Details %d", s.Target.ID, s.Target.Target, d)
		}
		class[d]++
		types[s.Pair.TypeA][s.Pair.TypeB]++
		if s.Pair.TypeA == pairs.Numerical && s.Pair.TypeB == pairs.Numerical {
			nnByClass[d]++
		}
		if n := len(s.Pair.A); n < c.MinPoints || n > c.MaxPoints || len(s.Pair.B) != n {
			t.Fatalf("%s: %d/%d points outside [%d, %d]", s.Pair.ID, len(s.Pair.A), len(s.Pair.B), c.MinPoints, c.MaxPoints)
		}
	}
	n := float64(c.N)
	for d := 1; d <= 4; d++ {
		if f := float64(class[d]) / n; math.Abs(f-0.25) > 0.01 {
			t.Errorf("class %d fraction %.3f, want 0.25 ± 0.01", d, f)
		}
		if f := float64(nnByClass[d]) / float64(class[d]); math.Abs(f-0.6) > 0.05 {
			t.Errorf("class %d: Numerical-Numerical fraction %.3f, want 0.60 ± 0.05 (types independent of class)", d, f)
		}
	}
	for a := range 3 {
		for b := range 3 {
			want := 0.05
			if a == 0 && b == 0 {
				want = 0.6
			}
			if f := float64(types[a][b]) / n; math.Abs(f-want) > 0.01 {
				t.Errorf("type %s%s fraction %.3f, want %.2f ± 0.01", pairs.AllTypes[a].Letter(), pairs.AllTypes[b].Letter(), f, want)
			}
		}
	}
}

func TestCustomWeights(t *testing.T) {
	c := smallConfig(400)
	c.MaxPoints = 40
	c.ClassWeights = [4]float64{3, 1, 0, 0}
	mix, err := ParseTypeMix("CB=1")
	if err != nil {
		t.Fatal(err)
	}
	c.TypeMix = mix
	count := map[int]int{}
	for _, s := range collect(t, c, 2) {
		count[s.Target.Details]++
		if s.Pair.TypeA != pairs.Categorical || s.Pair.TypeB != pairs.Binary {
			t.Fatalf("%s: types %v/%v, want Categorical/Binary", s.Pair.ID, s.Pair.TypeA, s.Pair.TypeB)
		}
	}
	if count[3]+count[4] != 0 || math.Abs(float64(count[1])/400-0.75) > 0.01 {
		t.Fatalf("class counts %v, want 300/100/0/0 ± 4", count)
	}
}

func TestSampleSizeLog2Uniform(t *testing.T) {
	g, err := New(DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	const draws = 20000
	below, sumLog := 0, 0.0
	for range draws {
		n := g.size(r)
		if n < 500 || n > 8000 {
			t.Fatalf("size %d outside [500, 8000]", n)
		}
		if n < 2000 { // geometric midpoint of 500 and 8000
			below++
		}
		sumLog += math.Log2(float64(n))
	}
	if f := float64(below) / draws; math.Abs(f-0.5) > 0.02 {
		t.Errorf("fraction below 2000 is %.3f, want 0.5 (log2-uniform)", f)
	}
	if m := sumLog / draws; math.Abs(m-11) > 0.03 { // (log2 500 + log2 8000)/2 = 10.97
		t.Errorf("mean log2 size %.3f, want 10.97", m)
	}
}

// correlationRatio is eta^2 = Var(E[y | x-bin]) / Var(y) with equal-count
// bins of x: 0 for y independent of x (up to bins/n), 1 for y a function.
func correlationRatio(x, y []float64, bins int) float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	mean := stat.Mean(y, nil)
	between, total := 0.0, 0.0
	for _, v := range y {
		total += (v - mean) * (v - mean)
	}
	for b := range bins {
		lo, hi := b*len(x)/bins, (b+1)*len(x)/bins
		s := 0.0
		for _, i := range idx[lo:hi] {
			s += y[i]
		}
		m := s / float64(hi-lo)
		between += float64(hi-lo) * (m - mean) * (m - mean)
	}
	return between / total
}

func TestMechanismsFiniteAndDependent(t *testing.T) {
	const n, draws = 1000, 30
	for _, m := range mechanismFamilies {
		t.Run(m.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, 7))
			sum, base := 0.0, 0.0
			for range draws {
				x := standardize(fill(n, r.NormFloat64))
				c := &mechCtx{r: r, sigma: 0.3, noise: func(k int) []float64 { return fill(k, r.NormFloat64) }}
				y := m.apply(c, x)
				if len(y) != n {
					t.Fatalf("got %d values, want %d", len(y), n)
				}
				for _, v := range y {
					if math.IsNaN(v) || math.IsInf(v, 0) {
						t.Fatalf("non-finite effect value %v", v)
					}
				}
				sum += correlationRatio(x, y, 20)
				shuffled := slices.Clone(y)
				r.Shuffle(n, func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				base += correlationRatio(x, shuffled, 20)
			}
			sum, base = sum/draws, base/draws
			t.Logf("eta^2 %.3f (shuffled %.3f)", sum, base)
			if base > 0.04 {
				t.Fatalf("independent baseline eta^2 %.3f, want about 19/1000", base)
			}
			if sum < 0.25 {
				t.Errorf("mean eta^2 of effect on cause %.3f, want >= 0.25 (baseline %.3f)", sum, base)
			}
		})
	}
}

func TestCausesFiniteAndVaried(t *testing.T) {
	c := DefaultConfig()
	r := rand.New(rand.NewPCG(3, 3))
	for _, f := range causeFamilies {
		distinct := 0
		for range 20 {
			x := f.draw(r, 500, &c)
			if len(x) != 500 {
				t.Fatalf("%s: %d values, want 500", f.name, len(x))
			}
			for _, v := range x {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: non-finite value %v", f.name, v)
				}
			}
			u := slices.Clone(x)
			slices.Sort(u)
			distinct += len(slices.Compact(u))
		}
		if f.name == "discrete" {
			if distinct/20 > 40 {
				t.Errorf("discrete: %d distinct values on average, want a few", distinct/20)
			}
		} else if distinct < 20*490 {
			t.Errorf("%s: %d distinct values in 20 x 500, want continuous", f.name, distinct)
		}
	}
}

func TestFinalizeCoarse(t *testing.T) {
	c := DefaultConfig()
	r := rand.New(rand.NewPCG(6, 6))
	x := fill(1000, r.NormFloat64)
	distinct := func(v []float64) int {
		u := slices.Clone(v)
		slices.Sort(u)
		return len(slices.Compact(u))
	}
	for _, frac := range []float64{0, 1} {
		c.CoarseFraction = frac
		for range 10 {
			out, in, ok := finalize(r, x, pairs.Numerical, &c)
			if !ok {
				t.Fatal("not ok")
			}
			d := distinct(out)
			if frac == 0 && d < 950 { // only collisions at the 1e-4 sd resolution
				t.Fatalf("exact recording: %d distinct values, want about 1000", d)
			}
			if frac == 1 && d > 450 {
				t.Fatalf("coarse recording: %d distinct values, want at most 50 per sd", d)
			}
			if corr := stat.Correlation(out, in, nil); corr < 0.9 {
				t.Fatalf("coarse recording: correlation %.3f with the exact values", corr)
			}
			if distinct(in) != 1000 {
				t.Fatal("mechanism input was coarsened too")
			}
		}
	}
}

func TestFinalizeTypes(t *testing.T) {
	c := DefaultConfig()
	r := rand.New(rand.NewPCG(5, 5))
	x := fill(1000, func() float64 { return math.Exp(r.NormFloat64()) })

	out, in, ok := finalize(r, x, pairs.Numerical, &c)
	if !ok {
		t.Fatal("numerical: not ok")
	}
	m, sd := stat.MeanStdDev(out, nil)
	if math.Abs(m) > 1 || math.Abs(sd-10000) > 1 {
		t.Errorf("numerical: mean %.3f sd %.3f, want 0 and 10000", m, sd)
	}
	for i, v := range out {
		if v != math.Round(v) || v != math.Round(in[i]*10000) {
			t.Fatalf("numerical value %v is not the rounded 10000*standardized %v", v, in[i])
		}
	}

	for range 20 {
		out, in, ok = finalize(r, x, pairs.Categorical, &c)
		if !ok {
			t.Fatal("categorical: not ok")
		}
		levels := map[float64]bool{}
		code := map[float64]float64{} // ordinal input -> label, must be a bijection
		for i, v := range out {
			levels[v] = true
			if l, seen := code[in[i]]; seen && l != v {
				t.Fatalf("categorical: ordinal %v has labels %v and %v", in[i], l, v)
			}
			code[in[i]] = v
		}
		order := make([]int, len(x))
		for i := range order {
			order[i] = i
		}
		sort.Slice(order, func(a, b int) bool { return x[order[a]] < x[order[b]] })
		for k := 1; k < len(order); k++ {
			if in[order[k]] < in[order[k-1]] {
				t.Fatal("categorical: ordinal levels not monotone in x")
			}
		}
		if len(levels) < 2 || len(levels) > 10 || len(code) != len(levels) {
			t.Fatalf("categorical: %d labels, %d ordinals", len(levels), len(code))
		}
		for l := range levels {
			if l != math.Round(l) || l < 0 || int(l) >= len(levels) {
				t.Fatalf("categorical label %v outside 0..%d", l, len(levels)-1)
			}
		}
	}

	out, _, ok = finalize(r, x, pairs.Binary, &c)
	ones := 0.0
	for _, v := range out {
		if v != 0 && v != 1 {
			t.Fatalf("binary value %v", v)
		}
		ones += v
	}
	if f := ones / 1000; !ok || f < 0.19 || f > 0.81 {
		t.Fatalf("binary: ok %v, fraction of ones %.3f, want within [0.2, 0.8]", ok, f)
	}

	if _, _, ok := finalize(r, make([]float64, 10), pairs.Numerical, &c); ok {
		t.Error("constant variable accepted")
	}
	if _, _, ok := finalize(r, []float64{1, math.NaN(), 2}, pairs.Numerical, &c); ok {
		t.Error("NaN accepted")
	}
}

// TestClassDependence checks that the causal and confounded classes are
// dependent and the independent class is not.
func TestClassDependence(t *testing.T) {
	c := smallConfig(240)
	c.MinPoints, c.MaxPoints = 400, 400
	c.NoiseMax = 0.5
	c.TypeMix = [3][3]float64{{1}}
	var eta [5]float64
	var count [5]int
	for _, s := range collect(t, c, 2) {
		d := s.Target.Details
		eta[d] += math.Max(correlationRatio(s.Pair.A, s.Pair.B, 10), correlationRatio(s.Pair.B, s.Pair.A, 10))
		count[d]++
	}
	for d := 1; d <= 4; d++ {
		eta[d] /= float64(count[d])
	}
	t.Logf("mean eta^2 by class: %.3f", eta[1:])
	if eta[4] > 0.05 {
		t.Errorf("independent class: mean eta^2 %.3f, want about 9/400", eta[4])
	}
	for d := 1; d <= 3; d++ {
		if eta[d] < 0.3 {
			t.Errorf("class %d: mean eta^2 %.3f, want clearly dependent (>= 0.3)", d, eta[d])
		}
	}
}

func TestValidate(t *testing.T) {
	bad := []func(c *Config){
		func(c *Config) { c.N = -1 },
		func(c *Config) { c.Start = -1 },
		func(c *Config) { c.MinPoints = 2 },
		func(c *Config) { c.MaxPoints = c.MinPoints - 1 },
		func(c *Config) { c.NoiseMin = -0.1 },
		func(c *Config) { c.NoiseMax = c.NoiseMin / 2 },
		func(c *Config) { c.NoiseMax = math.NaN() },
		func(c *Config) { c.MaxComponents = 0 },
		func(c *Config) { c.CoarseFraction = 1.5 },
		func(c *Config) { c.CoarseFraction = math.NaN() },
		func(c *Config) { c.MinLevels = 2 },
		func(c *Config) { c.MaxLevels = c.MinLevels - 1 },
		func(c *Config) { c.ClassWeights = [4]float64{} },
		func(c *Config) { c.ClassWeights[2] = -1 },
		func(c *Config) { c.TypeMix = [3][3]float64{} },
		func(c *Config) { c.Mechanisms = []string{"linear", "cubic"} },
		func(c *Config) { c.Causes = nil },
		func(c *Config) { c.Noises = []string{"pink"} },
	}
	for i, mod := range bad {
		c := DefaultConfig()
		mod(&c)
		if _, err := New(c); err == nil {
			t.Errorf("bad config %d accepted", i)
		}
	}
	if _, err := New(DefaultConfig()); err != nil {
		t.Errorf("default config rejected: %v", err)
	}
}

func TestParsers(t *testing.T) {
	mix, err := ParseTypeMix("nn=2, CB=1")
	if err != nil || mix[0][0] != 2 || mix[1][2] != 1 || mix[2][1] != 0 {
		t.Errorf("ParseTypeMix: %v %v", mix, err)
	}
	for _, s := range []string{"NX=1", "NNN=1", "NN", "NN=a", "NN=0", "NN=-1"} {
		if _, err := ParseTypeMix(s); err == nil {
			t.Errorf("ParseTypeMix(%q) accepted", s)
		}
	}
	w, err := ParseClassWeights("1, 2,0,0.5")
	if err != nil || w != [4]float64{1, 2, 0, 0.5} {
		t.Errorf("ParseClassWeights: %v %v", w, err)
	}
	for _, s := range []string{"1,1,1", "1,1,1,x", "0,0,0,0", "1,1,1,-1"} {
		if _, err := ParseClassWeights(s); err == nil {
			t.Errorf("ParseClassWeights(%q) accepted", s)
		}
	}
	if got := ParseList(" Linear, nn,linear ", MechanismNames()); !reflect.DeepEqual(got, []string{"linear", "nn"}) {
		t.Errorf("ParseList: %v", got)
	}
	if got := ParseList("all", MechanismNames()); !reflect.DeepEqual(got, MechanismNames()) {
		t.Errorf("ParseList(all): %v", got)
	}
}

func TestFastCos(t *testing.T) {
	worst := 0.0
	for x := -2000.0; x < 2000; x += 0.0137 {
		worst = math.Max(worst, math.Abs(fastCos(x)-math.Cos(x)))
	}
	if worst > 1e-8 {
		t.Errorf("fastCos max error %g, want < 1e-8", worst)
	}
	var a, w1, w2, b [rffFeatures]float64
	r := rand.New(rand.NewPCG(1, 1))
	want := 0.0
	for d := range a {
		a[d], w1[d], w2[d], b[d] = r.NormFloat64(), r.NormFloat64(), r.NormFloat64(), 6*r.Float64()
		want += a[d] * math.Cos(w1[d]*0.7+w2[d]*-1.3+b[d])
	}
	if got := cosSum(&a, &w1, &w2, &b, 0.7, -1.3); math.Abs(got-want) > 1e-6 {
		t.Errorf("cosSum %v, want %v", got, want)
	}
}

func TestCompact(t *testing.T) {
	codes := []int{5, 2, 2, 7, 5}
	if m := compact(codes); m != 3 || !reflect.DeepEqual(codes, []int{1, 0, 0, 2, 1}) {
		t.Errorf("compact: m %d codes %v", m, codes)
	}
}

// TestEverySingleFamilyOnTinySamples checks that each family alone, with
// tiny samples, noise-free or very noisy, always yields usable pairs.
func TestEverySingleFamilyOnTinySamples(t *testing.T) {
	var mods []func(c *Config)
	for _, m := range MechanismNames() {
		mods = append(mods, func(c *Config) { c.Mechanisms = []string{m} })
	}
	for _, f := range CauseNames() {
		mods = append(mods, func(c *Config) { c.Causes = []string{f} })
	}
	for _, f := range NoiseNames() {
		mods = append(mods, func(c *Config) { c.Noises = []string{f} })
	}
	mods = append(mods,
		func(c *Config) { c.NoiseMin, c.NoiseMax = 0, 0 },
		func(c *Config) { c.NoiseMin, c.NoiseMax = 20, 20 },
		func(c *Config) { c.MaxComponents = 1 },
		func(c *Config) { c.MinLevels, c.MaxLevels = 10, 10 })
	for k, mod := range mods {
		c := DefaultConfig()
		c.N = 300
		c.MinPoints, c.MaxPoints = 3, 12
		mod(&c)
		g, err := New(c)
		if err != nil {
			t.Fatalf("config %d: %v", k, err)
		}
		for i := range c.N {
			s, err := g.Pair(i)
			if err != nil {
				t.Fatalf("config %d: %v", k, err)
			}
			for _, v := range append(slices.Clone(s.Pair.A), s.Pair.B...) {
				if v != math.Round(v) || math.IsInf(v, 0) {
					t.Fatalf("config %d, %s: value %v is not a finite integer", k, s.Pair.ID, v)
				}
			}
		}
	}
}

func TestParseWeightedList(t *testing.T) {
	known := CauseNames()
	names, w, err := ParseWeightedList("all", known)
	if err != nil || !slices.Equal(names, known) || w != nil {
		t.Fatalf("all: %v %v %v", names, w, err)
	}
	names, w, err = ParseWeightedList("gmm, uniform", known)
	if err != nil || !slices.Equal(names, []string{"gmm", "uniform"}) || w != nil {
		t.Fatalf("unweighted: %v %v %v", names, w, err)
	}
	names, w, err = ParseWeightedList("gmm=3,Uniform=2.5,all", known)
	if err != nil || len(names) != len(known) || names[0] != "gmm" || names[1] != "uniform" {
		t.Fatalf("weighted with all: %v %v", names, err)
	}
	if w[0] != 3 || w[1] != 2.5 || w[2] != 1 || len(w) != len(names) {
		t.Fatalf("weights %v", w)
	}
	for _, bad := range []string{"gmm=x", "gmm,gmm=2", "all,gmm=2"} {
		if _, _, err := ParseWeightedList(bad, known); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
	c := smallConfig(1)
	c.Causes, c.CauseWeights = []string{"gmm", "uniform"}, []float64{1}
	if c.Validate() == nil {
		t.Error("mismatched weight count accepted")
	}
	c.CauseWeights = []float64{0, 0}
	if c.Validate() == nil {
		t.Error("all-zero cause weights accepted")
	}
}

// TestCauseWeights checks that cause families are drawn in proportion to
// their weights, and that a family of weight 0 never is.
func TestCauseWeights(t *testing.T) {
	c := smallConfig(600)
	c.Causes, c.CauseWeights = []string{"gmm", "uniform", "laplace"}, []float64{3, 1, 0}
	count := map[string]int{}
	for _, s := range collect(t, c, 2) {
		for _, name := range s.Causes {
			count[name]++
		}
	}
	total := count["gmm"] + count["uniform"]
	if count["laplace"] != 0 || total == 0 {
		t.Fatalf("counts %v", count)
	}
	if frac := float64(count["gmm"]) / float64(total); math.Abs(frac-0.75) > 0.05 {
		t.Errorf("gmm drawn %.3f of the time, want 0.75 (counts %v)", frac, count)
	}
}
