package learners

import "sync"

// arena hands out zeroed scratch slices for the duration of one fit and is
// recycled through a sync.Pool, so repeated fits do not churn the garbage
// collector. Nothing a model keeps may come from an arena.
type arena struct {
	f      []float64
	fo     int
	i32    []int32
	io     int
	ints   []int
	intOff int
}

var arenaPool = sync.Pool{New: func() any { return new(arena) }}

// getArena returns an empty arena; call release when the fit is done.
func getArena() *arena { return arenaPool.Get().(*arena) }

// release returns the arena to the pool; its slices must no longer be used.
func (a *arena) release() {
	a.fo, a.io, a.intOff = 0, 0, 0
	arenaPool.Put(a)
}

// floats returns n zeroed float64s (from the heap when a is nil).
func (a *arena) floats(n int) []float64 {
	if a == nil {
		return make([]float64, n)
	}
	if a.fo+n > len(a.f) {
		a.f = make([]float64, max(2*len(a.f), n, 1<<13))
		a.fo = 0
	}
	s := a.f[a.fo : a.fo+n : a.fo+n]
	a.fo += n
	clear(s)
	return s
}

// int32s returns n zeroed int32s (from the heap when a is nil).
func (a *arena) int32s(n int) []int32 {
	if a == nil {
		return make([]int32, n)
	}
	if a.io+n > len(a.i32) {
		a.i32 = make([]int32, max(2*len(a.i32), n, 1<<13))
		a.io = 0
	}
	s := a.i32[a.io : a.io+n : a.io+n]
	a.io += n
	clear(s)
	return s
}

// intSlice returns n zeroed ints (from the heap when a is nil).
func (a *arena) intSlice(n int) []int {
	if a == nil {
		return make([]int, n)
	}
	if a.intOff+n > len(a.ints) {
		a.ints = make([]int, max(2*len(a.ints), n, 1<<13))
		a.intOff = 0
	}
	s := a.ints[a.intOff : a.intOff+n : a.intOff+n]
	a.intOff += n
	clear(s)
	return s
}
