package generate

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/stat"
)

// simConfig is a SIM simulator's configuration as `causal generate
// --simulator` sets it: Numerical pairs of classes 1 and 2.
func simConfig(sim string, n int) Config {
	c := DefaultConfig()
	c.Simulator = sim
	c.N = n
	c.MinPoints, c.MaxPoints = 300, 300
	c.ClassWeights = [4]float64{1, 1, 0, 0}
	c.TypeMix = [3][3]float64{}
	c.TypeMix[pairs.Numerical][pairs.Numerical] = 1
	c.CoarseFraction = 0
	c.Mechanisms = MechanismNamesFor(sim)
	return c
}

// literatureSims lists the simulators drawn by drawModel.
var literatureSims = []string{SimSIM, SimConfounded, SimLowNoise, SimGaussian, SimCDT, SimRCC, SimNCC, SimANLSMN}

// causeEffect returns a sample's cause and effect columns.
func causeEffect(s Sample) (x, y []float64) {
	if s.Target.Details == ClassBA {
		return s.Pair.B, s.Pair.A
	}
	return s.Pair.A, s.Pair.B
}

func TestSIMPairs(t *testing.T) {
	meanEta := map[string]float64{}
	for _, sim := range literatureSims {
		t.Run(sim, func(t *testing.T) {
			c := simConfig(sim, 40)
			one, two := collect(t, c, 1), collect(t, c, 2)
			if !reflect.DeepEqual(one, two) {
				t.Fatal("samples differ between 1 and 2 workers")
			}
			classes := map[int]int{}
			for _, s := range one {
				classes[s.Target.Details]++
				if s.Pair.TypeA != pairs.Numerical || s.Pair.TypeB != pairs.Numerical {
					t.Fatalf("%s: types %v/%v, want Numerical", s.Pair.ID, s.Pair.TypeA, s.Pair.TypeB)
				}
				if want := map[int]int{ClassAB: 1, ClassBA: -1}[s.Target.Details]; s.Target.Target != want || want == 0 {
					t.Fatalf("%s: target %d details %d", s.Pair.ID, s.Target.Target, s.Target.Details)
				}
				x, y := causeEffect(s)
				if len(x) != 300 || len(y) != 300 {
					t.Fatalf("%s: %d and %d points, want 300", s.Pair.ID, len(x), len(y))
				}
				for _, v := range append(x[:len(x):len(x)], y...) {
					if v != math.Round(v) || math.Abs(v) > 1e6 {
						t.Fatalf("%s: value %v is not a scaled standardized integer", s.Pair.ID, v)
					}
				}
				meanEta[sim] += correlationRatio(x, y, 15) / float64(len(one))
			}
			if classes[ClassAB] != 20 || classes[ClassBA] != 20 {
				t.Fatalf("classes %v, want 20 A->B and 20 B->A", classes)
			}
			if meanEta[sim] < 0.2 {
				t.Errorf("mean eta^2 of effect on cause %.3f, want >= 0.2", meanEta[sim])
			}
		})
	}
	if meanEta[SimLowNoise] <= meanEta[SimSIM] {
		t.Errorf("sim-ln's effects depend on their causes less (eta^2 %.3f) than sim's (%.3f)", meanEta[SimLowNoise], meanEta[SimSIM])
	}
}

func TestRandMonoInc(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	maxSkew, maxKurt := 0.0, 0.0
	for range 20 {
		u := fill(4000, r.NormFloat64)
		x := randMonoInc(r, u, gammaParam{5, 0.1}.draw(r), simJitter)
		for i := range u {
			for _, j := range []int{(i + 1) % len(u), (i + 7) % len(u)} {
				if (u[i] < u[j]) != (x[i] < x[j]) && u[i] != u[j] {
					t.Fatalf("not monotone: u %v < %v but x %v, %v", u[i], u[j], x[i], x[j])
				}
			}
		}
		maxSkew = math.Max(maxSkew, math.Abs(stat.Skew(x, nil)))
		maxKurt = math.Max(maxKurt, math.Abs(stat.ExKurtosis(x, nil)))
	}
	if maxSkew < 0.5 && maxKurt < 1 {
		t.Errorf("20 random densities all look Gaussian: max |skew| %.2f, max |excess kurtosis| %.2f", maxSkew, maxKurt)
	}
	// SIM-G's huge lengthscale makes exp(F) nearly constant: Gaussian.
	if s := stat.Skew(randMonoInc(r, fill(4000, r.NormFloat64), 1000, simJitter), nil); math.Abs(s) > 0.2 {
		t.Errorf("lengthscale 1000 gave skew %.2f, want about 0", s)
	}
}

// TestSIMGaussianCause: sim-g's causes are near-Gaussian, sim's are not.
func TestSIMGaussianCause(t *testing.T) {
	kurt := map[string]float64{}
	for _, sim := range []string{SimSIM, SimGaussian} {
		c := simConfig(sim, 30)
		c.MinPoints, c.MaxPoints = 2000, 2000
		for _, s := range collect(t, c, 2) {
			x, _ := causeEffect(s)
			kurt[sim] += (math.Abs(stat.ExKurtosis(x, nil)) + math.Abs(stat.Skew(x, nil))) / 30
		}
	}
	t.Logf("mean |excess kurtosis| + |skew| of the causes: %v", kurt)
	if kurt[SimGaussian] > 0.3 || kurt[SimSIM] < 2*kurt[SimGaussian] {
		t.Errorf("sim-g causes not nearer Gaussian than sim's: %v", kurt)
	}
}

func TestValidateSimulator(t *testing.T) {
	c := simConfig(SimSIM, 1)
	c.Simulator = "sim-x"
	if _, err := New(c); err == nil {
		t.Error("unknown simulator accepted")
	}
	if _, err := New(simConfig(SimConfounded, 1)); err != nil {
		t.Errorf("SIM config rejected: %v", err)
	}
}

// TestSIMAllClassesAndTypes: with the challenge's classes and type mix, a
// SIM simulator's confounded pairs are dependent, its independent pairs
// are not, and discrete variables are quantized.
func TestSIMAllClassesAndTypes(t *testing.T) {
	for _, sim := range literatureSims {
		t.Run(sim, func(t *testing.T) { checkAllClassesAndTypes(t, sim) })
	}
}

// checkAllClassesAndTypes draws 160 pairs of sim with the challenge's
// classes and types and checks the class and type proportions, the
// discrete variables' levels, and that confounded pairs are dependent and
// independent pairs are not.
func checkAllClassesAndTypes(t *testing.T, sim string) {
	c := simConfig(sim, 160)
	def := DefaultConfig()
	c.ClassWeights, c.TypeMix = def.ClassWeights, def.TypeMix
	eta := map[int]float64{}
	count := map[int]int{}
	classes := map[int]int{}
	discrete, numNum := 0, 0
	for _, s := range collect(t, c, 2) {
		p := s.Pair
		classes[s.Target.Details]++
		if s.Target.Target != TargetOf(s.Target.Details) {
			t.Fatalf("%s: target %d for details %d", p.ID, s.Target.Target, s.Target.Details)
		}
		for _, side := range []struct {
			x  []float64
			vt pairs.VarType
		}{{p.A, p.TypeA}, {p.B, p.TypeB}} {
			if side.vt == pairs.Numerical {
				continue
			}
			discrete++
			levels := map[float64]bool{}
			for _, v := range side.x {
				levels[v] = true
			}
			if len(levels) < 2 || (side.vt == pairs.Binary && len(levels) != 2) || len(levels) > c.MaxLevels {
				t.Fatalf("%s: %v variable with %d levels", p.ID, side.vt, len(levels))
			}
		}
		if p.TypeA == pairs.Numerical && p.TypeB == pairs.Numerical {
			numNum++
			eta[s.Target.Details] += correlationRatio(p.A, p.B, 15) + correlationRatio(p.B, p.A, 15)
			count[s.Target.Details]++
		}
	}
	for k := 1; k <= 4; k++ {
		if classes[k] < 38 || classes[k] > 42 {
			t.Errorf("classes %v, want about 40 each", classes)
			break
		}
	}
	// 60% NN: 96 of 160, give or take the sequence's discrepancy.
	if numNum < 90 || numNum > 102 || discrete == 0 {
		t.Errorf("%d Numerical-Numerical pairs of 160 (want about 96), %d discrete variables", numNum, discrete)
	}
	for k := range eta {
		eta[k] /= 2 * float64(count[k])
	}
	t.Logf("mean eta^2 per class %v (pairs %v)", eta, count)
	if eta[ClassIndependent] > 0.1 {
		t.Errorf("independent pairs: mean eta^2 %.3f, want about 15/300", eta[ClassIndependent])
	}
	if eta[ClassConfounded] < 2*eta[ClassIndependent] || eta[ClassConfounded] < 0.1 {
		t.Errorf("confounded pairs: mean eta^2 %.3f, independent %.3f", eta[ClassConfounded], eta[ClassIndependent])
	}
	if eta[ClassAB] < 2*eta[ClassIndependent] || eta[ClassBA] < 2*eta[ClassIndependent] {
		t.Errorf("causal pairs: mean eta^2 %.3f / %.3f, independent %.3f", eta[ClassAB], eta[ClassBA], eta[ClassIndependent])
	}
}
