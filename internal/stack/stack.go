// Package stack is the second stage of causal's model: a small, regularized
// logistic model over the embedded trees' score and the classical direction
// scores, with pair meta-features ("gates") choosing which score to trust.
//
// Every input is the odd part of a feature under swapping A and B and every
// gate the even part (plan.MirrorName gives the partner), the logit is
//
//	z = Σₖ xₖ·(wₖ + Σⱼ vₖⱼ·gⱼ)
//
// with no intercept, and the score is tanh(z/2) = 2·P(A→B) − 1: in [−1, 1]
// and exactly antisymmetric, score(B, A) = −score(A, B), whatever the
// coefficients. Inputs are divided by their training root mean square and
// clipped; an undefined input counts 0 (no evidence), an undefined gate its
// training mean.
package stack

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/causal-tool/causal/featurizers/plan"
)

// Model is the input name of the embedded trees' score.
const Model = "model"

// Format names the file format of a Stack.
const Format = "causal-stack 1"

// Stack is a fitted second stage, stored as JSON.
type Stack struct {
	Format string `json:"format"`
	// Inputs are the antisymmetric inputs: Model or feature plan names.
	Inputs []string `json:"inputs"`
	// Gates are the symmetric meta-features (feature plan names).
	Gates []string `json:"gates"`
	// Scale divides each input; Clip bounds the scaled input.
	Scale []float64 `json:"input_scale"`
	Clip  float64   `json:"clip"`
	// GateMean and GateSD standardize each gate.
	GateMean []float64 `json:"gate_mean"`
	GateSD   []float64 `json:"gate_sd"`
	// Coef holds, per input, its weight followed by one weight per gate.
	Coef [][]float64 `json:"coef"`
	// Lambda is the L2 penalty it was fitted with.
	Lambda float64 `json:"lambda"`
	// PlanHash is the hash of the feature plan selecting Features(), so that
	// a stack is not applied to features computed differently.
	PlanHash string `json:"plan_hash"`
	// Trained describes the training data.
	Trained string `json:"trained,omitempty"`
}

// Spec names a second stage's inputs and gates, before fitting.
type Spec struct {
	Inputs, Gates []string
}

// DefaultSpec is the pre-registered candidate of BENCHMARKS.md ("Real pairs
// in the loop: the second stage").
var DefaultSpec = Spec{
	Inputs: []string{Model, "D.dir.slope", "D.dir.reci_paper", "D.dir.loci", "D.dir.anm_gp",
		"D.dir.bqcd", "D.dir.sloppy", "D.dir.igci_slope_paper_uniform", "D.dir.cds", "D.dir.anm_hsic"},
	Gates: []string{"meta.logn", "S.min.it.ratio_unique", "S.max.it.ratio_unique",
		"AB.xstd.ystd.linear.ins.resid_hsic", "meta.pair_NN"},
}

// C3Spec is the third pre-registered candidate of BENCHMARKS.md: the
// default spec plus RECI's and IGCI's simplified scores as inputs.
var C3Spec = Spec{
	Inputs: append(append([]string{}, DefaultSpec.Inputs...), "D.dir.reci", "D.dir.igci_slope_uniform"),
	Gates:  DefaultSpec.Gates,
}

// Specs are the named specs of causal stack --spec.
var Specs = map[string]Spec{"c": DefaultSpec, "c3": C3Spec}

// Features returns the feature plan names a spec needs, each with its
// mirror partner, in first-use order, without Model.
func (sp Spec) Features() ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, n := range append(append([]string(nil), sp.Inputs...), sp.Gates...) {
		if n == Model {
			continue
		}
		m, _, err := plan.MirrorName(n)
		if err != nil {
			return nil, err
		}
		add(n)
		add(m)
	}
	return out, nil
}

// Check fails when a name is not a feature of the default plan (or Model
// among the gates), or a name repeats.
func (sp Spec) Check() error {
	if len(sp.Inputs) == 0 {
		return fmt.Errorf("stack: no inputs")
	}
	known := map[string]bool{}
	for _, n := range plan.Default().Names() {
		known[n] = true
	}
	seen := map[string]bool{}
	for _, n := range append(append([]string(nil), sp.Inputs...), sp.Gates...) {
		if seen[n] {
			return fmt.Errorf("stack: %q listed twice", n)
		}
		seen[n] = true
	}
	for _, n := range sp.Gates {
		if n == Model {
			return fmt.Errorf("stack: %q cannot be a gate", Model)
		}
	}
	feats, err := sp.Features()
	if err != nil {
		return fmt.Errorf("stack: %w", err)
	}
	for _, n := range feats {
		if !known[n] {
			return fmt.Errorf("stack: %q is not a feature of the plan", n)
		}
	}
	return nil
}

// planHash is the hash of the default plan selecting the spec's features.
func (sp Spec) planHash() (string, error) {
	feats, err := sp.Features()
	if err != nil {
		return "", err
	}
	if len(feats) == 0 {
		return "", nil
	}
	sel, err := plan.Default().Select(feats)
	if err != nil {
		return "", err
	}
	return sel.Hash(), nil
}

// Spec returns the stack's inputs and gates.
func (s *Stack) Spec() Spec { return Spec{Inputs: s.Inputs, Gates: s.Gates} }

// Features returns the feature plan names the stack needs (see
// Spec.Features).
func (s *Stack) Features() ([]string, error) { return s.Spec().Features() }

// validate checks the shapes and values of a loaded stack.
func (s *Stack) validate() error {
	if s.Format != Format {
		return fmt.Errorf("format %q, want %q", s.Format, Format)
	}
	if err := s.Spec().Check(); err != nil {
		return err
	}
	ni, ng := len(s.Inputs), len(s.Gates)
	if len(s.Scale) != ni || len(s.GateMean) != ng || len(s.GateSD) != ng || len(s.Coef) != ni {
		return fmt.Errorf("%d inputs and %d gates but %d scales, %d gate means, %d gate s.d.s, %d coefficient rows",
			ni, ng, len(s.Scale), len(s.GateMean), len(s.GateSD), len(s.Coef))
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for k, c := range s.Coef {
		if len(c) != ng+1 {
			return fmt.Errorf("input %s has %d coefficients, want %d", s.Inputs[k], len(c), ng+1)
		}
		for _, v := range c {
			if !finite(v) {
				return fmt.Errorf("input %s: coefficient %v", s.Inputs[k], v)
			}
		}
		if !(s.Scale[k] > 0) || !finite(s.Scale[k]) {
			return fmt.Errorf("input %s: scale %v is not a positive number", s.Inputs[k], s.Scale[k])
		}
	}
	for j := range s.Gates {
		if !finite(s.GateMean[j]) || !(s.GateSD[j] > 0) || !finite(s.GateSD[j]) {
			return fmt.Errorf("gate %s: mean %v, s.d. %v", s.Gates[j], s.GateMean[j], s.GateSD[j])
		}
	}
	if !(s.Clip > 0) {
		return fmt.Errorf("clip %v is not positive", s.Clip)
	}
	h, err := s.Spec().planHash()
	if err != nil {
		return err
	}
	if s.PlanHash != h {
		return fmt.Errorf("fitted on features of plan %s, but this causal computes them with plan %s: refit the stack", s.PlanHash, h)
	}
	return nil
}

// Parse reads a stack from its JSON text; name is used in errors.
func Parse(name string, data []byte) (*Stack, error) {
	var s Stack
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("stack %s: %w", name, err)
	}
	if err := s.validate(); err != nil {
		return nil, fmt.Errorf("stack %s: %w", name, err)
	}
	return &s, nil
}

// Load reads a stack file.
func Load(path string) (*Stack, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("stack: %w", err)
	}
	return Parse(path, data)
}

// JSON returns the stack's indented JSON text.
func (s *Stack) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(s, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
