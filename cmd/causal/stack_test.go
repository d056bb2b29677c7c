package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The second stage's workflow end to end on small generated pairs, over a
// hand-written LightGBM model: featurize its features, the trees' scores,
// nested leave-one-group-out predictions, a fit, and predict --stack,
// which stays antisymmetric and in [-1, 1].
func TestStackWorkflow(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	os.WriteFile(p("model.txt"), []byte(handWrittenLightGBM()), 0o644)
	mustRun(t, "generate", "-q", "--n", "32", "--seed", "5", "--min-points", "50", "--max-points", "90",
		"--class-weights", "1,1,0,1", "-o", p("g"))
	pairsCSV, info, target := p("g_pairs.csv"), p("g_publicinfo.csv"), p("g_target.csv")
	os.WriteFile(p("stack.plan"), []byte(mustRun(t, "stack", "features")), 0o644)
	mustRun(t, "featurize", "-q", pairsCSV, "--info", info, "--plan", p("stack.plan"), "-o", p("s.features"))
	mustRun(t, "predict", "-q", pairsCSV, "--info", info, "--model", p("model.txt"), "-o", p("trees.csv"))
	targets := strings.Split(strings.TrimSpace(string(mustRead(t, target))), "\n")[1:]
	var groups, weights strings.Builder
	groups.WriteString("SampleID,Group\n")
	weights.WriteString("SampleID,Weight\n")
	for i, line := range targets {
		id := strings.SplitN(line, ",", 2)[0]
		fmt.Fprintf(&groups, "%s,set%d\n", id, i%5)
		fmt.Fprintf(&weights, "%s,%g\n", id, 0.5+float64(i%3))
	}
	os.WriteFile(p("groups.csv"), []byte(groups.String()), 0o644)
	os.WriteFile(p("weights.csv"), []byte(weights.String()), 0o644)
	common := []string{"--trees", p("trees.csv"), "--target", target, "--weights", p("weights.csv"), "--groups", p("groups.csv")}
	mustRun(t, append([]string{"stack", "cv", "-q", p("s.features"), "-o", p("oof.csv")}, common...)...)
	out := mustRun(t, "evaluate", p("oof.csv"), "--target", target, "--weights", p("weights.csv"))
	if !strings.Contains(out, "weighted AUC") {
		t.Fatalf("evaluate of the out-of-fold scores:\n%s", out)
	}
	mustRun(t, append([]string{"stack", "fit", "-q", p("s.features"), "-o", p("stack.json")}, common...)...)

	stacked := mustRun(t, "predict", "-q", pairsCSV, "--info", info, "--model", p("model.txt"), "--stack", p("stack.json"))
	swPairs, swInfo := writeSwappedPairs(t, pairsCSV, info, dir)
	swapped := mustRun(t, "predict", "-q", swPairs, "--info", swInfo, "--model", p("model.txt"), "--stack", p("stack.json"), "--cores", "1")
	ids1, s1 := readScores(t, stacked)
	ids2, s2 := readScores(t, swapped)
	_, treeScores := readScores(t, string(mustRead(t, p("trees.csv"))))
	differ := 0
	for i := range s1 {
		if ids1[i] != ids2[i] || s1[i] != -s2[i] || s1[i] < -1 || s1[i] > 1 {
			t.Errorf("%s: score %v, swapped %v", ids1[i], s1[i], s2[i])
		}
		if s1[i] != treeScores[i] {
			differ++
		}
	}
	if len(s1) != 32 || differ < 16 {
		t.Fatalf("%d stacked scores, %d differ from the trees'", len(s1), differ)
	}
	// stack apply on the features gives predict --stack's scores.
	applied := mustRun(t, "stack", "apply", p("s.features"), "--trees", p("trees.csv"), "--stack", p("stack.json"))
	if applied != stacked {
		t.Fatalf("stack apply:\n%s\npredict --stack:\n%s", applied, stacked)
	}
	if _, _, err := runCLI(t, "predict", pairsCSV, "--stack", p("stack.json"), "--no-stack"); err == nil {
		t.Fatal("--stack with --no-stack accepted")
	}
	// scan puts the same stage over the model.
	mustRun(t, "generate", "-q", "--table", "--columns", "4", "--rows", "80", "--seed", "2", "-o", p("t"))
	withStage := mustRun(t, "scan", "-q", p("t_table.csv"), "--model", p("model.txt"), "--stack", p("stack.json"))
	trees := mustRun(t, "scan", "-q", p("t_table.csv"), "--model", p("model.txt"))
	if withStage == trees || strings.Count(withStage, "\n") != 7 {
		t.Fatalf("scan --stack:\n%s\nwithout:\n%s", withStage, trees)
	}
	// A fit without --groups or --lambda cannot choose its penalty.
	_, _, err := runCLI(t, "stack", "fit", p("s.features"), "--trees", p("trees.csv"), "--target", target)
	if err == nil || !strings.Contains(err.Error(), "--groups") {
		t.Fatalf("fit without groups: err = %v", err)
	}
}

// TestStackSpecFlag checks --spec: c3 adds RECI's and IGCI's simplified
// scores to the plan, c stays the default, an unknown name is an error.
func TestStackSpecFlag(t *testing.T) {
	c3 := mustRun(t, "stack", "features", "--spec", "c3")
	if !strings.Contains(c3, "D.dir.reci\n") || !strings.Contains(c3, "D.dir.igci_slope_uniform") {
		t.Fatalf("stack features --spec c3 lacks the new inputs:\n%s", c3)
	}
	if def := mustRun(t, "stack", "features", "--spec", "c"); strings.Contains(def, "D.dir.reci\n") || def != mustRun(t, "stack", "features") {
		t.Fatalf("the default spec changed:\n%s", def)
	}
	if _, _, err := runCLI(t, "stack", "features", "--spec", "nope"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown --spec: err %v", err)
	}
}
