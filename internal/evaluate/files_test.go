package evaluate

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvaluateFiles checks the file-level evaluation: the report of a
// predictions file against its targets, the weighted metrics, its text
// and JSON, and the errors that name the file lacking a SampleID.
func TestEvaluateFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	f := Files{
		Predictions: write("p.csv", "SampleID,Target\na,0.9\nb,-0.4\nc,0.1\nd,-0.8\n"),
		Targets:     write("t.csv", "SampleID,Target,Details\na,1,1\nb,-1,2\nc,0,3\nd,1,1\n"),
		Weights:     write("w.csv", "SampleID,Weight\na,1\nb,1\nc,1\nd,2\n"),
	}
	rep, targets, scores, err := EvaluateFiles(f)
	if err != nil {
		t.Fatal(err)
	}
	if rep.N != 4 || len(targets) != 4 || scores[3] != -0.8 || rep.NDirected != 3 || float64(rep.Accuracy) != 2.0/3 {
		t.Fatalf("report %+v, scores %v", rep, scores)
	}
	if rep.Weighted == nil || float64(rep.Weighted.Accuracy) != 0.5 {
		t.Fatalf("weighted %+v", rep.Weighted)
	}
	var text, js bytes.Buffer
	rep.WriteText(&text)
	if !strings.Contains(text.String(), "sign accuracy        0.6667") || !strings.Contains(text.String(), "weighted accuracy    0.5000") {
		t.Errorf("text:\n%s", text.String())
	}
	if err := WriteJSON(&js, rep); err != nil || !strings.Contains(js.String(), `"n": 4`) {
		t.Errorf("JSON %v:\n%s", err, js.String())
	}
	f.Info = write("i.csv", "SampleID,A type,B type\na,Numerical,Numerical\nb,Numerical,Numerical\nc,Numerical,Numerical\n")
	if _, _, _, err := EvaluateFiles(f); err == nil || !strings.Contains(err.Error(), "i.csv: SampleID d is missing from the publicinfo") {
		t.Errorf("publicinfo without d: %v", err)
	}
	f.Info, f.Targets = "", write("t2.csv", "SampleID,Target,Details\na,1,1\nb,-1,2\n")
	if _, _, _, err := EvaluateFiles(f); err == nil || !strings.Contains(err.Error(), "p.csv vs") {
		t.Errorf("predictions without targets: %v", err)
	}
}
