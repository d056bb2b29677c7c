package adapt

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/pairs"
)

// A Source is a family of generators of the leave-one-source-out protocol
// (scripts/make-model.sh's SOURCES): its simulators draw equal parts.
type Source struct {
	Name       string
	Simulators []string
}

// Sources are the six sources the default corpus draws from.
var Sources = []Source{
	{"challenge", []string{generate.SimChallenge}},
	{"sim", []string{"sim", "sim-c", "sim-ln", "sim-g"}},
	{"cdt", []string{"cdt"}},
	{"rcc", []string{"rcc", "ncc"}},
	{"anlsmn", []string{"anlsmn"}},
	{"semireal", []string{generate.SimSemireal}},
}

// SourcesNamed returns the Sources of these names, in Sources' order.
func SourcesNamed(names []string) ([]Source, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []Source
	for _, s := range Sources {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	for n := range want {
		return nil, fmt.Errorf("adapt: no source %q (sources: challenge, sim, cdt, rcc, anlsmn, semireal)", n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("adapt: no source named")
	}
	return out, nil
}

// CoarseFractions are the recording settings a candidate can take: the
// share of Numerical variables recorded on a coarse grid.
var CoarseFractions = []float64{0, 0.2, 0.5}

// A Candidate is one generator setting: a source with a recording setting,
// and the user's sample sizes and type mix.
type Candidate struct {
	Source Source
	Coarse float64
	// MinPoints, MaxPoints and TypeMix are taken from the user's pairs.
	MinPoints, MaxPoints int
	TypeMix              [3][3]float64
}

// Name names the candidate ("cdt/coarse=0.2").
func (c Candidate) Name() string {
	return c.Source.Name + "/coarse=" + strconv.FormatFloat(c.Coarse, 'g', -1, 64)
}

// Candidates returns every source of srcs (nil: Sources) at every
// CoarseFraction, with the sizes and type mix of the user's pairs.
func Candidates(user []pairs.Pair, srcs []Source) ([]Candidate, error) {
	if len(user) == 0 {
		return nil, fmt.Errorf("adapt: no pairs to adapt to")
	}
	if srcs == nil {
		srcs = Sources
	}
	lo, hi := math.MaxInt, 0
	var mix [3][3]float64
	for _, p := range user {
		lo, hi = min(lo, len(p.A)), max(hi, len(p.A))
		mix[p.TypeA][p.TypeB]++
	}
	lo = max(lo, 10)
	hi = max(hi, lo)
	var out []Candidate
	for _, s := range srcs {
		for _, c := range CoarseFractions {
			out = append(out, Candidate{Source: s, Coarse: c, MinPoints: lo, MaxPoints: hi, TypeMix: mix})
		}
	}
	return out, nil
}

// Draw generates n pairs of the candidate (the four classes balanced), its
// simulators drawing equal parts (the first n mod k one more) with seeds
// seed + 17k and SampleIDs prefix<simulator>-1, ...
func (c Candidate) Draw(n int, seed uint64, prefix string, cores int) ([]generate.Sample, error) {
	var out []generate.Sample
	k := len(c.Source.Simulators)
	for i, sim := range c.Source.Simulators {
		m := n / k
		if i < n%k {
			m++
		}
		if m == 0 {
			continue
		}
		cfg := generate.DefaultConfig()
		cfg.Simulator, cfg.N, cfg.Seed = sim, m, seed+17*uint64(i)
		cfg.IDPrefix = prefix + sim + "-"
		cfg.Mechanisms = generate.MechanismNamesFor(sim)
		cfg.MinPoints, cfg.MaxPoints = c.MinPoints, c.MaxPoints
		cfg.TypeMix, cfg.CoarseFraction = c.TypeMix, c.Coarse
		g, err := generate.New(cfg)
		if err != nil {
			return nil, fmt.Errorf("adapt: candidate %s, simulator %s: %w", c.Name(), sim, err)
		}
		if err := g.Run(cores, func(s generate.Sample) error { out = append(out, s); return nil }); err != nil {
			return nil, fmt.Errorf("adapt: candidate %s: %w", c.Name(), err)
		}
	}
	return out, nil
}

// Match weights candidates by how close their pairs are to the user's: it
// draws probe pairs of every candidate, computes the label-free features
// (LabelFreeColumns) of them and of the user's pairs, and weights each
// candidate as SourceWeights weights a source (w ∝ exp(-MMD² / median
// MMD²)). The result's Sources are the candidates' names, in order.
func Match(user []pairs.Pair, cands []Candidate, probe int, seed uint64, cores int) (*SourceResult, error) {
	pl, err := labelFreePlan()
	if err != nil {
		return nil, err
	}
	target, err := featurizeMatrix(pl, user, cores)
	if err != nil {
		return nil, err
	}
	var probes []pairs.Pair
	var source []string
	for i, c := range cands {
		ss, err := c.Draw(probe, seed+1000*uint64(i), "probe-"+strconv.Itoa(i)+"-", cores)
		if err != nil {
			return nil, err
		}
		for _, s := range ss {
			probes = append(probes, s.Pair)
			source = append(source, c.Name())
		}
	}
	train, err := featurizeMatrix(pl, probes, cores)
	if err != nil {
		return nil, err
	}
	return SourceWeights(train, source, target, Options{})
}

// labelFreePlan is the default plan restricted to its label-free features.
func labelFreePlan() (*plan.Plan, error) {
	full := plan.Default()
	return full.Select(LabelFreeColumns(full.Names()))
}

// featurizeMatrix featurizes pairs with pl into a matrix.
func featurizeMatrix(pl *plan.Plan, ps []pairs.Pair, cores int) (*featio.Matrix, error) {
	m := &featio.Matrix{Names: pl.Names(), PlanHash: pl.Hash(), Cols: pl.Len()}
	src := plan.SliceSource(ps)
	err := pl.Run(src, plan.RunOptions{Workers: max(cores, 1)}, func(id string, row []float32) error {
		m.IDs = append(m.IDs, id)
		m.Data = append(m.Data, row...)
		m.Rows++
		return nil
	})
	return m, err
}

// Allocate splits n pairs over the candidates in proportion to their
// weights (largest remainders, ties to the earlier candidate).
func Allocate(n int, weights []float64) []int {
	out := make([]int, len(weights))
	var sum float64
	for _, w := range weights {
		sum += max(w, 0)
	}
	if sum == 0 || n <= 0 {
		return out
	}
	type rem struct {
		i int
		r float64
	}
	rs := make([]rem, len(weights))
	left := n
	for i, w := range weights {
		q := float64(n) * max(w, 0) / sum
		out[i] = int(math.Floor(q))
		left -= out[i]
		rs[i] = rem{i, q - math.Floor(q)}
	}
	sort.SliceStable(rs, func(a, b int) bool { return rs[a].r > rs[b].r })
	for k := 0; k < left; k++ {
		out[rs[k%len(rs)].i]++
	}
	return out
}
