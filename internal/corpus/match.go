package corpus

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/adapt"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/pairs"
)

// CoarseFractions are the recording settings a candidate can take: the
// share of Numerical variables recorded on a coarse grid.
var CoarseFractions = []float64{0, 0.2, 0.5}

// Candidates returns every source of srcs (nil: Sources) at every
// CoarseFraction, with the sizes and type mix of the user's pairs: the
// settings `causal adapt` chooses among.
func Candidates(user []pairs.Pair, srcs []Source) ([]Setting, error) {
	if len(user) == 0 {
		return nil, fmt.Errorf("corpus: no pairs to adapt to")
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
	var out []Setting
	for _, s := range srcs {
		for _, c := range CoarseFractions {
			out = append(out, Setting{Source: s, Coarse: c, MinPoints: lo, MaxPoints: hi, TypeMix: mix})
		}
	}
	return out, nil
}

// Match weights candidates by how close their pairs are to the user's: it
// draws probe pairs of every candidate, computes the label-free features
// (adapt.LabelFreeColumns) of them and of the user's pairs, and weights
// each candidate as adapt.SourceWeights weights a source (w ∝ exp(-MMD² /
// median MMD²)). Candidate i's probes are drawn with Seed(seed, i, Train).
// The result's Sources are the candidates' names, in order.
func Match(user []pairs.Pair, cands []Setting, probe int, seed uint64, cores int) (*adapt.SourceResult, error) {
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
		ss, err := c.Draw(probe, Seed(seed, i, Train), "probe-"+strconv.Itoa(i)+"-", cores)
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
	return adapt.SourceWeights(train, source, target, adapt.Options{})
}

// labelFreePlan is the default plan restricted to its label-free features.
func labelFreePlan() (*plan.Plan, error) {
	full := plan.Default()
	return full.Select(adapt.LabelFreeColumns(full.Names()))
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
