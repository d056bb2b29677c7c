package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
)

// TestMain lets the test binary act as the causal command when
// CAUSAL_RUN_MAIN is set, so tests can start real separate processes.
func TestMain(m *testing.M) {
	if os.Getenv("CAUSAL_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// causalProcess returns a command that runs causal in a separate process.
func causalProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "CAUSAL_RUN_MAIN=1")
	return cmd
}

// Three `featurize --shard i/3` processes run at once (as a Slurm job array
// or Kubernetes Indexed Job would), then `features merge` gives exactly the
// file of one single run.
func TestShardsAsSeparateProcesses(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "g")
	if _, _, err := runCLI(t, "generate", "-q", "--n", "10", "--seed", "9", "--min-points", "60", "--max-points", "120", "-o", pre); err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.*\nB.*\nAmB.*\nS.*\nmeta.*\nAB.xrank.yrank.*\nBA.xrank.yrank.*\nD.xrank.yrank.*\n"), 0o644)
	common := []string{"featurize", pre + "_pairs.csv", "--info", pre + "_publicinfo.csv", "--plan", planFile, "-q", "--cores", "1"}
	var procs []*exec.Cmd
	outs := make([]bytes.Buffer, 3)
	var shards []string
	for i := range 3 {
		shard := filepath.Join(dir, fmt.Sprintf("part%d.features", i))
		shards = append(shards, shard)
		p := causalProcess(t, append(common, "--shard", fmt.Sprintf("%d/3", i), "-o", shard)...)
		p.Stderr = &outs[i]
		if err := p.Start(); err != nil {
			t.Fatal(err)
		}
		procs = append(procs, p)
	}
	for i, p := range procs {
		if err := p.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i, err, outs[i].String())
		}
	}
	merged := filepath.Join(dir, "merged.features")
	if _, _, err := runCLI(t, append([]string{"features", "merge", "-o", merged}, shards...)...); err != nil {
		t.Fatal(err)
	}
	single := filepath.Join(dir, "single.features")
	if _, _, err := runCLI(t, append(common, "-o", single)...); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(merged)
	b, _ := os.ReadFile(single)
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("merged shards (%d bytes) differ from one run (%d bytes)", len(a), len(b))
	}
}

// handWrittenLightGBM is a model as LightGBM 4.x writes it (version=v4, its
// own parameters section, no causal metadata), over three plan features:
// one tree that sends AmB.raw.n_distinct <= 0 to -1 and the rest to +1.
func handWrittenLightGBM() string {
	tree := "Tree=0\nnum_leaves=2\nnum_cat=0\nsplit_feature=2\nsplit_gain=10\nthreshold=0\ndecision_type=2\n" +
		"left_child=-1\nright_child=-2\nleaf_value=-1 1\nleaf_weight=5 5\nleaf_count=5 5\ninternal_value=0\n" +
		"internal_weight=10\ninternal_count=10\nis_linear=0\nshrinkage=1\n\n\n"
	return "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx=2\n" +
		"objective=regression\nfeature_names=A.raw.n_distinct B.raw.n_distinct AmB.raw.n_distinct\n" +
		"feature_infos=[3:100] [3:100] [-97:97]\n" +
		fmt.Sprintf("tree_sizes=%d\n\n", len(tree)) + tree +
		"end of trees\n\nfeature_importances:\nAmB.raw.n_distinct=1\n\nparameters:\n[boosting: gbdt]\n[objective: regression]\n" +
		"[num_leaves: 2]\nend of parameters\n\npandas_categorical:null\n"
}

// causal predict serves a LightGBM-format model that it did not train: the
// antisymmetric recipe gives (f(row) - f(mirror))/2 = +1 when A has more
// distinct values than B, -1 when fewer, 0 when as many.
func TestServeForeignLightGBMModel(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "lightgbm_model.txt")
	os.WriteFile(model, []byte(handWrittenLightGBM()), 0o644)
	pairsCSV := "SampleID,A,B\n" +
		"more, 1 2 3 4 5 6, 1 1 2 2 3 3\n" +
		"fewer, 1 1 2 2 1 2, 5 6 7 8 9 10\n" +
		"same, 1 2 3 4 5 6, 6 5 4 3 2 1\n"
	pp := filepath.Join(dir, "pairs.csv")
	os.WriteFile(pp, []byte(pairsCSV), 0o644)
	out, stderr, err := runCLI(t, "predict", pp, "--model", model)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	want := "SampleID,Target\nmore,1\nfewer,-1\nsame,0\n"
	if out != want {
		t.Fatalf("predictions:\n%s\nwant:\n%s", out, want)
	}
	// A model over features the plan cannot compute is refused.
	bad := strings.Replace(handWrittenLightGBM(), "A.raw.n_distinct B.raw", "A.raw.no_such_feature B.raw", 1)
	os.WriteFile(model, []byte(bad), 0o644)
	if _, _, err := runCLI(t, "predict", pp, "--model", model); err == nil || !strings.Contains(err.Error(), "no_such_feature") {
		t.Fatalf("unknown feature: %v", err)
	}
}

// features mirror writes each row and its mirror (the row of the swapped
// pair) with mirrored targets, as causal train's augmentation.
func TestFeaturesMirror(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "g")
	runCLI(t, "generate", "-q", "--n", "4", "--seed", "2", "--min-points", "50", "--max-points", "60", "-o", pre)
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.*\nB.*\nAmB.*\nmeta.*\nD.dir.*\n"), 0o644)
	feat := filepath.Join(dir, "f.features")
	if _, _, err := runCLI(t, "featurize", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--plan", planFile, "-q", "-o", feat); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "m.features")
	tout := filepath.Join(dir, "m_target.csv")
	if _, _, err := runCLI(t, "features", "mirror", feat, "--target", pre+"_target.csv", "--target-out", tout, "-o", out); err != nil {
		t.Fatal(err)
	}
	orig, _ := featio.ReadAll(feat)
	m, err := featio.ReadAll(out)
	if err != nil || m.Rows != 2*orig.Rows {
		t.Fatalf("%v: %d rows", err, m.Rows)
	}
	col := func(name string) int { return slices.Index(m.Names, name) }
	a, b, amb, d := col("A.raw.std"), col("B.raw.std"), col("AmB.raw.std"), col("D.dir.reci")
	for i := range orig.Rows {
		r, mr := m.Row(2*i), m.Row(2*i+1)
		if m.IDs[2*i+1] != m.IDs[2*i]+featio.MirrorSuffix || r[a] != mr[b] || r[b] != mr[a] || r[amb] != -mr[amb] || r[d] != -mr[d] {
			t.Fatalf("row %d: %v / %v", i, r[:4], mr[:4])
		}
	}
	tg, err := pairio.ReadTargets(tout)
	if err != nil || len(tg) != 2*orig.Rows || tg[1].Target != -tg[0].Target || tg[1].ID != tg[0].ID+featio.MirrorSuffix {
		t.Fatalf("targets %v %v", tg, err)
	}
}
