// Package graph learns a causal graph among the columns of a table: a
// skeleton from conditional independence tests (PC-stable), each edge then
// oriented by a pair score and by prior knowledge.
//
// The test. Every column becomes a block of Gaussian-scale variables: a
// Numerical column its normal scores (van der Waerden: Φ⁻¹(rank/(m+1)) over
// its m present values, ties averaged), a Binary column one 0/1 indicator,
// a Categorical column with k levels k−1 indicators (the most frequent
// level left out; levels beyond MaxLevels merged by frequency). Correlations
// are pairwise-complete: each pair of columns uses the rows where both are
// present. X ⫫ Y | Z is the Gaussian likelihood-ratio test between the
// blocks (a Gaussian copula for numbers, the "degenerate Gaussian" test for
// categories): with R the correlation matrix of the blocks,
//
//	Λ = det R[XYZ]·det R[Z] / (det R[XZ]·det R[YZ])
//	stat = −(n − 1 − dz − (dx+dy+1)/2)·ln Λ  ~  χ²(dx·dy)
//
// (Bartlett's correction; for two numbers it is Fisher's z test of the
// partial rank correlation, squared), where n is the fewest rows any two
// columns of X, Y, Z share and dx, dy, dz the block widths. Edges whose
// p-value exceeds α under some conditioning set are removed.
//
// A number conditioned on also enters through z³−3z and the indicators of
// CondBins equally frequent bins, so that a nonlinear mechanism is
// conditioned away (see Options).
//
// Limits: the test sees relations between numbers that a polynomial of
// degree Degree shows (monotone and U-shaped at the default), and any
// relation to a category's indicators; a relation strong only in a narrow
// band can be missed, and pairwise-complete correlations assume cells are
// missing at random.
package graph

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// DefaultMaxLevels is the default largest number of levels of a
// Categorical column kept apart (the rest merged into one).
const DefaultMaxLevels = 16

// block is the embedding of one column: its Gaussian-scale variables, each
// one value per row (NaN where the column is missing).
type block struct {
	vars [][]float64
	// numeric marks a Numerical column's polynomial block.
	numeric bool
}

// maxDegree is the highest Hermite polynomial of a number's normal
// scores in its block.
const maxDegree = 3

// embed turns a column into its block: a Numerical column's block holds
// the Hermite polynomials He1..He3 of its normal scores (z, z²−1, z³−3z),
// of which a test uses the first Degree (CondDegree when conditioning).
func embed(c *table.Column, maxLevels, bins int) block {
	switch c.Type {
	case pairs.Numerical:
		z := normalScores(c.Values)
		z2, z3 := make([]float64, len(z)), make([]float64, len(z))
		for i, v := range z {
			z2[i], z3[i] = v*v-1, v*v*v-3*v
		}
		return block{vars: append([][]float64{z, z2, z3}, binIndicators(z, bins)...), numeric: true}
	default:
		return block{vars: indicators(c.Values, maxLevels)}
	}
}

// normalScores returns Φ⁻¹(rank/(m+1)) of the present values (average
// ranks for ties), NaN where missing.
func normalScores(x []float64) []float64 {
	idx := make([]int, 0, len(x))
	for i, v := range x {
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(x[a], x[b]) })
	out := make([]float64, len(x))
	for i := range out {
		out[i] = math.NaN()
	}
	m := float64(len(idx))
	for lo := 0; lo < len(idx); {
		hi := lo + 1
		for hi < len(idx) && x[idx[hi]] == x[idx[lo]] {
			hi++
		}
		rank := float64(lo+hi+1) / 2 // average of the 1-based ranks lo+1..hi
		z := distuv.UnitNormal.Quantile(rank / (m + 1))
		for _, i := range idx[lo:hi] {
			out[i] = z
		}
		lo = hi
	}
	return out
}

// indicators returns one 0/1 variable per level but the most frequent
// (levels ordered by frequency, then value; beyond maxLevels the rarest
// are merged into one level), NaN where missing. The span of the
// indicators, and so the test, does not depend on the levels' labels.
func indicators(x []float64, maxLevels int) [][]float64 {
	levels := pairs.LevelsByFrequency(x)
	k := min(len(levels), max(maxLevels, 2))
	slot := map[float64]int{} // level -> indicator index+1 (0: the left-out level)
	for i, v := range levels {
		slot[v] = min(i, k-1)
	}
	out := make([][]float64, k-1)
	for j := range out {
		out[j] = make([]float64, len(x))
	}
	for i, v := range x {
		for j := range out {
			switch {
			case math.IsNaN(v):
				out[j][i] = math.NaN()
			case slot[v] == j+1:
				out[j][i] = 1
			}
		}
	}
	return out
}

// binIndicators cuts normal scores into bins equally frequent bins (by
// Φ(z)) and returns the indicators of bins 2..bins (none for bins < 2).
func binIndicators(z []float64, bins int) [][]float64 {
	if bins < 2 {
		return nil
	}
	out := make([][]float64, bins-1)
	for j := range out {
		out[j] = make([]float64, len(z))
	}
	for i, v := range z {
		if math.IsNaN(v) {
			for j := range out {
				out[j][i] = math.NaN()
			}
			continue
		}
		if k := min(int(distuv.UnitNormal.CDF(v)*float64(bins)), bins-1); k > 0 {
			out[k-1][i] = 1
		}
	}
	return out
}
