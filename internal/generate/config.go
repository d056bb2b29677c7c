// Package generate makes synthetic cause-effect pairs in the way of the 2013
// ChaLearn challenge's organisers and the later literature: a cause drawn
// from a varied distribution, an effect made by a random mechanism with noise,
// the four classes A->B, B->A, confounded and independent in configurable
// proportions, Numerical/Categorical/Binary types, and the challenge's
// post-processing (standardize, multiply by 10,000, round).
//
// Pair i depends only on (Seed, i): its random numbers come from
// rand.NewPCG(Seed, i), and its class and types from low-discrepancy
// sequences over i, so any number of workers and any sharding by Start give
// the same pairs.
package generate

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/pairs"
)

// The Details classes of the challenge's target files.
const (
	ClassAB          = 1 // A causes B
	ClassBA          = 2 // B causes A
	ClassConfounded  = 3 // A <- Z -> B with a hidden Z
	ClassIndependent = 4 // A and B independent
)

// TargetOf returns the challenge Target (1, -1 or 0) of a Details class.
func TargetOf(details int) int {
	switch details {
	case ClassAB:
		return 1
	case ClassBA:
		return -1
	}
	return 0
}

// Config holds every parameter of the generator. DefaultConfig documents the
// defaults.
type Config struct {
	// Seed selects the random streams; pair i uses rand.NewPCG(Seed, i).
	Seed uint64
	// Simulator names how pairs are drawn (SimulatorNames; empty means
	// SimChallenge). The other simulators ignore the cause and noise
	// families, the noise range and the mixture size; their Mechanisms
	// are their own families (MechanismNamesFor), ignored when they have
	// none. SimSemireal takes the challenge's mechanism and noise families
	// and ignores the cause families and the mixture size.
	Simulator string
	// Start is the index of the first pair; N is how many pairs to make.
	Start, N int
	// IDPrefix prefixes the 1-based SampleIDs (pair i is IDPrefix+(i+1)).
	IDPrefix string
	// MinPoints and MaxPoints bound the log2-uniform sample size.
	MinPoints, MaxPoints int
	// Mechanisms, Causes and Noises name the enabled families (see
	// MechanismNamesFor, CauseNames, NoiseNames).
	Mechanisms, Causes, Noises []string
	// CauseWeights, when not empty, holds the relative probability of each
	// family in Causes (same order); empty means all equally likely.
	CauseWeights []float64
	// NoiseMin and NoiseMax bound the noise level: the noise's standard
	// deviation relative to the standardized signal's, drawn uniformly.
	NoiseMin, NoiseMax float64
	// MaxComponents is the largest number of Gaussian mixture components.
	MaxComponents int
	// CoarseFraction is the probability that a Numerical variable (cause or
	// effect) is recorded at a coarse precision: rounded to a grid of 1/2 to
	// 1/50 of its standard deviation, as real measurements often are.
	CoarseFraction float64
	// MinLevels and MaxLevels bound the number of categorical levels.
	MinLevels, MaxLevels int
	// ClassWeights are the relative proportions of Details 1, 2, 3 and 4.
	ClassWeights [4]float64
	// TypeMix holds the relative weight of each [type A][type B] pair,
	// indexed by pairs.VarType.
	TypeMix [3][3]float64
}

// DefaultTypeMix is the default type mix: 60% Numerical-Numerical, the rest
// spread evenly over the eight other combinations.
const DefaultTypeMix = "NN=60,NC=5,NB=5,CN=5,CC=5,CB=5,BN=5,BC=5,BB=5"

// DefaultConfig returns the documented defaults (N is 1000, Start 0).
func DefaultConfig() Config {
	mix, err := ParseTypeMix(DefaultTypeMix)
	if err != nil {
		panic(err) // DefaultTypeMix is a constant known to parse
	}
	return Config{
		Seed:           1,
		N:              1000,
		IDPrefix:       "train",
		MinPoints:      500,
		MaxPoints:      8000,
		Mechanisms:     MechanismNames(),
		Causes:         CauseNames(),
		Noises:         NoiseNames(),
		NoiseMin:       0.1,
		NoiseMax:       1.0,
		MaxComponents:  5,
		CoarseFraction: 0.2,
		MinLevels:      3,
		MaxLevels:      10,
		ClassWeights:   [4]float64{1, 1, 1, 1},
		TypeMix:        mix,
	}
}

// Validate checks the parameters and returns the first problem found.
func (c Config) Validate() error {
	switch {
	case c.N < 0:
		return fmt.Errorf("number of pairs must be >= 0, got %d", c.N)
	case c.Start < 0:
		return fmt.Errorf("start index must be >= 0, got %d", c.Start)
	case c.MinPoints < 3:
		return fmt.Errorf("min points must be >= 3, got %d", c.MinPoints)
	case c.MaxPoints < c.MinPoints:
		return fmt.Errorf("max points (%d) below min points (%d)", c.MaxPoints, c.MinPoints)
	case !(c.NoiseMin >= 0 && c.NoiseMax >= c.NoiseMin && c.NoiseMax <= 100):
		return fmt.Errorf("noise range must satisfy 0 <= min <= max <= 100, got [%g, %g]", c.NoiseMin, c.NoiseMax)
	case !(c.CoarseFraction >= 0 && c.CoarseFraction <= 1):
		return fmt.Errorf("coarse fraction must be in [0, 1], got %g", c.CoarseFraction)
	case c.MaxComponents < 1:
		return fmt.Errorf("max mixture components must be >= 1, got %d", c.MaxComponents)
	case c.MinLevels < 3 || c.MaxLevels < c.MinLevels:
		return fmt.Errorf("categorical levels must satisfy 3 <= min <= max, got [%d, %d]", c.MinLevels, c.MaxLevels)
	}
	if err := checkWeights(c.ClassWeights[:], "class weights"); err != nil {
		return err
	}
	if err := c.validateSimulator(); err != nil {
		return err
	}
	if len(c.CauseWeights) > 0 {
		if len(c.CauseWeights) != len(c.Causes) {
			return fmt.Errorf("cause weights: %d weights for %d cause families", len(c.CauseWeights), len(c.Causes))
		}
		if err := checkWeights(c.CauseWeights, "cause weights"); err != nil {
			return err
		}
	}
	flat := make([]float64, 0, 9)
	for _, row := range c.TypeMix {
		flat = append(flat, row[:]...)
	}
	if err := checkWeights(flat, "type mix"); err != nil {
		return err
	}
	for _, l := range []struct {
		what  string
		names []string
		known []string
	}{{"mechanism", c.Mechanisms, MechanismNamesFor(c.Simulator)}, {"cause", c.Causes, CauseNames()}, {"noise", c.Noises, NoiseNames()}} {
		if l.known == nil {
			continue // a simulator without mechanism families ignores them
		}
		if err := checkNames(l.what, l.names, l.known); err != nil {
			return err
		}
	}
	return nil
}

// validateSimulator checks the simulator's name.
func (c Config) validateSimulator() error {
	if c.Simulator != "" && indexOf(SimulatorNames(), c.Simulator) < 0 {
		return fmt.Errorf("unknown simulator %q (known: %s)", c.Simulator, strings.Join(SimulatorNames(), ", "))
	}
	return nil
}

func checkWeights(w []float64, what string) error {
	sum := 0.0
	for _, v := range w {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: weights must be finite and >= 0, got %g", what, v)
		}
		sum += v
	}
	if sum <= 0 {
		return fmt.Errorf("%s: at least one weight must be positive", what)
	}
	return nil
}

func checkNames(what string, names, known []string) error {
	if len(names) == 0 {
		return fmt.Errorf("no %s family selected (known: %s)", what, strings.Join(known, ","))
	}
	for _, n := range names {
		if indexOf(known, n) < 0 {
			return fmt.Errorf("unknown %s family %q (known: %s)", what, n, strings.Join(known, ","))
		}
	}
	return nil
}

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}

// ParseList splits a comma-separated list of family names; "all" or an empty
// string gives all of known.
func ParseList(s string, known []string) []string {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "all") {
		return append([]string(nil), known...)
	}
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.ToLower(strings.TrimSpace(f)); f != "" && indexOf(out, f) < 0 {
			out = append(out, f)
		}
	}
	return out
}

// ParseWeightedList parses a comma-separated list of family names, each
// optionally followed by =weight (default 1), as in "gmm=3,uniform=3,laplace".
// "all" (or an empty string) stands for every family of known at weight 1,
// and may itself carry no weight. Weights is nil when no item gave one, so
// that an unweighted list draws exactly as before. A family named twice is
// an error.
func ParseWeightedList(s string, known []string) (names []string, weights []float64, err error) {
	weighted := false
	for _, item := range strings.Split(s, ",") {
		name, val, hasWeight := strings.Cut(strings.TrimSpace(item), "=")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" && !hasWeight {
			continue
		}
		if name == "all" && !hasWeight {
			for _, k := range known {
				if indexOf(names, k) < 0 {
					names, weights = append(names, k), append(weights, 1)
				}
			}
			continue
		}
		w := 1.0
		if hasWeight {
			weighted = true
			if w, err = strconv.ParseFloat(strings.TrimSpace(val), 64); err != nil {
				return nil, nil, fmt.Errorf("family weight %q: %w", item, err)
			}
		}
		if indexOf(names, name) >= 0 {
			return nil, nil, fmt.Errorf("family %q named twice", name)
		}
		names, weights = append(names, name), append(weights, w)
	}
	if len(names) == 0 {
		return append([]string(nil), known...), nil, nil
	}
	if !weighted {
		weights = nil
	}
	return names, weights, nil
}

// ParseClassWeights parses four comma-separated weights for Details 1-4.
func ParseClassWeights(s string) ([4]float64, error) {
	var w [4]float64
	parts := strings.Split(s, ",")
	if len(parts) != 4 {
		return w, fmt.Errorf("class weights %q: want 4 comma-separated numbers (A->B,B->A,confounded,independent)", s)
	}
	for i, p := range parts {
		v, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil {
			return w, fmt.Errorf("class weights %q: %w", s, err)
		}
		w[i] = v
	}
	return w, checkWeights(w[:], "class weights")
}

// ParseTypeMix parses "NN=60,NC=5,..." where each key is two type letters
// (N, C, B) for A and B; combinations not listed get weight 0.
func ParseTypeMix(s string) ([3][3]float64, error) {
	var mix [3][3]float64
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		key, val, ok := strings.Cut(item, "=")
		key = strings.ToUpper(strings.TrimSpace(key))
		if !ok || len(key) != 2 {
			return mix, fmt.Errorf("type mix item %q: want XY=weight with X, Y in N, C, B", item)
		}
		a, errA := letterType(key[0])
		b, errB := letterType(key[1])
		if errA != nil || errB != nil {
			return mix, fmt.Errorf("type mix item %q: type letters must be N, C or B", item)
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
		if err != nil {
			return mix, fmt.Errorf("type mix item %q: %w", item, err)
		}
		mix[a][b] = v
	}
	flat := append(append(append([]float64(nil), mix[0][:]...), mix[1][:]...), mix[2][:]...)
	return mix, checkWeights(flat, "type mix")
}

func letterType(c byte) (pairs.VarType, error) {
	for _, t := range pairs.AllTypes {
		if t.Letter()[0] == c {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown type letter %q", c)
}
