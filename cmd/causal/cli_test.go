package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
