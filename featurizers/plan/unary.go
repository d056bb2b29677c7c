package plan

import (
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/pairs"
)

// unaryBlocks: statistics of each variable's raw values ("A.raw.<stat>").
func unaryBlocks(Params) []*block {
	return []*block{{
		fam:     famUnary,
		scope:   scopeUnary,
		names:   prefixed("raw.", stats.UnaryNames()),
		applies: func(_, _ pairs.VarType) bool { return true },
		run: func(c *pairCtx, x, _ int, out []float64) {
			stats.Unary(c.full[x], out)
		},
	}}
}

// prefixed returns the names with a prefix prepended.
func prefixed(prefix string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return out
}
