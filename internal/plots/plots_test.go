package plots

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"

	"github.com/causal-tool/causal/internal/evaluate"
)

func TestROCAreaEqualsAUC(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	labels := make([]bool, 300)
	scores := make([]float64, 300)
	for i := range labels {
		labels[i] = rng.IntN(3) == 0
		scores[i] = math.Round(rng.NormFloat64()*4) / 4 // many ties
		if labels[i] {
			scores[i] += 0.5
		}
	}
	auc, err := evaluate.AUC(labels, scores)
	if err != nil {
		t.Fatal(err)
	}
	pts := ROCPoints(labels, scores)
	if got := TrapezoidArea(pts); math.Abs(got-auc) > 1e-12 {
		t.Fatalf("area %v != AUC %v", got, auc)
	}
	last := pts[len(pts)-1]
	if pts[0].X != 0 || pts[0].Y != 0 || last.X != 1 || last.Y != 1 {
		t.Fatalf("curve does not span (0,0)-(1,1): %v .. %v", pts[0], last)
	}
}

func TestEvaluationPlotsWritten(t *testing.T) {
	targets := []int{1, 1, -1, -1, 0, 0, 1, -1}
	details := []int{1, 1, 2, 2, 3, 4, 1, 2}
	scores := []float64{0.9, 0.2, -0.7, 0.1, 0.05, -0.02, 0.5, -0.3}
	dir := t.TempDir()
	if err := EvaluationPlots(dir, targets, details, scores); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"roc.png", "roc.svg", "scores.png", "scores.svg"} {
		st, err := os.Stat(filepath.Join(dir, f))
		if err != nil || st.Size() < 1000 {
			t.Fatalf("%s: %v (size %v)", f, err, st)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "roc.svg"))
	// AUC(T==1): positives {0.9,0.2,0.5} vs negatives {-0.7,0.1,0.05,-0.02,-0.3}: 15 of 15 = 1.
	// AUC(T==-1, -s): positives {0.7,-0.1,0.3} vs {-0.9,-0.2,-0.05,0.02,-0.5}: 0.7 and 0.3 win 5
	// each, -0.1 beats -0.9, -0.2, -0.5 -> 13/15.
	want := ROCTitle(1, 13.0/15)
	if !strings.Contains(string(svg), "bidirectional AUC 0.9333") || !strings.Contains(want, "0.9333") {
		t.Fatalf("ROC svg lacks the AUC title %q", want)
	}
}

func TestImportanceChart(t *testing.T) {
	items := []Importance{{"AB.x.y.knn5.oof.r2", "learners", 5}, {"S.hsic", "stats", 9}, {"A.std.skew", "unary", 1}, {"D.igci", "direction", 3}}
	p, err := ImportanceChart(items, 3)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Save(p, filepath.Join(dir, "imp"), 20*vg.Centimeter, 12*vg.Centimeter); err != nil {
		t.Fatal(err)
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "imp.svg"))
	s := string(svg)
	if !strings.Contains(s, "S.hsic") || !strings.Contains(s, "D.igci") || strings.Contains(s, "A.std.skew") {
		t.Fatal("chart should show exactly the top 3 features")
	}
	if _, err := ImportanceChart(nil, 3); err == nil {
		t.Fatal("empty input accepted")
	}
}
