package stats

import (
	"math"
	"sync"
)

// uintPool recycles uint64 scratch slices for the radix sorts.
var uintPool = sync.Pool{New: func() any { s := make([]uint64, 0, 2048); return &s }}

// getUints returns a pooled scratch slice of length n (contents undefined).
func getUints(n int) *[]uint64 {
	p := uintPool.Get().(*[]uint64)
	if cap(*p) < n {
		*p = make([]uint64, n)
	}
	*p = (*p)[:n]
	return p
}

// floatKey maps a float64 to a uint64 whose unsigned order is the float's
// numeric order (NaNs excluded; -0 maps to +0).
func floatKey(f float64) uint64 {
	if f == 0 {
		f = 0 // -0 sorts with +0
	}
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	if k>>63 == 1 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

// radixHist counts, for each of the 8 key bytes, how many keys take each
// byte value.
func radixHist(keys []uint64, hist *[8][256]int) {
	for _, k := range keys {
		for b := 0; b < 8; b++ {
			hist[b][byte(k>>(8*b))]++
		}
	}
}

// SortFloats sorts x ascending in place (an LSD radix sort on the IEEE bits,
// skipping bytes all keys share; NaNs are not expected).
func SortFloats(x []float64) {
	n := len(x)
	if n < 64 {
		insertionSort(x)
		return
	}
	kp := getUints(n)
	defer uintPool.Put(kp)
	keys := *kp
	for i, v := range x {
		keys[i] = floatKey(v)
	}
	SortUint64s(keys)
	for i, k := range keys {
		x[i] = keyFloat(k)
	}
}

// SortUint64s sorts keys ascending in place with an LSD byte radix sort
// that skips the bytes all keys share.
func SortUint64s(keys []uint64) {
	n := len(keys)
	if n < 2 {
		return
	}
	tp := getUints(n)
	defer uintPool.Put(tp)
	src, dst := keys, *tp
	var hist [8][256]int
	radixHist(src, &hist)
	for b := 0; b < 8; b++ {
		h := &hist[b]
		if h[byte(src[0]>>(8*b))] == n {
			continue
		}
		var off [256]int
		s := 0
		for v := 0; v < 256; v++ {
			off[v] = s
			s += h[v]
		}
		for _, k := range src {
			d := byte(k >> (8 * b))
			dst[off[d]] = k
			off[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// insertionSort sorts a short slice ascending.
func insertionSort(x []float64) {
	for i := 1; i < len(x); i++ {
		v := x[i]
		j := i - 1
		for j >= 0 && x[j] > v {
			x[j+1] = x[j]
			j--
		}
		x[j+1] = v
	}
}

// argsortFloats writes into order the indices of x in ascending order of
// value (stable: ties keep index order) and into sorted the sorted values.
func argsortFloats(x []float64, order []int, sorted []float64) {
	n := len(x)
	kp, tp := getUints(n), getUints(n)
	defer uintPool.Put(kp)
	defer uintPool.Put(tp)
	ip := getInts(n)
	defer putInts(ip)
	src, dst := *kp, *tp
	isrc, idst := order, *ip
	for i, v := range x {
		src[i] = floatKey(v)
		isrc[i] = i
	}
	var hist [8][256]int
	radixHist(src, &hist)
	for b := 0; b < 8; b++ {
		h := &hist[b]
		if n == 0 || h[byte(src[0]>>(8*b))] == n {
			continue
		}
		var off [256]int
		s := 0
		for v := 0; v < 256; v++ {
			off[v] = s
			s += h[v]
		}
		for i, k := range src {
			d := byte(k >> (8 * b))
			dst[off[d]] = k
			idst[off[d]] = isrc[i]
			off[d]++
		}
		src, dst = dst, src
		isrc, idst = idst, isrc
	}
	if n > 0 && &isrc[0] != &order[0] {
		copy(order, isrc)
	}
	for i, k := range src {
		sorted[i] = keyFloat(k)
	}
}
