package plan

import (
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/pairs"
)

// symBlocks: pairwise statistics between the same single-column numeric
// view of both variables, and their HSIC ("S.<view>.<stat>"), computed in
// the canonical order of the pair so that they are exactly symmetric.
func symBlocks(Params) []*block {
	var out []*block
	for _, v := range numViewNames() {
		if v == "onehot" {
			continue
		}
		names := prefixed(v+".", append(stats.PairwiseNames(), "hsic", "hsic_p"))
		out = append(out, &block{
			fam:   famSym,
			scope: scopeSym,
			names: names,
			applies: func(ta, tb pairs.VarType) bool {
				return hasNumView(ta, v) && hasNumView(tb, v)
			},
			run: func(c *pairCtx, f, s int, out []float64) {
				a, b := c.numView(f, v)[0], c.numView(s, v)[0]
				k := len(stats.PairwiseNames())
				stats.Pairwise(a, b, out[:k])
				out[k], out[k+1] = stats.HSICTest(a, b, stats.DefaultHSICPoints)
			},
		})
	}
	return out
}
