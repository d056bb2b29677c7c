package corpus

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/generate"
)

// TypeMix is the challenge's mix of variable types every source of a
// corpus draws (generate.DefaultTypeMix).
const TypeMix = generate.DefaultTypeMix

// A Corpus describes a generated corpus completely: the same value gives
// the same pairs, and its String is written into every model trained from
// it. Every source draws the four classes balanced.
type Corpus struct {
	// Sources are the source names, in Sources' order (their index in
	// Sources places them in the seed layout).
	Sources []string
	// PerSource is the training pairs drawn from each source,
	// TunePerSource the held-out pairs (seed + 500): make-model's tuning
	// set, the protocol's test set.
	PerSource, TunePerSource int
	// MinPoints and MaxPoints bound the sample sizes (log2-uniform).
	MinPoints, MaxPoints int
	// TypeMix weighs the type combinations (generate.ParseTypeMix).
	TypeMix string
	// Coarse is the share of Numerical variables recorded coarsely.
	Coarse float64
	// Seed is the base of the seed layout (Seed).
	Seed uint64
}

// V6 is corpus v6, the default model's: 6,000 training and 300 tuning
// pairs of each of the six sources, 100 to 8,000 points, the challenge's
// type mix, a fifth of the Numerical variables recorded coarsely, seed 2013.
func V6() Corpus {
	return Corpus{Sources: SourceNames(), PerSource: 6000, TunePerSource: 300, MinPoints: 100, MaxPoints: 8000,
		TypeMix: TypeMix, Coarse: 0.2, Seed: 2013}
}

// String describes the corpus in one line without ':' (a model file's
// parameter value): "sources=challenge,sim per_source=6000 tune_per_source=300
// points=100-8000 types=NN=60,... coarse=0.2 seed=2013".
func (c Corpus) String() string {
	return fmt.Sprintf("sources=%s per_source=%d tune_per_source=%d points=%d-%d types=%s coarse=%s seed=%d",
		strings.Join(c.Sources, ","), c.PerSource, c.TunePerSource, c.MinPoints, c.MaxPoints, c.TypeMix,
		strconv.FormatFloat(c.Coarse, 'g', -1, 64), c.Seed)
}

// Validate reports the first problem of the corpus value.
func (c Corpus) Validate() error {
	if _, err := c.settings(); err != nil {
		return err
	}
	switch {
	case c.PerSource < 0 || c.TunePerSource < 0:
		return fmt.Errorf("corpus: negative pairs per source (%d, %d)", c.PerSource, c.TunePerSource)
	case c.MinPoints < 10 || c.MaxPoints < c.MinPoints:
		return fmt.Errorf("corpus: sizes %d-%d: want 10 <= min <= max", c.MinPoints, c.MaxPoints)
	case !(c.Coarse >= 0 && c.Coarse <= 1):
		return fmt.Errorf("corpus: coarse fraction %v outside [0, 1]", c.Coarse)
	}
	return nil
}

// A Part is one source's share of a corpus set: how to draw it and where
// it sits in the seed layout.
type Part struct {
	Setting
	// Index is the source's place in Sources (its seed offset).
	Index int
	Set   Set
	// N is the number of pairs, Seed the source's seed (Seed layout) and
	// Prefix the SampleIDs' stem ("train-cdt-"; a simulator's pairs are
	// Prefix<simulator>-1, ...).
	N      int
	Seed   uint64
	Prefix string
}

// Parts returns every source's part of the set, in Sources' order.
func (c Corpus) Parts(set Set) ([]Part, error) {
	settings, err := c.settings()
	if err != nil {
		return nil, err
	}
	var out []Part
	for _, st := range settings {
		i := sourceIndex(st.Source.Name)
		p := Part{Setting: st, Index: i, Set: set, Seed: Seed(c.Seed, i, set)}
		switch set {
		case Train:
			p.N, p.Prefix = c.PerSource, "train-"+st.Source.Name+"-"
		case Tune:
			p.N, p.Prefix = c.TunePerSource, "tune-"+st.Source.Name+"-"
		case Test:
			p.N, p.Prefix = c.TunePerSource, st.Source.Name+"-test-"
		}
		out = append(out, p)
	}
	return out, nil
}

// Draw draws the part's pairs (Setting.Draw).
func (p Part) Draw(cores int) ([]generate.Sample, error) {
	return p.Setting.Draw(p.N, p.Seed, p.Prefix, cores)
}

// IDs are the SampleIDs of the part's first n pairs (at most N): the pairs
// a corpus of n pairs per source draws, its Quota of each simulator.
func (p Part) IDs(n int) []string { return p.Setting.IDs(min(n, p.N), p.Prefix) }

// settings returns the corpus's sources as draw settings.
func (c Corpus) settings() ([]Setting, error) {
	srcs, err := SourcesNamed(c.Sources)
	if err != nil {
		return nil, err
	}
	if len(srcs) != len(c.Sources) {
		return nil, fmt.Errorf("corpus: sources %v named twice", c.Sources)
	}
	mix, err := generate.ParseTypeMix(c.TypeMix)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	out := make([]Setting, len(srcs))
	for i, s := range srcs {
		out[i] = Setting{Source: s, Coarse: c.Coarse, MinPoints: c.MinPoints, MaxPoints: c.MaxPoints, TypeMix: mix}
	}
	return out, nil
}

// sourceIndex is the place of the named source in Sources.
func sourceIndex(name string) int {
	for i, s := range Sources {
		if s.Name == name {
			return i
		}
	}
	return -1
}
