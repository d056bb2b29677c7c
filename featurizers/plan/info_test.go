package plan

import (
	"math"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// TestInfoSpreadColumns checks jarfo's derived columns against the sides
// they derive from: S.max/S.min of A.it and B.it, S.abs of AmB.it and D.it.
func TestInfoSpreadColumns(t *testing.T) {
	sel, err := testPlan.Select([]string{"*.it.*"})
	if err != nil {
		t.Fatal(err)
	}
	row := make([]float32, sel.Len())
	sel.Featurize(genPair(pairs.Numerical, pairs.Categorical, 300, 9), row)
	v := map[string]float32{}
	for i, n := range sel.Names() {
		v[n] = row[i]
	}
	checked := 0
	for n, got := range v {
		kind, m, ok := strings.Cut(strings.TrimPrefix(n, "S."), ".it.")
		if !ok || !strings.HasPrefix(n, "S.") || kind == "it" {
			continue
		}
		var want float32
		switch kind {
		case "max":
			want = max(v["A.it."+m], v["B.it."+m])
		case "min":
			want = min(v["A.it."+m], v["B.it."+m])
		case "abs":
			d, ok := v["AmB.it."+m]
			if !ok {
				d = v["D.it."+m]
			}
			want = float32(math.Abs(float64(d)))
		default:
			t.Fatalf("unexpected derived column %s", n)
		}
		if !sameValue(got, want) {
			t.Errorf("%s = %v, want %v", n, got, want)
		}
		checked++
	}
	// 12 unary measures x (max, min, abs) + 11 directed x abs
	if checked != 3*12+11 {
		t.Errorf("checked %d derived columns, want %d", checked, 3*12+11)
	}
	if v["A.it.max"] <= v["A.it.min"] {
		t.Errorf("A's normalized max %v not above its min %v", v["A.it.max"], v["A.it.min"])
	}
}
