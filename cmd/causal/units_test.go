package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// Class 8: the default model's score of a Numerical pair does not depend on
// the units of either variable: generated pairs rescaled by 1e-250 … 1e250
// (each variable on its own) and shifted score as the originals do.
func TestScoreDoesNotDependOnUnits(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	pre := filepath.Join(dir, "g")
	if _, _, err := runCLI(t, "generate", "-q", "--n", "4", "--seed", "12", "--min-points", "100", "--max-points", "200",
		"--type-mix", "NN=1", "--class-weights", "1,1,0,0", "-o", pre); err != nil {
		t.Fatal(err)
	}
	r, err := pairio.OpenPairs(pre+"_pairs.csv", pairio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var base []pairs.Pair
	for {
		p, err := r.Next()
		if err != nil {
			break
		}
		base = append(base, p)
	}
	r.Close()
	units := []struct{ scaleA, shiftA, scaleB, shiftB float64 }{
		{1, 0, 1, 0}, {1e-250, 0, 1e-250, 0}, {1e250, 0, 1e250, 0}, {1e-200, 0, 1, 0}, {1, 0, 1e200, 0},
		{3.7, 0, 0.02, 0}, {1, 1e9, 1, -3e6}, {1e-100, 1e-97, 1e120, -1e124},
	}
	path := filepath.Join(dir, "units_pairs.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	pw := pairio.NewPairsWriter(f)
	for k, u := range units {
		for _, p := range base {
			q := pairs.Pair{ID: fmt.Sprintf("%s@%d", p.ID, k), A: make([]float64, len(p.A)), B: make([]float64, len(p.B))}
			for i := range p.A {
				q.A[i] = p.A[i]*u.scaleA + u.shiftA
				q.B[i] = p.B[i]*u.scaleB + u.shiftB
			}
			if err := pw.Write(q); err != nil {
				t.Fatal(err)
			}
		}
	}
	pw.Flush()
	f.Close()
	out, _, err := runCLI(t, "predict", path, "-q")
	if err != nil {
		t.Fatal(err)
	}
	_, scores := readScores(t, out)
	if len(scores) != len(units)*len(base) {
		t.Fatalf("%d scores, want %d", len(scores), len(units)*len(base))
	}
	for k := 1; k < len(units); k++ {
		for i := range base {
			got, want := scores[k*len(base)+i], scores[i]
			if math.Abs(got-want) > 1e-9 {
				t.Errorf("%s in units %+v: score %v, in the original units %v", base[i].ID, units[k], got, want)
			}
		}
	}
}
