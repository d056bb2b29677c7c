package stack

import (
	"fmt"
	"math"

	"github.com/causal-tool/causal/featurizers/plan"
)

// Extractor reads a spec's raw inputs and gates out of feature rows with
// known column names: the odd part of each input, (f(A,B) − f(B,A))/2, and
// the even part of each gate, (f(A,B) + f(B,A))/2, where f(B,A) comes from
// the mirror partner's column. A part is NaN when either column is.
type Extractor struct {
	spec  Spec
	input []mirrorCols // per input; col -1 for Model
	gate  []mirrorCols
}

type mirrorCols struct {
	col, mirror int
	sign        float64
}

// NewExtractor binds a spec to the column names of feature rows; it fails
// naming a feature the names lack.
func NewExtractor(sp Spec, names []string) (*Extractor, error) {
	idx := make(map[string]int, len(names))
	for i, n := range names {
		idx[n] = i
	}
	bind := func(n string) (mirrorCols, error) {
		if n == Model {
			return mirrorCols{col: -1}, nil
		}
		m, sign, err := plan.MirrorName(n)
		if err != nil {
			return mirrorCols{}, err
		}
		i, ok := idx[n]
		j, okm := idx[m]
		if !ok || !okm {
			missing := n
			if ok {
				missing = m
			}
			return mirrorCols{}, fmt.Errorf("the features lack %s, which the second stage needs", missing)
		}
		return mirrorCols{col: i, mirror: j, sign: float64(sign)}, nil
	}
	e := &Extractor{spec: sp}
	for _, n := range sp.Inputs {
		c, err := bind(n)
		if err != nil {
			return nil, err
		}
		e.input = append(e.input, c)
	}
	for _, n := range sp.Gates {
		c, err := bind(n)
		if err != nil {
			return nil, err
		}
		if c.col < 0 {
			return nil, fmt.Errorf("stack: %q cannot be a gate", Model)
		}
		e.gate = append(e.gate, c)
	}
	return e, nil
}

// Raw fills x (one value per input) and g (one per gate) from a feature row
// and the trees' score of the pair.
func (e *Extractor) Raw(model float64, row []float64, x, g []float64) {
	for k, c := range e.input {
		if c.col < 0 {
			x[k] = model
			continue
		}
		x[k] = (row[c.col] - c.sign*row[c.mirror]) / 2
	}
	for j, c := range e.gate {
		g[j] = (row[c.col] + c.sign*row[c.mirror]) / 2
	}
}

// design writes the design vector of raw inputs x and gates g into phi
// (len(Inputs)·(len(Gates)+1) values): per input its scaled, clipped value
// followed by its products with each standardized gate. An undefined input
// is 0, an undefined gate 0 after standardizing (its mean).
func design(x, g, scale []float64, clip float64, gmean, gsd []float64, phi []float64) {
	ng := len(g)
	zg := make([]float64, ng)
	for j, v := range g {
		if z := (v - gmean[j]) / gsd[j]; !math.IsNaN(z) && !math.IsInf(z, 0) {
			zg[j] = max(-clip, min(clip, z))
		}
	}
	for k, v := range x {
		xv := 0.0
		if z := v / scale[k]; !math.IsNaN(z) && !math.IsInf(z, 0) {
			xv = max(-clip, min(clip, z))
		}
		base := k * (ng + 1)
		phi[base] = xv
		for j := range zg {
			phi[base+1+j] = xv * zg[j]
		}
	}
}

// Logit returns the stack's logit for raw inputs x and gates g.
func (s *Stack) Logit(x, g []float64) float64 {
	ng := len(s.Gates)
	phi := make([]float64, len(s.Inputs)*(ng+1))
	design(x, g, s.Scale, s.Clip, s.GateMean, s.GateSD, phi)
	z := 0.0
	for k, c := range s.Coef {
		for j, v := range c {
			z += v * phi[k*(ng+1)+j]
		}
	}
	return z
}

// Score returns the pair score tanh(logit/2) in [−1, 1] for raw inputs x and
// gates g (see Extractor.Raw).
func (s *Stack) Score(x, g []float64) float64 { return math.Tanh(s.Logit(x, g) / 2) }

// Scorer scores feature rows with a stack bound to their column names.
type Scorer struct {
	stack *Stack
	ex    *Extractor
}

// Bind binds the stack to the column names of the feature rows it will
// score (see NewExtractor).
func (s *Stack) Bind(names []string) (*Scorer, error) {
	ex, err := NewExtractor(s.Spec(), names)
	if err != nil {
		return nil, err
	}
	return &Scorer{stack: s, ex: ex}, nil
}

// Score returns the second stage's score of a pair from its feature row and
// the trees' score.
func (b *Scorer) Score(model float64, row []float64) float64 {
	x := make([]float64, len(b.stack.Inputs))
	g := make([]float64, len(b.stack.Gates))
	b.ex.Raw(model, row, x, g)
	return b.stack.Score(x, g)
}
