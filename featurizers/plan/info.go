package plan

import (
	"github.com/causal-tool/causal/featurizers/infotheory"
	"github.com/causal-tool/causal/pairs"
)

func always(_, _ pairs.VarType) bool { return true }

// infoBlocks: the 2013 runner-up's information-theoretic measures on the
// full data: per variable ("A.it.<m>"), directed ("AB.it.<m>") and
// symmetric ("S.it.<m>", canonical order), with jarfo's derived columns:
// the larger, the smaller and the absolute difference of the two sides'
// values ("S.max.it.<m>", "S.min.it.<m>", "S.abs.it.<m>"; directed
// measures only S.abs.).
func infoBlocks(Params) []*block {
	return []*block{
		{fam: famInfo, scope: scopeUnary, spread: true, names: prefixed("it.", infotheory.UnaryNames()), applies: always,
			run: func(c *pairCtx, x, _ int, out []float64) {
				infotheory.Unary(c.full[x], c.types[x], out)
			}},
		{fam: famInfo, scope: scopeDir, spread: true, names: prefixed("it.", infotheory.DirectedNames()), applies: always,
			run: func(c *pairCtx, x, y int, out []float64) {
				infotheory.Directed(c.full[x], c.full[y], c.types[x], c.types[y], out)
			}},
		{fam: famInfo, scope: scopeSym, names: prefixed("it.", infotheory.SymmetricNames()), applies: always,
			run: func(c *pairCtx, f, s int, out []float64) {
				infotheory.Symmetric(c.full[f], c.full[s], c.types[f], c.types[s], out)
			}},
	}
}
