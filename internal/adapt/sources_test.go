package adapt

import (
	"math"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
)

// concatRows returns the rows of ms one after the other.
func concatRows(ms ...*featio.Matrix) *featio.Matrix {
	out := &featio.Matrix{Names: ms[0].Names, Cols: ms[0].Cols}
	for _, m := range ms {
		out.IDs = append(out.IDs, m.IDs...)
		out.Data = append(out.Data, m.Data...)
		out.Rows += m.Rows
	}
	return out
}

// The source drawn like the user's pairs gets the most weight, the others
// less the farther they are; the rows' weights average 1.
func TestSourceWeightsFavourTheNearestSource(t *testing.T) {
	near, mid, far := pairsMatrix(150, []float64{4}, 1), pairsMatrix(150, []float64{2}, 2), pairsMatrix(150, []float64{-3}, 3)
	train := concatRows(near, mid, far)
	var src []string
	for _, s := range []string{"near", "mid", "far"} {
		for range 150 {
			src = append(src, s)
		}
	}
	res, err := SourceWeights(train, src, pairsMatrix(100, []float64{4}, 4), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sources) != 3 || res.Sources[0] != "near" || res.Sources[2] != "far" {
		t.Fatalf("sources %v", res.Sources)
	}
	if !(res.MMD2[0] < res.MMD2[1] && res.MMD2[1] < res.MMD2[2]) {
		t.Errorf("MMD² %v not increasing with the distance", res.MMD2)
	}
	if !(res.Weight[0] > res.Weight[1] && res.Weight[1] > res.Weight[2]) {
		t.Errorf("source weights %v not decreasing with the distance", res.Weight)
	}
	var sum float64
	for r, w := range res.Weights {
		sum += w
		if k := r / 150; w != res.Weight[k] {
			t.Fatalf("row %d weighs %v, its source %v", r, w, res.Weight[k])
		}
	}
	if math.Abs(sum/float64(train.Rows)-1) > 1e-9 {
		t.Errorf("mean weight %v, want 1", sum/float64(train.Rows))
	}
}

func TestSourceWeightsErrors(t *testing.T) {
	train, target := pairsMatrix(10, []float64{0}, 5), pairsMatrix(10, []float64{0}, 6)
	if _, err := SourceWeights(train, []string{"a"}, target, Options{}); err == nil {
		t.Error("a source list of the wrong length was accepted")
	}
	if _, err := SourceWeights(train, make([]string, 10), target, Options{Columns: []string{"A.loc"}}); err == nil {
		t.Error("columns not closed under mirroring were accepted")
	}
}
