package pairs

import (
	"cmp"
	"math"
	"slices"
)

// DefaultMaxLevels is the default largest number of distinct values of a
// variable inferred as Categorical.
const DefaultMaxLevels = 10

// MinRowsPerLevel is the least average number of rows per distinct value
// of a variable inferred as Categorical: with fewer, a few distinct
// numbers are more likely a measurement or a count than categories.
const MinRowsPerLevel = 10

// NumberTypeRule is the rule InferType applies, for help texts.
const NumberTypeRule = `A variable of numbers is Binary when it holds exactly two distinct values,
Categorical when it has at most 10 distinct values (scan: --max-levels) and
at least 10 rows per distinct value on average (so a count or a measurement
with few levels in a small table stays Numerical), and Numerical otherwise.
The rule counts distinct values only, so it gives the same type in any
units.`

// InferType applies NumberTypeRule to the present (non-NaN) values of a
// variable, with at most maxLevels levels for Categorical (0:
// DefaultMaxLevels).
func InferType(x []float64, maxLevels int) VarType {
	if maxLevels <= 0 {
		maxLevels = DefaultMaxLevels
	}
	seen := map[float64]bool{}
	n := 0
	for _, v := range x {
		if math.IsNaN(v) {
			continue
		}
		n++
		if !seen[v] {
			seen[v] = true
			if len(seen) > maxLevels {
				return Numerical
			}
		}
	}
	switch k := len(seen); {
	case k == 2:
		return Binary
	case k <= maxLevels && n >= MinRowsPerLevel*k:
		return Categorical
	}
	return Numerical
}

// CanonicalCodes renumbers the present values of a categorical variable
// 0, 1, ... by decreasing frequency (equally frequent values in increasing
// order) in place, so that codes do not depend on how the levels are
// labelled; it returns the original value of each code.
func CanonicalCodes(x []float64) []float64 {
	vals := LevelsByFrequency(x)
	code := make(map[float64]float64, len(vals))
	for i, v := range vals {
		code[v] = float64(i)
	}
	for i, v := range x {
		if !math.IsNaN(v) {
			x[i] = code[v]
		}
	}
	return vals
}

// LevelsByFrequency returns the distinct present (non-NaN) values of x by
// decreasing frequency, equally frequent values in increasing order: an
// order of a categorical variable's levels that does not depend on their
// labels.
func LevelsByFrequency(x []float64) []float64 {
	count := map[float64]int{}
	for _, v := range x {
		if !math.IsNaN(v) {
			count[v]++
		}
	}
	vals := make([]float64, 0, len(count))
	for v := range count {
		vals = append(vals, v)
	}
	slices.SortFunc(vals, func(a, b float64) int {
		if d := cmp.Compare(count[b], count[a]); d != 0 {
			return d
		}
		return cmp.Compare(a, b)
	})
	return vals
}
