package gbdt

import (
	"sync"
	"sync/atomic"
)

// A histogram holds, for each bin of each of the tree's features, the sum
// of gradients, the sum of hessians and the row count, interleaved: bin b
// of the tree's j-th feature is at 3*(offs[j]+b).

// parallelFor runs fn over [0, n) with `workers` goroutines that take
// chunks of about n/(8*workers) indices (a multiple of `group`) from a
// shared counter, so that a descheduled goroutine does not hold the others
// up. fn's first argument is the worker's number, in [0, workers). Results
// must not depend on the chunking.
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
	chunk := max(group, (n/(8*workers)+group-1)/group*group)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for {
				lo := int(next.Add(int64(chunk))) - chunk
				if lo >= n {
					return
				}
				fn(w, lo, min(lo+chunk, n))
			}
		})
	}
	wg.Wait()
}

// histRows accumulates the rows idx (with ordered gradients g, h:
// g[i] belongs to row idx[i]) of one feature column into hist.
func histRows(hist []float64, col colBins, idx []int32, g, h []float64) {
	g = g[:len(idx)]
	h = h[:len(idx)]
	lo, hi, n := col.lo, col.hi, int32(col.n)
	for i, r := range idx {
		var c uint8
		if r < n {
			c = lo[r]
		} else {
			c = hi[r-n]
		}
		b := int(c) * 3
		e := hist[b : b+3 : b+3]
		e[0] += g[i]
		e[1] += h[i]
		e[2]++
	}
}

// histAll accumulates every row of a feature column into hist, in row
// order.
func histAll(hist []float64, col colBins, g, h []float64) {
	histSpan(hist, col.lo, g[:len(col.lo)], h[:len(col.lo)])
	if col.hi != nil {
		histSpan(hist, col.hi, g[col.n:col.n+len(col.hi)], h[col.n:col.n+len(col.hi)])
	}
}

// histSpan accumulates consecutive rows: bins[i] with gradients g[i], h[i].
func histSpan(hist []float64, bins []uint8, g, h []float64) {
	g = g[:len(bins)]
	h = h[:len(bins)]
	for i, c := range bins {
		b := int(c) * 3
		e := hist[b : b+3 : b+3]
		e[0] += g[i]
		e[1] += h[i]
		e[2]++
	}
}

// histRows4 is histRows for four features at once: one pass over the rows
// with four independent update streams. The four columns are of one
// dataset (one split point n).
func histRows4(hs *[4][]float64, cols *[4]colBins, idx []int32, g, h []float64) {
	h0, h1, h2, h3 := hs[0], hs[1], hs[2], hs[3]
	l0, l1, l2, l3 := cols[0].lo, cols[1].lo, cols[2].lo, cols[3].lo
	u0, u1, u2, u3 := cols[0].hi, cols[1].hi, cols[2].hi, cols[3].hi
	n := int32(cols[0].n)
	g = g[:len(idx)]
	h = h[:len(idx)]
	for i, r := range idx {
		gi, hi := g[i], h[i]
		var b0, b1, b2, b3 int
		if r < n {
			b0, b1, b2, b3 = int(l0[r])*3, int(l1[r])*3, int(l2[r])*3, int(l3[r])*3
		} else {
			m := r - n
			b0, b1, b2, b3 = int(u0[m])*3, int(u1[m])*3, int(u2[m])*3, int(u3[m])*3
		}
		e0 := h0[b0 : b0+3 : b0+3]
		e1 := h1[b1 : b1+3 : b1+3]
		e2 := h2[b2 : b2+3 : b2+3]
		e3 := h3[b3 : b3+3 : b3+3]
		e0[0] += gi
		e0[1] += hi
		e0[2]++
		e1[0] += gi
		e1[1] += hi
		e1[2]++
		e2[0] += gi
		e2[1] += hi
		e2[2]++
		e3[0] += gi
		e3[1] += hi
		e3[2]++
	}
}

// histAll4 is histAll for four features at once, in row order.
func histAll4(hs *[4][]float64, cols *[4]colBins, g, h []float64) {
	n := len(cols[0].lo)
	histSpan4(hs, [4][]uint8{cols[0].lo, cols[1].lo, cols[2].lo, cols[3].lo}, g[:n], h[:n])
	if cols[0].hi != nil {
		m := len(cols[0].hi)
		histSpan4(hs, [4][]uint8{cols[0].hi, cols[1].hi, cols[2].hi, cols[3].hi}, g[n:n+m], h[n:n+m])
	}
}

// histSpan4 is histSpan for four features at once.
func histSpan4(hs *[4][]float64, cols [4][]uint8, g, h []float64) {
	h0, h1, h2, h3 := hs[0], hs[1], hs[2], hs[3]
	n := len(cols[0])
	c0, c1, c2, c3 := cols[0][:n], cols[1][:n], cols[2][:n], cols[3][:n]
	g = g[:n]
	h = h[:n]
	for i := range n {
		gi, hi := g[i], h[i]
		b0, b1, b2, b3 := int(c0[i])*3, int(c1[i])*3, int(c2[i])*3, int(c3[i])*3
		e0 := h0[b0 : b0+3 : b0+3]
		e1 := h1[b1 : b1+3 : b1+3]
		e2 := h2[b2 : b2+3 : b2+3]
		e3 := h3[b3 : b3+3 : b3+3]
		e0[0] += gi
		e0[1] += hi
		e0[2]++
		e1[0] += gi
		e1[1] += hi
		e1[2]++
		e2[0] += gi
		e2[1] += hi
		e2[2]++
		e3[0] += gi
		e3[1] += hi
		e3[2]++
	}
}
