package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestTrainCVJSON checks that --json prints the cross-validation of the
// text output as JSON (the same folds, AUCs and rounds), and needs --cv.
func TestTrainCVJSON(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 240, 5)
	args := append([]string{"train", feat, "--target", target, "--cv", "3", "--early-stopping", "5"}, smallTree...)
	text, _, err := runCLI(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, append(args, "--json")...)
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		K     int     `json:"k"`
		Mean  float64 `json:"mean_bidirectional_auc"`
		SD    float64 `json:"sd_bidirectional_auc"`
		Folds []struct {
			AUC    float64 `json:"bidirectional_auc"`
			Rounds int     `json:"rounds"`
			Pairs  int     `json:"pairs"`
		} `json:"folds"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	want := fmt.Sprintf("cv 3-fold bidirectional AUC: %.4f ± %.4f\n", r.Mean, r.SD)
	pairs := 0
	for f, fr := range r.Folds {
		want += fmt.Sprintf("  fold %d: AUC %.4f (%d rounds)\n", f+1, fr.AUC, fr.Rounds)
		pairs += fr.Pairs
	}
	if r.K != 3 || len(r.Folds) != 3 || pairs != 240 || text != want {
		t.Errorf("JSON %s does not match the text output\n%s", out, text)
	}
	if _, _, err := runCLI(t, "train", feat, "--target", target, "--json", "-o", dir+"/m.txt"); err == nil || !strings.Contains(err.Error(), "--cv") {
		t.Errorf("--json without --cv: got %v", err)
	}
}
