// Package prior holds what a user knows about the causal order of a
// table's columns before any data is scored: exogenous columns (nothing
// causes them), tiers (a later tier cannot cause an earlier one),
// identifier columns (not variables at all), and forbidden and required
// edges. Scan uses it to constrain a pair's direction; a graph search can
// use it to constrain edges. The knowledge never changes a score: it
// decides which directions are allowed.
package prior

import (
	"fmt"
	"slices"
	"strings"
)

// Edge is a directed edge, Cause -> Effect, by column name.
type Edge struct{ Cause, Effect string }

// String writes the edge as "cause->effect".
func (e Edge) String() string { return e.Cause + "->" + e.Effect }

// Knowledge is the prior knowledge about a table's columns. The zero value
// knows nothing and allows every edge.
type Knowledge struct {
	// Exogenous columns have no cause among the columns.
	Exogenous map[string]bool
	// Tier maps a column to its tier (0 first): a column cannot cause one
	// in an earlier tier. Columns without a tier are unconstrained.
	Tier map[string]int
	// ID columns are identifiers, not variables: they are not scored.
	ID map[string]bool
	// Forbidden edges cannot exist; Required edges must (a required edge
	// also forbids its reverse).
	Forbidden map[Edge]bool
	Required  map[Edge]bool
}

// Empty reports whether k holds no knowledge.
func (k *Knowledge) Empty() bool {
	return k == nil || len(k.Exogenous)+len(k.Tier)+len(k.ID)+len(k.Forbidden)+len(k.Required) == 0
}

// Allowed reports whether cause -> effect is allowed, and if not, why.
func (k *Knowledge) Allowed(cause, effect string) (bool, string) {
	if k == nil {
		return true, ""
	}
	e := Edge{cause, effect}
	switch {
	case k.Required[e]:
		return true, ""
	case k.Required[Edge{effect, cause}]:
		return false, fmt.Sprintf("%s is required", Edge{effect, cause})
	case k.Forbidden[e]:
		return false, fmt.Sprintf("%s is forbidden", e)
	case k.Exogenous[effect]:
		return false, fmt.Sprintf("%q is exogenous", effect)
	}
	tc, okc := k.Tier[cause]
	te, oke := k.Tier[effect]
	if okc && oke && tc > te {
		return false, fmt.Sprintf("%q (tier %d) comes after %q (tier %d)", cause, tc+1, effect, te+1)
	}
	return true, ""
}

// Verdict is what the knowledge says about the pair A, B.
type Verdict int

// The verdicts on a pair A, B.
const (
	// Either direction is allowed.
	Either Verdict = iota
	// OnlyAB allows A -> B only.
	OnlyAB
	// OnlyBA allows B -> A only.
	OnlyBA
	// Neither direction is allowed: the pair has no edge.
	Neither
)

// Judge returns the verdict on the pair a, b with the reason of the
// constraint ("" when Either), and whether an edge between them is
// required.
func (k *Knowledge) Judge(a, b string) (v Verdict, reason string, required bool) {
	ab, whyAB := k.Allowed(a, b)
	ba, whyBA := k.Allowed(b, a)
	if k != nil {
		required = k.Required[Edge{a, b}] || k.Required[Edge{b, a}]
	}
	switch {
	case ab && ba:
		return Either, "", required
	case ab:
		return OnlyAB, whyBA, required
	case ba:
		return OnlyBA, whyAB, required
	}
	return Neither, whyAB + "; " + whyBA, required
}

// Check verifies that every column the knowledge names is one of columns
// and that it does not contradict itself (a required edge that is
// forbidden, by an edge list, exogeneity or tiers; an identifier in an
// edge or tier).
func (k *Knowledge) Check(columns []string) error {
	if k == nil {
		return nil
	}
	have := map[string]bool{}
	for _, c := range columns {
		have[c] = true
	}
	var errs []string
	unknown := func(what, name string) {
		if !have[name] {
			errs = append(errs, fmt.Sprintf("%s names %q, not a column", what, name))
		}
	}
	for _, c := range sortedKeys(k.Exogenous) {
		unknown("--exogenous", c)
	}
	for _, c := range sortedKeys(k.ID) {
		unknown("--id", c)
	}
	for _, c := range sortedKeys(k.Tier) {
		unknown("tiers", c)
	}
	for _, set := range []struct {
		flag  string
		edges map[Edge]bool
	}{{"--forbid", k.Forbidden}, {"--require", k.Required}} {
		for _, e := range sortedEdges(set.edges) {
			unknown(set.flag, e.Cause)
			unknown(set.flag, e.Effect)
			if k.ID[e.Cause] || k.ID[e.Effect] {
				errs = append(errs, fmt.Sprintf("%s edge %s uses an --id column", set.flag, e))
			}
		}
	}
	for _, e := range sortedEdges(k.Required) {
		if k.Forbidden[e] {
			errs = append(errs, fmt.Sprintf("edge %s is both required and forbidden", e))
		} else if ok, why := k.withoutRequired().Allowed(e.Cause, e.Effect); !ok {
			errs = append(errs, fmt.Sprintf("required edge %s is not allowed: %s", e, why))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("prior knowledge: %s", strings.Join(errs, "; "))
	}
	return nil
}

// withoutRequired is k with no required edges, to check them against the
// rest.
func (k *Knowledge) withoutRequired() *Knowledge {
	c := *k
	c.Required = nil
	return &c
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

func sortedEdges(m map[Edge]bool) []Edge {
	out := make([]Edge, 0, len(m))
	for e := range m {
		out = append(out, e)
	}
	slices.SortFunc(out, func(x, y Edge) int {
		if c := strings.Compare(x.Cause, y.Cause); c != 0 {
			return c
		}
		return strings.Compare(x.Effect, y.Effect)
	})
	return out
}
