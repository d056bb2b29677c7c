package generate

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestGPPriorCovariance: gpPrior's draws have the squared-exponential
// kernel's covariance at points between and on grid nodes, in one and two
// dimensions.
func TestGPPriorCovariance(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	const draws = 2000
	// Points 0 and 1 (one lengthscale apart) among others spanning [-3, 3];
	// in 2-D, (0, 0) and (1, 1) with the second input spanning [-2, 2].
	x := []float64{-3, 0, 0.37, 1, 3}
	u := []float64{-2, 0, 0.81, 1, 2}
	var v1, c1, v2, c2 float64
	for range draws {
		f := gpPrior(r, []float64{1}, 0, x)
		v1 += f[1] * f[1] / draws
		c1 += f[1] * f[3] / draws
		g := gpPrior(r, []float64{1, 1}, 0, x, u)
		v2 += g[2] * g[2] / draws
		c2 += g[1] * g[3] / draws
	}
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"1-D variance", v1, 1}, {"1-D covariance at distance 1", c1, math.Exp(-0.5)},
		{"2-D variance off the nodes", v2, 1}, {"2-D covariance at distance sqrt 2", c2, math.Exp(-1)},
	} {
		if math.Abs(c.got-c.want) > 0.08 { // about 2.5 standard errors of 2000 draws
			t.Errorf("%s %.3f, want %.3f", c.what, c.got, c.want)
		}
	}
}

// TestGPPriorJitter: the jitter is white noise of that standard deviation.
func TestGPPriorJitter(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	x := make([]float64, 2000)
	f0 := gpPrior(rand.New(rand.NewPCG(1, 2)), []float64{1}, 0, x) // all points equal: one value
	f1 := gpPrior(r, []float64{1}, 0.5, x)
	if f0[0] != f0[len(f0)-1] {
		t.Fatalf("equal inputs without jitter gave different values %v, %v", f0[0], f0[len(f0)-1])
	}
	m, ss := 0.0, 0.0
	for _, v := range f1 {
		m += v / float64(len(f1))
	}
	for _, v := range f1 {
		ss += (v - m) * (v - m) / float64(len(f1))
	}
	if sd := math.Sqrt(ss); math.Abs(sd-0.5) > 0.03 {
		t.Errorf("jitter sd %.3f, want 0.5", sd)
	}
}
