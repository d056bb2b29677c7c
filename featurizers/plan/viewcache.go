package plan

import (
	"slices"
	"strconv"

	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// maxOneHot caps the one-hot columns a multi-column view contributes (the
// first columns, i.e. the lowest category values): it bounds the cost of
// categorical variables with many categories.
const maxOneHot = 10

// numViewNames is the union of the numeric view names over the types, in a
// fixed order.
func numViewNames() []string { return unionNames(views.NumericViewNames) }

// catViewNames is the union of the categorical view names over the types.
func catViewNames() []string { return unionNames(views.CategoricalViewNames) }

func unionNames(f func(pairs.VarType) []string) []string {
	var out []string
	for _, t := range pairs.AllTypes {
		for _, n := range f(t) {
			if !slices.Contains(out, n) {
				out = append(out, n)
			}
		}
	}
	return out
}

// hasNumView reports whether variables of type t have the numeric view.
func hasNumView(t pairs.VarType, name string) bool {
	return slices.Contains(views.NumericViewNames(t), name)
}

// hasCatView reports whether variables of type t have the categorical view.
func hasCatView(t pairs.VarType, name string) bool {
	return slices.Contains(views.CategoricalViewNames(t), name)
}

// numViews returns the numeric views of variable v on the fit subsample.
func (c *pairCtx) numViews(v int) []views.Num {
	return memo(c, famViews, "num"+strconv.Itoa(v), func() []views.Num {
		if c.shared[v] != nil {
			return c.sharedNumViews(v)
		}
		return views.Numeric(c.fit[v], c.types[v], c.fit[1-v])
	})
}

// catViews returns the categorical views of variable v on the fit subsample.
func (c *pairCtx) catViews(v int) []views.Cat {
	return memoVar(c, v, famViews, "cat"+strconv.Itoa(v), "cat", func() []views.Cat {
		return views.Categorical(c.fit[v], c.types[v])
	})
}

// numView returns the columns of the named numeric view of v (nil if the
// view does not exist for v's type), at most maxOneHot of them.
func (c *pairCtx) numView(v int, name string) [][]float64 {
	for _, nv := range c.numViews(v) {
		if nv.Name == name {
			return nv.Cols[:min(len(nv.Cols), maxOneHot)]
		}
	}
	return nil
}

// catView returns the named categorical view of v (ok false if absent).
func (c *pairCtx) catView(v int, name string) (views.Cat, bool) {
	for _, cv := range c.catViews(v) {
		if cv.Name == name {
			return cv, true
		}
	}
	return views.Cat{}, false
}
