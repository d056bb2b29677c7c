package corpus

import (
	"fmt"
	"strconv"

	"github.com/causal-tool/causal/internal/generate"
)

// A Set is the part of a corpus a draw is for: it offsets the seed and
// names the SampleIDs.
type Set int

// The sets of a corpus.
const (
	// Train is the training set: seed base + 1000·i.
	Train Set = iota
	// Tune is make-model's tuning set: seed base + 1000·i + 500.
	Tune
	// Test is the protocol's test set: seed base + 1000·i + 500.
	Test
)

// Seed is the seed layout: the i-th source of a corpus of seed base draws
// its training pairs with base + 1000·i, its tuning and test pairs with
// base + 1000·i + 500 (its k-th simulator adds 17·k: Setting.Draw).
func Seed(base uint64, i int, set Set) uint64 {
	s := base + 1000*uint64(i)
	if set != Train {
		s += 500
	}
	return s
}

// Quota returns how many of n pairs each of k simulators draws: n/k, the
// first n mod k one more.
func Quota(n, k int) []int {
	out := make([]int, k)
	for i := range out {
		out[i] = n / k
		if i < n%k {
			out[i]++
		}
	}
	return out
}

// A Setting is one way of drawing a source's pairs: the source with a
// recording setting, sample sizes and type mix. The four classes are drawn
// balanced.
type Setting struct {
	Source Source
	// Coarse is the share of Numerical variables recorded on a coarse grid.
	Coarse               float64
	MinPoints, MaxPoints int
	TypeMix              [3][3]float64
}

// Name names the setting ("cdt/coarse=0.2").
func (c Setting) Name() string {
	return c.Source.Name + "/coarse=" + strconv.FormatFloat(c.Coarse, 'g', -1, 64)
}

// Config returns the generator configuration of the setting's k-th
// simulator drawing m pairs with the source's seed: seed + 17k and
// SampleIDs prefix<simulator>-1, ...
func (c Setting) Config(k, m int, seed uint64, prefix string) generate.Config {
	sim := c.Source.Simulators[k]
	cfg := generate.DefaultConfig()
	cfg.Simulator, cfg.N, cfg.Seed = sim, m, seed+17*uint64(k)
	cfg.IDPrefix = prefix + sim + "-"
	cfg.Mechanisms = generate.MechanismNamesFor(sim)
	cfg.MinPoints, cfg.MaxPoints = c.MinPoints, c.MaxPoints
	cfg.TypeMix, cfg.CoarseFraction = c.TypeMix, c.Coarse
	return cfg
}

// Draw generates n pairs of the setting, its simulators drawing Quota(n,
// k) pairs each (see Config), in simulator order. Same arguments give the
// same pairs whatever cores.
func (c Setting) Draw(n int, seed uint64, prefix string, cores int) ([]generate.Sample, error) {
	var out []generate.Sample
	for k, m := range Quota(n, len(c.Source.Simulators)) {
		if m == 0 {
			continue
		}
		g, err := generate.New(c.Config(k, m, seed, prefix))
		if err != nil {
			return nil, fmt.Errorf("corpus: %s, simulator %s: %w", c.Name(), c.Source.Simulators[k], err)
		}
		if err := g.Run(cores, func(s generate.Sample) error { out = append(out, s); return nil }); err != nil {
			return nil, fmt.Errorf("corpus: %s: %w", c.Name(), err)
		}
	}
	return out, nil
}

// IDs returns the SampleIDs Draw(n, seed, prefix, ...) gives, in order.
// The first n' < n pairs of a larger draw of the same seed are not a
// prefix of it (the simulators' parts interleave), but their IDs are these.
func (c Setting) IDs(n int, prefix string) []string {
	var out []string
	for k, m := range Quota(n, len(c.Source.Simulators)) {
		for j := 1; j <= m; j++ {
			out = append(out, prefix+c.Source.Simulators[k]+"-"+strconv.Itoa(j))
		}
	}
	return out
}
