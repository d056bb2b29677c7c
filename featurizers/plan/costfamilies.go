package plan

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// costlyMethods are the published direction methods the family table
// shows on rows of their own: together they are most of a pair's cost.
var costlyMethods = map[string]bool{"dir.anm_gp": true, "dir.bqcd": true, "dir.loci": true, "dir.sloppy": true}

// CostFamily names the family a cost-table unit is summed under: the
// unit's block family ("regress", "classify", ...), with the four costly
// published direction methods apart and the other direction methods as
// "direction (other)".
func CostFamily(unit string) string {
	fam, rest, _ := strings.Cut(unit, "/")
	if fam != "direction" {
		return fam
	}
	method, _, _ := strings.Cut(rest, "/")
	if costlyMethods[method] {
		return method
	}
	return "direction (other)"
}

// FamilyCosts sums a cost table (unit → ms per pair) by CostFamily.
func FamilyCosts(costs map[string]float64) map[string]float64 {
	out := map[string]float64{}
	for u, ms := range costs {
		out[CostFamily(u)] += ms
	}
	return out
}

// WriteFamilyTable prints a cost table summed by family as a Markdown
// table, families by cost, most costly first: ms per pair and share of the
// total. With a second table (after, non-nil) it prints both side by side
// with the ratio after/before instead, ordered by the first.
func WriteFamilyTable(w io.Writer, before, after map[string]float64) error {
	fb, fa := FamilyCosts(before), FamilyCosts(after)
	fams := make([]string, 0, len(fb)+len(fa))
	seen := map[string]bool{}
	for _, m := range []map[string]float64{fb, fa} {
		for f := range m {
			if !seen[f] {
				seen[f] = true
				fams = append(fams, f)
			}
		}
	}
	sort.Slice(fams, func(i, j int) bool {
		if fb[fams[i]] != fb[fams[j]] {
			return fb[fams[i]] > fb[fams[j]]
		}
		return fams[i] < fams[j]
	})
	var tb, ta float64
	for _, f := range fams {
		tb, ta = tb+fb[f], ta+fa[f]
	}
	var b strings.Builder
	if after == nil {
		b.WriteString("| family | ms per pair | share |\n|---|---|---|\n")
		for _, f := range fams {
			fmt.Fprintf(&b, "| %s | %.1f | %.1f %% |\n", f, fb[f], 100*ratio(fb[f], tb))
		}
		fmt.Fprintf(&b, "| total | %.1f | |\n", tb)
	} else {
		b.WriteString("| family | before ms/pair | after ms/pair | after/before |\n|---|---|---|---|\n")
		for _, f := range fams {
			fmt.Fprintf(&b, "| %s | %.1f | %.1f | %.2f |\n", f, fb[f], fa[f], ratio(fa[f], fb[f]))
		}
		fmt.Fprintf(&b, "| total | %.1f | %.1f | %.2f |\n", tb, ta, ratio(ta, tb))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ratio is a/b, 0 when b is not positive.
func ratio(a, b float64) float64 {
	if b > 0 {
		return a / b
	}
	return 0
}
