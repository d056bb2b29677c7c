package plan_test

import (
	"fmt"
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/pairs"
)

// Featurize one pair with the default plan: one float32 per named feature,
// NaN where a feature does not apply to the pair's types. Featurizing the
// swapped pair gives exactly the mirrored row.
func Example() {
	a := make([]float64, 200)
	b := make([]float64, 200)
	for i := range a {
		a[i] = float64(i%50) / 10
		b[i] = math.Exp(a[i]/2) + math.Sin(float64(i*i))/5
	}
	p := pairs.Pair{ID: "p1", A: a, B: b, TypeA: pairs.Numerical, TypeB: pairs.Numerical}

	pl := plan.Default()
	row := make([]float32, pl.Len())
	pl.Featurize(p, row)
	names := pl.Names()
	fmt.Println("features:", pl.Len() > 20000)
	fmt.Println("meta.n =", row[slices.Index(names, "meta.n")])

	swapped := make([]float32, pl.Len())
	pl.Featurize(p.Mirror(), swapped)
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		panic(err)
	}
	mirrored := make([]float32, pl.Len())
	mm.Row32(row, mirrored)
	same := true
	for i := range swapped {
		if swapped[i] != mirrored[i] && !(swapped[i] != swapped[i] && mirrored[i] != mirrored[i]) {
			same = false
		}
	}
	fmt.Println("featurize(B, A) = mirror of featurize(A, B):", same)
	// Output:
	// features: true
	// meta.n = 200
	// featurize(B, A) = mirror of featurize(A, B): true
}
