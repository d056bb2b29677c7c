package generate

import (
	"math/rand/v2"

	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/stat/distuv"
)

// Simulators other than the challenge's. The sim* ones draw pairs the way
// Mooij et al. (2016, "Distinguishing cause from effect using observational
// data: methods and benchmarks", JMLR 17(32), section 5 and appendix C)
// drew their simulated benchmarks SIM, SIM-c, SIM-ln and SIM-G, following
// their cep code (reference generalization.md, A1): a cause is a Gaussian
// process (GP) draw of a random density (a standard normal through the
// cumulative integral of the exponential of a GP draw, their randmonoinc),
// an effect a GP draw of the cause and a random-density noise jointly, and
// both variables get Gaussian measurement noise. Like theirs, the pairs are
// Numerical A->B or B->A unless the class weights or the type mix ask for
// more (drawModel): a confounded pair is two effects of one hidden cause,
// an independent pair two independent variables in the roles of the other
// classes, and a Categorical or Binary variable a quantized measurement.
// The cdt, rcc, ncc and anlsmn simulators (cdt.go, rcc.go, anlsmn.go) are
// other published training generators, drawn the same way.
const (
	// SimChallenge is the challenge-style generator (the default).
	SimChallenge = "challenge"
	// SimSIM: random-density cause and noise, noise inside a joint GP.
	SimSIM = "sim"
	// SimConfounded: as sim, with a hidden confounder of both variables.
	SimConfounded = "sim-c"
	// SimLowNoise: as sim, with low noise levels.
	SimLowNoise = "sim-ln"
	// SimGaussian: as sim with a near-Gaussian cause.
	SimGaussian = "sim-g"
)

// simulatorDocs lists the simulators with one line each.
var simulatorDocs = [][2]string{
	{SimChallenge, "the challenge's artificial pairs: cause, mechanism and noise families below, four classes, any types"},
	{SimSIM, "Mooij et al.'s SIM: cause a GP of a random density, effect a GP draw of the cause and a random-density noise jointly"},
	{SimConfounded, "SIM-c: as sim, plus a hidden confounder entering both variables of a causal pair"},
	{SimLowNoise, "SIM-ln: as sim, with low noise"},
	{SimGaussian, "SIM-G: as sim, with a near-Gaussian cause"},
	{SimCDT, "the Causal Discovery Toolbox's CausalPairGenerator: GMM root, cause and effect by one of its 7 mechanisms (--mechanisms)"},
	{SimRCC, "Lopez-Paz et al.'s RCC training pairs: Gaussian-mixture cause, random cubic-spline mechanism, additive Gaussian noise"},
	{SimNCC, "Lopez-Paz et al.'s NCC training pairs: uniform-mixture cause, Hermite-spline mechanism, heteroscedastic noise"},
	{SimANLSMN, "Tagasovska et al.'s AN, AN-s, LS, LS-s and MN-U pairs (--mechanisms): additive, location-scale, multiplicative noise"},
	{SimSemireal, "semi-real: cause or hidden cause a real variable's recorded values (internal/generate/marginals), effects by the other simulators' mechanisms, recorded at a real variable's resolution"},
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

// gammaDraw draws from a Gamma distribution of the given shape and scale.
func gammaDraw(r *rand.Rand, shape, scale float64) float64 {
	return distuv.Gamma{Alpha: shape, Beta: 1 / scale, Src: r}.Rand()
}

// simDifferences lists how these simulators differed from Mooij et al.'s
// cep code (reference A1: simulate_pairs.m, randgp.m, randmonoinc.m and
// the driver script) before they were checked against it point by point,
// all fixed here:
//  1. The random densities' GP had lengthscale Gamma(2, 1.5) and output
//     sd Gamma(2, 0.5); cep's randmonoinc has lengthscale w ~ Gamma(5, 0.1)
//     and output sd 1 (randgp's sigma_f), the same for E_X, E_Y and E_Z.
//  2. The cause was the random density itself; in cep it is a GP draw of
//     it, X = randgp(E_X, sigma_EX ~ Gamma(2, 1.5)), then standardized.
//  3. The noise was a random density times a level Gamma(5, 0.1); in cep
//     E_Y is a standardized random density and the noise strength comes
//     only from the effect GP's lengthscale on it, sigma_EY ~ Gamma(2, 15)
//     (Gamma(2, 300) for SIM-ln, hence low noise).
//  4. All mechanism lengthscales were Gamma(5, 0.2); in cep the cause's is
//     sigma_X ~ Gamma(2, 3), the noise's as in 3, a confounder's Gamma(2,
//     15), redrawn for the effect.
//  5. SIM-G had a Gaussian cause and additive Gaussian noise; in cep only
//     the cause side changes (w_EX and sigma_EX ~ Gamma(1e6, 1e-3), so X
//     is near-Gaussian) and Y is still a joint GP draw of X and a random
//     (non-Gaussian) density E_Y.
//  6. SIM-c's confounder entered X through a GP of two inputs with the
//     SIM lengthscales; in cep X = randgp([E_X, Z]) and Y = randgp([X,
//     E_Y, Z]) with sigma_EZ ~ Gamma(2, 15) redrawn for Y, and Z a random
//     density drawn with jitter 1e-3 (1e-4 elsewhere).
//  7. Measurement noise had sd Gamma(5, 0.01) (Gamma(5, 0.002) for
//     SIM-ln); cep's is Gamma(2, 0.1) (Gamma(2, 0.01) for SIM-ln).
//  8. GP draws were random-Fourier-feature approximations, standardized;
//     now exact draws on a grid (gpPrior), with randgp's unit output
//     variance and white-noise jitter.
//
// Kept as they were: the sample size (cep: N = 1000; here --min-points
// and --max-points, as for every simulator) and the coin for the order
// (here the class sequence). Classes 3 and 4 and discrete types are this
// project's extension (drawModel).
const simJitter, simConfounderJitter = 1e-4, 1e-3

// gammaParam is a Gamma distribution's (shape, scale), MATLAB's gamrnd
// convention as in the cep code.
type gammaParam [2]float64

// draw draws from the Gamma distribution.
func (g gammaParam) draw(r *rand.Rand) float64 { return gammaDraw(r, g[0], g[1]) }

// simParams are one SIM suite's hyper-parameters: the driver script's
// Gamma distributions of the random densities' lengthscales (w), the
// mechanisms' lengthscales (s) and the measurement noise (eps), and the
// number of confounders.
type simParams struct {
	wEX, wEY, wEZ, sEX, sEY, sEZ, sX, eps gammaParam
	confounders                           int
}

// simParamsOf returns the driver script's parameters of a SIM suite.
func simParamsOf(sim string) simParams {
	p := simParams{wEX: gammaParam{5, 0.1}, wEY: gammaParam{5, 0.1}, wEZ: gammaParam{5, 0.1},
		sEX: gammaParam{2, 1.5}, sEY: gammaParam{2, 15}, sEZ: gammaParam{2, 15}, sX: gammaParam{2, 3},
		eps: gammaParam{2, 0.1}}
	switch sim {
	case SimConfounded:
		p.confounders = 1
	case SimLowNoise:
		p.sEY, p.eps = gammaParam{2, 300}, gammaParam{2, 0.01}
	case SimGaussian:
		p.wEX, p.sEX = gammaParam{1e6, 1e-3}, gammaParam{1e6, 1e-3}
	}
	return p
}

// simDensity draws n values of a standardized random density: a standard
// normal sample through randmonoinc with lengthscale w ~ gamma.
func simDensity(r *rand.Rand, n int, w gammaParam, jitter float64) []float64 {
	u := fill(n, r.NormFloat64)
	return standardize(randMonoInc(r, u, w.draw(r), jitter))
}

// simModel returns the cep code's draws for one SIM suite: E_X, the
// confounders Z and X = randgp([E_X, Z]) per chain; per effect a fresh
// E_Y and Y = randgp([X, E_Y, Z]); Gaussian measurement noise on both.
func (d *drawer) simModel(sim string) pairModel {
	p, r, n := simParamsOf(sim), d.r, d.n
	chain := func() ([]float64, func() []float64) {
		ex := simDensity(r, n, p.wEX, simJitter)
		z := make([][]float64, p.confounders)
		for k := range z {
			z[k] = simDensity(r, n, p.wEZ, simConfounderJitter)
		}
		ls, in := []float64{p.sEX.draw(r)}, [][]float64{ex}
		for k := range z {
			ls, in = append(ls, p.sEZ.draw(r)), append(in, z[k])
		}
		x := standardize(gpPrior(r, ls, simJitter, in...))
		return x, func() []float64 { return simEffect(r, p, x, z) }
	}
	measure := func(v []float64) []float64 {
		sd := p.eps.draw(r)
		out := make([]float64, len(v))
		for i, x := range v {
			out[i] = x + sd*r.NormFloat64()
		}
		return out
	}
	return pairModel{chain: chain, measure: measure}
}

// simEffect draws cep's effect of x: Y = randgp([X, E_Y, Z]) for a fresh
// random density E_Y and the confounders z, standardized.
func simEffect(r *rand.Rand, p simParams, x []float64, z [][]float64) []float64 {
	ey := simDensity(r, len(x), p.wEY, simJitter)
	ls, in := []float64{p.sX.draw(r), p.sEY.draw(r)}, [][]float64{x, ey}
	for k := range z {
		ls, in = append(ls, p.sEZ.draw(r)), append(in, z[k])
	}
	return standardize(gpPrior(r, ls, simJitter, in...))
}

// drawSIM draws the observed A and B of a SIM pair of the given class and
// types (drawModel).
func (d *drawer) drawSIM(class int, ta, tb pairs.VarType) (a, b []float64) {
	sim := d.g.cfg.Simulator
	d.causes = append(d.causes, sim)
	d.mechs = append(d.mechs, sim)
	return d.drawModel(d.simModel(sim), class, ta, tb)
}
