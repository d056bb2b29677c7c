package generate

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/internal/generate/marginals"
	"gonum.org/v1/gonum/stat"
)

// The semireal simulator: semi-artificial pairs in the way of the 2013
// challenge's (reference generalization.md, A6: "real variables combined by
// artificial mechanisms"). The cause, or a confounded pair's hidden cause,
// is a real variable: a data set of the marginals library is drawn, then one
// of its variables, and n of its recorded values are drawn without
// replacement, so the cause keeps its real shape: ties, integer recording,
// skew, bounds, outliers, mixtures. A pair has at most as many points as its
// first real variable has values (the size drawn from MinPoints..MaxPoints
// is capped there), so that values are not repeated by resampling; only a
// second real variable (the independent class's second cause) with fewer
// values than that is resampled with replacement. Effects come from the
// other simulators' mechanisms (realMechanismPools), recorded at the
// resolution of another real variable (recordAtResolution). Classes and
// types are the challenge's.

// SimSemireal: real-variable causes, mechanisms of the other simulators.
const SimSemireal = "semireal"

// realMechanism makes an effect of a standardized input x.
type realMechanism struct {
	name  string
	apply func(d *drawer, x []float64) []float64
}

// semireal is what the semireal simulator draws from.
type semireal struct {
	vars       []marginals.Variable
	sets       [][]int           // indices into vars, one slice per data set
	resolution []float64         // of each variable, see resolution
	pools      [][]realMechanism // see realMechanismPools
}

// newSemireal loads the marginals library and the mechanism pools of cfg.
func newSemireal(cfg *Config) (*semireal, error) {
	vars, err := marginals.Library()
	if err != nil {
		return nil, fmt.Errorf("semireal: %w", err)
	}
	s := &semireal{vars: vars, pools: realMechanismPools(cfg)}
	index := map[string]int{}
	for i, v := range vars {
		k, ok := index[v.DataSet]
		if !ok {
			k = len(s.sets)
			index[v.DataSet] = k
			s.sets = append(s.sets, nil)
		}
		s.sets[k] = append(s.sets[k], i)
		s.resolution = append(s.resolution, resolution(v.Values))
	}
	return s, nil
}

// realMechanismPools lists the groups of mechanisms semireal's effects are
// drawn from: a group uniformly, then a mechanism of it uniformly, so that
// each simulator's family counts alike however many mechanisms it has. The
// groups are the challenge's enabled mechanisms (with its noise families),
// SIM's effect GP (sim, sim-ln, sim-g), CDT's seven mechanisms, RCC's and
// NCC's splines, and ANLSMN's five noise families.
func realMechanismPools(cfg *Config) [][]realMechanism {
	var challenge []realMechanism
	for _, name := range cfg.Mechanisms {
		m := mechanismFamilies[indexOf(MechanismNames(), name)]
		challenge = append(challenge, realMechanism{m.name, func(d *drawer, x []float64) []float64 {
			return d.challengeEffect(m, x)
		}})
	}
	var sim, cdt, anlsmn []realMechanism
	for _, name := range []string{SimSIM, SimLowNoise, SimGaussian} {
		p := simParamsOf(name)
		sim = append(sim, realMechanism{name, func(d *drawer, x []float64) []float64 {
			return simEffect(d.r, p, x, nil)
		}})
	}
	for _, name := range cdtMechanismNames {
		cdt = append(cdt, realMechanism{"cdt-" + name, func(d *drawer, x []float64) []float64 {
			return cdtMechanism(d.r, name, x)
		}})
	}
	for _, name := range anlsmnFamilyNames {
		anlsmn = append(anlsmn, realMechanism{name, func(d *drawer, x []float64) []float64 {
			return anlsmnEffect(d.r, name, x)
		}})
	}
	rcc := []realMechanism{
		{SimRCC, func(d *drawer, x []float64) []float64 { return rccEffect(d.r, x) }},
		{SimNCC, func(d *drawer, x []float64) []float64 { return nccEffect(d.r, x) }},
	}
	return [][]realMechanism{challenge, sim, cdt, rcc, anlsmn}
}

// pick draws a data set uniformly, then one of its variables, and returns
// the variable's index.
func (s *semireal) pick(r *rand.Rand) int {
	set := s.sets[r.IntN(len(s.sets))]
	return set[r.IntN(len(set))]
}

// pickVariable draws a variable as pick does.
func (s *semireal) pickVariable(r *rand.Rand) *marginals.Variable { return &s.vars[s.pick(r)] }

// draw returns n recorded values of v: a subsample without replacement when
// v has at least n values, a resample with replacement otherwise.
func (s *semireal) draw(r *rand.Rand, v *marginals.Variable, n int) []float64 {
	out := make([]float64, n)
	m := len(v.Values)
	if n > m {
		for i := range out {
			out[i] = v.Values[r.IntN(m)]
		}
		return out
	}
	idx := make([]int, m)
	for i := range idx {
		idx[i] = i
	}
	for i := range out { // partial Fisher-Yates shuffle
		j := i + r.IntN(m-i)
		idx[i], idx[j] = idx[j], idx[i]
		out[i] = v.Values[idx[i]]
	}
	return out
}

// realCause draws a real variable's values as a cause or hidden cause and
// records its data set as the pair's cause.
func (d *drawer) realCause() []float64 {
	v := d.firstReal
	if v != nil {
		d.firstReal = nil
	} else {
		v = d.g.real.pickVariable(d.r)
	}
	d.causes = append(d.causes, v.DataSet)
	return d.g.real.draw(d.r, v, d.n)
}

// realEffect applies a mechanism drawn from the pools to the standardized x
// and records the result at the resolution of another real variable drawn
// like a cause, so that effects are recorded as coarsely or finely as real
// variables are and ties say nothing about which variable is the cause.
func (d *drawer) realEffect(x []float64) []float64 {
	pool := d.g.real.pools[d.r.IntN(len(d.g.real.pools))]
	m := pool[d.r.IntN(len(pool))]
	d.mechs = append(d.mechs, m.name)
	y := m.apply(d, x)
	return recordAtResolution(y, d.g.real.resolution[d.g.real.pick(d.r)])
}

// recordAtResolution standardizes y and rounds it to multiples of step, the
// relative resolution of a real variable (see resolution).
func recordAtResolution(y []float64, step float64) []float64 {
	standardize(y)
	if step > 0 {
		for i, v := range y {
			y[i] = math.Round(v/step) * step
		}
	}
	return y
}

// resolution returns the recording step of values relative to their
// standard deviation: the smallest gap between two distinct values over
// the standard deviation (0 when they are constant).
func resolution(values []float64) float64 {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	gap := math.Inf(1)
	for i := 1; i < len(sorted); i++ {
		if d := sorted[i] - sorted[i-1]; d > 0 {
			gap = min(gap, d)
		}
	}
	sd := stat.StdDev(values, nil)
	if math.IsInf(gap, 1) || !(sd > 0) {
		return 0
	}
	return gap / sd
}
