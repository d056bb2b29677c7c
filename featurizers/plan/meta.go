package plan

import (
	"math"
	"strings"

	"github.com/causal-tool/causal/pairs"
)

// metaNames are the meta-features: one-hot types of A and B, one-hot pair
// type, sample size and its natural logarithm.
func metaNames() []string {
	var out []string
	for _, side := range []string{"A", "B"} {
		for _, t := range pairs.AllTypes {
			out = append(out, side+"_"+strings.ToLower(t.String()))
		}
	}
	for _, ta := range pairs.AllTypes {
		for _, tb := range pairs.AllTypes {
			out = append(out, "pair_"+ta.Letter()+tb.Letter())
		}
	}
	return append(out, "n", "logn")
}

func metaBlocks(Params) []*block {
	return []*block{{
		fam:     famMeta,
		scope:   scopeMeta,
		names:   metaNames(),
		applies: func(_, _ pairs.VarType) bool { return true },
		run: func(c *pairCtx, _, _ int, out []float64) {
			k := 0
			for side := 0; side < 2; side++ {
				for _, t := range pairs.AllTypes {
					out[k] = b2f(c.types[side] == t)
					k++
				}
			}
			for _, ta := range pairs.AllTypes {
				for _, tb := range pairs.AllTypes {
					out[k] = b2f(c.types[0] == ta && c.types[1] == tb)
					k++
				}
			}
			n := float64(len(c.full[0]))
			out[k], out[k+1] = n, math.Log(n)
		},
	}}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
