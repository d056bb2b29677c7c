package pairmodel

import (
	"errors"
	"fmt"
	"sort"

	"github.com/causal-tool/causal/featurizers/plan"
)

// errNoGain is SelectTop's error when no feature was split on.
var errNoGain = errors.New("the first model made no split, so no feature has any gain")

// SelectTop returns the names of the k features of highest gain (gain is
// indexed like names; features without gain are never kept) together with
// their mirror partners when mirror is not nil, in the order of names, so
// that a model retrained on them keeps antisymmetric scores. Ties keep the
// earlier feature.
func SelectTop(gain []float64, names []string, mirror *plan.MirrorMap, k int) ([]string, error) {
	order := make([]int, len(gain))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return gain[order[a]] > gain[order[b]] })
	keep := map[string]bool{}
	for _, c := range order[:min(k, len(order))] {
		if gain[c] <= 0 {
			break
		}
		keep[names[c]] = true
		if mirror != nil {
			j, _ := mirror.Source(c)
			keep[names[j]] = true
		}
	}
	if len(keep) == 0 {
		return nil, errNoGain
	}
	var out []string
	for _, n := range names {
		if keep[n] {
			out = append(out, n)
		}
	}
	return out, nil
}

// CostSelection is what SelectByCost kept: the features, and the units and
// estimated CPU milliseconds per pair before and after.
type CostSelection struct {
	Names               []string
	Units, OfUnits      int
	CostMs, OfCostMs    float64
	GainKept, GainTotal float64
}

// SelectByCost keeps, of the features names (with their gains, indexed
// alike), those of the computation units (plan.Units: a learner block's fit
// mode, or a block) whose summed gain per estimated CPU cost
// (plan.UnitCosts) ranks highest, taking units in that order while their
// summed cost stays within frac of all the units' cost (a unit that does not
// fit is passed over for cheaper ones; the best unit is always kept). A
// feature and its mirror partner share their unit, so mirror-complete names
// stay mirror-complete. Ties keep the unit met first in names.
func SelectByCost(names []string, gain []float64, frac float64) (*CostSelection, error) {
	if !(frac > 0 && frac <= 1) {
		return nil, fmt.Errorf("cost fraction %v not in (0, 1]", frac)
	}
	costs, err := plan.UnitCosts()
	if err != nil {
		return nil, err
	}
	units, err := plan.Default().Units(names)
	if err != nil {
		return nil, fmt.Errorf("cost-aware selection needs causal's feature names: %w", err)
	}
	idx := map[string]int{}
	var order []string
	ugain := []float64{}
	for i, u := range units {
		k, ok := idx[u]
		if !ok {
			if _, priced := costs[u]; !priced {
				return nil, fmt.Errorf("the cost table has no unit %q (featurizers/plan/costs.tsv is older than the plan: run make costs)", u)
			}
			k = len(order)
			idx[u] = k
			order = append(order, u)
			ugain = append(ugain, 0)
		}
		ugain[k] += max(gain[i], 0)
	}
	// A unit's cost is floored at a microsecond, so free units rank by gain.
	cost := func(k int) float64 { return max(costs[order[k]], 1e-3) }
	rank := make([]int, len(order))
	sel := &CostSelection{OfUnits: len(order)}
	for k := range rank {
		rank[k] = k
		sel.OfCostMs += cost(k)
		sel.GainTotal += ugain[k]
	}
	sort.SliceStable(rank, func(a, b int) bool { return ugain[rank[a]]/cost(rank[a]) > ugain[rank[b]]/cost(rank[b]) })
	keep := make([]bool, len(order))
	budget := frac * sel.OfCostMs
	for i, k := range rank {
		if i == 0 || sel.CostMs+cost(k) <= budget {
			keep[k] = true
			sel.CostMs += cost(k)
			sel.GainKept += ugain[k]
			sel.Units++
		}
	}
	for i, n := range names {
		if keep[idx[units[i]]] {
			sel.Names = append(sel.Names, n)
		}
	}
	return sel, nil
}
