package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"path"
	"strings"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/pairs"
)

// Version is bumped whenever the meaning of a feature changes without its
// name changing (it enters the plan hash).
const Version = "plan-2"

// scope says how a block's value names expand into feature names and how the
// block is evaluated on a pair.
type scope int

const (
	// scopeDir: computed with x=A,y=B ("AB.") and x=B,y=A ("BA."), plus the
	// difference AB - BA ("D.").
	scopeDir scope = iota
	// scopeUnary: computed for A ("A.") and B ("B."), plus A - B ("AmB.").
	scopeUnary
	// scopeSym: a symmetric statistic, computed once ("S.") in the canonical
	// order of the pair.
	scopeSym
	// scopeAnti: an antisymmetric score ("D."), computed in the canonical
	// order and negated when that order is (B, A).
	scopeAnti
	// scopeMeta: meta-features ("meta."), computed from the types and size.
	scopeMeta
)

// Prefixes of the feature names, by scope and side.
const (
	prefAB   = "AB."
	prefBA   = "BA."
	prefD    = "D."
	prefA    = "A."
	prefB    = "B."
	prefAmB  = "AmB."
	prefS    = "S."
	prefMeta = "meta."
	// jarfo's derived columns of a scopeUnary or scopeDir block with spread
	// set: the larger and the smaller of the two sides' values and the
	// absolute difference, all symmetric.
	prefMax = "S.max."
	prefMin = "S.min."
	prefAbs = "S.abs."
)

// block is the unit of computation and selection: a fixed list of value
// names computed together by one call.
type block struct {
	fam   int
	scope scope
	names []string
	// applies reports whether the block is defined for variables of these
	// types: (x, y) for scopeDir, (variable, other) for scopeUnary, the two
	// types (in either order, it must be symmetric) for scopeSym and
	// scopeAnti, (A, B) for scopeMeta.
	applies func(tx, ty pairs.VarType) bool
	// run writes len(names) values into out for the variables x and y of the
	// context (0 = A, 1 = B); for scopeUnary y is the other variable.
	run func(c *pairCtx, x, y int, out []float64)
	// spread adds the symmetric derived columns of the two sides: S.max.,
	// S.min. and S.abs. for scopeUnary, S.abs. for scopeDir.
	spread bool
}

// groups returns the name prefixes a block expands into.
func (b *block) groups() []string {
	switch b.scope {
	case scopeDir:
		if b.spread {
			return []string{prefAB, prefBA, prefD, prefAbs}
		}
		return []string{prefAB, prefBA, prefD}
	case scopeUnary:
		if b.spread {
			return []string{prefA, prefB, prefAmB, prefMax, prefMin, prefAbs}
		}
		return []string{prefA, prefB, prefAmB}
	case scopeSym:
		return []string{prefS}
	case scopeAnti:
		return []string{prefD}
	}
	return []string{prefMeta}
}

// Params are the tunable parameters of a plan (they enter its hash).
type Params struct {
	// MaxFitPoints caps the number of points the learner fits and the
	// directional statistics see: larger pairs are reduced to an evenly
	// spaced deterministic subsample of this many points.
	MaxFitPoints int
	// Folds is the number of out-of-fold folds.
	Folds int
	// Direction are the subsample bounds of the costly published direction
	// methods (zero fields: direction.DefaultBounds, plan-2's). They enter
	// the hash only when they differ from plan-2's, so plan-2's hash is the
	// one it always had.
	Direction direction.Bounds
}

// DefaultParams are the parameters of the default plan.
var DefaultParams = Params{MaxFitPoints: 1000, Folds: 5, Direction: direction.DefaultBounds}

// selBlock is a block of a plan with the output position of each of its
// values, per name group (-1 when not selected).
type selBlock struct {
	b   *block
	pos [][]int32
	// need[x] marks the values that the run with x = A (0) or x = B (1)
	// must compute for a scopeDir block: nil when every value is needed.
	need [2][]bool
}

// Plan is an ordered list of features and how to compute them.
type Plan struct {
	params Params
	blocks []*block
	sel    []selBlock
	names  []string
	hash   string
	maxOut int
}

// Default returns the default plan: every family, every view, learner and
// statistic.
func Default() *Plan { return New(DefaultParams) }

// New returns the full plan with the given parameters.
func New(pr Params) *Plan {
	if pr.MaxFitPoints < 8 {
		pr.MaxFitPoints = 8
	}
	if pr.Folds < 2 {
		pr.Folds = 2
	}
	pr.Direction = pr.Direction.WithDefaults()
	p := &Plan{params: pr}
	for _, f := range families {
		p.blocks = append(p.blocks, f(pr)...)
	}
	p.selectAll(func(string) bool { return true })
	return p
}

// selectAll keeps the features whose names satisfy keep, in plan order.
func (p *Plan) selectAll(keep func(string) bool) {
	p.sel, p.names, p.maxOut = nil, nil, 0
	for _, b := range p.blocks {
		sb := selBlock{b: b}
		any := false
		for _, g := range b.groups() {
			pos := make([]int32, len(b.names))
			for k, n := range b.names {
				pos[k] = -1
				if full := g + n; keep(full) {
					pos[k] = int32(len(p.names))
					p.names = append(p.names, full)
					any = true
				}
			}
			sb.pos = append(sb.pos, pos)
		}
		if any {
			sb.need = dirNeeds(b, sb.pos)
			p.sel = append(p.sel, sb)
			p.maxOut = max(p.maxOut, len(b.names))
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%d %d\n", Version, p.params.MaxFitPoints, p.params.Folds)
	if p.params.Direction != direction.DefaultBounds {
		fmt.Fprintf(h, "direction %s\n", p.params.Direction)
	}
	for _, n := range p.names {
		h.Write([]byte(n))
		h.Write([]byte{'\n'})
	}
	p.hash = hex.EncodeToString(h.Sum(nil))[:16]
}

// dirNeeds returns, for a scopeDir block, which values each direction's
// run must compute for the selected positions pos: a value of AB. is needed
// by its own name and by the D. and S.abs. names derived from it (nil: all).
func dirNeeds(b *block, pos [][]int32) [2][]bool {
	var need [2][]bool
	if b.scope != scopeDir {
		return need
	}
	for x := range 2 {
		mask := make([]bool, len(b.names))
		all := true
		for k := range mask {
			mask[k] = pos[x][k] >= 0
			for _, g := range pos[2:] {
				mask[k] = mask[k] || g[k] >= 0
			}
			all = all && mask[k]
		}
		if !all {
			need[x] = mask
		}
	}
	return need
}

// Names returns the feature names of the plan, in output order.
func (p *Plan) Names() []string { return append([]string(nil), p.names...) }

// Len returns the number of features of the plan.
func (p *Plan) Len() int { return len(p.names) }

// Hash returns a version hash of the plan: its names, parameters and the
// plan Version.
func (p *Plan) Hash() string { return p.hash }

// FamilySizes returns the number of features of each family (in the order
// of FamilyNames).
func (p *Plan) FamilySizes() []int {
	out := make([]int, numFamilies)
	for _, sb := range p.sel {
		for _, pos := range sb.pos {
			for _, q := range pos {
				if q >= 0 {
					out[sb.b.fam]++
				}
			}
		}
	}
	return out
}

// Families returns the family name (one of FamilyNames) of each feature of
// the plan, in output order.
func (p *Plan) Families() []string {
	out := make([]string, len(p.names))
	for _, sb := range p.sel {
		for _, pos := range sb.pos {
			for _, q := range pos {
				if q >= 0 {
					out[q] = familyNames[sb.b.fam]
				}
			}
		}
	}
	return out
}

// Params returns the plan's parameters.
func (p *Plan) Params() Params { return p.params }

// Select returns the plan restricted to the features matching at least one
// pattern, in the order of p. A pattern is a feature name or a glob in which
// '*' matches any run of characters and '?' one character (path.Match
// syntax, names contain no '/'). Empty patterns and lines starting with '#'
// are ignored. Only the blocks with a selected feature are computed. A
// pattern matching nothing, and a list with no pattern, are errors.
func (p *Plan) Select(patterns []string) (*Plan, error) {
	var pats []string
	for _, s := range patterns {
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		if _, err := path.Match(s, ""); err != nil {
			return nil, fmt.Errorf("plan pattern %q: %w", s, err)
		}
		pats = append(pats, s)
	}
	if len(pats) == 0 {
		return nil, errors.New("no feature name patterns (the plan is empty or only blank and # lines): it would select no feature")
	}
	used := make([]bool, len(pats))
	// Plain names (no glob syntax) are looked up, so selecting the tens of
	// thousands of names of a model stays linear.
	exact := map[string]int{}
	var globs []int
	for i, s := range pats {
		if strings.ContainsAny(s, `*?[\`) {
			globs = append(globs, i)
		} else if _, dup := exact[s]; !dup {
			exact[s] = i
		} else {
			used[i] = true // a repeated name is used when its first copy is
		}
	}
	keep := func(name string) bool {
		ok := false
		if i, found := exact[name]; found {
			used[i] = true
			ok = true
		}
		for _, i := range globs {
			if m, _ := path.Match(pats[i], name); m {
				used[i] = true
				ok = true
			}
		}
		return ok
	}
	q := &Plan{params: p.params, blocks: p.blocks}
	inP := make(map[string]bool, len(p.names))
	for _, n := range p.names {
		inP[n] = true
	}
	q.selectAll(func(n string) bool { return inP[n] && keep(n) })
	for i, u := range used {
		if !u {
			return nil, fmt.Errorf("plan pattern %q matches no feature", pats[i])
		}
	}
	return q, nil
}

// NamesForTypes returns the names of the plan's features that are defined
// for a pair whose A has type ta and B type tb (the others are always NaN
// for such a pair).
func (p *Plan) NamesForTypes(ta, tb pairs.VarType) []string {
	var out []string
	for _, sb := range p.sel {
		b := sb.b
		for gi, g := range b.groups() {
			ok := false
			switch g {
			case prefAB:
				ok = b.applies(ta, tb)
			case prefBA:
				ok = b.applies(tb, ta)
			case prefD:
				if b.scope == scopeDir {
					ok = b.applies(ta, tb) && b.applies(tb, ta)
				} else {
					ok = b.applies(ta, tb)
				}
			case prefA:
				ok = b.applies(ta, tb)
			case prefB:
				ok = b.applies(tb, ta)
			case prefAmB:
				ok = b.applies(ta, tb) && b.applies(tb, ta)
			default:
				ok = b.applies(ta, tb)
			}
			if !ok {
				continue
			}
			for _, pos := range sb.pos[gi] {
				if pos >= 0 {
					out = append(out, p.names[pos])
				}
			}
		}
	}
	return orderByPos(out, p.names)
}

// orderByPos sorts a subset of names into their order in all.
func orderByPos(sub, all []string) []string {
	idx := make(map[string]int, len(all))
	for i, n := range all {
		idx[n] = i
	}
	keep := make([]bool, len(all))
	for _, n := range sub {
		keep[idx[n]] = true
	}
	out := make([]string, 0, len(sub))
	for i, n := range all {
		if keep[i] {
			out = append(out, n)
		}
	}
	return out
}

// NamesForTypes lists the default plan's features defined for the types.
func NamesForTypes(ta, tb pairs.VarType) []string { return Default().NamesForTypes(ta, tb) }

// nan is a float32 NaN.
var nan = float32(math.NaN())

// toF32 converts a computed value to a feature value: non-finite results
// (and float32 overflows) become NaN; bad reports whether v was ±Inf or
// overflowed (NaN inputs are not counted: they mean "does not apply").
func toF32(v float64) (f float32, bad bool) {
	f = float32(v)
	if math.IsInf(float64(f), 0) {
		return nan, true
	}
	return f, false
}

// sub32 returns a - b, NaN when not finite. a - b and b - a are exact
// negations of each other, so differences are exactly antisymmetric.
func sub32(a, b float32) float32 {
	d := a - b
	if math.IsInf(float64(d), 0) {
		return nan
	}
	return d
}
