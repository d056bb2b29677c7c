package protocol

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/corpus"
)

// tinyCache is a cache of a few hundred cheap features of every kind.
func tinyCache(t *testing.T, dir string, cores int, log *bytes.Buffer) *Cache {
	t.Helper()
	pl, err := plan.Default().Select([]string{"A.raw.*", "B.raw.*", "AmB.raw.*", "S.*", "meta.*", "*.xstd.ystd.linear.*", "D.xkm10.yrank.grp.*", "D.dir.igci*", "D.dir.reci*"})
	if err != nil {
		t.Fatal(err)
	}
	c := &Cache{Dir: dir, Plan: pl, Cores: cores}
	if log != nil {
		c.Log = log
	}
	return c
}

// tinyCorpus is two sources, small pairs.
func tinyCorpus() corpus.Corpus {
	return corpus.Corpus{Sources: []string{"cdt", "anlsmn"}, PerSource: 120, TunePerSource: 60, MinPoints: 60, MaxPoints: 120,
		TypeMix: corpus.TypeMix, Coarse: 0.2, Seed: 11}
}

// Leave one source out, end to end on two sources: a row per source with
// AUCs that are AUCs, the mean and worst of the held-out column, the same
// table for any cores, and the features drawn once (the cache).
func TestLOSOTwoSources(t *testing.T) {
	dir := t.TempDir()
	var log bytes.Buffer
	run := func(cores int) *LOSOResult {
		res, err := LOSO(context.Background(), LOSOConfig{Corpus: tinyCorpus(), Cache: tinyCache(t, dir, cores, &log), Own: true, Seed: 1, Cores: cores})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a := run(1)
	drawn := strings.Count(log.String(), "draw and featurize")
	b := run(2)
	if drawn != 4 || strings.Count(log.String(), "draw and featurize") != drawn {
		t.Errorf("features drawn %d times, then %d (want 4 parts, once):\n%s", drawn, strings.Count(log.String(), "draw and featurize"), log.String())
	}
	var ma, mb bytes.Buffer
	if err := a.Markdown(&ma); err != nil {
		t.Fatal(err)
	}
	b.Markdown(&mb)
	if ma.String() != mb.String() {
		t.Fatalf("--cores 1 and 2 differ:\n%s\n%s", ma.String(), mb.String())
	}
	if len(a.Rows) != 2 || a.Rows[0].Source != "cdt" || a.Rows[1].Source != "anlsmn" || a.Rows[0].Own == nil {
		t.Fatalf("rows %+v", a.Rows)
	}
	worst := a.Rows[0]
	for _, r := range a.Rows {
		for _, s := range []Score{r.HeldOut, r.InDist, *r.Own} {
			if !(s.AUC >= 0 && s.AUC <= 1) || s.Pairs != 60 {
				t.Errorf("%s: score %+v", r.Source, s)
			}
		}
		if r.HeldOut.AUC < worst.HeldOut.AUC {
			worst = r
		}
	}
	if mean := (a.Rows[0].HeldOut.AUC + a.Rows[1].HeldOut.AUC) / 2; a.Mean != mean || a.Worst != worst.HeldOut.AUC || a.WorstName != worst.Source {
		t.Errorf("mean %v worst %v (%s), rows %+v", a.Mean, a.Worst, a.WorstName, a.Rows)
	}
	if !strings.Contains(ma.String(), "| cdt | ") || !strings.Contains(ma.String(), "own source only") {
		t.Errorf("table:\n%s", ma.String())
	}
	var js bytes.Buffer
	if err := a.JSON(&js); err != nil || !strings.Contains(js.String(), `"worst_source"`) {
		t.Errorf("JSON %v:\n%s", err, js.String())
	}
	one := tinyCorpus()
	one.Sources = []string{"cdt"}
	if _, err := LOSO(context.Background(), LOSOConfig{Corpus: one, Cache: tinyCache(t, dir, 1, nil)}); err == nil {
		t.Error("one source: no error")
	}
	if _, err := LOSO(context.Background(), LOSOConfig{Corpus: tinyCorpus(), Cache: tinyCache(t, dir, 1, nil), Plan: "nosuch"}); err == nil {
		t.Error("unknown plan: no error")
	}
}

// MakeModel writes the same model bytes for any cores, records the corpus
// in it, and chooses the grid point of highest cross-validated AUC.
func TestMakeModelDeterministic(t *testing.T) {
	dir := t.TempDir()
	cp := tinyCorpus()
	cp.PerSource, cp.TunePerSource = 100, 60
	build := func(cores int) (*MakeModelResult, []byte) {
		out := filepath.Join(dir, "model"+string(rune('0'+cores))+".txt")
		res, err := MakeModel(MakeModelConfig{Corpus: cp, Cache: tinyCache(t, dir, cores, nil), Out: out, Leaves: []int{4, 7},
			SelectTop: 40, SelectCost: 1, Seed: 1, Cores: cores})
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return res, b
	}
	r1, m1 := build(1)
	_, m2 := build(2)
	if !bytes.Equal(m1, m2) {
		t.Fatal("models differ between 1 and 2 cores")
	}
	if !bytes.Contains(m1, []byte("[corpus: "+cp.String()+"]")) {
		t.Error("the model does not record its corpus")
	}
	if len(r1.Grid) != 2 || r1.Features > 40+40 || r1.TrainPairs != 180 {
		t.Errorf("result %+v", r1)
	}
	for i, g := range r1.Grid {
		if round4(g.CV.MeanAUC) > round4(r1.Grid[r1.Chosen].CV.MeanAUC) || (i < r1.Chosen && round4(g.CV.MeanAUC) == round4(r1.Grid[r1.Chosen].CV.MeanAUC)) {
			t.Errorf("chose %d of %+v", r1.Chosen, r1.Grid)
		}
	}
}
