package scan

import (
	"context"
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
	// Score stops with ctx's error when ctx is done.
	Score(ctx context.Context, ps []Pair) ([]float64, error)
}

// Result is the outcome of one pair: its score, or why it was skipped.
type Result struct {
	A, B         string
	TypeA, TypeB pairs.VarType
	// Rows is the number of rows where both columns are present.
	Rows  int
	Score float64
	// Interval summarizes the resample scores (nil without --bootstrap).
	Interval *Interval
	// Direction is the verdict on the pair (see Decide): "A->B", "B->A",
	// "none" or "uncertain".
	Direction string
	// Prior says how prior knowledge changed or fixed Direction ("" when
	// it did not).
	Prior string
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
	// Bootstrap is the number of half-sample resamples each scored pair is
	// rescored on (0: none); Seed seeds them.
	Bootstrap int
	Seed      uint64
	// OnSkip, if not nil, is called for each skipped pair (to count it on
	// a progress bar with the scored ones).
	OnSkip func()
}

// task is one scoring of a job: on all its rows (resample 0) or on
// resample b.
type task struct{ job, resample int }

// Run scores the jobs in batches and returns one result per job, in job
// order, with the Interval of its resample scores when opt.Bootstrap > 0.
// A job whose column has a Problem, with fewer than MinRows rows with both
// present, or constant on those rows, is skipped with the reason; a
// resample with fewer than 3 rows or a constant column is left out of the
// Interval. The results are the same for any batch size. Run stops with
// ctx's error when ctx is done.
func Run(ctx context.Context, t *table.Table, jobs []Job, s Scorer, opt Options) ([]Result, error) {
	minRows := opt.MinRows
	if minRows <= 0 {
		minRows = DefaultMinRows
	}
	out := make([]Result, len(jobs))
	var tasks []task
	for i, j := range jobs {
		ca, cb := t.Columns[j.A], t.Columns[j.B]
		p, reason := cut(t, j, minRows, nil)
		out[i] = Result{A: ca.Name, B: cb.Name, TypeA: ca.Type, TypeB: cb.Type, Rows: len(p.A), Skipped: reason}
		if reason == "" {
			tasks = append(tasks, task{i, 0})
		} else if opt.OnSkip != nil {
			opt.OnSkip()
		}
	}
	scored := len(tasks)
	for b := range opt.Bootstrap {
		for _, tk := range tasks[:scored] {
			tasks = append(tasks, task{tk.job, b + 1})
		}
	}
	rs := newResamples(t, opt.Bootstrap, opt.Seed)
	scores, err := runTasks(ctx, t, jobs, tasks, rs, s, max(opt.Batch, 1))
	if err != nil {
		return nil, err
	}
	boot := make([][]float64, len(jobs))
	for k, tk := range tasks {
		if tk.resample == 0 {
			out[tk.job].Score = scores[k]
		} else {
			boot[tk.job] = append(boot[tk.job], scores[k])
		}
	}
	if opt.Bootstrap > 0 {
		for _, tk := range tasks[:scored] {
			iv := summarize(out[tk.job].Score, boot[tk.job])
			out[tk.job].Interval = &iv
		}
	}
	return out, nil
}

// runTasks scores the tasks in batches, NaN for a resample that cannot be
// scored.
func runTasks(ctx context.Context, t *table.Table, jobs []Job, tasks []task, rs *resamples, s Scorer, batch int) ([]float64, error) {
	scores := make([]float64, len(tasks))
	caches := newCacheSet(t, jobs, tasks, rs)
	var idx []int
	var ps []Pair
	flush := func() error {
		if len(ps) == 0 {
			return nil
		}
		sc, err := s.Score(ctx, ps)
		if err != nil {
			return err
		}
		for k, i := range idx {
			scores[i] = sc[k]
			caches.release(i)
		}
		idx, ps = idx[:0], ps[:0]
		return nil
	}
	for i, tk := range tasks {
		var keep []bool
		if tk.resample > 0 {
			keep = rs.keep[tk.resample-1]
		}
		p, reason := cut(t, jobs[tk.job], 3, keep)
		if reason != "" {
			scores[i] = math.NaN()
			caches.release(i)
			continue
		}
		idx = append(idx, i)
		ps = append(ps, Pair{Pair: p, Vars: caches.get(i)})
		if len(ps) == batch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	return scores, flush()
}

// cut returns the pair of a job, on the rows keep keeps (all when nil),
// and why it cannot be scored ("" if it can).
func cut(t *table.Table, j Job, minRows int, keep []bool) (pairs.Pair, string) {
	for _, c := range []int{j.A, j.B} {
		if p := t.Columns[c].Problem(); p != "" {
			return pairs.Pair{}, fmt.Sprintf("column %q: %s", t.Columns[c].Name, p)
		}
	}
	p := t.Pair(t.Columns[j.A].Name+"|"+t.Columns[j.B].Name, j.A, j.B)
	if keep != nil {
		p = t.PairKept(p.ID, j.A, j.B, keep)
	}
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
