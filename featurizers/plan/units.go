package plan

import (
	"bufio"
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/causal-tool/causal/pairs"
)

// A unit is what computing a feature costs: one fit mode (in-sample or
// out-of-fold) of a learner block, or a whole other block, in both
// directions. Its key names the block by family and first value name
// ("regress/xstd.ystd.knn20.oof", "group/grp.anova_f"); a feature and its
// mirror partner share their unit.
func unitKey(b *block, k int) string {
	fam := familyNames[b.fam]
	if isLearner(b) {
		w := len(b.names) / len(fitModes)
		name := b.names[(k/w)*w]
		// x<view>.y<view>.<learner>.<mode>.<score...>
		parts := strings.SplitN(name, ".", 5)
		return fam + "/" + strings.Join(parts[:4], ".")
	}
	return fam + "/" + b.names[0]
}

// isLearner reports whether b fits a learner in each fit mode.
func isLearner(b *block) bool { return b.fam == famRegress || b.fam == famClassify }

// Units returns the unit key of each of the named features of p.
func (p *Plan) Units(names []string) ([]string, error) {
	where := make(map[string]string, len(p.names))
	for _, sb := range p.sel {
		for gi, g := range sb.b.groups() {
			for k, n := range sb.b.names {
				if sb.pos[gi][k] >= 0 {
					where[g+n] = unitKey(sb.b, k)
				}
			}
		}
	}
	out := make([]string, len(names))
	for i, n := range names {
		u, ok := where[n]
		if !ok {
			return nil, fmt.Errorf("feature %q is not in the plan", n)
		}
		out[i] = u
	}
	return out, nil
}

// MeasureUnitCosts returns each unit's mean thread CPU time per pair, in
// milliseconds, over ps: its marginal cost, in both directions, once the
// views, learner inputs and folds that units share are computed (each pair
// is featurized once first, untimed; they are cached, block results are
// not), as when a model needs many units.
func (p *Plan) MeasureUnitCosts(ps []pairs.Pair) map[string]float64 {
	defer pinThread()()
	total := map[string]float64{}
	a, b := make([]float64, p.maxOut), make([]float64, p.maxOut)
	dst := make([]float32, len(p.names))
	for _, pr := range ps {
		c := newPairCtx(pr, p.params)
		for _, sb := range p.sel {
			p.runBlock(c, sb, a, b, dst, nil)
		}
		for _, sb := range p.sel {
			for _, u := range splitUnits(sb) {
				start, _ := threadClock()
				p.runBlock(c, u.sb, a, b, dst, nil)
				end, _ := threadClock()
				total[u.key] += float64(end-start) / 1e6
			}
		}
	}
	for k := range total {
		total[k] /= float64(max(len(ps), 1))
	}
	return total
}

// unitBlock is one unit of a selected block: the block restricted to the
// unit's values.
type unitBlock struct {
	key string
	sb  selBlock
}

// splitUnits returns the units of a selected block: one per fit mode of a
// learner block (the block with only that mode's values needed), else the
// block itself.
func splitUnits(sb selBlock) []unitBlock {
	if !isLearner(sb.b) || sb.b.scope != scopeDir {
		return []unitBlock{{unitKey(sb.b, 0), sb}}
	}
	n := len(sb.b.names)
	w := n / len(fitModes)
	var out []unitBlock
	for m := range fitModes {
		u := selBlock{b: sb.b, pos: make([][]int32, len(sb.pos))}
		mask := make([]bool, n)
		for k := m * w; k < (m+1)*w; k++ {
			mask[k] = true
		}
		for g := range sb.pos {
			u.pos[g] = make([]int32, n)
			for k := range n {
				u.pos[g][k] = -1
				if mask[k] {
					u.pos[g][k] = sb.pos[g][k]
				}
			}
		}
		u.need = [2][]bool{mask, mask}
		out = append(out, unitBlock{unitKey(sb.b, m*w), u})
	}
	return out
}

//go:embed costs.tsv
var costsTSV []byte

var (
	costsOnce sync.Once
	costs     map[string]float64
	costsErr  error
)

// UnitCosts returns the committed cost table (featurizers/plan/costs.tsv,
// written by `make costs`): each unit's estimated CPU milliseconds per pair.
// It is a fixed table, so that selections weighing cost are reproducible.
func UnitCosts() (map[string]float64, error) {
	costsOnce.Do(func() { costs, costsErr = ParseUnitCosts(costsTSV) })
	return costs, costsErr
}

// ParseUnitCosts reads a cost table: "unit<TAB>ms" lines after a header
// line, '#' lines ignored.
func ParseUnitCosts(data []byte) (map[string]float64, error) {
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if line == 1 || t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		k, v, ok := strings.Cut(t, "\t")
		ms, err := strconv.ParseFloat(v, 64)
		if !ok || err != nil || !(ms >= 0) {
			return nil, fmt.Errorf("cost table line %d: want unit<TAB>milliseconds, got %q", line, t)
		}
		out[k] = ms
	}
	return out, sc.Err()
}

// WriteUnitCosts formats a cost table for ParseUnitCosts, units sorted.
func WriteUnitCosts(c map[string]float64) []byte {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	b.WriteString("unit\tms_per_pair\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s\t%.4g\n", k, c[k])
	}
	return b.Bytes()
}
