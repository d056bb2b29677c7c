package stats

import (
	"math"
	"math/bits"
	"slices"
	"sync"
)

// SortFloats sorts x ascending in place (NaNs are not expected).
func SortFloats(x []float64) { slices.Sort(x) }

// uintPool recycles uint64 scratch slices.
var uintPool = sync.Pool{New: func() any { s := make([]uint64, 0, 2048); return &s }}

// floatKey maps a float64 to a uint64 whose unsigned order is the float's
// numeric order (NaNs excluded; -0 maps to +0).
func floatKey(f float64) uint64 {
	if f == 0 {
		f = 0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// argsortFloats writes into order the indices of x in ascending order of
// value (stable: ties keep index order) and into sorted the sorted values.
// It sorts plain uint64 keys made of the value's order-preserving bits with
// the low bits replaced by the index, then restores the exact order inside
// the (rare) runs whose truncated keys collide.
func argsortFloats(x []float64, order []int, sorted []float64) {
	n := len(x)
	shift := uint(bits.Len(uint(n)))
	mask := uint64(1)<<shift - 1
	kp := uintPool.Get().(*[]uint64)
	defer uintPool.Put(kp)
	if cap(*kp) < n {
		*kp = make([]uint64, n)
	}
	keys := (*kp)[:n]
	for i, v := range x {
		keys[i] = floatKey(v)&^mask | uint64(i)
	}
	slices.Sort(keys)
	for k, key := range keys {
		order[k] = int(key & mask)
	}
	for s := 0; s < n; {
		e := s + 1
		for e < n && keys[e]&^mask == keys[s]&^mask {
			e++
		}
		if e-s > 1 {
			fixRun(x, order[s:e])
		}
		s = e
	}
	for k, i := range order {
		sorted[k] = x[i]
	}
}

// fixRun orders indices by (value, index); they arrive in index order.
func fixRun(x []float64, run []int) {
	sorted := true
	for k := 1; k < len(run); k++ {
		if x[run[k]] < x[run[k-1]] {
			sorted = false
			break
		}
	}
	if sorted {
		return
	}
	slices.SortStableFunc(run, func(a, b int) int {
		switch {
		case x[a] < x[b]:
			return -1
		case x[a] > x[b]:
			return 1
		}
		return 0
	})
}
