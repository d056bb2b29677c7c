package plan

import (
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/pairs"
)

// plan2Hash is the full default plan's hash before plan variants existed:
// parameters that equal plan-2's must keep it (and so the hashes of its
// selections, such as the embedded model's).
const plan2Hash = "63f5196bec29b6e5"

func TestVariantHashes(t *testing.T) {
	def, err := Variant("")
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Variant(VariantDefault)
	if err != nil {
		t.Fatal(err)
	}
	for name, pl := range map[string]*Plan{
		"Default":           Default(),
		`Variant("")`:       New(def),
		`Variant("plan-2")`: New(p2),
		"zero bounds":       New(Params{MaxFitPoints: 1000, Folds: 5}),
		"explicit bounds":   New(Params{MaxFitPoints: 1000, Folds: 5, Direction: direction.DefaultBounds}),
	} {
		if pl.Hash() != plan2Hash {
			t.Errorf("%s: hash %s, want plan-2's %s", name, pl.Hash(), plan2Hash)
		}
	}
	fp, err := Variant(VariantFast)
	if err != nil {
		t.Fatal(err)
	}
	fast := New(fp)
	if fast.Hash() == plan2Hash {
		t.Error("the fast variant has plan-2's hash")
	}
	if !slices.Equal(fast.Names(), Default().Names()) {
		t.Error("the fast variant's names differ from plan-2's")
	}
	if fast.Params().Direction != direction.FastBounds {
		t.Errorf("fast variant's bounds %v, want %v", fast.Params().Direction, direction.FastBounds)
	}
	if _, err := Variant("faster"); err == nil || !strings.Contains(err.Error(), "fast") {
		t.Errorf("unknown variant: error %v, want one listing the variants", err)
	}
}

// TestFastVariantValues: on pairs larger than every F bound, the fast
// variant changes exactly the four bounded methods (the others keep plan-2's
// values) and its values do not depend on the number of workers.
func TestFastVariantValues(t *testing.T) {
	changed := []string{"D.dir.anm_gp", "D.dir.bqcd", "D.dir.loci", "D.dir.sloppy"}
	fp, _ := Variant(VariantFast)
	run := func(pr Params, ps []pairs.Pair, workers int) (*Plan, [][]float32) {
		pl, err := New(pr).Select([]string{"D.dir.*"})
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]float32
		err = pl.Run(SliceSource(ps), RunOptions{Workers: workers}, func(_ string, row []float32) error {
			rows = append(rows, slices.Clone(row))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return pl, rows
	}
	ps := []pairs.Pair{genPair(pairs.Numerical, pairs.Numerical, 2600, 3), genPair(pairs.Numerical, pairs.Numerical, 2300, 4)}
	pl, def := run(DefaultParams, ps, 1)
	_, fast1 := run(fp, ps, 1)
	_, fast2 := run(fp, ps, 2)
	for i := range ps {
		for j, name := range pl.Names() {
			if math.Float32bits(fast1[i][j]) != math.Float32bits(fast2[i][j]) {
				t.Errorf("pair %d %s: fast variant %g with 1 worker, %g with 2", i, name, fast1[i][j], fast2[i][j])
			}
			same := sameValue(def[i][j], fast1[i][j])
			if slices.Contains(changed, name) == same {
				t.Errorf("pair %d %s: plan-2 %g, fast %g (bounded method: %v)", i, name, def[i][j], fast1[i][j], slices.Contains(changed, name))
			}
		}
	}
}
