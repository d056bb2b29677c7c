package learners

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/lapack/lapack64"
)

// cholSolve solves a x = b for a symmetric positive definite a (n x n
// row-major, upper triangle read, overwritten by its Cholesky factor) and b
// (n x nrhs row-major, overwritten by x), with LAPACK's potrf/potrs (no
// condition estimate, unlike mat.Cholesky). It reports false when a is not
// positive definite.
func cholSolve(a []float64, n int, b []float64, nrhs int) bool {
	t, ok := lapack64.Potrf(blas64.Symmetric{N: n, Stride: n, Data: a, Uplo: blas.Upper})
	if !ok {
		return false
	}
	lapack64.Potrs(t, blas64.General{Rows: n, Cols: nrhs, Stride: nrhs, Data: b})
	return true
}
