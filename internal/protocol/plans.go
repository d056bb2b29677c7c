package protocol

import (
	"fmt"
	"regexp"
	"sort"
)

// planRules are the protocol's feature plans, as rules over feature names:
// full (every feature), runnerup (the runner-up's measures: the in-sample
// fits and the type indicators), winner (the winner's families: no
// out-of-fold fits, no classical direction scores, no in-sample measures of
// the runner-up) and classical (the classical direction scores and the type
// indicators).
var planRules = map[string]struct{ keep, drop *regexp.Regexp }{
	"full":      {},
	"runnerup":  {keep: regexp.MustCompile(`\.it\.|^meta\.`)},
	"winner":    {drop: regexp.MustCompile(`\.oof\.|^D\.dir\.|\.it\.`)},
	"classical": {keep: regexp.MustCompile(`^D\.dir\.|^meta\.`)},
}

// PlanNames lists the protocol's feature plans.
func PlanNames() []string {
	var out []string
	for k := range planRules {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// PlanColumns returns the features of names the named plan keeps, in
// order (nil for full: every feature).
func PlanColumns(plan string, names []string) ([]string, error) {
	r, ok := planRules[plan]
	if !ok {
		return nil, fmt.Errorf("protocol: no plan %q (plans: %v)", plan, PlanNames())
	}
	if r.keep == nil && r.drop == nil {
		return nil, nil
	}
	var out []string
	for _, n := range names {
		if (r.keep == nil || r.keep.MatchString(n)) && (r.drop == nil || !r.drop.MatchString(n)) {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("protocol: plan %s keeps none of the %d features", plan, len(names))
	}
	return out, nil
}
