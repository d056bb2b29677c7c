package pairmodel

import (
	"errors"
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
