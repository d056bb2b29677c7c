package views

import (
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Standardize returns (x - mean) / std with the population std; a constant x
// gives zeros.
func Standardize(x []float64) []float64 {
	out := make([]float64, len(x))
	if len(x) == 0 {
		return out
	}
	var mean float64
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	var ss float64
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(ss / float64(len(x)))
	if sd == 0 {
		return out
	}
	for i, v := range x {
		out[i] = (v - mean) / sd
	}
	return out
}

// Rank returns the copula transform of x: the 1-based average rank of each
// value (ties share the mean of their ranks) divided by n. x must be finite.
func Rank(x []float64) []float64 {
	idx, s := SortedOrder(x)
	return rankSorted(idx, s)
}

func rankSorted(idx []int32, s []float64) []float64 {
	n := len(s)
	out := make([]float64, n)
	for a := 0; a < n; {
		b := a + 1
		for b < n && s[b] == s[a] {
			b++
		}
		r := float64(a+1+b) / 2 / float64(n)
		for j := a; j < b; j++ {
			out[idx[j]] = r
		}
		a = b
	}
	return out
}

// ValueCodes relabels the distinct values of x as 0..K-1 in order of value
// and returns the codes and K.
func ValueCodes(x []float64) ([]int, int) {
	idx, s := SortedOrder(x)
	codes := make([]int, len(x))
	k := 0
	for j := range s {
		if j > 0 && s[j] != s[j-1] {
			k++
		}
		codes[idx[j]] = k
	}
	if len(s) == 0 {
		return codes, 0
	}
	return codes, k + 1
}

// MaxOneHot is the largest number of one-hot columns: with more categories,
// the MaxOneHot-1 most frequent ones (equal counts: lower code first) keep
// their own column, in code order, and the rest share a last "other" column.
const MaxOneHot = 16

// OneHot returns one 0/1 indicator column per code 0..k-1 (at most MaxOneHot
// columns, see there).
func OneHot(codes []int, k int) [][]float64 {
	col := make([]int, k) // column of each code
	m := k
	if k > MaxOneHot {
		m = MaxOneHot
		keep := topCodes(codes, k, MaxOneHot-1)
		for c := range col {
			col[c] = MaxOneHot - 1
		}
		for j, c := range keep {
			col[c] = j
		}
	} else {
		for c := range col {
			col[c] = c
		}
	}
	n := len(codes)
	cols := make([][]float64, m)
	backing := make([]float64, m*n) // one allocation for all columns
	for j := range cols {
		cols[j] = backing[j*n : (j+1)*n : (j+1)*n]
	}
	for i, c := range codes {
		cols[col[c]][i] = 1
	}
	return cols
}

// topCodes returns the m most frequent codes (equal counts: lower code
// first), in ascending code order.
func topCodes(codes []int, k, m int) []int {
	counts := make([]int, k)
	for _, c := range codes {
		counts[c]++
	}
	order := make([]int, k)
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int { return counts[b] - counts[a] })
	keep := order[:m]
	slices.Sort(keep)
	return keep
}

// maxEigenK is the number of categories above which PCA1 uses power iteration
// instead of a full symmetric eigendecomposition.
const maxEigenK = 200

// PCA1 projects the centred one-hot encoding of codes (0..k-1) on its first
// principal component. The covariance of the one-hot columns is
// diag(p) - p p^T (p the category frequencies), so the top eigenvector v gives
// each category j the score v_j - sum_k p_k v_k. The sign makes the entry of v
// of largest magnitude positive. Fewer than two categories give zeros.
func PCA1(codes []int, k int) []float64 {
	out := make([]float64, len(codes))
	if k < 2 || len(codes) == 0 {
		return out
	}
	p := frequencies(codes, k)
	var v []float64
	if k <= maxEigenK {
		v = topEigenvector(p)
	} else {
		v = powerIteration(p)
	}
	fixSign(v)
	var shift float64
	for j, pj := range p {
		shift += pj * v[j]
	}
	for i, c := range codes {
		out[i] = v[c] - shift
	}
	return out
}

func frequencies(codes []int, k int) []float64 {
	p := make([]float64, k)
	for _, c := range codes {
		p[c]++
	}
	for j := range p {
		p[j] /= float64(len(codes))
	}
	return p
}

// topEigenvector returns the eigenvector of diag(p) - p p^T with the largest
// eigenvalue.
func topEigenvector(p []float64) []float64 {
	k := len(p)
	c := mat.NewSymDense(k, nil)
	for i := 0; i < k; i++ {
		for j := i; j < k; j++ {
			v := -p[i] * p[j]
			if i == j {
				v += p[i]
			}
			c.SetSym(i, j, v)
		}
	}
	var eig mat.EigenSym
	if !eig.Factorize(c, true) {
		return powerIteration(p)
	}
	var vecs mat.Dense
	eig.VectorsTo(&vecs)
	return mat.Col(nil, k-1, &vecs) // eigenvalues are in ascending order
}

// powerIteration approximates the top eigenvector of diag(p) - p p^T with a
// deterministic start; each step costs O(k).
func powerIteration(p []float64) []float64 {
	k := len(p)
	v := make([]float64, k)
	for j := range v {
		v[j] = 1 + float64(j)/float64(k) // not orthogonal to the top vector in general
	}
	w := make([]float64, k)
	for it := 0; it < 500; it++ {
		var dot float64
		for j := range v {
			dot += p[j] * v[j]
		}
		var norm float64
		for j := range v {
			w[j] = p[j]*v[j] - p[j]*dot
			norm += w[j] * w[j]
		}
		norm = math.Sqrt(norm)
		if norm == 0 {
			break
		}
		for j := range v {
			v[j] = w[j] / norm
		}
	}
	return v
}

// fixSign flips v so that its entry of largest magnitude is positive (the
// first one within a relative 1e-9 on near-ties).
func fixSign(v []float64) {
	var best float64
	for _, x := range v {
		best = math.Max(best, math.Abs(x))
	}
	for _, x := range v {
		if math.Abs(x) >= best*(1-1e-9) {
			if x < 0 {
				for j := range v {
					v[j] = -v[j]
				}
			}
			return
		}
	}
}

// ToMean replaces each code by the mean of other within its category; the
// result is all NaN when other is nil or of a different length.
func ToMean(codes []int, k int, other []float64) []float64 {
	if len(other) != len(codes) {
		return nanCol(len(codes))
	}
	mean := make([]float64, k) // running means cannot overflow
	cnt := make([]float64, k)
	for i, c := range codes {
		cnt[c]++
		mean[c] += (other[i] - mean[c]) / cnt[c]
	}
	out := make([]float64, len(codes))
	for i, c := range codes {
		out[i] = mean[c]
	}
	return out
}
