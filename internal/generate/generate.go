package generate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/causal-tool/causal/internal/generate/marginals"
	"github.com/causal-tool/causal/pairs"
)

// maxAttempts bounds the redraws of a pair whose variables came out
// unusable (constant or non-finite); each redraw continues the pair's own
// random stream, so the result still depends only on (seed, i).
const maxAttempts = 50

// Weyl-sequence steps for the class and type draws: u_i = frac(o + i*alpha)
// spreads any run of consecutive indices evenly over [0, 1), so class and
// type proportions match the weights closely even on small shards.
const (
	classStep = 0.6180339887498949  // golden ratio - 1
	typeStep  = 0.41421356237309515 // sqrt(2) - 1
)

// Sample is one generated pair with its ground truth.
type Sample struct {
	Pair   pairs.Pair
	Target pairs.Target
	// Causes and Mechanisms name the families drawn, in drawing order.
	Causes, Mechanisms []string
}

// Generator makes pairs for one validated Config.
type Generator struct {
	cfg                     Config
	mechs                   []mechanismFamily
	causes                  []causeFamily
	noises                  []noiseFamily
	classCum, typeCum       []float64
	causeCum                []float64 // nil: causes equally likely
	classOffset, typeOffset float64
	real                    *semireal // nil unless the simulator is semireal
}

// New validates cfg and prepares a Generator.
func New(cfg Config) (*Generator, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("generator configuration: %w", err)
	}
	g := &Generator{cfg: cfg, classCum: cumulative(cfg.ClassWeights[:])}
	for _, name := range cfg.Mechanisms {
		if k := indexOf(MechanismNames(), name); k >= 0 && literatureDrawers[cfg.Simulator] == nil {
			g.mechs = append(g.mechs, mechanismFamilies[k])
		}
	}
	for _, name := range cfg.Causes {
		g.causes = append(g.causes, causeFamilies[indexOf(CauseNames(), name)])
	}
	if len(cfg.CauseWeights) > 0 {
		g.causeCum = cumulative(cfg.CauseWeights)
	}
	for _, name := range cfg.Noises {
		g.noises = append(g.noises, noiseFamilies[indexOf(NoiseNames(), name)])
	}
	var flat []float64
	for _, row := range cfg.TypeMix {
		flat = append(flat, row[:]...)
	}
	g.typeCum = cumulative(flat)
	if cfg.Simulator == SimSemireal {
		var err error
		if g.real, err = newSemireal(&g.cfg); err != nil {
			return nil, err
		}
	}
	r := rand.New(rand.NewPCG(cfg.Seed, math.MaxUint64))
	g.classOffset, g.typeOffset = r.Float64(), r.Float64()
	return g, nil
}

// Config returns the generator's configuration.
func (g *Generator) Config() Config { return g.cfg }

// ID returns the SampleID of pair i.
func (g *Generator) ID(i int) string { return g.cfg.IDPrefix + strconv.Itoa(i+1) }

func weyl(offset, step float64, i int) float64 {
	_, f := math.Modf(offset + step*float64(i))
	return f
}

// Class returns the Details class of pair i.
func (g *Generator) Class(i int) int {
	return 1 + pickWeighted(g.classCum, weyl(g.classOffset, classStep, i))
}

// Types returns the variable types of pair i.
func (g *Generator) Types(i int) (a, b pairs.VarType) {
	k := pickWeighted(g.typeCum, weyl(g.typeOffset, typeStep, i))
	return pairs.AllTypes[k/3], pairs.AllTypes[k%3]
}

// size draws a sample size log2-uniformly between MinPoints and MaxPoints.
func (g *Generator) size(r *rand.Rand) int {
	lo, hi := math.Log2(float64(g.cfg.MinPoints)), math.Log2(float64(g.cfg.MaxPoints))
	n := int(math.Round(math.Exp2(lo + (hi-lo)*r.Float64())))
	return max(g.cfg.MinPoints, min(g.cfg.MaxPoints, n))
}

// Pair generates pair i; it depends only on the configuration and i.
func (g *Generator) Pair(i int) (Sample, error) {
	if i < 0 {
		return Sample{}, fmt.Errorf("pair index must be >= 0, got %d", i)
	}
	r := rand.New(rand.NewPCG(g.cfg.Seed, uint64(i)))
	class := g.Class(i)
	ta, tb := g.Types(i)
	n := g.size(r)
	for range maxAttempts {
		d := &drawer{g: g, r: r, n: n, ok: true}
		if g.real != nil {
			d.firstReal = g.real.pickVariable(r)
			d.n = min(n, len(d.firstReal.Values))
		}
		a, b := d.draw(class, ta, tb)
		if d.ok {
			return Sample{
				Pair:       pairs.Pair{ID: g.ID(i), A: a, B: b, TypeA: ta, TypeB: tb},
				Target:     pairs.Target{ID: g.ID(i), Target: TargetOf(class), Details: class},
				Causes:     d.causes,
				Mechanisms: d.mechs,
			}, nil
		}
	}
	return Sample{}, fmt.Errorf("pair %s: no usable draw in %d attempts (try other cause families or more points)", g.ID(i), maxAttempts)
}

// drawer makes the variables of one attempt at one pair.
type drawer struct {
	g             *Generator
	r             *rand.Rand
	n             int
	ok            bool
	causes, mechs []string
	// firstReal is semireal's first cause, drawn before the pair's size
	// is capped at its number of values.
	firstReal *marginals.Variable
}

// draw returns the observed A and B of a pair of the given class and types.
func (d *drawer) draw(class int, ta, tb pairs.VarType) (a, b []float64) {
	if draw := literatureDrawers[d.g.cfg.Simulator]; draw != nil {
		return draw(d, class, ta, tb)
	}
	switch class {
	case ClassAB:
		x, in := d.observedCause(ta)
		return x, d.observedEffect(in, tb)
	case ClassBA:
		x, in := d.observedCause(tb)
		return d.observedEffect(in, ta), x
	case ClassConfounded:
		z := d.hiddenCause()
		return d.observedEffect(z, ta), d.observedEffect(z, tb)
	}
	// Independent: the roles of the two columns mimic the other classes
	// (cause/effect, effect/cause or effect/effect), each drawn from its
	// own independent cause, so the marginals give nothing away.
	switch d.r.IntN(3) {
	case 0:
		x, _ := d.observedCause(ta)
		_, in := d.observedCause(ta)
		return x, d.observedEffect(in, tb)
	case 1:
		_, in := d.observedCause(tb)
		x, _ := d.observedCause(tb)
		return d.observedEffect(in, ta), x
	}
	return d.observedEffect(d.hiddenCause(), ta), d.observedEffect(d.hiddenCause(), tb)
}

// rawCause draws n values from a randomly chosen enabled cause family
// (equally likely, or by CauseWeights), or of a real variable (semireal).
func (d *drawer) rawCause() []float64 {
	if d.g.real != nil {
		return d.realCause()
	}
	var f causeFamily
	if d.g.causeCum == nil {
		f = d.g.causes[d.r.IntN(len(d.g.causes))]
	} else {
		f = d.g.causes[pickWeighted(d.g.causeCum, d.r.Float64())]
	}
	d.causes = append(d.causes, f.name)
	return f.draw(d.r, d.n, &d.g.cfg)
}

// hiddenCause draws a standardized unobserved cause (a confounder).
func (d *drawer) hiddenCause() []float64 { return standardize(d.rawCause()) }

// observedCause draws a cause of type t: its output values and the
// standardized values (after quantization) its effects are computed from.
func (d *drawer) observedCause(t pairs.VarType) (out, in []float64) {
	out, in, ok := finalize(d.r, d.rawCause(), t, &d.g.cfg)
	d.ok = d.ok && ok
	if !ok {
		in = make([]float64, d.n)
	}
	return out, in
}

// observedEffect applies a random mechanism to the standardized input x
// and quantizes the result to type t.
func (d *drawer) observedEffect(x []float64, t pairs.VarType) []float64 {
	out, _, ok := finalize(d.r, d.effect(x), t, &d.g.cfg)
	d.ok = d.ok && ok
	return out
}

// effect applies a randomly chosen enabled mechanism (semireal's pools for
// that simulator).
func (d *drawer) effect(x []float64) []float64 {
	if d.g.real != nil {
		return d.realEffect(x)
	}
	m := d.g.mechs[d.r.IntN(len(d.g.mechs))]
	d.mechs = append(d.mechs, m.name)
	return d.challengeEffect(m, x)
}

// challengeEffect applies the mechanism m with a random enabled noise
// family and level.
func (d *drawer) challengeEffect(m mechanismFamily, x []float64) []float64 {
	nf := d.g.noises[d.r.IntN(len(d.g.noises))]
	lo, hi := d.g.cfg.NoiseMin, d.g.cfg.NoiseMax
	c := &mechCtx{r: d.r, sigma: lo + (hi-lo)*d.r.Float64(), noise: func(n int) []float64 { return nf.draw(d.r, n) }}
	return m.apply(c, x)
}
