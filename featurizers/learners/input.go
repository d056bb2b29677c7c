package learners

import (
	"cmp"
	"math"
	"slices"
)

// Input is the x of a fit or a prediction: numeric (X with its ascending
// Order) or categorical (Codes in 0..K-1, X nil).
type Input struct {
	X     []float64 // numeric values; nil for a categorical input
	Order []int     // row indices sorting X ascending (stable); computed when nil
	Codes []int     // category codes in 0..K-1 for a categorical input
	K     int       // number of categories of a categorical input
	grp   *groups   // distinct values of X, computed with Order
}

// NumericInput wraps numeric x and sorts it once (stable: ties keep row
// order). x must not be modified while the Input is in use.
func NumericInput(x []float64) Input {
	in := Input{X: x, Order: sortOrder(x)}
	g := numericGroups(in, nil)
	in.grp = &g
	return in
}

// NumericInputWithOrder wraps numeric x whose ascending order is already
// known (order[i] is the row of the i-th smallest value, ties in row order
// for determinism); it skips the sort of NumericInput but, like it, caches
// the distinct values for every fit. A wrong order gives wrong fits.
func NumericInputWithOrder(x []float64, order []int) Input {
	if len(order) != len(x) {
		return NumericInput(x)
	}
	in := Input{X: x, Order: order}
	g := numericGroups(in, nil)
	in.grp = &g
	return in
}

// CategoricalInput wraps category codes in 0..k-1.
func CategoricalInput(codes []int, k int) Input {
	return Input{Codes: codes, K: k}
}

// IsCategorical reports whether the input holds category codes.
func (in Input) IsCategorical() bool { return in.X == nil && in.Codes != nil }

// Len returns the number of rows.
func (in Input) Len() int {
	if in.IsCategorical() {
		return len(in.Codes)
	}
	return len(in.X)
}

// Subset returns the rows idx (distinct indices, normally ascending) of the
// input. The order of a numeric subset is derived from the parent's Order in
// O(n) without sorting again.
func (in Input) Subset(idx []int) Input { return in.subset(idx, nil) }

// subset is Subset with the new slices taken from a (the heap when nil).
func (in Input) subset(idx []int, a *arena) Input {
	if in.IsCategorical() {
		codes := a.intSlice(len(idx))
		for j, r := range idx {
			codes[j] = in.Codes[r]
		}
		return Input{Codes: codes, K: in.K}
	}
	x := a.floats(len(idx))
	pos := a.int32s(len(in.X))
	for j, r := range idx {
		x[j] = in.X[r]
		pos[r] = int32(j + 1)
	}
	order := a.intSlice(len(idx))[:0]
	for _, r := range in.sorted() {
		if p := pos[r]; p > 0 {
			order = append(order, int(p-1))
		}
	}
	sub := Input{X: x, Order: order}
	g := numericGroups(sub, a)
	sub.grp = &g
	return sub
}

// groups returns the distinct values of a numeric input (cached by
// NumericInput and Subset, computed otherwise).
func (in Input) groups() groups {
	if in.grp != nil && len(in.grp.gid) == len(in.X) {
		return *in.grp
	}
	return numericGroups(in, nil)
}

// sorted returns the ascending order of a numeric input, computing it when
// Order is missing or inconsistent.
func (in Input) sorted() []int {
	if len(in.Order) == len(in.X) {
		return in.Order
	}
	return sortOrder(in.X)
}

// sortOrder returns the stable ascending order of x (NaN first).
func sortOrder(x []float64) []int {
	type item struct {
		v float64
		i int
	}
	items := make([]item, len(x))
	for i, v := range x {
		items[i] = item{v, i}
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := cmp.Compare(a.v, b.v); c != 0 {
			return c
		}
		return a.i - b.i
	})
	order := make([]int, len(x))
	for i, it := range items {
		order[i] = it.i
	}
	return order
}

// groups are the distinct values of a numeric input in ascending order.
type groups struct {
	ux    []float64 // distinct values, ascending
	cnt   []float64 // rows per distinct value
	gid   []int32   // group index of each row
	order []int     // rows in ascending x; group i is order[first[i]:first[i+1]]
	first []int32
}

// numericGroups groups the rows of a numeric input by distinct value in O(n),
// allocating from a (the heap when nil).
func numericGroups(in Input, a *arena) groups {
	order := in.sorted()
	n := len(order)
	G := 0
	for i, r := range order {
		if i == 0 || in.X[r] != in.X[order[i-1]] {
			G++
		}
	}
	buf := a.floats(2 * G)
	g := groups{ux: buf[:0:G], cnt: buf[G:G], gid: a.int32s(n), order: order, first: a.int32s(G + 1)[:0]}
	for i, r := range order {
		v := in.X[r]
		if i == 0 || v != in.X[order[i-1]] {
			g.ux = append(g.ux, v)
			g.cnt = append(g.cnt, 0)
			g.first = append(g.first, int32(i))
		}
		last := len(g.ux) - 1
		g.cnt[last]++
		g.gid[r] = int32(last)
	}
	g.first = append(g.first, int32(n))
	return g
}

// validCode reports whether c is a usable category code for k categories.
func validCode(c, k int) bool { return c >= 0 && c < k }

// standardized holds a target rescaled to mean 0 and unit spread.
type standardized struct {
	z           []float64
	center, sd  float64
	constant    bool // all values equal (or no values)
	nonFiniteIn bool // some value is not finite
}

// standardize rescales v to (v-center)/sd without overflow for huge values,
// z taken from a.
func standardize(v []float64, a *arena) standardized {
	center, sd := meanSD(v)
	st := standardized{center: center, sd: sd, z: a.floats(len(v))}
	if len(v) == 0 || sd == 0 || math.IsNaN(sd) || math.IsInf(sd, 0) {
		st.constant = true
		st.sd = 0
		return st
	}
	inv := 1 / sd
	for i, x := range v {
		st.z[i] = (x - center) * inv
	}
	return st
}

// meanSD returns the mean and the population standard deviation of v,
// computed on v scaled by its largest magnitude so huge values do not overflow.
func meanSD(v []float64) (mean, sd float64) {
	if len(v) == 0 {
		return math.NaN(), 0
	}
	m := 0.0
	for _, x := range v {
		if a := math.Abs(x); a > m || a != a {
			m = a
		}
	}
	if m < 1e-300 {
		return 0, 0 // zero, or too tiny to rescale: treated as constant 0
	}
	if math.IsInf(m, 0) || math.IsNaN(m) {
		return math.NaN(), math.NaN()
	}
	inv := 1 / m
	s := 0.0
	for _, x := range v {
		s += x * inv
	}
	mu := s / float64(len(v))
	ss := 0.0
	for _, x := range v {
		d := x*inv - mu
		ss += d * d
	}
	sd = math.Sqrt(ss/float64(len(v))) * m
	if sd < 1e-13*m || sd < 1e-300 {
		sd = 0 // constant up to rounding
	}
	return mu * m, sd
}

// midpoint returns the split threshold between consecutive distinct values a < b
// (their midpoint, or a when rounding makes the midpoint equal b).
func midpoint(a, b float64) float64 {
	m := a/2 + b/2
	if m >= b || m < a {
		return a
	}
	return m
}
