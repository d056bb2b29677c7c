package plan

import (
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// Counts accumulates, per family, how many values a featurization produced
// and how many were not finite (±Inf or float32 overflow, written as NaN)
// or NaN (not applicable or undefined).
type Counts struct {
	Values    [numFamilies]int64
	NaN       [numFamilies]int64
	NonFinite [numFamilies]int64
}

// Add adds the counts of o to c.
func (c *Counts) Add(o *Counts) {
	for i := range c.Values {
		c.Values[i] += o.Values[i]
		c.NaN[i] += o.NaN[i]
		c.NonFinite[i] += o.NonFinite[i]
	}
}

// FamilyNames returns the feature family names, in the order of the Counts
// and Timings arrays.
func FamilyNames() []string { return slices.Clone(familyNames[:]) }

// Featurize computes the features of p into dst (len(dst) must be Len()).
// It is safe to call from many goroutines at once.
func (pl *Plan) Featurize(p pairs.Pair, dst []float32) { pl.FeaturizeCount(p, dst, nil) }

// FeaturizeCount is Featurize that also adds value counts to cnt (if not
// nil; cnt must not be shared between goroutines).
func (pl *Plan) FeaturizeCount(p pairs.Pair, dst []float32, cnt *Counts) {
	pl.featurize(p, dst, cnt, [2]*VarCache{})
}

// featurize computes the features of p into dst, with the per-variable
// caches shared (nil: none).
func (pl *Plan) featurize(p pairs.Pair, dst []float32, cnt *Counts, shared [2]*VarCache) {
	if len(dst) != len(pl.names) {
		panic(fmt.Sprintf("plan: Featurize into %d values, plan has %d", len(dst), len(pl.names)))
	}
	for i := range dst {
		dst[i] = nan
	}
	if timingEnabled() {
		defer pinThread()()
	}
	c := newPairCtx(p, pl.params)
	c.shared = shared
	defer c.release()
	buf := make([]float64, 2*pl.maxOut)
	a, b := buf[:pl.maxOut], buf[pl.maxOut:]
	for _, sb := range pl.sel {
		pl.runBlock(c, sb, a, b, dst, cnt)
	}
}

// runBlock evaluates one selected block on the pair.
func (pl *Plan) runBlock(c *pairCtx, sb selBlock, a, b []float64, dst []float32, cnt *Counts) {
	bl := sb.b
	n := len(bl.names)
	a, b = a[:n], b[:n]
	t := [2]pairs.VarType{c.types[0], c.types[1]}
	fam := bl.fam
	emit := func(pos []int32, k int, v float32) {
		if p := pos[k]; p >= 0 {
			dst[p] = v
			if cnt != nil {
				cnt.Values[fam]++
				if v != v {
					cnt.NaN[fam]++
				}
			}
		}
	}
	conv := func(v float64) float32 {
		f, bad := toF32(v)
		if bad && cnt != nil {
			cnt.NonFinite[fam]++
		}
		return f
	}
	switch bl.scope {
	case scopeDir, scopeUnary:
		// Group 0 is x=A (AB. or A.), group 1 x=B, group 2 the difference,
		// groups 3.. the spread columns (S.max., S.min., S.abs. or S.abs.).
		both := anySel(sb.pos[2])
		for _, pos := range sb.pos[3:] {
			both = both || anySel(pos)
		}
		need0 := anySel(sb.pos[0]) || both
		need1 := anySel(sb.pos[1]) || both
		ok0 := need0 && bl.applies(t[0], t[1])
		ok1 := need1 && bl.applies(t[1], t[0])
		run := bl.run
		if bl.scope == scopeUnary {
			run = sharedUnary(bl)
		}
		if ok0 {
			c.need = sb.need[0]
			c.time(fam, func() { run(c, 0, 1, a) })
		}
		if ok1 {
			c.need = sb.need[1]
			c.time(fam, func() { run(c, 1, 0, b) })
		}
		c.need = nil
		for k := 0; k < n; k++ {
			va, vb := nan, nan
			if ok0 && (sb.need[0] == nil || sb.need[0][k]) {
				va = conv(a[k])
			}
			if ok1 && (sb.need[1] == nil || sb.need[1][k]) {
				vb = conv(b[k])
			}
			emit(sb.pos[0], k, va)
			emit(sb.pos[1], k, vb)
			d := sub32(va, vb)
			emit(sb.pos[2], k, d)
			switch len(sb.pos) {
			case 6: // scopeUnary: S.max., S.min., S.abs.
				hi, lo := spread32(va, vb)
				emit(sb.pos[3], k, hi)
				emit(sb.pos[4], k, lo)
				emit(sb.pos[5], k, abs32(d))
			case 4: // scopeDir: S.abs.
				emit(sb.pos[3], k, abs32(d))
			}
		}
	case scopeSym, scopeAnti:
		f, s := c.canonical()
		ok := bl.applies(t[f], t[s])
		if ok {
			c.time(fam, func() { bl.run(c, f, s, a) })
		}
		for k := 0; k < n; k++ {
			v := nan
			if ok {
				v = conv(a[k])
				if bl.scope == scopeAnti && f == 1 {
					v = -v
				}
			}
			emit(sb.pos[0], k, v)
		}
	case scopeMeta:
		ok := bl.applies(t[0], t[1])
		if ok {
			bl.run(c, 0, 1, a)
		}
		for k := 0; k < n; k++ {
			v := nan
			if ok {
				v = conv(a[k])
			}
			emit(sb.pos[0], k, v)
		}
	}
}

// spread32 returns the larger and the smaller of a and b (NaN if either is).
func spread32(a, b float32) (hi, lo float32) {
	if a != a || b != b {
		return nan, nan
	}
	return max(a, b), min(a, b)
}

// abs32 returns |d| (NaN stays NaN).
func abs32(d float32) float32 { return float32(math.Abs(float64(d))) }

func anySel(pos []int32) bool {
	for _, p := range pos {
		if p >= 0 {
			return true
		}
	}
	return false
}

// pairCtx holds one pair being featurized and the work its blocks share
// (views, subsamples, learner inputs), computed lazily. It is used by one
// goroutine only.
type pairCtx struct {
	params Params
	types  [2]pairs.VarType
	full   [2][]float64
	// fit holds the evenly spaced subsample used by learners and
	// directional statistics (the full data when small enough).
	fit   [2][]float64
	order int // canonical order: 0 = (A, B), 1 = (B, A); -1 unknown
	cache map[string]any
	// shared holds each variable's cache shared with other pairs (nil:
	// none; see FeaturizeShared).
	shared [2]*VarCache
	// nested is the time spent in timed sections nested in the current one.
	nested int64
	// need marks the values the running block must compute (nil: all); a
	// block may leave the others unset (see selBlock.need).
	need []bool
}

// needs reports whether the running block must compute any of its values
// [lo, hi).
func (c *pairCtx) needs(lo, hi int) bool {
	if c.need == nil {
		return true
	}
	return slices.Contains(c.need[lo:hi], true)
}

func newPairCtx(p pairs.Pair, pr Params) *pairCtx {
	a, b := inUnits(p.A, p.TypeA), inUnits(p.B, p.TypeB)
	c := &pairCtx{params: pr, types: [2]pairs.VarType{p.TypeA, p.TypeB}, full: [2][]float64{a, b}, order: -1}
	c.fit = [2][]float64{subsample(a, pr.MaxFitPoints), subsample(b, pr.MaxFitPoints)}
	c.cache = make(map[string]any)
	return c
}

// inUnits returns a Numerical variable in the challenge's units
// (views.CanonicalUnits) and a Binary one in its canonical coding
// (views.CanonicalBinary), so that no feature depends on units or on the
// two numbers that code a Binary variable; Categorical codes are used as
// given.
func inUnits(x []float64, t pairs.VarType) []float64 {
	switch t {
	case pairs.Numerical:
		return views.CanonicalUnits(x)
	case pairs.Binary:
		return views.CanonicalBinary(x)
	}
	return x
}

func (c *pairCtx) release() { c.cache = nil }

// memo returns the cached value of key, computing it with f (timed under
// family fam) the first time.
func memo[T any](c *pairCtx, fam int, key string, f func() T) T {
	if v, ok := c.cache[key]; ok {
		return v.(T)
	}
	var v T
	c.time(fam, func() { v = f() })
	c.cache[key] = v
	return v
}

// subsample returns x itself when len(x) <= m, otherwise the m values at
// the evenly spaced indices floor(i*n/m).
func subsample(x []float64, m int) []float64 {
	n := len(x)
	if n <= m {
		return x
	}
	out := make([]float64, m)
	for i := range out {
		out[i] = x[i*n/m]
	}
	return out
}

// canonical returns the canonical order of the pair's variables: a total
// order on (type, values) that does not depend on which is called A, so
// symmetric statistics computed in that order are exactly symmetric.
func (c *pairCtx) canonical() (first, second int) {
	if c.order < 0 {
		c.order = 0
		if compareVars(c.types[1], c.full[1], c.types[0], c.full[0]) < 0 {
			c.order = 1
		}
	}
	return c.order, 1 - c.order
}

// compareVars orders variables by type, then length, then values
// (lexicographically, by their bits when equal as floats or NaN).
func compareVars(ta pairs.VarType, a []float64, tb pairs.VarType, b []float64) int {
	if ta != tb {
		return int(ta) - int(tb)
	}
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	for i := range a {
		if a[i] < b[i] {
			return -1
		}
		if a[i] > b[i] {
			return 1
		}
		ba, bb := math.Float64bits(a[i]), math.Float64bits(b[i])
		if ba != bb {
			if ba < bb {
				return -1
			}
			return 1
		}
	}
	return 0
}

// scratch pools float64 buffers for blocks.
var scratch = sync.Pool{New: func() any { s := make([]float64, 0, 1024); return &s }}

func getScratch(n int) *[]float64 {
	p := scratch.Get().(*[]float64)
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	*p = (*p)[:n]
	return p
}

// putScratch returns a buffer from getScratch to the pool.
func putScratch(p *[]float64) { scratch.Put(p) }
