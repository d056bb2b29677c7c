package views

import (
	"math"
)

// ChallengeScale is the standard deviation of a Numerical variable in the
// challenge's units: the ChaLearn data (and causal generate) standardize
// each Numerical variable and multiply it by 10^4.
const ChallengeScale = 1e4

// unitsGrid is the resolution of CanonicalUnits: 2^-10, about 10^-7 of
// the standard deviation (an exact power of two, so the rounding is exact).
const unitsGrid = 1.0 / 1024

// CanonicalUnits returns a Numerical variable in the challenge's units:
// shifted to mean 0, scaled to standard deviation ChallengeScale and rounded
// to a multiple of unitsGrid. The featurizer sees every Numerical variable
// through it, so no feature depends on the variable's units: any positive
// scale factor and any shift (within float64 range) give the same values,
// save for the rare value within float64 rounding of a grid midpoint. The
// grid absorbs the rounding of the rescaled input, which would otherwise
// break ties differently in rank, neighbour and tree computations.
//
// The moments are computed on x scaled by an exact power of two (so that
// neither squares of 1e-250 underflow nor squares of 1e250 overflow) minus
// its first value. A constant or non-finite x is returned unchanged.
func CanonicalUnits(x []float64) []float64 {
	var m float64
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return x
		}
		m = max(m, math.Abs(v))
	}
	if m == 0 || len(x) == 0 {
		return x
	}
	_, e := math.Frexp(m)
	// Differences from one of the values are exact whenever the shifted
	// input is (e.g. integers), so a shift of many standard deviations does
	// not reach the mean through its rounding.
	ref := math.Ldexp(x[0], -e)
	y := make([]float64, len(x))
	var mean float64
	for i, v := range x {
		y[i] = math.Ldexp(v, -e) - ref
		mean += y[i]
	}
	mean /= float64(len(y))
	var ss float64
	for _, v := range y {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / float64(len(y)))
	if sd == 0 {
		return x
	}
	f := ChallengeScale / sd
	for i, v := range y {
		y[i] = math.Round((v-mean)*f/unitsGrid) * unitsGrid
	}
	return y
}

// CanonicalBinary returns a Binary variable coded 0 (its smaller value) and
// 1 (its larger value), the coding of the challenge's and causal generate's
// Binary variables: {3, 7} and {0, 1} give the same features. A variable
// with more than two distinct values (or a non-finite one) is returned
// unchanged; the readers refuse it.
func CanonicalBinary(x []float64) []float64 {
	if len(x) == 0 {
		return x
	}
	lo, hi := x[0], x[0]
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return x
		}
		lo, hi = min(lo, v), max(hi, v)
	}
	if lo == 0 && hi == 1 || lo == hi && (lo == 0 || lo == 1) {
		return x
	}
	y := make([]float64, len(x))
	for i, v := range x {
		switch v {
		case lo:
			y[i] = 0
		case hi:
			y[i] = 1
		default:
			return x
		}
	}
	return y
}
