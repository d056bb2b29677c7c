package adapt

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
)

var testNames = []string{"A.loc", "B.loc", "A.spread", "B.spread", "S.dep", "AB.fit", "BA.fit"}

// pairsMatrix draws rows whose A.loc is N(mu, 1) with mu drawn per row from
// locs, the other label-free columns noise, and directional columns that a
// domain classifier must not see.
func pairsMatrix(rows int, locs []float64, seed uint64) *featio.Matrix {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := &featio.Matrix{Names: testNames, Rows: rows, Cols: len(testNames)}
	for r := range rows {
		mu := locs[r%len(locs)]
		m.IDs = append(m.IDs, "p")
		m.Data = append(m.Data,
			float32(mu+rng.NormFloat64()), float32(rng.NormFloat64()),
			float32(rng.Float64()), float32(rng.Float64()),
			float32(rng.NormFloat64()), float32(mu), float32(-mu))
	}
	return m
}

func TestLabelFreeColumns(t *testing.T) {
	got := LabelFreeColumns(append(testNames, "D.fit", "AmB.x", "meta.A_numerical", "meta.B_numerical"))
	want := []string{"A.loc", "B.loc", "A.spread", "B.spread", "S.dep", "AmB.x", "meta.A_numerical", "meta.B_numerical"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// Training pairs from two clusters, user pairs from one: the training pairs
// of that cluster get the weight.
func TestDomainWeightsFavourTheUsersCluster(t *testing.T) {
	train := pairsMatrix(600, []float64{0, 4}, 1)
	target := pairsMatrix(300, []float64{4}, 2)
	res, err := DomainWeights(train, target, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	var near, far float64
	for r, w := range res.Weights {
		if r%2 == 1 {
			near += w
		} else {
			far += w
		}
	}
	if near < 5*far {
		t.Fatalf("weights of the user's cluster %v, of the other %v: want at least 5 times more", near, far)
	}
	if res.AUC < 0.7 {
		t.Fatalf("domain AUC %v, want > 0.7 for clearly different sets", res.AUC)
	}
	if mean := (near + far) / float64(len(res.Weights)); math.Abs(mean-1) > 1e-9 {
		t.Fatalf("mean weight %v, want 1", mean)
	}
	for _, w := range res.Weights {
		if w <= 0 {
			t.Fatalf("weight %v <= 0", w)
		}
	}
}

// Pairs drawn alike get weights near 1 and a domain AUC near chance.
func TestDomainWeightsOfLikePairsStayNearOne(t *testing.T) {
	train := pairsMatrix(600, []float64{0, 4}, 3)
	target := pairsMatrix(300, []float64{0, 4}, 4)
	res, err := DomainWeights(train, target, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.AUC > 0.6 {
		t.Fatalf("domain AUC %v for pairs drawn alike, want about 0.5", res.AUC)
	}
	if res.ESS < 0.7 {
		t.Fatalf("effective sample size %v of the rows for pairs drawn alike, want > 0.7", res.ESS)
	}
}

func TestDomainWeightsDoNotDependOnCores(t *testing.T) {
	train := pairsMatrix(300, []float64{0, 4}, 5)
	target := pairsMatrix(100, []float64{4}, 6)
	a, err := DomainWeights(train, target, Options{Seed: 2, Cores: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := DomainWeights(train, target, Options{Seed: 2, Cores: 3})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(a.Weights, b.Weights) {
		t.Fatal("weights differ between 1 and 3 cores")
	}
}

func TestDomainWeightsErrors(t *testing.T) {
	train := pairsMatrix(50, []float64{0}, 7)
	target := pairsMatrix(50, []float64{0}, 8)
	noB := &featio.Matrix{Names: []string{"A.loc", "B.loc"}, Rows: 1, Cols: 2, Data: []float32{1, 2}, IDs: []string{"x"}}
	cases := []struct {
		name       string
		train, tgt *featio.Matrix
		o          Options
	}{
		{"empty target", train, &featio.Matrix{Names: testNames, Cols: len(testNames)}, Options{}},
		{"column missing from the target", train, noB, Options{Columns: []string{"A.spread", "B.spread"}}},
		{"not closed under mirroring", train, target, Options{Columns: []string{"A.loc"}}},
		{"no label-free column", &featio.Matrix{Names: []string{"AB.fit", "BA.fit"}, Rows: 1, Cols: 2, Data: []float32{1, 2}}, target, Options{}},
	}
	for _, c := range cases {
		if _, err := DomainWeights(c.train, c.tgt, c.o); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}
