package protocol

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
)

// col is a model's column of AUCs on hand-made tables.
func col(name string, aucs ...float64) CandidateScores {
	c := CandidateScores{Candidate: Candidate{Name: name}}
	for _, a := range aucs {
		c.Scores = append(c.Scores, Score{AUC: a})
	}
	return c
}

// The replacement rule on BENCHMARKS.md's tables: v4 and v5 fail on the
// challenge source (−0.0514, −0.0307), v6 passes; the boundaries are
// inclusive at 4 decimals.
func TestReplacementRule(t *testing.T) {
	srcs := []string{"challenge", "sim", "cdt", "rcc", "anlsmn", "semireal"}
	v3 := col("v3", 0.8466, 0.7300, 0.5897, 0.7977, 0.9030, 0.7679)
	for _, c := range []struct {
		cand   CandidateScores
		gain   float64
		worst  float64
		where  string
		passes bool
	}{
		{col("v4", 0.7952, 0.7053, 0.7548, 0.8542, 0.8829, 0.8117), 0.0282, -0.0514, "challenge", false},
		{col("v5", 0.81586, 0.7378, 0.7744, 0.8470, 0.8980, 0.8399), 0.0464, -0.0307, "challenge", false},
		{col("v6", 0.8331, 0.7373, 0.7632, 0.8629, 0.8944, 0.8504), 0.0511, -0.0135, "challenge", true},
		// exactly +0.01 and exactly −0.03 pass; one step less fails
		{col("edge", 0.8166, 0.7300, 0.5897+0.06, 0.7977, 0.9030, 0.7679), 0.0050, -0.03, "challenge", false},
		{col("edge2", 0.8166, 0.7300, 0.5897+0.09, 0.7977, 0.9030, 0.7679), 0.0100, -0.03, "challenge", true},
		{col("edge3", 0.8165, 0.7300, 0.5897+0.09, 0.7977, 0.9030, 0.7679), 0.0100, -0.0301, "challenge", false},
		{col("same", 0.8466, 0.7300, 0.5897, 0.7977, 0.9030, 0.7679), 0, 0, "challenge", false},
	} {
		v, err := ReplacementRule.Judge(srcs, v3, c.cand)
		if err != nil {
			t.Fatal(err)
		}
		if v.MeanGain != c.gain || v.WorstDiff != c.worst || v.WorstSource != c.where || v.Passes != c.passes {
			t.Errorf("%s: verdict %+v, want gain %v worst %v (%s) passes %v", c.cand.Name, v, c.gain, c.worst, c.where, c.passes)
		}
	}
	a, _ := AdaptationRule.Judge(srcs[:2], col("control", 0.70, 0.70), col("adapted", 0.75, 0.69))
	if !a.Passes || a.MeanGain != 0.02 {
		t.Errorf("adaptation rule: %+v", a)
	}
	if _, err := ReplacementRule.Judge(srcs, v3, col("short", 0.9)); err == nil {
		t.Error("a column of the wrong length was judged")
	}
}

// roundTrip checks that a result survives JSON unchanged.
func roundTrip[T any](t *testing.T, r *T, write func(*bytes.Buffer) error) {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	var back T
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatalf("%v:\n%s", err, b.String())
	}
	if !reflect.DeepEqual(*r, back) {
		t.Errorf("JSON round trip changed the result:\n%+v\n%+v", *r, back)
	}
}

// tinyTests are two sources' small test sets.
func tinyTests() corpus.Corpus {
	c := tinyCorpus()
	c.PerSource, c.TunePerSource = 0, 40
	return c
}

// Candidates scores a model file and the embedded model on two tiny test
// sets from the raw pairs, the same as scoring their features, and judges
// the second against the first.
func TestCandidatesTwoSources(t *testing.T) {
	dir := t.TempDir()
	cache := tinyCache(t, dir, 2, nil)
	train, err := cache.Parts(tinyCorpus(), corpus.Train)
	if err != nil {
		t.Fatal(err)
	}
	model, err := (&LOSOConfig{Seed: 1, Cores: 2}).fit(dir, "tiny", train)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Candidates(context.Background(), CandidatesConfig{Tests: tinyTests(), Cores: 2,
		Models: []Candidate{{Name: "tiny", Path: model}, {Name: "embedded"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Models) != 2 || len(res.Verdicts) != 1 || res.Verdicts[0].Candidate != "embedded" || res.Verdicts[0].Incumbent != "tiny" {
		t.Fatalf("result %+v", res)
	}
	tests, err := cache.Parts(tinyTests(), corpus.Test)
	if err != nil {
		t.Fatal(err)
	}
	for i, m := range res.Models {
		var sum float64
		for k, s := range m.Scores {
			if s.Pairs != 40 || !(s.AUC > 0 && s.AUC < 1) {
				t.Errorf("%s on %s: %+v", m.Name, res.Sources[k], s)
			}
			sum += round4(s.AUC)
			if i == 0 {
				// from the raw pairs as from their features
				f, err := ScoreModel(context.Background(), model, tests[k], 1)
				if err != nil {
					t.Fatal(err)
				}
				if f != s {
					t.Errorf("%s: raw pairs %+v, features %+v", res.Sources[k], s, f)
				}
			}
		}
		if m.Mean != sum/2 {
			t.Errorf("%s: mean %v, want %v", m.Name, m.Mean, sum/2)
		}
	}
	var md bytes.Buffer
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| source | tiny | embedded |", "| cdt | ", "| mean AUC | ", "embedded − tiny"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, md.String())
		}
	}
	roundTrip(t, res, func(b *bytes.Buffer) error { return res.JSON(b) })
	if _, err := Candidates(context.Background(), CandidatesConfig{Tests: tinyTests(), Models: []Candidate{{Name: "x", Path: dir + "/none.txt"}}}); err == nil {
		t.Error("a missing model file: no error")
	}
}

// First selects a cached part's first n pairs by their SampleIDs: the same
// rows as drawing n pairs, without featurizing again.
func TestFirstSelectsTheSmallerDraw(t *testing.T) {
	var log bytes.Buffer
	parts, err := tinyCorpus().Parts(corpus.Train)
	if err != nil {
		t.Fatal(err)
	}
	p := parts[0] // cdt, 120 pairs
	p.N = 30
	big := tinyCache(t, t.TempDir(), 2, &log)
	if _, err := big.Part(p); err != nil {
		t.Fatal(err)
	}
	sel, err := big.First(p, 13)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(log.String(), "draw and featurize") != 1 || !strings.Contains(log.String(), "select the first 13 of 30") {
		t.Errorf("log:\n%s", log.String())
	}
	small := p
	small.N = 13
	drawn, err := tinyCache(t, t.TempDir(), 1, nil).Part(small)
	if err != nil {
		t.Fatal(err)
	}
	a, err := featio.ReadAll(sel.Features)
	if err != nil {
		t.Fatal(err)
	}
	b, err := featio.ReadAll(drawn.Features)
	if err != nil {
		t.Fatal(err)
	}
	if a.Rows != 13 || !reflect.DeepEqual(a.IDs, b.IDs) || !sameBits(a.Data, b.Data) || !reflect.DeepEqual(a.IDs, p.IDs(13)) {
		t.Fatalf("selected rows %v, drawn rows %v", a.IDs, b.IDs)
	}
	ta, _ := pairio.ReadTargets(sel.Targets)
	tb, _ := pairio.ReadTargets(drawn.Targets)
	if len(ta) != 13 || !reflect.DeepEqual(ta, tb) {
		t.Errorf("targets %v, want %v", ta, tb)
	}
	if _, err := big.First(p, 31); err == nil {
		t.Error("more pairs than the part: no error")
	}
}

// sameBits compares feature values bit for bit (NaN equals NaN).
func sameBits(a, b []float32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return false
		}
	}
	return true
}

// In-distribution and the source ablation end to end on two sources, from
// the first 140 of 160 cached training pairs per source.
func TestInDistributionAndAblation(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	cache := tinyCache(t, dir, 2, &log)
	cp := tinyCorpus()
	cp.PerSource = 160
	if _, err := cache.Parts(cp, corpus.Train); err != nil {
		t.Fatal(err)
	}
	tests := tinyTests()
	tests.Seed = 77
	cfg := InDistConfig{Corpus: cp, N: 140, Tests: tests, Cache: cache, Seed: 1, Cores: 2}
	in, err := InDistribution(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(log.String(), "select the first 140 of 160") != 2 {
		t.Errorf("the first 100 pairs were not selected from the cache:\n%s", log.String())
	}
	if len(in.Rows) != 2 || in.Rows[1].Source != "anlsmn" {
		t.Fatalf("rows %+v", in.Rows)
	}
	for _, r := range in.Rows {
		if r.Full == r.RunnerUp || r.Full.Pairs != 40 || r.Difference != round4(round4(r.Full.AUC)-round4(r.RunnerUp.AUC)) || r.Met != (r.Difference >= 0.02) {
			t.Errorf("row %+v", r)
		}
	}
	var md bytes.Buffer
	in.Markdown(&md)
	if !strings.Contains(md.String(), "| cdt | ") || !strings.Contains(md.String(), "target (≥ +0.02)") {
		t.Errorf("table:\n%s", md.String())
	}
	roundTrip(t, in, func(b *bytes.Buffer) error { return in.JSON(b) })

	ab, err := Ablation(context.Background(), AblationConfig{InDistConfig: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if len(ab.Rows) != 3 || ab.Rows[0].Without != "" || ab.Rows[2].Without != "anlsmn" || len(ab.Rows[1].Scores) != 2 {
		t.Fatalf("rows %+v", ab.Rows)
	}
	h0, h1 := round4(ab.HeldOut(0).AUC), round4(ab.HeldOut(1).AUC)
	if ab.Mean != (h0+h1)/2 || ab.Worst != min(h0, h1) || (h0 < h1) != (ab.WorstName == "cdt") {
		t.Errorf("mean %v worst %v (%s) of %v, %v", ab.Mean, ab.Worst, ab.WorstName, h0, h1)
	}
	if ab.Rows[1].MeanSeen != round4(ab.Rows[1].Scores[1].AUC) || ab.Rows[0].MeanSeen != meanAUC(ab.Rows[0].Scores) {
		t.Errorf("means of the seen sources: %+v", ab.Rows)
	}
	// the model on every source is the in-distribution model of neither
	// row, but the held-out one trained on one source is the other's own
	if ab.Rows[2].Scores[0] != in.Rows[0].Full {
		t.Errorf("the model without anlsmn (cdt alone) scores %+v on cdt, the in-distribution full plan %+v", ab.Rows[2].Scores[0], in.Rows[0].Full)
	}
	md.Reset()
	ab.Markdown(&md)
	if !strings.Contains(md.String(), "| all but cdt | **") || !strings.Contains(md.String(), "| worst | ") {
		t.Errorf("table:\n%s", md.String())
	}
	roundTrip(t, ab, func(b *bytes.Buffer) error { return ab.JSON(b) })
	bad := cfg
	bad.Tests.Sources = []string{"anlsmn", "cdt"}
	if _, err := InDistribution(context.Background(), bad); err == nil {
		t.Error("test sets of other sources: no error")
	}
}

// The adaptation benchmark end to end on two sources, each method.
func TestAdaptBench(t *testing.T) {
	dir := t.TempDir()
	cp := tinyCorpus()
	cp.TunePerSource = 40
	for _, m := range AdaptMethods() {
		cfg := AdaptBenchConfig{Corpus: cp, Method: m, N: 60, Probe: 5, Cache: tinyCache(t, dir, 2, nil), Seed: 1, Cores: 2}
		if m == AdaptDraw {
			cfg.Held = []string{"anlsmn"}
		}
		res, err := AdaptBench(context.Background(), cfg)
		if err != nil {
			t.Fatalf("%s: %v", m, err)
		}
		if len(res.Rows) == 0 || res.Verdict.Rule != AdaptationRule || res.Method != m {
			t.Fatalf("%s: %+v", m, res)
		}
		for _, r := range res.Rows {
			if r.Adapted.Pairs != 40 || r.Control.Pairs != 40 || r.Difference != round4(round4(r.Adapted.AUC)-round4(r.Control.AUC)) {
				t.Errorf("%s: row %+v", m, r)
			}
			if (m == AdaptDraw) != strings.Contains(r.Drawn, "cdt/coarse=") {
				t.Errorf("%s: drawn %q", m, r.Drawn)
			}
		}
		var md bytes.Buffer
		res.Markdown(&md)
		if !strings.Contains(md.String(), "adapted − control") {
			t.Errorf("%s: table:\n%s", m, md.String())
		}
		roundTrip(t, res, func(b *bytes.Buffer) error { return res.JSON(b) })
	}
	if _, err := AdaptBench(context.Background(), AdaptBenchConfig{Corpus: cp, Method: "nosuch", Cache: tinyCache(t, dir, 1, nil)}); err == nil {
		t.Error("unknown method: no error")
	}
	if _, err := AdaptBench(context.Background(), AdaptBenchConfig{Corpus: cp, Method: AdaptPairs, Held: []string{"sim"}, Cache: tinyCache(t, dir, 1, nil)}); err == nil {
		t.Error("a held-out source outside the corpus: no error")
	}
}
