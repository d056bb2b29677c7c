package stats

import (
	"math"
	"sync"
)

// floatPool recycles float64 scratch slices; bigFloatPool those of at
// least bigFloats elements (HSIC's kernel matrices), so that a small
// request never takes, and a large one never misses, a large slice.
var (
	floatPool    = sync.Pool{New: func() any { s := make([]float64, 0, 1024); return &s }}
	bigFloatPool = sync.Pool{New: func() any { s := make([]float64, 0, bigFloats); return &s }}
)

// bigFloats is the size from which scratch slices come from bigFloatPool.
const bigFloats = 1 << 16

// intPool recycles int scratch slices.
var intPool = sync.Pool{New: func() any { s := make([]int, 0, 1024); return &s }}

// getFloats returns a pooled scratch slice of length n (contents undefined).
func getFloats(n int) *[]float64 {
	pool := &floatPool
	if n >= bigFloats {
		pool = &bigFloatPool
	}
	p := pool.Get().(*[]float64)
	if cap(*p) < n {
		*p = make([]float64, n)
	}
	*p = (*p)[:n]
	return p
}

// putFloats returns a scratch slice to its pool.
func putFloats(p *[]float64) {
	if cap(*p) >= bigFloats {
		bigFloatPool.Put(p)
		return
	}
	floatPool.Put(p)
}

// getInts returns a pooled scratch slice of length n (contents undefined).
func getInts(n int) *[]int {
	p := intPool.Get().(*[]int)
	if cap(*p) < n {
		*p = make([]int, n)
	}
	*p = (*p)[:n]
	return p
}

// getZeroInts returns a pooled scratch slice of length n set to zero.
func getZeroInts(n int) *[]int {
	p := getInts(n)
	clear(*p)
	return p
}

// putInts returns a scratch slice to its pool.
func putInts(p *[]int) { intPool.Put(p) }

// Finite returns v, or NaN when v is ±Inf.
func Finite(v float64) float64 {
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// FillNaN sets every element of dst to NaN.
func FillNaN(dst []float64) {
	for i := range dst {
		dst[i] = math.NaN()
	}
}

// sortedCopy copies x into dst (len(dst) == len(x)) and sorts it ascending.
func sortedCopy(dst, x []float64) []float64 {
	copy(dst, x)
	SortFloats(dst)
	return dst
}

// meanVar returns the mean and the population variance of x.
func meanVar(x []float64) (mean, variance float64) {
	n := float64(len(x))
	for _, v := range x {
		mean += v
	}
	mean /= n
	for _, v := range x {
		d := v - mean
		variance += d * d
	}
	return mean, variance / n
}

// hasNaN reports whether x holds a NaN.
func hasNaN(x []float64) bool {
	for _, v := range x {
		if v != v {
			return true
		}
	}
	return false
}
