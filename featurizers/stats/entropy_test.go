package stats

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestDiscreteEntropyUniform(t *testing.T) {
	codes := []int{0, 1, 2, 3, 0, 1, 2, 3}
	if h := DiscreteEntropy(codes, 4); !near(h, math.Log(4), 1e-12) {
		t.Fatalf("H = %v, want log 4", h)
	}
	// p = (1/2, 1/4, 1/4): H = 1.5 log 2.
	if h := DiscreteEntropy([]int{0, 0, 1, 2}, 3); !near(h, 1.5*math.Log(2), 1e-12) {
		t.Fatalf("H = %v, want 1.5 log 2", h)
	}
	if h := DiscreteEntropy([]int{2, 2, 2}, 3); h != 0 {
		t.Fatalf("constant H = %v, want 0", h)
	}
	if h := DiscreteEntropy(nil, 3); !math.IsNaN(h) {
		t.Fatalf("empty H = %v, want NaN", h)
	}
}

func TestValueEntropy(t *testing.T) {
	h, d := ValueEntropy([]float64{-1, -1, 0.5, 7})
	if d != 3 || !near(h, 1.5*math.Log(2), 1e-12) {
		t.Fatalf("got %v, %d", h, d)
	}
}

func TestMutualInfo(t *testing.T) {
	a := []int{0, 1, 2, 3, 0, 1, 2, 3, 1}
	if mi, h := MutualInfo(a, 4, a, 4), DiscreteEntropy(a, 4); !near(mi, h, 1e-12) {
		t.Fatalf("MI(a,a) = %v, want H = %v", mi, h)
	}
	// Independent by construction: every combination once.
	x := []int{0, 0, 1, 1}
	y := []int{0, 1, 0, 1}
	if mi := MutualInfo(x, 2, y, 2); !near(mi, 0, 1e-15) {
		t.Fatalf("MI independent = %v", mi)
	}
	// H(x,y) = log 4 for the same example.
	if h := JointEntropy(x, 2, y, 2); !near(h, math.Log(4), 1e-12) {
		t.Fatalf("joint H = %v", h)
	}
}

func TestMSpacingEntropyKnownDistributions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	n := 20000
	u := make([]float64, n)
	g := make([]float64, n)
	for i := range u {
		u[i] = 3 * r.Float64() // uniform on [0,3]: H = log 3
		g[i] = r.NormFloat64() // H = 0.5 log(2πe)
	}
	slices.Sort(u)
	slices.Sort(g)
	for _, m := range []int{1, 2, 5} {
		if h := MSpacingEntropy(u, m); !near(h, math.Log(3), 0.02) {
			t.Errorf("m=%d uniform H = %v, want %v", m, h, math.Log(3))
		}
		if h := MSpacingEntropy(g, m); !near(h, 0.5*math.Log(2*math.Pi*math.E), 0.03) {
			t.Errorf("m=%d normal H = %v", m, h)
		}
	}
	if d := UniformDivergence(u, 2); !near(d, 0, 0.02) {
		t.Errorf("uniform divergence of uniform = %v", d)
	}
	// A normal is far from uniform on its (wide) sample range.
	if d := UniformDivergence(g, 2); d < 0.5 {
		t.Errorf("uniform divergence of normal = %v, want > 0.5 (log range 7.8 - 1.42)", d)
	}
}

func TestMSpacingEntropyHandComputed(t *testing.T) {
	// x = 0,1,3 with m=1: (log 1 + log 2)/2 + ψ(3) - ψ(1) = log2/2 + 1.5.
	want := math.Log(2)/2 + 1.5
	if h := MSpacingEntropy([]float64{0, 1, 3}, 1); !near(h, want, 1e-12) {
		t.Fatalf("H = %v, want %v", h, want)
	}
	// A tie is skipped but counted: 0,0,2 -> log 2 / 2 + 1.5.
	if h := MSpacingEntropy([]float64{0, 0, 2}, 1); !near(h, math.Log(2)/2+1.5, 1e-12) {
		t.Fatalf("tied H = %v", h)
	}
	for _, x := range [][]float64{{5, 5, 5}, {1}, nil} {
		if h := MSpacingEntropy(x, 1); !math.IsNaN(h) {
			t.Fatalf("degenerate H(%v) = %v, want NaN", x, h)
		}
		if d := UniformDivergence(x, 1); !math.IsNaN(d) {
			t.Fatalf("degenerate divergence(%v) = %v, want NaN", x, d)
		}
	}
}
