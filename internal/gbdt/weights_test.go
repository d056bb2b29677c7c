package gbdt

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
)

// coarse returns rows x cols features on a grid of 20 values (so that the
// bin boundaries do not depend on row multiplicities) and a regression
// target.
func coarse(rows, cols int, seed uint64) ([]float32, []float64) {
	rng := rand.New(rand.NewPCG(seed, 2))
	data := make([]float32, rows*cols)
	y := make([]float64, rows)
	for r := range rows {
		x := data[r*cols : (r+1)*cols]
		for c := range x {
			x[c] = float32(rng.IntN(20)) / 20
		}
		y[r] = math.Sin(6*float64(x[0])) + float64(x[1]) + 0.1*rng.NormFloat64()
	}
	return data, y
}

func weightParams() Params {
	p := DefaultParams()
	p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.MinSumHessianInLeaf = 10, 4, 1, 1e-9
	return p
}

// Unit weights give exactly the unweighted model.
func TestUnitWeightsChangeNothing(t *testing.T) {
	const n, cols = 500, 4
	data, y := coarse(n, cols, 1)
	ds := mustDataset(t, data, n, cols)
	m0, _, err := Train(weightParams(), ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	if err := ds.SetWeights(w); err != nil {
		t.Fatal(err)
	}
	m1, _, err := Train(weightParams(), ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m0.Trees, m1.Trees) {
		t.Fatal("unit weights changed the trees")
	}
}

// A row of weight 2 trains like the row given twice, and a row of weight 0
// like a row left out (for every objective's gradients, the initial score
// and the split gains); the predictions agree to rounding.
func TestWeightsEqualRepeatedRows(t *testing.T) {
	const n, cols = 400, 3
	data, y := coarse(n, cols, 2)
	w := make([]float64, n)
	var dup []float32
	var dupY []float64
	for r := range n {
		w[r] = float64(r % 3) // 0, 1 or 2 copies
		for range r % 3 {
			dup = append(dup, data[r*cols:(r+1)*cols]...)
			dupY = append(dupY, y[r])
		}
	}
	for _, obj := range []string{"regression", "huber", "binary"} {
		labels, dupLabels := y, dupY
		if obj == "binary" {
			labels, dupLabels = threshold(y), threshold(dupY)
		}
		ds := mustDataset(t, data, n, cols)
		if err := ds.SetWeights(w); err != nil {
			t.Fatal(err)
		}
		p := weightParams()
		p.Objective = obj
		mw, _, err := Train(p, ds, labels, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		md, _, err := Train(p, mustDataset(t, dup, len(dupY), cols), dupLabels, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		a, b := make([]float64, 1), make([]float64, 1)
		for r := range n {
			row := row64(data, r, cols)
			mw.PredictRaw(row, a)
			md.PredictRaw(row, b)
			if math.Abs(a[0]-b[0]) > 1e-9 {
				t.Fatalf("%s: row %d scores %v weighted, %v repeated", obj, r, a[0], b[0])
			}
		}
	}
}

// threshold maps y to noisy 0/1 labels, a function of y alone (so that
// repeated rows keep their labels) that leaves no leaf pure: pure leaves
// make many splits tie, and ties break by summation order.
func threshold(y []float64) []float64 {
	out := make([]float64, len(y))
	for i, v := range y {
		if v+math.Sin(1000*v) > 0.5 {
			out[i] = 1
		}
	}
	return out
}

// Subset keeps the weights of the rows it takes.
func TestSubsetKeepsWeights(t *testing.T) {
	data, _ := coarse(5, 2, 3)
	ds := mustDataset(t, data, 5, 2)
	if err := ds.SetWeights([]float64{1, 2, 3, 4, 5}); err != nil {
		t.Fatal(err)
	}
	got := ds.Subset([]int{4, 1}).Weights()
	if len(got) != 2 || got[0] != 5 || got[1] != 2 {
		t.Fatalf("subset weights %v, want [5 2]", got)
	}
}

func TestSetWeightsErrors(t *testing.T) {
	data, _ := coarse(3, 2, 4)
	ds := mustDataset(t, data, 3, 2)
	for _, w := range [][]float64{{1, 1}, {1, -1, 1}, {1, math.NaN(), 1}, {1, math.Inf(1), 1}, {0, 0, 0}} {
		if err := ds.SetWeights(w); err == nil {
			t.Errorf("weights %v accepted", w)
		}
	}
	if ds.Weights() != nil {
		t.Fatal("a refused weight vector was kept")
	}
}
