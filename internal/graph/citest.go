package graph

import (
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distuv"
)

// ciTest holds the pairwise-complete correlations of the embedded columns
// and tests conditional independence between columns.
type ciTest struct {
	// corr is the correlation matrix of all embedded variables; dims[c]
	// lists the rows of corr that belong to column c.
	corr *mat.SymDense
	dims [][]int
	// rows[a][b] is the number of rows where columns a and b are both
	// present.
	rows [][]int
	// numeric marks the Numerical columns; degree and condDegree are the
	// numbers of their polynomials used when tested and when conditioned
	// on.
	numeric            []bool
	degree, condDegree int
}

// newCITest embeds the columns and computes their correlations.
func newCITest(blocks []block, degree, condDegree int) *ciTest {
	t := &ciTest{dims: make([][]int, len(blocks)), rows: make([][]int, len(blocks)),
		numeric: make([]bool, len(blocks)), degree: degree, condDegree: condDegree}
	var vars [][]float64
	for c, b := range blocks {
		t.numeric[c] = b.numeric
		for _, v := range b.vars {
			t.dims[c] = append(t.dims[c], len(vars))
			vars = append(vars, v)
		}
	}
	for a := range blocks {
		t.rows[a] = make([]int, len(blocks))
		for b := range blocks {
			if a <= b && len(blocks[a].vars) > 0 && len(blocks[b].vars) > 0 {
				t.rows[a][b] = completeRows(blocks[a].vars[0], blocks[b].vars[0])
			}
		}
		for b := range a {
			t.rows[a][b] = t.rows[b][a]
		}
	}
	d := len(vars)
	t.corr = mat.NewSymDense(d, nil)
	for i := range d {
		t.corr.SetSym(i, i, 1)
		for j := i + 1; j < d; j++ {
			t.corr.SetSym(i, j, pearsonComplete(vars[i], vars[j]))
		}
	}
	return t
}

// completeRows counts the rows where both x and y are present.
func completeRows(x, y []float64) int {
	n := 0
	for i, v := range x {
		if !math.IsNaN(v) && !math.IsNaN(y[i]) {
			n++
		}
	}
	return n
}

// pearsonComplete is the correlation of x and y over the rows where both
// are present (0 when either is constant there).
func pearsonComplete(x, y []float64) float64 {
	var n, sx, sy float64
	for i, v := range x {
		if !math.IsNaN(v) && !math.IsNaN(y[i]) {
			n++
			sx += v
			sy += y[i]
		}
	}
	if n < 2 {
		return 0
	}
	mx, my := sx/n, sy/n
	var sxx, syy, sxy float64
	for i, v := range x {
		if !math.IsNaN(v) && !math.IsNaN(y[i]) {
			dx, dy := v-mx, y[i]-my
			sxx += dx * dx
			syy += dy * dy
			sxy += dx * dy
		}
	}
	if sxx <= 0 || syy <= 0 {
		return 0
	}
	return sxy / math.Sqrt(sxx*syy)
}

// pValue tests column x ⫫ column y | columns z: the Bartlett-corrected
// Gaussian likelihood-ratio test between their blocks.
func (t *ciTest) pValue(x, y int, z []int) float64 {
	cols := append([]int{x, y}, z...)
	n := math.MaxInt
	for i, a := range cols {
		for _, b := range cols[i+1:] {
			n = min(n, t.rows[a][b])
		}
	}
	var dz []int
	for _, c := range z {
		dz = append(dz, t.use(c, t.condDegree)...)
		if t.numeric[c] {
			dz = append(dz, t.dims[c][maxDegree:]...) // the bins
		}
	}
	dx, dy := t.use(x, t.degree), t.use(y, t.degree)
	xz := append(append([]int{}, dx...), dz...)
	yz := append(append([]int{}, dy...), dz...)
	xyz := append(append([]int{}, xz...), dy...)
	logLambda := t.logDet(xyz) + t.logDet(dz) - t.logDet(xz) - t.logDet(yz)
	df := float64(len(dx) * len(dy))
	scale := float64(n) - 1 - float64(len(dz)) - float64(len(dx)+len(dy)+1)/2
	if scale <= 0 {
		return 1 // too few rows to test: no evidence against independence
	}
	stat := -scale * logLambda
	if !(stat > 0) {
		return 1
	}
	return distuv.ChiSquared{K: df}.Survival(stat)
}

// use returns the variables of column c a test uses: all of a category's
// indicators, a number's first deg polynomials.
func (t *ciTest) use(c, deg int) []int {
	if t.numeric[c] {
		return t.dims[c][:min(deg, len(t.dims[c]))]
	}
	return t.dims[c]
}

// logDet is ln det of the correlation submatrix on idx (0 for none). A
// pairwise-complete matrix need not be positive definite: a ridge is
// added until it factorizes.
func (t *ciTest) logDet(idx []int) float64 {
	if len(idx) == 0 {
		return 0
	}
	k := len(idx)
	sub := mat.NewSymDense(k, nil)
	for i, a := range idx {
		for j := i; j < k; j++ {
			sub.SetSym(i, j, t.corr.At(a, idx[j]))
		}
	}
	var ch mat.Cholesky
	for ridge := 0.0; ; ridge = max(2*ridge, 1e-8) {
		if ridge > 0 {
			for i := range k {
				sub.SetSym(i, i, 1+ridge)
			}
		}
		if ch.Factorize(sub) {
			return ch.LogDet()
		}
		if ridge > 1 {
			return 0
		}
	}
}
