package plan

import (
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/pairs"
)

// groupBlocks: statistics of a numeric view of y across the groups of a
// categorical view of x ("AB.x<cat>.y<num>.grp.<stat>"), and the agreement
// of two categorical views ("AB.x<cat>.y<cat>.cc.<stat>").
func groupBlocks(Params) []*block {
	var out []*block
	for _, xv := range catViewNames() {
		for _, yv := range numViewNames() {
			if yv == "onehot" {
				continue
			}
			out = append(out, &block{
				fam:   famGroup,
				scope: scopeDir,
				names: prefixed("x"+xv+".y"+yv+".grp.", stats.GroupNames()),
				applies: func(tx, ty pairs.VarType) bool {
					return hasCatView(tx, xv) && hasNumView(ty, yv)
				},
				run: func(c *pairCtx, x, y int, out []float64) {
					cx, _ := c.catView(x, xv)
					stats.Group(cx.Codes, cx.K, c.numView(y, yv)[0], out)
				},
			})
		}
		for _, yv := range catViewNames() {
			out = append(out, &block{
				fam:   famGroup,
				scope: scopeDir,
				names: prefixed("x"+xv+".y"+yv+".cc.", stats.CatCatNames()),
				applies: func(tx, ty pairs.VarType) bool {
					return hasCatView(tx, xv) && hasCatView(ty, yv)
				},
				run: func(c *pairCtx, x, y int, out []float64) {
					cx, _ := c.catView(x, xv)
					cy, _ := c.catView(y, yv)
					stats.CatCat(cx.Codes, cx.K, cy.Codes, cy.K, out)
				},
			})
		}
	}
	return out
}
