package infotheory

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/mathext"

	"github.com/causal-tool/causal/internal/benchcpu"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*(1+math.Abs(b)) }

func value(t *testing.T, names []string, dst []float64, name string) float64 {
	t.Helper()
	for i, n := range names {
		if n == name {
			return dst[i]
		}
	}
	t.Fatalf("no value %s", name)
	return 0
}

func unary(x []float64, ty pairs.VarType) []float64 {
	d := make([]float64, len(UnaryNames()))
	Unary(x, ty, d)
	return d
}

func directed(x, y []float64, tx, ty pairs.VarType) []float64 {
	d := make([]float64, len(DirectedNames()))
	Directed(x, y, tx, ty, d)
	return d
}

func symmetric(x, y []float64, tx, ty pairs.VarType) []float64 {
	d := make([]float64, len(SymmetricNames()))
	Symmetric(x, y, tx, ty, d)
	return d
}

func TestDiscretize(t *testing.T) {
	x := make([]float64, 100)
	for i := range x {
		x[i] = float64(i + 1)
	}
	// All |z| < 1.72, so the second standardization changes nothing:
	// code = round(3 z) + 9 with z = (x - 50.5) / 28.866.
	codes, k := Discretize(x, pairs.Numerical)
	if k != 19 || codes[0] != 4 || codes[49] != 9 || codes[99] != 14 {
		t.Fatalf("codes %v K=%d", codes, k)
	}
	// An outlier is clipped to the top level and does not move the others.
	x = append(x, 1e6)
	codes, _ = Discretize(x, pairs.Numerical)
	if codes[100] != 18 || codes[0] != 4 || codes[99] != 14 {
		t.Fatalf("with outlier: %d %d %d", codes[0], codes[99], codes[100])
	}
	// Few distinct values keep their values.
	codes, k = Discretize([]float64{5, 3, 5, 9}, pairs.Numerical)
	if k != 3 || codes[0] != 1 || codes[1] != 0 || codes[3] != 2 {
		t.Fatalf("few values: %v K=%d", codes, k)
	}
}

func TestUnaryKnownValues(t *testing.T) {
	names := UnaryNames()
	x := []float64{7, 7, 1, 1, 3, 3, 3, 3} // counts 2, 2, 4
	d := unary(x, pairs.Categorical)
	h := -(0.25*math.Log(0.25)*2 + 0.5*math.Log(0.5)) + 0.7*2/16
	if got := value(t, names, d, "discrete_entropy"); !near(got, h) {
		t.Fatalf("discrete entropy %v, want %v", got, h)
	}
	if got := value(t, names, d, "normalized_discrete_entropy"); !near(got, h/math.Log(3)) {
		t.Fatalf("normalized entropy %v, want %v", got, h/math.Log(3))
	}
	if value(t, names, d, "n_unique") != 3 || value(t, names, d, "ratio_unique") != 3.0/8 {
		t.Fatalf("unique counts %v", d)
	}

	// x = 0,1,1,3: z = (x - 1.25)/sd with sd² = 1.1875.
	d = unary([]float64{0, 1, 1, 3}, pairs.Numerical)
	sd := math.Sqrt(1.1875)
	base := (math.Log(1/sd)+math.Log(2/sd))/2 + mathext.Digamma(2) - mathext.Digamma(1)
	if got := value(t, names, d, "entropy_baseline"); !near(got, base) {
		t.Fatalf("entropy baseline %v, want %v", got, base)
	}
	// counts of the upper values: 2 (z1) and 1 (z3); spacings 1/sd, 2/sd over m=2.
	ne := (2*math.Log(1/sd/2/2)+math.Log(2/sd/2/1))/4 + mathext.Digamma(2) - math.Log(2) + math.Log(4) - (mathext.Digamma(2) - math.Log(2))
	if got := value(t, names, d, "normalized_entropy"); !near(got, ne) {
		t.Fatalf("normalized entropy %v, want %v", got, ne)
	}
	// delta = (1, 1.5, 2)/sd normalized to sum 1: (2, 3, 4)/9.
	ud := (math.Log(1/(2.0/9))+2*math.Log(2/(3.0/9))+math.Log(1/(4.0/9)))/4 - math.Log(4) + mathext.Digamma(2) - math.Log(2)
	if got := value(t, names, d, "uniform_divergence"); !near(got, ud) {
		t.Fatalf("uniform divergence %v, want %v", got, ud)
	}
	z := []float64{-1.25 / sd, -0.25 / sd, -0.25 / sd, 1.75 / sd}
	var m3, m4 float64
	for _, v := range z {
		m3 += v * v * v / 4
		m4 += v * v * v * v / 4
	}
	if got := value(t, names, d, "skewness"); !near(got, m3) {
		t.Fatalf("skewness %v, want %v", got, m3)
	}
	if got := value(t, names, d, "kurtosis"); !near(got, m4-3) {
		t.Fatalf("kurtosis %v, want %v", got, m4-3)
	}
}

func TestConditionalEntropyOfAFunction(t *testing.T) {
	names := DirectedNames()
	var x, y []float64
	for r := 0; r < 30; r++ {
		for v := 0; v < 10; v++ {
			x = append(x, float64(v))
			y = append(y, (float64(v)-4.5)*(float64(v)-4.5))
		}
	}
	n := float64(len(x))
	xy := directed(x, y, pairs.Numerical, pairs.Numerical)
	if got := value(t, names, xy, "conditional_entropy"); got != 0 {
		t.Fatalf("H(Y|X) = %v for a function, want 0", got)
	}
	if got := value(t, names, xy, "error_probability"); got != 0 {
		t.Fatalf("error probability %v for a function, want 0", got)
	}
	yx := directed(y, x, pairs.Numerical, pairs.Numerical)
	// H(X,Y) = ln10 + 0.7·9/(2n), H(Y) = ln5 + 0.7·4/(2n).
	if got, want := value(t, names, yx, "conditional_entropy"), math.Log(2)+0.7*5/(2*n); !near(got, want) {
		t.Fatalf("H(X|Y) = %v, want %v", got, want)
	}
	// Predicting x from y: error 1/2, majority error 9/10.
	if got := value(t, names, yx, "error_probability"); !near(got, 0.5/0.9) {
		t.Fatalf("error probability %v, want %v", got, 0.5/0.9)
	}
}

func TestIGCISign(t *testing.T) {
	names := DirectedNames()
	fs := map[string]func(float64) float64{
		"cube": func(v float64) float64 { return v * v * v },
		"exp":  func(v float64) float64 { return math.Exp(3 * v) },
		"pow5": func(v float64) float64 { return math.Pow(v, 5) },
	}
	for name, f := range fs {
		rng := rand.New(rand.NewPCG(2, 3))
		x := make([]float64, 1000)
		y := make([]float64, 1000)
		for i := range x {
			x[i] = rng.Float64()
			y[i] = f(x[i])
		}
		xy := value(t, names, directed(x, y, pairs.Numerical, pairs.Numerical), "igci")
		yx := value(t, names, directed(y, x, pairs.Numerical, pairs.Numerical), "igci")
		if !(xy > yx) {
			t.Fatalf("%s: igci(x->y) = %v not above igci(y->x) = %v", name, xy, yx)
		}
	}
}

func TestPolyfit(t *testing.T) {
	names := DirectedNames()
	x := []float64{-2, -1, 0, 1, 2}
	y := []float64{4, 1, 0, 1, 4}
	d := directed(x, y, pairs.Numerical, pairs.Numerical)
	// z-scores: zx = x/√2, zy = (y-2)/√2.8 = (2 zx² - 2)/√2.8: a₂ = 2/√2.8,
	// a₁ = b₁ = 0.
	if got, want := value(t, names, d, "polyfit"), 4/math.Sqrt(2.8); !near(got, want) {
		t.Fatalf("polyfit %v, want %v", got, want)
	}
	if got := value(t, names, d, "polyfit_error"); math.Abs(got) > 1e-9 {
		t.Fatalf("polyfit error %v, want 0", got)
	}
	// Moments: mean(zx² zy) = mean((x²/2)(y-2)/√2.8) = (2·2·2 + 2·(1/2)(-1))/5/√2.8.
	if got, want := value(t, names, d, "moment21"), (8.0-1)/5/math.Sqrt(2.8); !near(got, want) {
		t.Fatalf("moment21 %v, want %v", got, want)
	}
	if got := value(t, names, d, "moment31"); math.Abs(got) > 1e-12 {
		t.Fatalf("moment31 %v, want 0", got)
	}
}

func TestCDSHand(t *testing.T) {
	x := make([]float64, 26)
	y := make([]float64, 26)
	for i := 13; i < 26; i++ {
		x[i] = 1
		if i >= 19 {
			y[i] = 1
		}
	}
	// Level 0: y counts (13, 0) -> sorted (0, 1); level 1: (6, 7) -> (6, 7)/13.
	if got := CDS(x, y, pairs.Binary, pairs.Binary); !near(got, 3.0/13) {
		t.Fatalf("CDS %v, want %v", got, 3.0/13)
	}
	for i := 13; i < 26; i++ {
		y[i] = 1
	}
	if got := CDS(x, y, pairs.Binary, pairs.Binary); got != 0 {
		t.Fatalf("CDS %v for a deterministic binary map, want 0", got)
	}
}

func TestSymmetricValues(t *testing.T) {
	names := SymmetricNames()
	rng := rand.New(rand.NewPCG(5, 5))
	n := 2000
	x, y, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = x[i]*x[i] + 0.1*rng.NormFloat64()
		z[i] = rng.NormFloat64()
	}
	dep := symmetric(x, y, pairs.Numerical, pairs.Numerical)
	ind := symmetric(x, z, pairs.Numerical, pairs.Numerical)
	rev := symmetric(y, x, pairs.Numerical, pairs.Numerical)
	for i := range dep {
		if dep[i] != rev[i] && !(math.IsNaN(dep[i]) && math.IsNaN(rev[i])) {
			t.Fatalf("%s not symmetric: %v vs %v", names[i], dep[i], rev[i])
		}
	}
	for _, name := range []string{"mutual_info", "adjusted_mi", "hsic", "mi_norm_min"} {
		if !(value(t, names, dep, name) > 5*value(t, names, ind, name)) {
			t.Fatalf("%s: dependent %v vs independent %v", name, value(t, names, dep, name), value(t, names, ind, name))
		}
	}
	if a := value(t, names, ind, "adjusted_mi"); math.Abs(a) > 0.01 {
		t.Fatalf("AMI of independent variables %v", a)
	}
	// Identical categorical variables: AMI 1, Pearson rule 1.
	c := []float64{0, 1, 2, 0, 1, 2, 2, 2}
	d := symmetric(c, c, pairs.Categorical, pairs.Categorical)
	if value(t, names, d, "adjusted_mi") != 1 || value(t, names, d, "pearson_r") != 1 {
		t.Fatalf("identical categorical: %v", d)
	}
}

func TestDegenerate(t *testing.T) {
	cases := map[string][2][]float64{
		"const":    {{1, 1, 1, 1, 1}, {2, 3, 4, 5, 6}},
		"two":      {{0, 1, 0, 1, 1, 0}, {1, 1, 2, 2, 3, 3}},
		"three":    {{1, 2, 3}, {3, 1, 2}},
		"one":      {{1}, {2}},
		"huge":     {{1e300, -1e300, 0, 1, 2}, {1e-300, 5, 1e300, 3, 2}},
		"ties":     {{0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 2}, {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 6}},
		"badlen":   {{1, 2, 3}, {1, 2}},
		"nan":      {{1, math.NaN(), 3}, {1, 2, 3}},
		"empty":    {{}, {}},
		"hugemany": {hugeMany(), append(hugeMany()[3:], 1, 2, 3)},
	}
	for name, c := range cases {
		for _, tx := range pairs.AllTypes {
			for _, ty := range pairs.AllTypes {
				check := func(kind string, d []float64) {
					for i, v := range d {
						if math.IsInf(v, 0) {
							t.Fatalf("%s %v%v %s[%d] = %v", name, tx, ty, kind, i, v)
						}
					}
				}
				check("unary", unary(c[0], tx))
				check("directed", directed(c[0], c[1], tx, ty))
				check("symmetric", symmetric(c[0], c[1], tx, ty))
			}
		}
	}
	// Huge values are rescaled, not lost to overflow.
	h := hugeMany()
	for i, v := range symmetric(h, append(h[3:], 1, 2, 3), pairs.Numerical, pairs.Numerical) {
		if math.IsNaN(v) {
			t.Fatalf("huge values: %s is NaN", SymmetricNames()[i])
		}
	}
	for i, v := range unary(h, pairs.Numerical) {
		if math.IsNaN(v) {
			t.Fatalf("huge values: %s is NaN", UnaryNames()[i])
		}
	}
	d := unary([]float64{4, 4, 4}, pairs.Numerical)
	for _, name := range []string{"normalized_discrete_entropy", "entropy_baseline", "uniform_divergence", "skewness"} {
		if !math.IsNaN(value(t, UnaryNames(), d, name)) {
			t.Fatalf("constant variable: %s = %v, want NaN", name, value(t, UnaryNames(), d, name))
		}
	}
}

func benchPair(n int) ([]float64, []float64) {
	rng := rand.New(rand.NewPCG(7, 7))
	x, y := make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = rng.NormFloat64()
		y[i] = math.Tanh(x[i]) + 0.3*rng.NormFloat64()
	}
	return x, y
}

func BenchmarkUnary2000(b *testing.B) {
	x, _ := benchPair(2000)
	d := make([]float64, len(UnaryNames()))
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Unary(x, pairs.Numerical, d)
	}
}

func BenchmarkDirected2000(b *testing.B) {
	x, y := benchPair(2000)
	d := make([]float64, len(DirectedNames()))
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Directed(x, y, pairs.Numerical, pairs.Numerical, d)
	}
}

func BenchmarkSymmetric2000(b *testing.B) {
	x, y := benchPair(2000)
	d := make([]float64, len(SymmetricNames()))
	b.ResetTimer()
	defer benchcpu.Report(b)()
	for i := 0; i < b.N; i++ {
		Symmetric(x, y, pairs.Numerical, pairs.Numerical, d)
	}
}

func hugeMany() []float64 {
	x := make([]float64, 60)
	for i := range x {
		x[i] = float64(i%7-3) * 1e307 * float64(1+i%5) / 5
	}
	return x
}
