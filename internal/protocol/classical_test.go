package protocol

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// The regimes table, end to end on two small regimes: a row per regime
// and a score per method over the drawn pairs, Numerical pairs of the two
// causal classes only, the same result for any cores, and the table's
// rows named by the generator's flags.
func TestRegimesTable(t *testing.T) {
	cfg := RegimesConfig{N: 24, Seed: 78, Methods: []string{"igci_slope_uniform", "cds"},
		Regimes: []Regime{{Causes: "gmm,uniform"}, {Simulator: "sim-ln"}}, Cores: 1}
	res, err := RegimesTable(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 2 {
		t.Fatalf("%d rows, want 2", len(res.Rows))
	}
	for _, row := range res.Rows {
		if len(row.Scores) != 2 {
			t.Fatalf("%s: %d scores, want 2", row.Regime.Flags(), len(row.Scores))
		}
		for _, s := range row.Scores {
			if s.Pairs != 24 || s.AUC < 0 || s.AUC > 1 || s.Accuracy < 0 || s.Accuracy > 1 {
				t.Errorf("%s: score %+v", row.Regime.Flags(), s)
			}
		}
	}
	gc, err := genConfig("sim-ln", "all", 24, 78, "x")
	if err != nil {
		t.Fatal(err)
	}
	set, err := Draw("x", gc, 2)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range set.Pairs {
		if p.TypeA != pairs.Numerical || p.TypeB != pairs.Numerical || set.Targets[i].Target == 0 {
			t.Fatalf("pair %s: types %v, target %v; want Numerical pairs of the causal classes", p.ID, pairs.Types{A: p.TypeA, B: p.TypeB}, set.Targets[i].Target)
		}
	}
	cfg.Cores = 2
	again, err := RegimesTable(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := res.Markdown(&a); err != nil {
		t.Fatal(err)
	}
	if err := again.Markdown(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("1 core:\n%s\n2 cores:\n%s", a.String(), b.String())
	}
	for _, want := range []string{"| generate flags | igci_slope_uniform AUC / acc. | cds AUC / acc. |", "| --causes gmm,uniform |", "| --simulator sim-ln |"} {
		if !strings.Contains(a.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, a.String())
		}
	}
	if _, err := RegimesTable(context.Background(), RegimesConfig{N: 5, Methods: []string{"nope"}}); err == nil {
		t.Error("an unknown method ran")
	}
}

// The classical table on a small labelled set standing for Tübingen and
// a few SIM pairs: the pairs where a method is undefined are counted as
// causal baseline counts them (cds: all four tiny pairs, too few points per
// value; IGCI: none) and score 0, and the SIM table has a cell per
// simulator.
func TestClassical(t *testing.T) {
	dir := tinyTuebingen(t)
	cfg := ClassicalConfig{Tuebingen: dir, Methods: []string{"igci_slope_uniform", "cds"}, SimMethods: []string{"cds"},
		NSim: 6, SimPoints: 80, SimSeed: 303, Cores: 1}
	res, err := Classical(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pairs != 4 || len(res.Tuebingen) != 2 || len(res.Sim) != 1 || len(res.Sim[0].Sims) != len(SimNames) {
		t.Fatalf("result %+v", res)
	}
	if igci := res.Tuebingen[0]; igci.Name != "igci_slope_uniform" || igci.Undefined != 0 || igci.Pairs != 4 {
		t.Errorf("igci_slope_uniform: %+v, want 4 pairs scored, none undefined", igci)
	}
	// Every score 0: no pair decided, accuracy 0.
	if cds := res.Tuebingen[1]; cds.Name != "cds" || cds.Undefined != 4 || cds.Accuracy != 0 {
		t.Errorf("cds: %+v, want 4 undefined pairs scored 0", cds)
	}
	for _, s := range res.Sim[0].Sims {
		if s.Pairs != 6 {
			t.Errorf("SIM cell over %d pairs, want 6", s.Pairs)
		}
	}
	var md bytes.Buffer
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Tübingen (4 pairs, unweighted):", "| igci_slope_uniform | ", "| method | sim | sim-c | sim-ln | sim-g |", "| cds | "} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("tables lack %q:\n%s", want, md.String())
		}
	}
	if _, err := Classical(context.Background(), ClassicalConfig{Tuebingen: filepath.Join(dir, "none")}); err == nil {
		t.Error("a missing folder scored")
	}
}
