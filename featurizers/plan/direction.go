package plan

import (
	"fmt"
	"slices"
	"strings"

	"github.com/causal-tool/causal/featurizers/direction"
)

// directionBlocks: the classical causal-direction scores on the full data
// ("D.dir.<score>", positive for A->B). They are antisymmetric: computed in
// the canonical order of the pair and negated when that order is (B, A), so
// the mirror property holds exactly.
//
// The published methods (direction.MethodNames) follow, one block each, so
// that selecting one (causal baseline, a model using it) computes only it.
func directionBlocks(pr Params) []*block {
	bs := []*block{{
		fam: famDirection, scope: scopeAnti, names: prefixed("dir.", direction.Names()), applies: always,
		run: func(c *pairCtx, f, s int, out []float64) {
			direction.Scores(c.full[f], c.full[s], c.types[f], c.types[s], out)
		},
	}}
	for _, name := range direction.MethodNames() {
		bs = append(bs, &block{
			fam: famDirection, scope: scopeAnti, names: []string{"dir." + name}, applies: always,
			run: func(c *pairCtx, f, s int, out []float64) {
				out[0], _ = direction.MethodWith(name, pr.Direction, c.full[f], c.full[s], c.types[f], c.types[s])
			},
		})
	}
	return bs
}

// DirectionMethod returns the plan computing one classical direction score
// (a name of direction.AllNames) as its only feature, for causal baseline
// and scan or predict --method.
func DirectionMethod(method string) (*Plan, error) {
	return DirectionMethodWith(method, DefaultParams)
}

// DirectionMethodWith is DirectionMethod on the plan with parameters pr
// (for example a Variant's).
func DirectionMethodWith(method string, pr Params) (*Plan, error) {
	if !slices.Contains(direction.AllNames(), method) {
		return nil, fmt.Errorf("--method %q: want one of %s", method, strings.Join(direction.AllNames(), ", "))
	}
	pl, err := New(pr).Select([]string{"D.dir." + method})
	if err != nil {
		return nil, err
	}
	if pl.Len() != 1 {
		return nil, fmt.Errorf("--method %s: the plan has %d features named D.dir.%s, want 1", method, pl.Len(), method)
	}
	return pl, nil
}
