package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/protocol"
	"github.com/causal-tool/causal/pairs"
)

const td = "../../testdata/"

// runCLI runs the causal command tree in-process and returns its outputs.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	err = root.Execute()
	return out.String(), errb.String(), err
}

func TestVersion(t *testing.T) {
	out, _, err := runCLI(t, "version")
	if err != nil || !strings.HasPrefix(out, "causal ") {
		t.Fatalf("version: %q %v", out, err)
	}
}

func TestEvaluateText(t *testing.T) {
	out, _, err := runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"tiny_target.csv", "--info", td+"tiny_publicinfo.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"bidirectional AUC    1.0000", "sign accuracy        1.0000  (on 2 pairs", "by Details class", "confounded", "by type combination", "CB"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestEvaluateJSON(t *testing.T) {
	out, _, err := runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"tiny_target.csv", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		N         int     `json:"n"`
		AUC       float64 `json:"bidirectional_auc"`
		ByDetails []struct {
			Name string   `json:"name"`
			AUC  *float64 `json:"bidirectional_auc"`
		} `json:"by_details"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	if rep.N != 4 || rep.AUC != 1 || len(rep.ByDetails) != 4 || rep.ByDetails[0].AUC != nil {
		t.Fatalf("report %+v", rep)
	}
}

func TestEvaluateErrors(t *testing.T) {
	_, _, err := runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"bad/target_bad.csv")
	if err == nil || !strings.Contains(err.Error(), "target_bad.csv:3: SampleID p2") {
		t.Errorf("bad target: %v", err)
	}
	_, _, err = runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"bad/target_inconsistent.csv")
	if err == nil {
		t.Error("inconsistent target accepted")
	}
	_, _, err = runCLI(t, "evaluate", td+"tiny_predictions.csv")
	if err == nil || !strings.Contains(err.Error(), "target") {
		t.Errorf("missing --target: %v", err)
	}
	_, _, err = runCLI(t, "--cores", "0", "version")
	if err == nil {
		t.Error("--cores 0 accepted")
	}
}

func TestValidate(t *testing.T) {
	out, _, err := runCLI(t, "validate", td+"tiny_pairs.csv", "--info", td+"tiny_publicinfo.csv")
	if err != nil || !strings.Contains(out, "4 pairs, 32 points (min 8, max 8 per pair)") || !strings.Contains(out, "CB 1") {
		t.Fatalf("validate: %q %v", out, err)
	}
	_, _, err = runCLI(t, "validate", td+"bad/unequal.csv")
	if err == nil || !strings.Contains(err.Error(), "unequal.csv:2: SampleID p1: A has 4 values but B has 3") {
		t.Fatalf("unequal: %v", err)
	}
	out, errOut, err := runCLI(t, "validate", td+"bad/nonnumeric.csv", "--skip-bad")
	if err != nil || !strings.Contains(out, "1 pairs") || !strings.Contains(errOut, "skipped: ") || !strings.Contains(errOut, "1 bad pairs skipped") {
		t.Fatalf("skip-bad: %q %q %v", out, errOut, err)
	}
}

func TestEvaluatePlotAUCMatches(t *testing.T) {
	dir := t.TempDir()
	out, _, err := runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"tiny_target.csv", "--json", "--plot", dir)
	if err != nil {
		t.Fatal(err)
	}
	var rep struct {
		AUC float64 `json:"bidirectional_auc"`
	}
	json.Unmarshal([]byte(out), &rep)
	svg, err := os.ReadFile(filepath.Join(dir, "roc.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("bidirectional AUC %.4f", rep.AUC); !strings.Contains(string(svg), want) {
		t.Fatalf("roc.svg lacks %q", want)
	}
	for _, f := range []string{"roc.png", "scores.png", "scores.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Fatalf("%s missing or empty: %v", f, err)
		}
	}
}

func TestBaselineAntisymmetricAndEvaluates(t *testing.T) {
	dir := t.TempDir()
	// A pair and its mirror: the baseline score must flip sign exactly.
	pairsCSV := "SampleID,A,B\n"
	mirrorCSV := "SampleID,A,B\n"
	for i, slope := range []float64{1, 2, 3} {
		var a, b []string
		for j := 0; j < 60; j++ {
			x := float64(j) / 59
			y := math.Pow(x, 3)*slope + 0.05*math.Sin(float64(j*7))
			a = append(a, fmt.Sprint(x))
			b = append(b, fmt.Sprint(y))
		}
		pairsCSV += fmt.Sprintf("p%d, %s, %s\n", i, strings.Join(a, " "), strings.Join(b, " "))
		mirrorCSV += fmt.Sprintf("p%d, %s, %s\n", i, strings.Join(b, " "), strings.Join(a, " "))
	}
	os.WriteFile(filepath.Join(dir, "p.csv"), []byte(pairsCSV), 0o644)
	os.WriteFile(filepath.Join(dir, "m.csv"), []byte(mirrorCSV), 0o644)
	// A simplified score and a published method (its own plan block).
	for _, method := range []string{"igci_slope_uniform", "slope"} {
		out1, _, err := runCLI(t, "baseline", filepath.Join(dir, "p.csv"), "--method", method)
		if err != nil {
			t.Fatal(err)
		}
		out2, _, err := runCLI(t, "baseline", filepath.Join(dir, "m.csv"), "--method", method, "--cores", "1")
		if err != nil {
			t.Fatal(err)
		}
		l1, l2 := strings.Split(strings.TrimSpace(out1), "\n"), strings.Split(strings.TrimSpace(out2), "\n")
		if len(l1) != 4 || len(l2) != 4 {
			t.Fatalf("%s outputs:\n%s\n%s", method, out1, out2)
		}
		for i := 1; i < 4; i++ {
			_, s1, _ := strings.Cut(l1[i], ",")
			_, s2, _ := strings.Cut(l2[i], ",")
			v1, _ := strconv.ParseFloat(s1, 64)
			v2, _ := strconv.ParseFloat(s2, 64)
			if v1 != -v2 || v1 == 0 {
				t.Errorf("%s pair %d: score %v, mirrored %v", method, i, v1, v2)
			}
		}
	}
	if _, _, err := runCLI(t, "baseline", filepath.Join(dir, "p.csv"), "--method", "nope"); err == nil || !strings.Contains(err.Error(), "igci_slope_uniform") {
		t.Errorf("unknown method: %v", err)
	}
}

// mustRun runs causal in-process and returns its stdout, failing the test
// (with stderr) on error.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, stderr, err := runCLI(t, args...)
	if err != nil {
		t.Fatalf("%v: %v\n%s", args, err, stderr)
	}
	return out
}

// writeSwappedPairs writes every pair of pairsPath with A and B (and their
// publicinfo types) swapped into dir and returns the new pairs and
// publicinfo paths.
func writeSwappedPairs(t *testing.T, pairsPath, infoPath, dir string) (string, string) {
	t.Helper()
	info, err := pairio.ReadPublicInfo(infoPath)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pairio.OpenPairs(pairsPath, pairio.Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var pb bytes.Buffer
	var swapped []pairs.Pair
	w := pairio.NewPairsWriter(&pb)
	for {
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		swapped = append(swapped, p.Mirror())
		w.Write(p.Mirror())
	}
	w.Flush()
	var ib bytes.Buffer
	pairio.WritePublicInfo(&ib, swapped)
	sp, si := filepath.Join(dir, "swapped_pairs.csv"), filepath.Join(dir, "swapped_publicinfo.csv")
	os.WriteFile(sp, pb.Bytes(), 0o644)
	os.WriteFile(si, ib.Bytes(), 0o644)
	return sp, si
}

// causal lab refuses what it cannot run before drawing anything.
func TestLabRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lab", "make-model", "--cache", dir}, "-o"},
		{[]string{"lab", "make-model", "--cache", dir, "--sources", "tuebingen", "-o", dir + "/m.txt"}, "tuebingen"},
		{[]string{"lab", "loso", "--cache", dir, "--plans", "nosuch"}, "nosuch"},
		{[]string{"lab", "loso", "--cache", dir, "--sources", "cdt"}, "two sources"},
		{[]string{"lab", "candidates", "v6"}, "name=path"},
		{[]string{"lab", "candidates", "x=" + dir + "/none.txt", "--sources", "cdt", "--test-per-source", "4"}, "none.txt"},
		{[]string{"lab", "candidates", "--plan", dir + "/p.txt", "x="}, "--plan does not apply"},
		{[]string{"lab", "ablation", "--cache", dir, "--train-plan", dir + "/p.txt"}, "--train-plan does not apply"},
		{[]string{"lab", "in-distribution", "--cache", dir, "--n", "7000"}, "7000"},
		{[]string{"lab", "ablation", "--cache", dir, "--sources", "cdt"}, "two sources"},
		{[]string{"lab", "adapt-bench", "--cache", dir, "--method", "nosuch"}, "nosuch"},
		{[]string{"lab", "adapt-bench", "--cache", dir, "--sources", "cdt,rcc", "--held", "sim"}, "sim"},
		{[]string{"lab", "realpairs", "--cache", dir, "--dir", dir + "/nocollection"}, "nocollection"},
		{[]string{"lab", "realpairs", "--cache", dir, "--train-plan", dir + "/p.txt"}, "--train-plan does not apply"},
	} {
		if _, _, err := runCLI(t, c.args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error naming %q", c.args, err, c.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused runs left %d files in the cache", len(entries))
	}
	// lab candidates scores the embedded model on tiny test sets, as JSON;
	// the same model twice does not replace itself.
	out := mustRun(t, "lab", "candidates", "-q", "--json", "--sources", "cdt,anlsmn", "--test-per-source", "12", "--test-max-points", "120", "a=", "b=")
	var res protocol.CandidatesResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if len(res.Models) != 2 || res.Models[0].Scores[1].Pairs != 12 || res.Models[0].Mean != res.Models[1].Mean ||
		len(res.Verdicts) != 1 || res.Verdicts[0].Passes || !strings.Contains(res.Tests, "tune_per_source=12 points=100-120") {
		t.Errorf("lab candidates: %+v", res)
	}
	// lab sources prints internal/corpus's list for the shell protocol.
	if out := mustRun(t, "lab", "sources"); !strings.HasPrefix(out, "challenge:challenge sim:sim,sim-c,sim-ln,sim-g cdt:cdt ") {
		t.Errorf("lab sources: %q", out)
	}
}

func TestEvaluateWeights(t *testing.T) {
	dir := t.TempDir()
	w := filepath.Join(dir, "w.csv")
	targets, err := pairio.ReadTargets(td + "tiny_target.csv")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("SampleID,Weight\n")
	for _, tg := range targets {
		fmt.Fprintf(&b, "%s,0.5\n", tg.ID)
	}
	if err := os.WriteFile(w, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"tiny_target.csv", "--weights", w)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"weighted accuracy    1.0000", "weighted AUC         1.0000", "10% 1.0000"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// A target without a weight is an error naming the file and the pair.
	if err := os.WriteFile(w, []byte("SampleID,Weight\n"+targets[0].ID+",1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err = runCLI(t, "evaluate", td+"tiny_predictions.csv", "--target", td+"tiny_target.csv", "--weights", w)
	if err == nil || !strings.Contains(err.Error(), "w.csv") || !strings.Contains(err.Error(), targets[1].ID) {
		t.Fatalf("missing weight: err = %v", err)
	}
}

// The lab's experiments run through their feature cache inside a command
// (whose outputs are staged until it succeeds): make-model, loso,
// in-distribution, ablation and adapt-bench on two tiny sources, the cache
// filled once and reused.
func TestLabRunsThroughTheCache(t *testing.T) {
	dir := t.TempDir()
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.raw.*\nB.raw.*\nS.*\nmeta.*\n*.xstd.ystd.linear.*\nD.dir.igci*\nD.dir.reci*\n"), 0o644)
	cache := filepath.Join(dir, "cache")
	corpusFlags := []string{"--cache", cache, "--plan", planFile, "--sources", "cdt,anlsmn", "--min-points", "60", "--max-points", "120", "--corpus-seed", "11"}
	testFlags := []string{"--test-per-source", "40", "--test-min-points", "60", "--test-max-points", "120", "--per-source", "160"}
	lab := func(args ...string) (string, string) {
		t.Helper()
		out, stderr, err := runCLI(t, append(append([]string{"lab"}, args...), corpusFlags...)...)
		if err != nil {
			t.Fatalf("lab %v: %v\n%s", args, err, stderr)
		}
		return out, stderr
	}
	model := filepath.Join(dir, "model.txt")
	lab("make-model", "--per-source", "160", "--tune-per-source", "60", "--leaves", "4,7", "-o", model)
	if st, err := os.Stat(model); err != nil || st.Size() == 0 {
		t.Fatalf("make-model wrote no model: %v", err)
	}
	out, stderr := lab(append([]string{"ablation", "--json", "--n", "140"}, testFlags...)...)
	var ab protocol.AblationResult
	if err := json.Unmarshal([]byte(out), &ab); err != nil || len(ab.Rows) != 3 || ab.N != 140 {
		t.Fatalf("ablation: %v %+v\n%s", err, ab, out)
	}
	if strings.Count(stderr, "select the first 140 of 160") != 2 {
		t.Errorf("ablation did not select from make-model's cache:\n%s", stderr)
	}
	out, stderr = lab(append([]string{"in-distribution", "--n", "140"}, testFlags...)...)
	if !strings.Contains(out, "| cdt | ") || strings.Contains(stderr, "draw and featurize") || strings.Contains(stderr, "select the first") {
		t.Errorf("in-distribution did not reuse the cache:\n%s\n%s", out, stderr)
	}
	out, _ = lab("loso", "--per-source", "140", "--tune-per-source", "40", "--plans", "full", "--own=false")
	if !strings.Contains(out, "| anlsmn | ") {
		t.Errorf("loso:\n%s", out)
	}
	out, _ = lab("adapt-bench", "--method", "pairs", "--per-source", "140", "--tune-per-source", "40")
	if !strings.Contains(out, "adapted − control") {
		t.Errorf("adapt-bench:\n%s", out)
	}
}
