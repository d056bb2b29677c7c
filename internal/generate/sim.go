package generate

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/internal/pairs"
	"gonum.org/v1/gonum/stat/distuv"
)

// Simulators other than the challenge's: pairs drawn the way Mooij et al.
// (2016, "Distinguishing cause from effect using observational data:
// methods and benchmarks", JMLR 17(32), section 5) drew their simulated
// benchmarks SIM, SIM-c, SIM-ln and SIM-G. Causes and noises have random
// densities (a standard normal through the cumulative integral of the
// exponential of a Gaussian-process draw, their randmonoinc), effects are
// Gaussian-process draws of the cause and the noise jointly, and both
// variables get a little measurement noise. The hyper-parameter
// distributions are our reading of the paper, not its code. Like theirs,
// the pairs are Numerical A->B or B->A unless the class weights or the type
// mix ask for more: a confounded pair is two effects of one hidden cause,
// an independent pair two independent variables in the roles of the other
// classes, and a Categorical or Binary variable a quantized measurement.
const (
	// SimChallenge is the challenge-style generator (the default).
	SimChallenge = "challenge"
	// SimSIM: random-density cause and noise, noise inside a joint GP.
	SimSIM = "sim"
	// SimConfounded: as sim, with a hidden confounder of both variables.
	SimConfounded = "sim-c"
	// SimLowNoise: as sim, with low noise levels.
	SimLowNoise = "sim-ln"
	// SimGaussian: Gaussian cause and noise, additive noise.
	SimGaussian = "sim-g"
)

// simGridPoints is the grid the random monotone maps are integrated on.
const simGridPoints = 256

// simulatorDocs lists the simulators with one line each.
var simulatorDocs = [][2]string{
	{SimChallenge, "the challenge's artificial pairs: cause, mechanism and noise families below, four classes, any types"},
	{SimSIM, "Mooij et al.'s SIM: random-density cause and noise, effect a Gaussian-process draw of both jointly"},
	{SimConfounded, "SIM-c: as sim, plus a hidden confounder entering both variables of a causal pair"},
	{SimLowNoise, "SIM-ln: as sim, with low noise"},
	{SimGaussian, "SIM-G: Gaussian cause and noise, effect a Gaussian-process draw of the cause plus the noise"},
	{SimSemireal, "semi-real: cause or hidden cause a real variable's recorded values (internal/generate/marginals), effects by the challenge's and SIM's mechanisms, recorded at a real variable's resolution"},
}

// SimulatorNames lists the simulators; the first is the default.
func SimulatorNames() []string {
	out := make([]string, len(simulatorDocs))
	for i, d := range simulatorDocs {
		out[i] = d[0]
	}
	return out
}

// SimulatorDocs returns "name: description" lines for help texts.
func SimulatorDocs() []string {
	out := make([]string, len(simulatorDocs))
	for i, d := range simulatorDocs {
		out[i] = d[0] + ": " + d[1]
	}
	return out
}

// isSIM reports whether name is one of the Mooij et al. simulators.
func isSIM(name string) bool { return name != "" && name != SimChallenge && name != SimSemireal }

// gammaDraw draws from a Gamma distribution of the given shape and scale.
func gammaDraw(r *rand.Rand, shape, scale float64) float64 {
	return distuv.Gamma{Alpha: shape, Beta: 1 / scale, Src: r}.Rand()
}

// gpDraw returns a standardized random-Fourier-feature draw of an RBF
// Gaussian process over the given inputs, each with its own lengthscale:
// the general form of the challenge mechanisms' rff, which stays as it is
// (fixed arity, its own draw order) so their pairs keep their bytes.
func gpDraw(r *rand.Rand, ls []float64, inputs ...[]float64) []float64 {
	w := make([][rffFeatures]float64, len(inputs))
	var a, b [rffFeatures]float64
	for d := range a {
		for k := range inputs {
			w[k][d] = r.NormFloat64() / ls[k]
		}
		b[d] = 2 * math.Pi * r.Float64()
		a[d] = r.NormFloat64()
	}
	y := make([]float64, len(inputs[0]))
	for i := range y {
		s := 0.0
		for d := range a {
			t := b[d]
			for k, in := range inputs {
				t += w[k][d] * in[i]
			}
			s += a[d] * fastCos(t)
		}
		y[i] = s
	}
	return standardize(y)
}

// randomDensity draws n standardized values of a random distribution: a
// standard normal sample mapped through the cumulative integral of exp(g),
// g a Gaussian-process draw of lengthscale ls and standard deviation sd.
func randomDensity(r *rand.Rand, n int, ls, sd float64) []float64 {
	e := fill(n, r.NormFloat64)
	lo, hi := slices.Min(e), slices.Max(e)
	if !(hi > lo) {
		return standardize(e)
	}
	grid := make([]float64, simGridPoints)
	step := (hi - lo) / float64(simGridPoints-1)
	for j := range grid {
		grid[j] = lo + float64(j)*step
	}
	g := gpDraw(r, []float64{ls}, grid)
	h := make([]float64, simGridPoints) // h[j] = integral of exp(sd*g) from lo to grid[j]
	for j := 1; j < simGridPoints; j++ {
		h[j] = h[j-1] + step*(math.Exp(sd*g[j-1])+math.Exp(sd*g[j]))/2
	}
	for i, v := range e {
		t := (v - lo) / step
		j := min(int(t), simGridPoints-2)
		f := t - float64(j)
		e[i] = h[j] + f*(h[j+1]-h[j])
	}
	return standardize(e)
}

// simDensity draws a SIM random density (nearly Gaussian for sim-g).
func simDensity(r *rand.Rand, n int, sim string) []float64 {
	if sim == SimGaussian {
		return fill(n, r.NormFloat64)
	}
	return randomDensity(r, n, gammaDraw(r, 2, 1.5), gammaDraw(r, 2, 0.5))
}

// simLengthscale draws a mechanism lengthscale for standardized inputs.
func simLengthscale(r *rand.Rand) float64 { return gammaDraw(r, 5, 0.2) }

// simScales returns the simulator's noise scale and measurement-noise
// scale (both low for sim-ln): the Gamma(5, scale) levels' scales.
func simScales(sim string) (noise, measurement float64) {
	if sim == SimLowNoise {
		return 0.002, 0.002
	}
	return 0.1, 0.01
}

// simNoise draws n values of the simulator's noise: a random density times
// a random level (a low one for sim-ln).
func simNoise(r *rand.Rand, n int, sim string) []float64 {
	scale, _ := simScales(sim)
	sigma := gammaDraw(r, 5, scale)
	e := simDensity(r, n, sim)
	for i := range e {
		e[i] *= sigma
	}
	return e
}

// simMechanism returns the effect of the standardized x with noise e: a
// joint Gaussian-process draw of both, or (sim-g) a draw of x plus e.
func simMechanism(r *rand.Rand, x, e []float64, sim string) []float64 {
	if sim == SimGaussian {
		y := gpDraw(r, []float64{simLengthscale(r)}, x)
		for i := range y {
			y[i] += e[i]
		}
		return standardize(y)
	}
	return gpDraw(r, []float64{simLengthscale(r), simLengthscale(r)}, x, e)
}

// simEffectOf draws an effect of the standardized x with fresh noise.
func simEffectOf(r *rand.Rand, x []float64, sim string) []float64 {
	return simMechanism(r, x, simNoise(r, len(x), sim), sim)
}

// simCauseEffect draws the cause and effect of one SIM pair of n points;
// for sim-c a hidden confounder enters both.
func simCauseEffect(r *rand.Rand, n int, sim string) (x, y []float64) {
	e := simNoise(r, n, sim)
	if sim == SimConfounded {
		z := simDensity(r, n, sim)
		ex := simDensity(r, n, sim)
		x = gpDraw(r, []float64{simLengthscale(r), simLengthscale(r)}, ex, z)
		y = gpDraw(r, []float64{simLengthscale(r), simLengthscale(r), simLengthscale(r)}, x, e, z)
	} else {
		x = simDensity(r, n, sim)
		y = simMechanism(r, x, e, sim)
	}
	return simMeasured(r, x, sim), simMeasured(r, y, sim)
}

// simMeasured adds the simulator's Gaussian measurement noise to the
// standardized v and standardizes it again.
func simMeasured(r *rand.Rand, v []float64, sim string) []float64 {
	_, scale := simScales(sim)
	sd := gammaDraw(r, 5, scale)
	for i := range v {
		v[i] += sd * r.NormFloat64()
	}
	return standardize(v)
}

// simConfoundedPair draws two effects of one hidden random-density cause.
func simConfoundedPair(r *rand.Rand, n int, sim string) (a, b []float64) {
	z := simDensity(r, n, sim)
	a, b = simEffectOf(r, z, sim), simEffectOf(r, z, sim)
	return simMeasured(r, a, sim), simMeasured(r, b, sim)
}

// simIndependentPair draws two independent variables whose roles mimic the
// other classes': cause and effect, effect and cause, or two effects, each
// of its own independent cause.
func simIndependentPair(r *rand.Rand, n int, sim string) (a, b []float64) {
	role := r.IntN(3)
	a = simDensity(r, n, sim)
	if role != 0 {
		a = simEffectOf(r, a, sim)
	}
	b = simDensity(r, n, sim)
	if role != 1 {
		b = simEffectOf(r, b, sim)
	}
	return simMeasured(r, a, sim), simMeasured(r, b, sim)
}

// drawSIM draws the observed A and B of a SIM pair of the given class and
// types. A Categorical or Binary variable is the quantized measurement of
// a continuous one: mechanisms see the continuous values.
func (d *drawer) drawSIM(class int, ta, tb pairs.VarType) (a, b []float64) {
	sim := d.g.cfg.Simulator
	d.causes = append(d.causes, sim)
	d.mechs = append(d.mechs, sim)
	// x is drawn first (the cause, or A), y second.
	var x, y []float64
	switch class {
	case ClassAB, ClassBA:
		x, y = simCauseEffect(d.r, d.n, sim)
	case ClassConfounded:
		x, y = simConfoundedPair(d.r, d.n, sim)
	default:
		x, y = simIndependentPair(d.r, d.n, sim)
	}
	tx, ty := ta, tb
	if class == ClassBA {
		tx, ty = tb, ta
	}
	xo, _, okx := finalize(d.r, x, tx, &d.g.cfg)
	yo, _, oky := finalize(d.r, y, ty, &d.g.cfg)
	d.ok = d.ok && okx && oky
	if class == ClassBA {
		return yo, xo
	}
	return xo, yo
}
