package views

import (
	"math"

	"github.com/causal-tool/causal/pairs"
)

// Num is a numeric view: one or more columns of the variable's length.
type Num struct {
	Name string
	Cols [][]float64
}

// Cat is a categorical view: codes in 0..K-1, each code used at least once
// (K = 0 only for an empty variable).
type Cat struct {
	Name  string
	Codes []int
	K     int
}

// NumericViewNames lists the numeric view names of a variable type, in the
// order Numeric returns them.
func NumericViewNames(t pairs.VarType) []string {
	switch t {
	case pairs.Numerical:
		return []string{"std", "rank"}
	case pairs.Categorical:
		return []string{"onehot", "pca1", "tomean"}
	case pairs.Binary:
		return []string{"std"}
	}
	return nil
}

// CategoricalViewNames lists the categorical view names of a variable type, in
// the order Categorical returns them.
func CategoricalViewNames(t pairs.VarType) []string {
	switch t {
	case pairs.Numerical:
		return []string{"dec10", "q3", "ew10", "km3", "km10", "kmgap"}
	case pairs.Categorical, pairs.Binary:
		return []string{"codes"}
	}
	return nil
}

// Numeric returns the numeric views of x (of type t) in the order of
// NumericViewNames(t). other is the other variable of the pair, used by the
// "tomean" view (it may be nil for the other views).
func Numeric(x []float64, t pairs.VarType, other []float64) []Num {
	names := NumericViewNames(t)
	out := make([]Num, len(names))
	if !allFinite(x) {
		for i, name := range names {
			out[i] = Num{Name: name, Cols: [][]float64{nanCol(len(x))}}
		}
		return out
	}
	x = Tame(x)
	var codes []int
	var k int
	if t == pairs.Categorical {
		codes, k = ValueCodes(x)
	}
	for i, name := range names {
		var cols [][]float64
		switch name {
		case "std":
			cols = [][]float64{Standardize(x)}
		case "rank":
			cols = [][]float64{Rank(x)}
		case "onehot":
			cols = OneHot(codes, k)
		case "pca1":
			cols = [][]float64{PCA1(codes, k)}
		case "tomean":
			cols = [][]float64{ToMean(codes, k, other)}
		}
		out[i] = Num{Name: name, Cols: cols}
	}
	return out
}

// Categorical returns the categorical views of x (of type t) in the order of
// CategoricalViewNames(t).
func Categorical(x []float64, t pairs.VarType) []Cat {
	names := CategoricalViewNames(t)
	out := make([]Cat, len(names))
	if !allFinite(x) {
		for i, name := range names {
			out[i] = Cat{Name: name, Codes: make([]int, len(x)), K: 1}
		}
		return out
	}
	if t != pairs.Numerical {
		for i, name := range names {
			codes, k := ValueCodes(x)
			out[i] = Cat{Name: name, Codes: codes, K: k}
		}
		return out
	}
	x = Tame(x)
	idx, s := SortedOrder(x)
	var km *kmeansTable
	for i, name := range names {
		var c Cat
		switch name {
		case "dec10":
			c = binByCuts(idx, s, percentiles(s, 10, 20, 30, 40, 50, 60, 70, 80, 90))
		case "q3":
			c = binByCuts(idx, s, percentiles(s, 100.0/3, 200.0/3))
		case "ew10":
			c = equalWidth(x, s, 10)
		case "km3", "km10", "kmgap":
			if km == nil {
				km = newKMeansTable(s, maxGapK)
			}
			k := 3
			switch name {
			case "km10":
				k = 10
			case "kmgap":
				k = km.gapK()
			}
			c = binByCuts(idx, s, km.boundaries(k))
		}
		c.Name = name
		out[i] = c
	}
	return out
}

func allFinite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

func nanCol(n int) []float64 {
	c := make([]float64, n)
	for i := range c {
		c[i] = math.NaN()
	}
	return c
}

// tameLimit is the magnitude above which Tame rescales a variable.
const tameLimit = 1e100

// Tame returns x divided by its largest magnitude when that exceeds 1e100
// (so that sums, squares and differences cannot overflow), else x itself.
// Every view except "tomean" is invariant to this positive rescaling.
func Tame(x []float64) []float64 {
	var m float64
	for _, v := range x {
		m = max(m, math.Abs(v))
	}
	if !(m > tameLimit) || math.IsInf(m, 0) {
		return x
	}
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = v / m
	}
	return out
}
