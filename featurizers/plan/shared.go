package plan

import (
	"math"
	"slices"
	"sync"

	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// VarCache holds the work on one variable that does not depend on the
// other variable of a pair — its views (all but tomean), learner and
// metric inputs, and its unary features — so that every pair featurized
// with the cache shares it. It is safe for concurrent use.
type VarCache struct {
	mu sync.Mutex
	m  map[string]*varEntry
}

type varEntry struct {
	once sync.Once
	v    any
}

// NewVarCache returns an empty cache for one variable.
func NewVarCache() *VarCache { return &VarCache{m: map[string]*varEntry{}} }

// get returns the value of key, computing it with f once.
func (vc *VarCache) get(key string, f func() any) any {
	vc.mu.Lock()
	e := vc.m[key]
	if e == nil {
		e = &varEntry{}
		vc.m[key] = e
	}
	vc.mu.Unlock()
	e.once.Do(func() { e.v = f() })
	return e.v
}

// FeaturizeShared is Featurize with the per-variable work of p.A taken from
// (or stored into) va and that of p.B from vb (either may be nil: not
// shared). Every pair featurized with a cache must have, on that side, the
// same values and type; the features are then exactly Featurize's.
func (pl *Plan) FeaturizeShared(p pairs.Pair, va, vb *VarCache, dst []float32) {
	pl.featurize(p, dst, nil, [2]*VarCache{va, vb})
}

// memoVar is memo for a value that depends on variable v only: it comes
// from v's shared cache (under varKey) when there is one.
func memoVar[T any](c *pairCtx, v, fam int, key, varKey string, f func() T) T {
	vc := c.shared[v]
	if vc == nil {
		return memo(c, fam, key, f)
	}
	return memo(c, fam, key, func() T { return vc.get(varKey, func() any { return f() }).(T) })
}

// sharedNumViews returns the numeric views of variable v with the views
// that do not depend on the other variable from v's cache and tomean
// computed for this pair, exactly as views.Numeric computes them.
func (c *pairCtx) sharedNumViews(v int) []views.Num {
	x, t := c.fit[v], c.types[v]
	base := c.shared[v].get("num", func() any { return views.Numeric(x, t, x) }).([]views.Num)
	if !finite(x) {
		return base // every view is NaN, whatever the other variable
	}
	out := slices.Clone(base)
	for i := range out {
		if out[i].Name == "tomean" {
			codes := c.shared[v].get("codes", func() any {
				codes, k := views.ValueCodes(views.Tame(x))
				return valueCodes{codes, k}
			}).(valueCodes)
			out[i] = views.Num{Name: "tomean", Cols: [][]float64{views.ToMean(codes.codes, codes.k, c.fit[1-v])}}
		}
	}
	return out
}

type valueCodes struct {
	codes []int
	k     int
}

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// sharedUnary returns the run function of a unary block that goes through
// the variable's cache when there is one (a unary block depends on its
// variable only).
func sharedUnary(bl *block) func(c *pairCtx, x, y int, out []float64) {
	return func(c *pairCtx, x, y int, out []float64) {
		vc := c.shared[x]
		if vc == nil {
			bl.run(c, x, y, out)
			return
		}
		vals := vc.get("unary/"+bl.names[0], func() any {
			v := make([]float64, len(out))
			bl.run(c, x, y, v)
			return v
		}).([]float64)
		copy(out, vals)
	}
}
