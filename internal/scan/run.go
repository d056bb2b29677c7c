package scan

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// DefaultMinRows is the default least number of rows with both columns
// present for a pair to be scored.
const DefaultMinRows = 20

// Pair is one pair to score with the caches of its two variables: pairs
// with the same column and the same rows share that column's cache.
type Pair struct {
	pairs.Pair
	Vars [2]*plan.VarCache
}

// Scorer scores pairs: one score per pair, positive when A causes B.
type Scorer interface {
	Score(ps []Pair) ([]float64, error)
}

// Result is the outcome of one pair: its score, or why it was skipped.
type Result struct {
	A, B         string
	TypeA, TypeB pairs.VarType
	// Rows is the number of rows where both columns are present.
	Rows  int
	Score float64
	// Skipped is the reason the pair was not scored ("" when scored).
	Skipped string
}

// Options control Run.
type Options struct {
	// MinRows is the least number of rows with both columns present
	// (0: DefaultMinRows).
	MinRows int
	// Batch is the number of pairs scored together (>= 1).
	Batch int
	// OnSkip, if not nil, is called for each skipped pair (to count it on
	// a progress bar with the scored ones).
	OnSkip func()
}

// Run scores the jobs in batches and returns one result per job, in job
// order. A job whose column has a Problem, with fewer than MinRows rows
// with both present, or constant on those rows, is skipped with the reason.
func Run(t *table.Table, jobs []Job, s Scorer, opt Options) ([]Result, error) {
	minRows := opt.MinRows
	if minRows <= 0 {
		minRows = DefaultMinRows
	}
	batch := max(opt.Batch, 1)
	out := make([]Result, len(jobs))
	caches := newCacheSet(t, jobs)
	var idx []int
	var ps []Pair
	flush := func() error {
		if len(ps) == 0 {
			return nil
		}
		sc, err := s.Score(ps)
		if err != nil {
			return err
		}
		for k, i := range idx {
			out[i].Score = sc[k]
			caches.release(i)
		}
		idx, ps = idx[:0], ps[:0]
		return nil
	}
	for i, j := range jobs {
		ca, cb := t.Columns[j.A], t.Columns[j.B]
		r := Result{A: ca.Name, B: cb.Name, TypeA: ca.Type, TypeB: cb.Type}
		p, reason := cut(t, j, minRows)
		r.Rows, r.Skipped = len(p.A), reason
		out[i] = r
		if reason == "" {
			idx = append(idx, i)
			ps = append(ps, Pair{Pair: p, Vars: caches.get(i)})
		} else {
			caches.release(i)
			if opt.OnSkip != nil {
				opt.OnSkip()
			}
		}
		if len(ps) == batch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// cut returns the pair of a job and why it cannot be scored ("" if it can).
func cut(t *table.Table, j Job, minRows int) (pairs.Pair, string) {
	for _, c := range []int{j.A, j.B} {
		if p := t.Columns[c].Problem(); p != "" {
			return pairs.Pair{}, fmt.Sprintf("column %q: %s", t.Columns[c].Name, p)
		}
	}
	p := t.Pair(t.Columns[j.A].Name+"|"+t.Columns[j.B].Name, j.A, j.B)
	if len(p.A) < minRows {
		return p, fmt.Sprintf("%d rows with both present, fewer than --min-rows %d", len(p.A), minRows)
	}
	for k, x := range [][]float64{p.A, p.B} {
		if constant(x) {
			return p, fmt.Sprintf("column %q is constant on the %d rows with both present", t.Columns[[]int{j.A, j.B}[k]].Name, len(x))
		}
	}
	return p, ""
}

func constant(x []float64) bool {
	for _, v := range x[1:] {
		if v != x[0] {
			return false
		}
	}
	return true
}

// Split separates the scored results, sorted by Sort, from the skipped
// ones (in job order).
func Split(rs []Result) (scored, skipped []Result) {
	for _, r := range rs {
		if r.Skipped == "" {
			scored = append(scored, r)
		} else {
			skipped = append(skipped, r)
		}
	}
	Sort(scored)
	return scored, skipped
}

// Sort orders results by |score| descending, then by A and B names, so
// the order depends only on the results themselves (shards merge into the
// same order).
func Sort(rs []Result) {
	slices.SortStableFunc(rs, func(x, y Result) int { return compare(x.Score, y.Score, x.A, y.A, x.B, y.B) })
}

func compare(sx, sy float64, ax, ay, bx, by string) int {
	if ax, ay := math.Abs(sx), math.Abs(sy); ax != ay {
		if ax > ay {
			return -1
		}
		return 1
	}
	if c := strings.Compare(ax, ay); c != 0 {
		return c
	}
	return strings.Compare(bx, by)
}

// Direction names the direction of a score: "A->B" above the threshold,
// "B->A" below minus the threshold, "none" otherwise.
func Direction(score, threshold float64) string {
	switch {
	case score > threshold:
		return "A->B"
	case score < -threshold:
		return "B->A"
	}
	return "none"
}
