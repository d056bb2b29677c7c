package gbdt

import "sync"

// A histogram holds, for each bin of each of the tree's features, the sum
// of gradients, the sum of hessians and the row count, interleaved: bin b
// of the tree's j-th feature is at 3*(offs[j]+b).

// parallelFor splits [0, n) into `workers` contiguous chunks and runs fn on
// each in its own goroutine. Results must not depend on the chunking.
// fn's first argument is the worker's number, in [0, workers).
func parallelFor(n, workers int, fn func(w, lo, hi int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Go(func() { fn(w, lo, hi) })
	}
	wg.Wait()
}

// histRows accumulates the rows idx (with ordered gradients g, h:
// g[i] belongs to row idx[i]) of one feature column into hist.
func histRows(hist []float64, col []uint8, idx []int32, g, h []float64) {
	g = g[:len(idx)]
	h = h[:len(idx)]
	for i, r := range idx {
		b := int(col[r]) * 3
		e := hist[b : b+3 : b+3]
		e[0] += g[i]
		e[1] += h[i]
		e[2]++
	}
}

// histAll accumulates every row of a feature column into hist.
func histAll(hist []float64, col []uint8, g, h []float64) {
	g = g[:len(col)]
	h = h[:len(col)]
	for i, c := range col {
		b := int(c) * 3
		e := hist[b : b+3 : b+3]
		e[0] += g[i]
		e[1] += h[i]
		e[2]++
	}
}
