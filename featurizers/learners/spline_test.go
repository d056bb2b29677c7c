package learners

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// denseGCV is the reference for gcvSolve: dense solves and a dense trace.
func denseGCV(A, b, P []float64, p int, yty, n float64) []float64 {
	trA, trP := 0.0, 0.0
	for i := range p {
		trA += A[i*p+i]
		trP += P[i*p+i]
	}
	scale := trA / math.Max(trP, 1)
	Am := mat.NewDense(p, p, A)
	bv := mat.NewVecDense(p, b)
	var best []float64
	bestScore := math.Inf(1)
	for _, r := range splineLambdas {
		M := mat.NewSymDense(p, nil)
		for i := range p {
			for j := i; j < p; j++ {
				M.SetSym(i, j, A[i*p+j]+r*scale*P[i*p+j])
			}
			M.SetSym(i, i, M.At(i, i)*(1+1e-12)+1e-300)
		}
		var ch mat.Cholesky
		if !ch.Factorize(M) {
			continue
		}
		var c, Ac mat.VecDense
		var X mat.Dense
		_ = ch.SolveVecTo(&c, bv)
		_ = ch.SolveTo(&X, Am)
		edf := mat.Trace(&X)
		Ac.MulVec(Am, &c)
		rss := math.Max(0, yty-2*mat.Dot(&c, bv)+mat.Dot(&c, &Ac))
		if score := n * rss / ((n - edf) * (n - edf)); n > edf && score < bestScore {
			bestScore = score
			best = append(best[:0], c.RawVector().Data...)
		}
	}
	return best
}

// TestSplineBandedGCV checks the banded GCV solve against dense linear algebra.
func TestSplineBandedGCV(t *testing.T) {
	xs, y := noisy(400, 13)
	x := NumericInput(xs)
	g := x.groups()
	st := standardize(y, nil)
	bs := newBasis(x, g)
	p := bs.size()
	A, b := make([]float64, p*p), make([]float64, p)
	var N [4]float64
	yty := 0.0
	for r, v := range xs {
		span := bs.eval(v, &N, 3)
		yty += st.z[r] * st.z[r]
		for a := range 4 {
			b[span-3+a] += N[a] * st.z[r]
			for c := range 4 {
				A[(span-3+a)*p+span-3+c] += N[a] * N[c]
			}
		}
	}
	P := bs.diffPenalty()
	got := gcvSolve(A, b, P, p, yty, float64(len(y)), nil)
	want := denseGCV(A, b, P, p, yty, float64(len(y)))
	assertClose(t, "coefficients", got, want, 1e-8)
}
