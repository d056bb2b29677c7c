package stack

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/causal-tool/causal/internal/workpool"
)

// groupIndex returns the distinct groups of d, sorted, and the pairs of each.
func groupIndex(d Data) ([]string, map[string][]int) {
	by := map[string][]int{}
	for i, g := range d.Group {
		by[g] = append(by[g], i)
	}
	names := make([]string, 0, len(by))
	for g := range by {
		names = append(names, g)
	}
	sort.Strings(names)
	return names, by
}

// without returns the indices of d's pairs outside group g.
func without(d Data, g string) []int {
	var idx []int
	for i, h := range d.Group {
		if h != g {
			idx = append(idx, i)
		}
	}
	return idx
}

// ErrFewGroups is returned when leave-one-group-out needs more groups.
var ErrFewGroups = errors.New("stack: leave-one-group-out needs at least 3 groups")

// SelectLambda returns the lambda of grid with the lowest weighted
// log-loss under leave-one-group-out on d (the first on ties), and the
// loss of each. Each held-out group's log-loss counts with its pairs'
// weights. With folds > 0 (and fewer than the groups) whole groups are
// held out folds at a time instead, the i-th group in sorted order in fold
// i mod folds: the cheaper grouped k-fold.
func SelectLambda(sp Spec, d Data, grid []float64, folds, workers int) (float64, []float64, error) {
	if err := sp.Check(); err != nil {
		return 0, nil, err
	}
	if err := d.check(sp); err != nil {
		return 0, nil, err
	}
	return selectLambda(sp, d, grid, folds, workers)
}

// selectLambda is SelectLambda on a checked spec and data.
func selectLambda(sp Spec, d Data, grid []float64, folds, workers int) (float64, []float64, error) {
	names, _ := groupIndex(d)
	if len(names) < 3 {
		return 0, nil, ErrFewGroups
	}
	nf := len(names)
	if folds > 0 && folds < nf {
		nf = max(folds, 2)
	}
	fold := make(map[string]int, len(names))
	for i, g := range names {
		fold[g] = i % nf
	}
	if len(grid) == 0 {
		return 0, nil, errors.New("stack: empty lambda grid")
	}
	losses := make([]float64, len(grid))
	part := make([][]float64, len(grid))
	for l := range grid {
		part[l] = make([]float64, nf)
	}
	// Per held-out group, the penalties from the largest down, each fit
	// starting from the previous one's coefficients.
	order := make([]int, len(grid))
	for l := range order {
		order[l] = l
	}
	sort.SliceStable(order, func(a, b int) bool { return grid[order[a]] > grid[order[b]] })
	err := parallel(nf, workers, func(gi int) error {
		var in, out []int
		for i, g := range d.Group {
			if fold[g] == gi {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		train := d.subset(in)
		held := d.subset(out).directed()
		var w float64
		for _, v := range held.W {
			w += v
		}
		var prev []float64
		for _, l := range order {
			s, err := fit(sp, train, grid[l], "", "", prev)
			if err != nil {
				return err
			}
			prev = prev[:0]
			for _, c := range s.Coef {
				prev = append(prev, c...)
			}
			if w > 0 {
				part[l][gi] = LogLoss(s, held) * w
			}
		}
		return nil
	})
	if err != nil {
		return 0, nil, err
	}
	best := 0
	for l := range grid {
		for _, v := range part[l] {
			losses[l] += v
		}
		if losses[l] < losses[best] {
			best = l
		}
	}
	return grid[best], losses, nil
}

// Fold is one outer fold of CrossValidate: the held-out group and the
// lambda chosen on the other groups.
type Fold struct {
	Group  string
	Lambda float64
}

// CrossValidate scores every pair of d by a stack fitted on the other
// groups, its lambda chosen from grid by SelectLambda on those groups only
// (nested: leave-one-group-out outside, and inside too unless innerFolds >
// 0 asks for grouped k-fold there). It returns the out-of-fold scores, in
// d's order, and the folds.
func CrossValidate(sp Spec, d Data, grid []float64, innerFolds, workers int) ([]float64, []Fold, error) {
	if err := sp.Check(); err != nil {
		return nil, nil, err
	}
	if err := d.check(sp); err != nil {
		return nil, nil, err
	}
	names, by := groupIndex(d)
	if len(names) < 4 {
		return nil, nil, fmt.Errorf("%w (4 for nested selection), have %d", ErrFewGroups, len(names))
	}
	scores := make([]float64, d.Len())
	folds := make([]Fold, len(names))
	for gi, g := range names {
		train := d.subset(without(d, g))
		lambda, _, err := selectLambda(sp, train, grid, innerFolds, workers)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %s: %w", g, err)
		}
		s, err := fit(sp, train, lambda, "", "", nil)
		if err != nil {
			return nil, nil, fmt.Errorf("fold %s: %w", g, err)
		}
		for _, i := range by[g] {
			scores[i] = s.Score(d.X[i], d.G[i])
		}
		folds[gi] = Fold{Group: g, Lambda: lambda}
	}
	return scores, folds, nil
}

// parallel runs task(0..n-1) on up to workers goroutines and returns the
// errors by task index.
func parallel(n, workers int, task func(int) error) error {
	errs := make([]error, n)
	workpool.Each(context.Background(), n, workers, func(t int) { errs[t] = task(t) })
	return errors.Join(errs...)
}

// isFinite reports whether v is a finite number.
func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
