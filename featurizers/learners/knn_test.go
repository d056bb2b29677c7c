package learners

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"
)

// TestKNNHandExample checks k=2 on a small example by hand, including a tie
// at the k-th distance (query 1: its own row, then x=0 and x=2 share 1 slot).
func TestKNNHandExample(t *testing.T) {
	x := []float64{10, 0, 3, 1, 2}
	y := []float64{100, 0, 30, 10, 20}
	m := knnReg{k: 2}.Fit(NumericInput(x), y)
	got := make([]float64, 5)
	m.Predict(NumericInput(x), got)
	// 10: self + 3 -> 65; 0: self + 1 -> 5; 3: self + 2 -> 25; 1: self + (0,2)/2 -> 10; 2: self + (1,3)/2 -> 20.
	assertClose(t, "in-sample", got, []float64{65, 5, 25, 10, 20}, 1e-12)
	// 5: 3 (d 2) and 2 (d 3) -> 25; -4: 0 and 1 -> 5; 1.5: 1 and 2 tied -> 15.
	assertClose(t, "new", predictAt(m, 5, -4, 1.5), []float64{25, 5, 15}, 1e-12)
}

// bruteKNN is the reference: sort all rows by distance; rows at the k-th
// distance share the remaining weight.
func bruteKNN(x, y []float64, q float64, k int) float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	dist := func(i int) float64 { return math.Abs(x[i] - q) }
	sort.SliceStable(idx, func(a, b int) bool { return dist(idx[a]) < dist(idx[b]) })
	k = min(k, len(x))
	dk := dist(idx[k-1])
	in, eqS, eqN := 0.0, 0.0, 0.0
	nIn := 0
	for _, i := range idx {
		switch d := dist(i); {
		case d < dk:
			in += y[i]
			nIn++
		case d == dk:
			eqS += y[i]
			eqN++
		}
	}
	return (in + float64(k-nIn)/eqN*eqS) / float64(k)
}

// TestKNNMatchesBruteForce compares both k on data with heavy ties,
// in-sample and at new points, with the brute-force reference.
func TestKNNMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 30 {
		n := 1 + rng.IntN(60)
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			x[i] = float64(rng.IntN(1 + trial%12))
			y[i] = rng.NormFloat64()
		}
		q := append([]float64{-3, 0.5, 2.5, 20}, x...)
		for _, k := range []int{1, 5, 20} {
			m := knnReg{k: k}.Fit(NumericInput(x), y)
			got := predictAt(m, q...)
			want := make([]float64, len(q))
			for i, v := range q {
				want[i] = bruteKNN(x, y, v, k)
			}
			assertClose(t, "knn", got, want, 1e-9)
		}
	}
}
