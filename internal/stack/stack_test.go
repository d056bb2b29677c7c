package stack

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
)

var testSpec = Spec{
	Inputs: []string{Model, "D.dir.slope", "D.dir.reci_paper"},
	Gates:  []string{"meta.logn", "AB.xstd.ystd.linear.ins.resid_hsic"},
}

// synth draws n pairs in g groups: the label is followed by input 1 when
// gate 0 is high and by input 2 when it is low; the model input is noise.
func synth(n, groups int, seed uint64) Data {
	r := rand.New(rand.NewPCG(seed, 7))
	var d Data
	for i := range n {
		y := 1.0
		if r.IntN(2) == 0 {
			y = -1
		}
		gate := r.NormFloat64()
		s1, s2 := 3*r.NormFloat64(), 0.01*r.NormFloat64()
		if gate > 0 {
			s1 = 3 * (y + 0.7*r.NormFloat64())
		} else {
			s2 = 0.01 * (y + 0.7*r.NormFloat64())
		}
		x := []float64{r.NormFloat64(), s1, s2}
		if i%17 == 0 {
			x[2] = math.NaN() // undefined scores count 0
		}
		d.X = append(d.X, x)
		d.G = append(d.G, []float64{gate, r.Float64()})
		d.Y = append(d.Y, y)
		d.W = append(d.W, 0.5+r.Float64())
		d.Group = append(d.Group, fmt.Sprintf("g%02d", i%groups))
	}
	return d
}

func accuracy(s *Stack, d Data) float64 {
	right := 0
	for i := range d.Y {
		if s.Score(d.X[i], d.G[i])*d.Y[i] > 0 {
			right++
		}
	}
	return float64(right) / float64(d.Len())
}

func TestFitLearnsWhichScoreToTrust(t *testing.T) {
	train, test := synth(600, 6, 1), synth(600, 6, 2)
	s, err := Fit(testSpec, train, 0.001, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	// Each score alone is right on about 3/4 of the pairs (its half plus
	// chance on the other); gated, the stack is right on nearly all.
	if acc := accuracy(s, test); acc < 0.9 {
		t.Fatalf("gated stack accuracy %.3f on fresh pairs, want >= 0.9", acc)
	}
	// The gate's interaction carries the signal: input 1 × gate 0 positive,
	// input 2 × gate 0 negative.
	if s.Coef[1][1] <= 0 || s.Coef[2][1] >= 0 {
		t.Fatalf("interactions with the gate: %v, %v", s.Coef[1][1], s.Coef[2][1])
	}
	// A strong penalty shrinks towards 0: scores near 0.
	flat, err := Fit(testSpec, train, 100, "")
	if err != nil {
		t.Fatal(err)
	}
	if v := math.Abs(flat.Score(test.X[0], test.G[0])); v > 0.05 {
		t.Fatalf("lambda 100: |score| %v, want near 0", v)
	}
}

func TestScoreAntisymmetricAndBounded(t *testing.T) {
	s, err := Fit(testSpec, synth(300, 5, 3), 0.001, "")
	if err != nil {
		t.Fatal(err)
	}
	names, err := testSpec.Features()
	if err != nil {
		t.Fatal(err)
	}
	names = append([]string{"S.it.hsic"}, names...) // a column the stack ignores
	mm, err := plan.NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Bind(names)
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(4, 4))
	row, mir := make([]float64, len(names)), make([]float64, len(names))
	for trial := range 200 {
		for i := range row {
			row[i] = 10 * r.NormFloat64()
		}
		if trial%5 == 0 {
			row[r.IntN(len(row))] = math.NaN()
		}
		mm.Row64(row, mir)
		model := 2*r.Float64() - 1
		a, c := b.Score(model, row), b.Score(-model, mir)
		if a != -c || math.Abs(a) > 1 || math.IsNaN(a) {
			t.Fatalf("score(A,B) = %v, score(B,A) = %v", a, c)
		}
	}
}

func TestJSONRoundTripAndChecks(t *testing.T) {
	d := synth(200, 4, 5)
	s, err := Fit(testSpec, d, 0.01, "synthetic")
	if err != nil {
		t.Fatal(err)
	}
	text, err := s.JSON()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Parse("s.json", text)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Y {
		if a, b := s.Score(d.X[i], d.G[i]), back.Score(d.X[i], d.G[i]); a != b {
			t.Fatalf("pair %d: %v after the round trip, %v before", i, b, a)
		}
	}
	for _, c := range []struct{ from, to, want string }{
		{`"plan_hash": "` + s.PlanHash, `"plan_hash": "x`, "refit"},
		{`"format": "` + Format, `"format": "other`, "format"},
		{`"clip": 3`, `"clip": 3, "extra": 1`, "unknown field"},
		{`"D.dir.slope"`, `"D.dir.nosuch"`, "not a feature"},
	} {
		bad := strings.Replace(string(text), c.from, c.to, 1)
		if bad == string(text) {
			t.Fatalf("test setup: %q not in the JSON", c.from)
		}
		if _, err := Parse("bad.json", []byte(bad)); err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "bad.json") {
			t.Errorf("%s -> %s: err = %v, want it to name the file and say %q", c.from, c.to, err, c.want)
		}
	}
	if _, err := s.Bind([]string{"D.dir.slope"}); err == nil {
		t.Fatal("Bind accepted columns lacking the gates")
	}
}

func TestFitRejectsBadData(t *testing.T) {
	d := synth(50, 3, 6)
	d.Y[3] = 2
	if _, err := Fit(testSpec, d, 0.01, ""); err == nil || !strings.Contains(err.Error(), "label") {
		t.Fatalf("label 0: err = %v", err)
	}
	d = synth(50, 3, 6)
	d.W[4] = 0
	if _, err := Fit(testSpec, d, 0.01, ""); err == nil || !strings.Contains(err.Error(), "weight") {
		t.Fatalf("weight 0: err = %v", err)
	}
}

func TestCrossValidateNeverSeesTheHeldOutGroup(t *testing.T) {
	d := synth(240, 6, 7)
	oof, folds, err := CrossValidate(testSpec, d, []float64{0.001, 0.1}, 0, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(folds) != 6 || len(oof) != d.Len() {
		t.Fatalf("%d folds, %d scores", len(folds), len(oof))
	}
	// Flipping the labels of group g05 must not change its out-of-fold
	// scores (it is in neither the fit nor the lambda choice of its fold),
	// and must change some other group's.
	flipped := synth(240, 6, 7)
	for i, g := range flipped.Group {
		if g == "g05" {
			flipped.Y[i] = -flipped.Y[i]
		}
	}
	oof2, _, err := CrossValidate(testSpec, flipped, []float64{0.001, 0.1}, 0, 1)
	if err != nil {
		t.Fatal(err)
	}
	changed := false
	for i, g := range d.Group {
		if g == "g05" && oof[i] != oof2[i] {
			t.Fatalf("pair %d of the held-out group: %v, then %v after flipping its own labels", i, oof[i], oof2[i])
		}
		changed = changed || (g != "g05" && oof[i] != oof2[i])
	}
	if !changed {
		t.Fatal("flipping g05's labels changed no other group's scores")
	}
	right := 0
	for i := range oof {
		if oof[i]*d.Y[i] > 0 {
			right++
		}
	}
	if acc := float64(right) / float64(len(oof)); acc < 0.85 {
		t.Fatalf("out-of-fold accuracy %.3f, want >= 0.85", acc)
	}
	// Grouped 3-fold inside: g05 still never seen by its own fold.
	oof3, _, err := CrossValidate(testSpec, d, []float64{0.001, 0.1}, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	flip3, _, err := CrossValidate(testSpec, flipped, []float64{0.001, 0.1}, 3, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, g := range d.Group {
		if g == "g05" && oof3[i] != flip3[i] {
			t.Fatalf("inner 3-fold: held-out pair %d moved with its own labels", i)
		}
	}
	if _, _, err := CrossValidate(testSpec, synth(30, 3, 8), []float64{0.1}, 0, 1); err == nil {
		t.Fatal("3 groups accepted for nested leave-one-group-out")
	}
}

// TestC3Spec checks the third candidate's spec: the default's inputs plus
// RECI's and IGCI's simplified scores, the same gates, without changing
// the default.
func TestC3Spec(t *testing.T) {
	if err := C3Spec.Check(); err != nil {
		t.Fatal(err)
	}
	if got, want := len(C3Spec.Inputs), len(DefaultSpec.Inputs)+2; got != want {
		t.Fatalf("C3Spec has %d inputs, want %d", got, want)
	}
	if DefaultSpec.Inputs[len(DefaultSpec.Inputs)-1] != "D.dir.anm_hsic" || Specs["c"].Inputs[len(Specs["c"].Inputs)-1] != "D.dir.anm_hsic" {
		t.Fatalf("the default spec changed: %v", DefaultSpec.Inputs)
	}
	names, err := C3Spec.Features()
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	for _, n := range []string{"D.dir.reci", "D.dir.igci_slope_uniform", "D.dir.slope", "meta.logn"} {
		if !have[n] {
			t.Errorf("C3Spec.Features lacks %s: %v", n, names)
		}
	}
}
