package protocol

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tinyTuebingen copies the four tiny testdata pairs into a folder laid out
// like the Tübingen one.
func tinyTuebingen(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"pairs", "publicinfo", "target"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "tiny_"+f+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f+".csv"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// tinyBench is a quality benchmark on the tiny cache and corpus, with a
// 7-leaf model trained on that corpus standing for the default model.
func tinyBench(t *testing.T, log *bytes.Buffer) QualityBench {
	t.Helper()
	dir := t.TempDir()
	cp := tinyCorpus()
	cp.PerSource = 60
	b := QualityBench{Corpus: cp, Cache: tinyCache(t, dir, 2, log), Tuebingen: tinyTuebingen(t), NTest: 24, Seed: 1, Cores: 2}
	train, err := trainParts(b.Cache, cp, dir)
	if err != nil {
		t.Fatal(err)
	}
	if b.Model, err = trainRecipe(context.Background(), train, filepath.Join(dir, "default.txt"), 7, 1, 2); err != nil {
		t.Fatal(err)
	}
	return b
}

// The quality tables, end to end on tiny sets: a row per classical method
// and per model, each scored on every pair of the three test sets; the
// per-simulator cells are each simulator's pairs (a baseline's cells equal
// the method scored on that simulator's draw alone); the retrained models
// take the default model's leaves; the by-family table covers the
// generated A->B and B->A pairs; a second run with other cores prints the
// same tables from the cached features.
func TestQualityTable(t *testing.T) {
	var log bytes.Buffer
	cfg := QualityConfig{QualityBench: tinyBench(t, &log), NSim: 6, Methods: []string{"igci_slope_uniform", "reci"}}
	res, err := QualityTable(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Leaves != 7 {
		t.Errorf("retrained with %d leaves, want the model's 7", res.Leaves)
	}
	var keys []string
	for _, row := range res.Rows {
		keys = append(keys, row.Key)
		if row.Generated.Pairs != 24 || row.Tuebingen.Pairs != 4 || row.Sim.Pairs != 24 || len(row.PerSim) != len(SimNames) {
			t.Errorf("%s: scored %d, %d, %d pairs and %d simulators, want 24, 4, 24 and 4", row.Key, row.Generated.Pairs, row.Tuebingen.Pairs, row.Sim.Pairs, len(row.PerSim))
		}
		for _, s := range append([]Score{row.Generated, row.Tuebingen, row.Sim}, row.PerSim...) {
			if !(s.AUC >= 0 && s.AUC <= 1 && s.Accuracy >= 0 && s.Accuracy <= 1) {
				t.Errorf("%s: score %+v", row.Key, s)
			}
		}
	}
	if got := strings.Join(keys, ","); got != "igci_slope_uniform,reci,runnerup,winner,full" {
		t.Fatalf("rows %s", got)
	}
	sims, err := DrawSims(6, 303, 1000, "", 1)
	if err != nil {
		t.Fatal(err)
	}
	for j, set := range sims {
		m, err := ScoreMethod(context.Background(), "reci", set, 1)
		if err != nil {
			t.Fatal(err)
		}
		if m.Score != res.Rows[1].PerSim[j] {
			t.Errorf("reci on %s: %+v in the table, %+v alone", SimNames[j], res.Rows[1].PerSim[j], m.Score)
		}
	}
	directed := 0
	for _, g := range res.ByMeta.ByCause {
		directed += g.N
	}
	if len(res.ByMeta.ByCause) == 0 || len(res.ByMeta.ByMechanism) == 0 || directed == 0 || directed >= 24 {
		t.Errorf("by family: %d cause groups over %d pairs, %d mechanism groups; want the A->B and B->A pairs of 24", len(res.ByMeta.ByCause), directed, len(res.ByMeta.ByMechanism))
	}
	var md bytes.Buffer
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"| baseline: reci | ", "| runner-up's measures (2013 #2) | ", "| method | sim | sim-c | sim-ln | sim-g |",
		"| full | ", "A->B and B->A pairs by cause family:", "A->B and B->A pairs by mechanism:"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("tables lack %q:\n%s", want, md.String())
		}
	}
	featurized := strings.Count(log.String(), "featurize ")
	cfg.Cores, cfg.Cache.Cores = 1, 1
	again, err := QualityTable(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var md2 bytes.Buffer
	again.Markdown(&md2)
	if md2.String() != md.String() {
		t.Errorf("2 cores:\n%s\n1 core:\n%s", md.String(), md2.String())
	}
	if n := strings.Count(log.String(), "featurize "); n != featurized {
		t.Errorf("the second run featurized again (%d logs, then %d):\n%s", featurized, n, log.String())
	}
	cfg.Methods = []string{"nope"}
	if _, err := QualityTable(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("an unknown method: %v", err)
	}
}

// The select-top table on tiny sets: a row per K, the selected model
// keeps at most K features and their mirror partners, no selection keeps
// every feature of the plan, each scored on every generated and Tübingen
// pair.
func TestSelectTopTable(t *testing.T) {
	cfg := SelectTopConfig{QualityBench: tinyBench(t, nil), Ks: []int{3, 0}}
	res, err := SelectTopTable(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 || res.Rows[0].K != 3 || res.Rows[1].K != 0 {
		t.Fatalf("rows %+v", res.Rows)
	}
	if f := res.Rows[0].Features; f < 3 || f > 6 {
		t.Errorf("--select-top 3 kept %d features, want 3 to 6 (with mirror partners)", f)
	}
	if f, all := res.Rows[1].Features, len(cfg.Cache.Plan.Names()); f != all {
		t.Errorf("no selection: %d features, want the plan's %d", f, all)
	}
	for _, row := range res.Rows {
		if row.Generated.Pairs != 24 || row.Tuebingen.Pairs != 4 || row.TrainSeconds <= 0 || row.PredictSeconds <= 0 {
			t.Errorf("row %+v", row)
		}
	}
	var md bytes.Buffer
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.String(), "| 3 | ") || !strings.Contains(md.String(), "| all | ") {
		t.Errorf("table:\n%s", md.String())
	}
}
