package generate

import (
	"github.com/causal-tool/causal/pairs"
)

// pairModel is how one of the literature's simulators (SIM, CDT, RCC, NCC,
// ANLSMN) draws its variables; drawModel makes the four challenge classes
// and types from it the same way for all of them.
type pairModel struct {
	// chain draws a root cause and returns it with a function drawing a
	// fresh effect of it (its own mechanism and noise at every call).
	chain func() (cause []float64, effect func() []float64)
	// measure, if not nil, turns a drawn variable into its observation
	// (measurement noise); effects are computed from the unmeasured cause.
	measure func(v []float64) []float64
	// independent, if not nil, draws an independent pair the simulator's
	// own way; nil draws each column from its own chain, in the roles of
	// the other classes' columns.
	independent func() (a, b []float64)
}

// drawModel draws the observed A and B of a pair of the given class and
// types from m. A->B is a cause and its effect, B->A the same with the
// columns swapped, confounded two effects of one hidden cause. A
// Categorical or Binary variable is the quantized measurement of a
// continuous one: mechanisms see the continuous values.
func (d *drawer) drawModel(m pairModel, class int, ta, tb pairs.VarType) (a, b []float64) {
	// x is drawn first (the cause, or A), y second.
	var x, y []float64
	switch class {
	case ClassAB, ClassBA:
		var effect func() []float64
		x, effect = m.chain()
		y = effect()
	case ClassConfounded:
		_, effect := m.chain()
		x, y = effect(), effect()
	default:
		if m.independent != nil {
			x, y = m.independent()
		} else {
			x, y = independentByRoles(d.r.IntN(3), m.chain)
		}
	}
	if m.measure != nil {
		x, y = m.measure(x), m.measure(y)
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

// independentByRoles draws two independent variables in the roles of the
// other classes' columns, each from its own chain: cause and effect (role
// 0), effect and cause (1), or two effects (2), so that the marginals give
// the class away no more than in the challenge's pairs.
func independentByRoles(role int, chain func() ([]float64, func() []float64)) (a, b []float64) {
	ca, ea := chain()
	if role != 0 {
		ca = ea()
	}
	cb, eb := chain()
	if role != 1 {
		cb = eb()
	}
	return ca, cb
}

// literatureDrawers draws the pairs of the simulators other than the
// challenge's, by name.
var literatureDrawers = map[string]func(d *drawer, class int, ta, tb pairs.VarType) (a, b []float64){
	SimSIM:        (*drawer).drawSIM,
	SimConfounded: (*drawer).drawSIM,
	SimLowNoise:   (*drawer).drawSIM,
	SimGaussian:   (*drawer).drawSIM,
	SimCDT:        (*drawer).drawCDT,
	SimRCC:        (*drawer).drawRCC,
	SimNCC:        (*drawer).drawNCC,
	SimANLSMN:     (*drawer).drawANLSMN,
}

// simulatorMechanisms lists the mechanism families of the simulators that
// draw one of several (--mechanisms); the challenge's are MechanismNames.
var simulatorMechanisms = map[string][]string{
	SimCDT:    cdtMechanismNames,
	SimANLSMN: anlsmnFamilyNames,
}

// MechanismNamesFor lists the mechanism families a simulator can be
// restricted to with Config.Mechanisms, or nil when it has none (it
// ignores Config.Mechanisms).
func MechanismNamesFor(sim string) []string {
	if sim == "" || sim == SimChallenge || sim == SimSemireal {
		return MechanismNames()
	}
	return simulatorMechanisms[sim]
}

// pickMechanism returns one of the enabled mechanism families, uniformly.
func (d *drawer) pickMechanism() string {
	m := d.g.cfg.Mechanisms
	return m[d.r.IntN(len(m))]
}
