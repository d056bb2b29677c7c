package generate

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// TestCDTLinearIsLinear: CDT's linear mechanism is affine in the cause
// plus noise that does not depend on it, so the correlation ratio of the
// effect on the cause is no more than the squared correlation (up to the
// bins' bias); gp_add's is clearly more on average.
func TestCDTLinearIsLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	excess := map[string]float64{}
	for _, mech := range []string{"linear", "gp_add"} {
		for range 30 {
			x := cdtGMMCause(r, 2000)
			y := cdtMechanism(r, mech, x)
			rho := stat.Correlation(x, y, nil)
			excess[mech] += (correlationRatio(x, y, 20) - rho*rho) / 30
		}
	}
	t.Logf("mean eta^2 - r^2: %v", excess)
	if excess["linear"] > 0.015 {
		t.Errorf("linear: eta^2 exceeds r^2 by %.3f, want about 0 (19/2000 bias)", excess["linear"])
	}
	if excess["gp_add"] < 0.05 {
		t.Errorf("gp_add: eta^2 exceeds r^2 by only %.3f: not visibly nonlinear", excess["gp_add"])
	}
}

// TestCDTNoise: normal_noise times 0.4 is centred at +-0.8 with a
// standard deviation of at most 0.4.
func TestCDTNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	signs := map[bool]int{}
	for range 40 {
		m, sd := stat.MeanStdDev(cdtNoise(r, 4000), nil)
		if math.Abs(math.Abs(m)-0.8) > 0.03 || sd > 0.41 {
			t.Fatalf("noise mean %.3f sd %.3f, want +-0.8 and <= 0.4", m, sd)
		}
		signs[m > 0]++
	}
	if signs[true] == 0 || signs[false] == 0 {
		t.Errorf("noise offsets all of one sign: %v", signs)
	}
}

// TestCDTMixtureVariances: gmm_cause's variances are a spherical mixture's
// fitted to standard normal points: each below 1, together about 1.
func TestCDTMixtureVariances(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 10))
	for range 10 {
		x := fill(cdtFitPoints, r.NormFloat64)
		v := sphericalGMMVariances(r, x, cdtComponents)
		if len(v) != cdtComponents {
			t.Fatalf("%d variances, want %d", len(v), cdtComponents)
		}
		for _, s := range v {
			if !(s > 1e-6 && s < 1) {
				t.Fatalf("fitted variances %v: want each in (0, 1) for 4 components on N(0,1)", v)
			}
		}
	}
	// A mixture of two far-apart unit Gaussians is fitted with unit variances.
	x := fill(600, func() float64 { return 20*float64(r.IntN(2)) + r.NormFloat64() })
	for _, s := range sphericalGMMVariances(r, x, 2) {
		if math.Abs(s-1) > 0.2 {
			t.Errorf("two separated unit components fitted with variance %.3f", s)
		}
	}
}

// TestCDTMechanismsFinite: every mechanism gives finite effects that
// depend on the cause.
func TestCDTMechanismsFinite(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	for _, mech := range cdtMechanismNames {
		eta := 0.0
		for range 20 {
			x := cdtGMMCause(r, 1000)
			y := cdtMechanism(r, mech, x)
			for _, v := range y {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("%s: non-finite value", mech)
				}
			}
			eta += correlationRatio(x, y, 20) / 20
		}
		if eta < 0.1 {
			t.Errorf("%s: mean eta^2 %.3f, want a dependent effect", mech, eta)
		}
	}
}
