package plan

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// FeaturizeShared gives exactly Featurize's features when each variable's
// cache is shared by several pairs (every type combination, both sides,
// subsampled fits, a non-finite variable), also from many goroutines.
func TestFeaturizeSharedIdentical(t *testing.T) {
	// n > MaxFitPoints: the fits are subsampled.
	const n = 90
	testPlan := New(Params{MaxFitPoints: 60, Folds: 5})
	r := rand.New(rand.NewPCG(11, 3))
	z := make([]float64, n)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	type variable struct {
		t pairs.VarType
		x []float64
	}
	var vars []variable
	for _, ty := range pairs.AllTypes {
		for range 2 {
			vars = append(vars, variable{ty, genVar(ty, z, r)})
		}
	}
	bad := genVar(pairs.Numerical, z, r)
	bad[5] = math.Inf(1)
	vars = append(vars, variable{pairs.Numerical, bad})
	caches := make([]*VarCache, len(vars))
	for i := range caches {
		caches[i] = NewVarCache()
	}
	type job struct{ a, b int }
	var jobs []job
	for a := range vars {
		for b := range vars {
			if a != b && (a+b)%2 == 0 || b == a+1 {
				jobs = append(jobs, job{a, b})
			}
		}
	}
	want := make([][]float32, len(jobs))
	got := make([][]float32, len(jobs))
	var wg sync.WaitGroup
	for i, j := range jobs {
		p := pairs.Pair{ID: "p", A: vars[j.a].x, B: vars[j.b].x, TypeA: vars[j.a].t, TypeB: vars[j.b].t}
		want[i], got[i] = make([]float32, testPlan.Len()), make([]float32, testPlan.Len())
		testPlan.Featurize(p, want[i])
		wg.Add(1)
		go func() {
			defer wg.Done()
			testPlan.FeaturizeShared(p, caches[j.a], caches[j.b], got[i])
		}()
	}
	wg.Wait()
	names := testPlan.Names()
	for i, j := range jobs {
		diff := 0
		for k := range want[i] {
			if math.Float32bits(want[i][k]) != math.Float32bits(got[i][k]) && !(want[i][k] != want[i][k] && got[i][k] != got[i][k]) {
				if diff < 3 {
					t.Errorf("pair %d,%d (%v,%v): %s = %v shared, %v alone", j.a, j.b, vars[j.a].t, vars[j.b].t, names[k], got[i][k], want[i][k])
				}
				diff++
			}
		}
		if diff > 0 {
			t.Errorf("pair %d,%d: %d features differ", j.a, j.b, diff)
		}
	}
	if len(caches[0].m) == 0 {
		t.Error("nothing was cached")
	}
}
