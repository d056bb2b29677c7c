package infotheory

import "slices"

// cell is one non-empty cell of a contingency table.
type cell struct{ a, b, n int }

// jointCells returns the non-empty cells of the table of (dx, dy) codes,
// ordered by a then b: from a dense table when it is small, else by sorting
// the combined codes.
func jointCells(dx, dy dvar) []cell {
	n := len(dx.codes)
	kb := dy.k
	var cells []cell
	if dx.k*kb <= 4*n+1024 {
		table := make([]int, dx.k*kb)
		for i, a := range dx.codes {
			table[a*kb+dy.codes[i]]++
		}
		for j, c := range table {
			if c > 0 {
				cells = append(cells, cell{j / kb, j % kb, c})
			}
		}
		return cells
	}
	keys := make([]int, n)
	for i, a := range dx.codes {
		keys[i] = a*kb + dy.codes[i]
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			cells = append(cells, cell{k / kb, k % kb, 0})
		}
		cells[len(cells)-1].n++
	}
	return cells
}

// cellCounts returns the counts of the cells, sorted so that sums over them
// do not depend on which variable comes first.
func cellCounts(cells []cell) []int {
	c := make([]int, len(cells))
	for i, e := range cells {
		c[i] = e.n
	}
	slices.Sort(c)
	return c
}

// errorProbability is jarfo's normalized error probability of predicting b
// from a: (1 - Σ_a max_b p(a,b)) / (1 - max_b p(b)), or the numerator alone
// when the denominator is 0. With predictB false the roles of a and b are
// swapped (predict a from b).
func errorProbability(cells []cell, ka, kb, n int, predictB bool) float64 {
	best := make([]int, ka)
	marg := make([]int, kb)
	if !predictB {
		best = make([]int, kb)
		marg = make([]int, ka)
	}
	for _, e := range cells {
		from, to := e.a, e.b
		if !predictB {
			from, to = e.b, e.a
		}
		best[from] = max(best[from], e.n)
		marg[to] += e.n
	}
	hit, top := 0, 0
	for _, v := range best {
		hit += v
	}
	for _, v := range marg {
		top = max(top, v)
	}
	perr := 1 - float64(hit)/float64(n)
	maxErr := 1 - float64(top)/float64(n)
	if maxErr > 0 {
		return perr / maxErr
	}
	return perr
}
