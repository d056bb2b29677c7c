package main

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// synthNames are feature names with a complete mirror map.
var synthNames = []string{"AB.f", "BA.f", "D.f", "AB.g", "BA.g", "D.g", "A.u", "B.u", "AmB.u", "S.s", "meta.n"}

// synthRow draws the features of a pair with target t: the AB side of f
// and g is shifted when A->B, the BA side when B->A, so that the mirror of
// a row is distributed like a row of the reversed target. About 5% NaN.
func synthRow(rng *rand.Rand, t int) []float32 {
	side := func(shift bool) float64 {
		v := rng.NormFloat64()
		if shift {
			v += 1.5
		}
		return v
	}
	abF, baF := side(t == 1), side(t == -1)
	abG, baG := side(t == 1 && rng.IntN(2) == 0), side(t == -1 && rng.IntN(2) == 0)
	a, b := rng.NormFloat64(), rng.NormFloat64()
	row := []float64{abF, baF, abF - baF, abG, baG, abG - baG, a, b, a - b, rng.NormFloat64(), float64(rng.IntN(5))}
	out := make([]float32, len(row))
	for i, v := range row {
		out[i] = float32(v)
		if rng.IntN(20) == 0 {
			out[i] = float32(math.NaN())
		}
	}
	return out
}

// synthData writes a features file and its target file of n pairs and
// returns their paths, the IDs and the targets.
func synthData(t *testing.T, dir, name string, n int, seed uint64) (feat, target string, m *featio.Matrix, tg []pairs.Target) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	m = &featio.Matrix{Names: synthNames, Cols: len(synthNames), Rows: n, PlanHash: "synthplan"}
	for i := range n {
		tv := []int{1, -1, 0}[i%3]
		id := fmt.Sprintf("%s%04d", name, i)
		m.IDs = append(m.IDs, id)
		m.Data = append(m.Data, synthRow(rng, tv)...)
		tg = append(tg, pairs.Target{ID: id, Target: tv, Details: map[int]int{1: 1, -1: 2, 0: 4}[tv]})
	}
	feat = filepath.Join(dir, name+".features")
	writeMatrix(t, feat, m)
	target = filepath.Join(dir, name+"_target.csv")
	writeTargets(t, target, tg)
	return feat, target, m, tg
}

func writeMatrix(t *testing.T, path string, m *featio.Matrix) {
	t.Helper()
	if err := featio.WriteAll(path, featio.FormatArrow, m); err != nil {
		t.Fatal(err)
	}
}

func writeTargets(t *testing.T, path string, tg []pairs.Target) {
	t.Helper()
	var b bytes.Buffer
	if err := pairio.WriteTargets(&b, tg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// mirroredMatrix returns m with every row replaced by its mirror row.
func mirroredMatrix(t *testing.T, m *featio.Matrix) *featio.Matrix {
	t.Helper()
	mirror, err := plan.NewMirrorMap(m.Names)
	if err != nil {
		t.Fatal(err)
	}
	mm := *m
	mm.Data = make([]float32, len(m.Data))
	for i := range m.Rows {
		mirror.Row32(m.Row(i), mm.Data[i*m.Cols:(i+1)*m.Cols])
	}
	return &mm
}

// readScores parses SampleID,Target output.
func readScores(t *testing.T, text string) (ids []string, scores []float64) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(text), "\n")
	if lines[0] != "SampleID,Target" {
		t.Fatalf("bad header %q", lines[0])
	}
	for _, l := range lines[1:] {
		id, v, _ := strings.Cut(l, ",")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("bad line %q", l)
		}
		ids = append(ids, id)
		scores = append(scores, f)
	}
	return ids, scores
}

func targetsOf(tg []pairs.Target) []int {
	out := make([]int, len(tg))
	for i, x := range tg {
		out[i] = x.Target
	}
	return out
}

// smallTree trains small models quickly, with the library defaults pinned
// (train's defaults are the default model's recipe: see TestTrainDefaults).
var smallTree = []string{"--rounds", "40", "--num-leaves", "8", "--min-data-in-leaf", "5", "--learning-rate", "0.2", "-q",
	"--feature-fraction", "1", "--bagging-fraction", "1", "--bagging-freq", "0", "--lambda-l2", "0", "--valid-fraction", "0"}

// Every objective trains, beats chance clearly on held-out pairs, and its
// scores are exactly antisymmetric (predict(B,A) = -predict(A,B)).
func TestTrainPredictObjectives(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 300, 1)
	testFeat, _, testM, testTg := synthData(t, dir, "test", 150, 2)
	mirFeat := filepath.Join(dir, "test_mirror.features")
	writeMatrix(t, mirFeat, mirroredMatrix(t, testM))
	for _, obj := range []string{"huber", "regression", "binary", "multiclass"} {
		model := filepath.Join(dir, obj+".txt")
		args := append([]string{"train", feat, "--target", target, "--objective", obj, "-o", model, "--cores", "2"}, smallTree...)
		if _, stderr, err := runCLI(t, args...); err != nil {
			t.Fatalf("%s: train: %v\n%s", obj, err, stderr)
		}
		m, err := lgbm.Load(model)
		if err != nil {
			t.Fatal(err)
		}
		if !m.HasMeta || string(m.Meta.Objective) != obj || !m.Meta.Mirror || !m.Meta.Antisymmetric || m.Meta.PlanHash != "synthplan" {
			t.Errorf("%s: metadata %+v", obj, m.Meta)
		}
		out, _, err := runCLI(t, "predict", testFeat, "--model", model)
		if err != nil {
			t.Fatalf("%s: predict: %v", obj, err)
		}
		ids, sc := readScores(t, out)
		outM, _, err := runCLI(t, "predict", mirFeat, "--model", model, "--cores", "3")
		if err != nil {
			t.Fatal(err)
		}
		idsM, scM := readScores(t, outM)
		if len(ids) != 150 || len(idsM) != 150 {
			t.Fatalf("%s: %d and %d predictions", obj, len(ids), len(idsM))
		}
		for i := range sc {
			if ids[i] != testM.IDs[i] || scM[i] != -sc[i] {
				t.Fatalf("%s: pair %s: score %v, mirrored pair %v (want exactly %v)", obj, ids[i], sc[i], scM[i], -sc[i])
			}
			if (obj == "binary" || obj == "multiclass") && math.Abs(sc[i]) > 1 {
				t.Errorf("%s: score %v outside [-1, 1]", obj, sc[i])
			}
		}
		auc, err := evaluate.BidirectionalAUC(targetsOf(testTg), sc)
		if err != nil {
			t.Fatal(err)
		}
		// The f features alone separate the directions with a 1.5 sd
		// shift: the Bayes AUC is about 0.86; 0.75 is well above chance.
		if auc < 0.75 {
			t.Errorf("%s: held-out bidirectional AUC %.3f < 0.75", obj, auc)
		}
		t.Logf("%s: held-out bidirectional AUC %.4f", obj, auc)
	}
}

// The model file is byte-identical for --cores 1, 2 and 7, with feature
// sampling, bagging and validation-based early stopping on.
func TestTrainDeterministicAcrossCores(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 240, 3)
	var first []byte
	for _, cores := range []string{"1", "2", "7"} {
		model := filepath.Join(dir, "model"+cores+".txt")
		args := append(append([]string{"train", feat, "--target", target, "--cores", cores, "--seed", "5", "-o", model}, smallTree...),
			"--feature-fraction", "0.6", "--feature-fraction-bynode", "0.7", "--bagging-fraction", "0.8", "--bagging-freq", "1",
			"--valid-fraction", "0.25", "--early-stopping", "10")
		if _, _, err := runCLI(t, args...); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(model)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
			if !bytes.Contains(b, []byte("[valid_bidirectional_auc: ")) || !bytes.Contains(b, []byte("[valid_pairs: 60]")) {
				t.Errorf("model lacks the validation facts")
			}
		} else if !bytes.Equal(b, first) {
			t.Fatalf("--cores %s gives a different model file", cores)
		}
	}
}

func TestTrainMismatchedIDs(t *testing.T) {
	dir := t.TempDir()
	feat, _, _, tg := synthData(t, dir, "train", 30, 4)
	bad := append([]pairs.Target{}, tg[1:]...)
	bad = append(bad, pairs.Target{ID: "ghost", Target: 1, Details: 1})
	target := filepath.Join(dir, "bad_target.csv")
	writeTargets(t, target, bad)
	_, _, err := runCLI(t, "train", feat, "--target", target, "-o", filepath.Join(dir, "m.txt"))
	if err == nil || !strings.Contains(err.Error(), "1 feature rows have no target (train0000)") ||
		!strings.Contains(err.Error(), "1 targets have no feature row (ghost)") {
		t.Fatalf("got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "m.txt")); !os.IsNotExist(err) {
		t.Error("a model was written despite the error")
	}
}

func TestTrainCV(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 240, 5)
	out, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "--cv", "3"}, smallTree...)...)
	if err != nil {
		t.Fatal(err)
	}
	var mean, sd float64
	if _, err := fmt.Sscanf(out, "cv 3-fold bidirectional AUC: %f ± %f", &mean, &sd); err != nil {
		t.Fatalf("output %q: %v", out, err)
	}
	var folds []float64
	for _, l := range strings.Split(out, "\n")[1:] {
		var k int
		var auc float64
		if n, _ := fmt.Sscanf(strings.TrimSpace(l), "fold %d: AUC %f", &k, &auc); n == 2 {
			folds = append(folds, auc)
		}
	}
	if len(folds) != 3 {
		t.Fatalf("want 3 fold lines:\n%s", out)
	}
	m := (folds[0] + folds[1] + folds[2]) / 3
	if math.Abs(m-mean) > 1e-4 || mean < 0.7 || sd < 0 {
		t.Errorf("mean %v sd %v, folds %v", mean, sd, folds)
	}
}

func TestTrainWithoutMirrorMap(t *testing.T) {
	dir := t.TempDir()
	_, target, m, _ := synthData(t, dir, "train", 90, 6)
	plain := *m
	plain.Names = make([]string, m.Cols)
	for i := range plain.Names {
		plain.Names[i] = fmt.Sprintf("x%d", i)
	}
	feat := filepath.Join(dir, "plain.features")
	writeMatrix(t, feat, &plain)
	model := filepath.Join(dir, "m.txt")
	_, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model}, smallTree...)...)
	if err == nil || !strings.Contains(err.Error(), "--no-mirror") {
		t.Fatalf("want a mirror-map error suggesting --no-mirror, got %v", err)
	}
	if _, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model, "--no-mirror"}, smallTree...)...); err != nil {
		t.Fatal(err)
	}
	lm, err := lgbm.Load(model)
	if err != nil || lm.Meta.Antisymmetric || lm.Meta.Mirror {
		t.Fatalf("model %+v, %v", lm, err)
	}
	// Without the recipe the huber score is the raw model output.
	out, _, err := runCLI(t, "predict", feat, "--model", model)
	if err != nil {
		t.Fatal(err)
	}
	_, sc := readScores(t, out)
	row := make([]float64, plain.Cols)
	for j, v := range plain.Row(7) {
		row[j] = float64(v)
	}
	raw, _ := lm.PredictRaw(row, 1, 1)
	if sc[7] != raw[0] {
		t.Errorf("plain score %v, raw %v", sc[7], raw[0])
	}
}

func TestPredictErrors(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 60, 7)
	model := filepath.Join(dir, "m.txt")
	if _, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model}, smallTree...)...); err != nil {
		t.Fatal(err)
	}
	full, _ := os.ReadFile(model)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, full[:len(full)/2], 0o644)
	if _, _, err := runCLI(t, "predict", feat, "--model", bad); err == nil || !strings.Contains(err.Error(), "load model") {
		t.Errorf("truncated model: got %v", err)
	}
	os.WriteFile(bad, bytes.Replace(full, []byte("objective=huber"), []byte("objective=lambdarank"), 1), 0o644)
	if _, _, err := runCLI(t, "predict", feat, "--model", bad); err == nil || !strings.Contains(err.Error(), "objective") {
		t.Errorf("wrong objective: got %v", err)
	}
	// Without --model, predict uses the embedded default model, whose
	// features these synthetic columns are not; or, in a build without one,
	// says so.
	if _, err := defaultmodel.Text(); errors.Is(err, defaultmodel.ErrNone) {
		if _, _, err := runCLI(t, "predict", feat); err == nil || !strings.Contains(err.Error(), "--model") {
			t.Errorf("no model: got %v", err)
		}
	} else if _, _, err := runCLI(t, "predict", feat); err == nil {
		t.Error("the default model accepted a feature file without its features")
	}
	// A pairs file needs the model's features in the plan: the synthetic
	// names are not.
	pairsPath := filepath.Join(dir, "pairs.csv")
	os.WriteFile(pairsPath, []byte("SampleID,A,B\np1,1 2 3 4,2 3 4 5\n"), 0o644)
	_, _, err := runCLI(t, "predict", pairsPath, "--model", model)
	if err == nil || !strings.Contains(err.Error(), "not in the feature plan") || !strings.Contains(err.Error(), "AB.f") {
		t.Errorf("unknown features: got %v", err)
	}
	// A feature file without the model's columns.
	_, _, m, _ := synthData(t, dir, "other", 10, 8)
	m.Names = append([]string{}, m.Names...)
	m.Names[2] = "D.zzz"
	other := filepath.Join(dir, "other2.features")
	writeMatrix(t, other, m)
	if _, _, err := runCLI(t, "predict", other, "--model", model); err == nil || !strings.Contains(err.Error(), "D.f") {
		t.Errorf("missing column: got %v", err)
	}
}

func TestModelImportance(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 120, 9)
	model := filepath.Join(dir, "m.txt")
	if _, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model}, smallTree...)...); err != nil {
		t.Fatal(err)
	}
	m, err := lgbm.Load(model)
	if err != nil {
		t.Fatal(err)
	}
	for _, by := range []string{"gain", "split"} {
		out, _, err := runCLI(t, "model", "importance", model, "--top", "3", "--by", by)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 5 {
			t.Fatalf("--top 3: want 5 lines:\n%s", out)
		}
		// Expected order computed here from the loaded importances.
		idx := make([]int, len(m.FeatureNames))
		for i := range idx {
			idx[i] = i
		}
		key := func(i int) float64 {
			if by == "split" {
				return float64(m.Importance[i].Splits)
			}
			return m.Importance[i].Gain
		}
		sort.SliceStable(idx, func(a, b int) bool { return key(idx[a]) > key(idx[b]) })
		for r := 0; r < 3; r++ {
			f := strings.Fields(lines[2+r])
			name := f[len(f)-1]
			if key(idx[r]) != key(indexOf(m.FeatureNames, name)) {
				t.Errorf("--by %s rank %d: %s, expected key %v", by, r+1, name, key(idx[r]))
			}
			if splits, _ := strconv.Atoi(f[3]); splits != m.Importance[indexOf(m.FeatureNames, name)].Splits {
				t.Errorf("%s: splits column %s", name, f[3])
			}
		}
	}
	if _, _, err := runCLI(t, "model", "importance", model, "--by", "cover"); err == nil {
		t.Error("--by cover accepted")
	}
}

func indexOf(names []string, n string) int {
	for i, x := range names {
		if x == n {
			return i
		}
	}
	return -1
}

// End to end on pairs: generate, featurize (a small plan), train, then
// predict from the pairs file equals predict from the feature file, the
// swapped pairs get exactly negated scores, and a plan hash mismatch is
// refused.
func TestPredictPairsEndToEnd(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "tr")
	run := func(args ...string) string { t.Helper(); return mustRun(t, args...) }
	run("generate", "--n", "45", "--seed", "3", "--min-points", "100", "--max-points", "200", "-o", pre, "-q")
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.*\nB.*\nAmB.*\nmeta.*\n"), 0o644)
	feat := filepath.Join(dir, "tr.features")
	run("featurize", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--plan", planFile, "-o", feat, "-q")
	model := filepath.Join(dir, "model.txt")
	run(append([]string{"train", feat, "--target", pre + "_target.csv", "-o", model}, smallTree...)...)
	fromPairs := run("predict", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--model", model)
	fromFeat := run("predict", feat, "--model", model)
	if fromPairs != fromFeat {
		t.Fatalf("predict from pairs differs from predict from features:\n%s\n%s", fromPairs[:200], fromFeat[:200])
	}
	ids, sc := readScores(t, fromPairs)
	if len(ids) != 45 {
		t.Fatalf("%d predictions", len(ids))
	}
	nonzero := 0
	for _, v := range sc {
		if v != 0 {
			nonzero++
		}
	}
	if nonzero < 40 {
		t.Fatalf("only %d of 45 scores are nonzero: the check below would be vacuous", nonzero)
	}

	// Swap A and B in every pair (and in the publicinfo).
	swPairs, swInfo := writeSwappedPairs(t, pre+"_pairs.csv", pre+"_publicinfo.csv", dir)
	_, scSw := readScores(t, run("predict", swPairs, "--info", swInfo, "--model", model, "--cores", "3"))
	for i := range sc {
		if scSw[i] != -sc[i] {
			t.Errorf("pair %s: score %v, swapped pair %v", ids[i], sc[i], scSw[i])
		}
	}

	// A model claiming another plan hash is refused for pairs input.
	text, _ := os.ReadFile(model)
	i := bytes.Index(text, []byte("[causal_plan_hash: "))
	if i < 0 {
		t.Fatal("model has no plan hash")
	}
	bad := append(append(append([]byte{}, text[:i]...), "[causal_plan_hash: 0123456789abcdef]"...), text[i+bytes.IndexByte(text[i:], ']')+1:]...)
	badModel := filepath.Join(dir, "bad.txt")
	os.WriteFile(badModel, bad, 0o644)
	_, _, err := runCLI(t, "predict", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--model", badModel)
	if err == nil || !strings.Contains(err.Error(), "trained on feature plan 0123456789abcdef") {
		t.Errorf("plan hash mismatch: got %v", err)
	}
}

// BenchmarkPredictFeatures measures `causal predict` on a feature file:
// 20,000 pairs x 220 features, a 200-round antisymmetric huber model of 31
// leaves, --cores 2 (reports rows/s).
func BenchmarkPredictFeatures(b *testing.B) {
	dir := b.TempDir()
	rng := rand.New(rand.NewPCG(1, 1))
	var names []string
	for k := range 20 {
		for _, p := range synthNames {
			names = append(names, fmt.Sprintf("%s%d", p, k))
		}
	}
	mk := func(name string, n int) (*featio.Matrix, []pairs.Target) {
		m := &featio.Matrix{Names: names, Cols: len(names), Rows: n}
		var tg []pairs.Target
		for i := range n {
			tv := []int{1, -1, 0}[i%3]
			m.IDs = append(m.IDs, fmt.Sprintf("%s%d", name, i))
			for range 20 {
				m.Data = append(m.Data, synthRow(rng, tv)...)
			}
			tg = append(tg, pairs.Target{ID: m.IDs[i], Target: tv, Details: map[int]int{1: 1, -1: 2, 0: 4}[tv]})
		}
		return m, tg
	}
	t := &testing.T{}
	trM, trTg := mk("tr", 2000)
	writeMatrix(t, filepath.Join(dir, "tr.features"), trM)
	writeTargets(t, filepath.Join(dir, "tr_target.csv"), trTg)
	teM, _ := mk("te", 20000)
	writeMatrix(t, filepath.Join(dir, "te.features"), teM)
	model := filepath.Join(dir, "m.txt")
	root := newRootCmd()
	root.SetArgs([]string{"train", filepath.Join(dir, "tr.features"), "--target", filepath.Join(dir, "tr_target.csv"),
		"--rounds", "200", "--min-data-in-leaf", "5", "-q", "-o", model})
	if err := root.Execute(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		root := newRootCmd()
		root.SetArgs([]string{"predict", filepath.Join(dir, "te.features"), "--model", model, "--cores", "2", "-o", filepath.Join(dir, "p.csv")})
		if err := root.Execute(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(20000*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestRoundBar(t *testing.T) {
	if b, cb := newRoundBar(nil, 10); b != nil || cb != nil {
		t.Fatal("a bar without a writer")
	}
	var buf bytes.Buffer
	b, cb := newRoundBar(&buf, 10)
	cb(gbdt.Progress{Iteration: 3, NumIterations: 10, ValidMetric: 0.8123, BestIteration: 2})
	if s := buf.String(); !strings.Contains(s, "round 3 valid AUC 0.8123 (best round 2)") || !strings.Contains(s, "3/10") {
		t.Errorf("bar shows %q", s)
	}
	buf.Reset()
	cb(gbdt.Progress{Iteration: 4, NumIterations: 10, TrainLoss: 0.25, ValidMetric: math.NaN()})
	if s := buf.String(); !strings.Contains(s, "round 4 loss 0.2500") {
		t.Errorf("bar shows %q", s)
	}
	b.Finish()
}

func TestTrainBadInputs(t *testing.T) {
	dir := t.TempDir()
	feat, target, m, tg := synthData(t, dir, "train", 60, 10)
	model := filepath.Join(dir, "m.txt")
	cases := map[string][]string{
		"--valid and --valid-target go together": {"--valid", feat},
		"--early-stopping needs --valid":         {"--early-stopping", "5", "--valid-fraction", "0"},
		"unknown objective":                      {"--objective", "poisson"},
		"--valid-fraction":                       {"--valid-fraction", "1.5"},
		"--cv needs K >= 2":                      {"--cv", "1"},
		"NumLeaves":                              {"--num-leaves", "1"},
	}
	for want, extra := range cases {
		_, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model}, extra...)...)
		if err == nil || !strings.Contains(err.Error(), strings.TrimPrefix(want, "unknown ")) {
			t.Errorf("%v: got %v", extra, err)
		}
	}
	// Only "neither" pairs: the validation AUC is undefined.
	zero := make([]pairs.Target, len(tg))
	for i, x := range tg {
		zero[i] = pairs.Target{ID: x.ID, Target: 0, Details: 4}
	}
	zt := filepath.Join(dir, "zero.csv")
	writeTargets(t, zt, zero)
	_, _, err := runCLI(t, "train", feat, "--target", zt, "--valid-fraction", "0.3", "-o", model)
	if err == nil || !strings.Contains(err.Error(), "Target 1 and pairs with Target -1") {
		t.Errorf("one-class validation: got %v", err)
	}
	// All-NaN and constant features: nothing to split on, a constant model
	// whose antisymmetric scores are exactly 0.
	flat := *m
	flat.Data = make([]float32, len(m.Data))
	for i := range flat.Data {
		if i%2 == 0 {
			flat.Data[i] = float32(math.NaN())
		} else {
			flat.Data[i] = 1
		}
	}
	flatFeat := filepath.Join(dir, "flat.features")
	writeMatrix(t, flatFeat, &flat)
	if _, _, err := runCLI(t, append([]string{"train", flatFeat, "--target", target, "-o", model}, smallTree...)...); err != nil {
		t.Fatal(err)
	}
	out, _, err := runCLI(t, "predict", flatFeat, "--model", model)
	if err != nil {
		t.Fatal(err)
	}
	_, sc := readScores(t, out)
	for i, v := range sc {
		if v != 0 {
			t.Fatalf("pair %d: score %v on featureless data, want 0", i, v)
		}
	}
}

// --select-top keeps the top features with their mirror partners, and the
// model predicts from raw pairs exactly as from the feature file; --plan
// restricts the training columns.
func TestTrainSelectTopAndPlan(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "tr")
	run := func(args ...string) string { t.Helper(); return mustRun(t, args...) }
	run("generate", "--n", "60", "--seed", "4", "--min-points", "100", "--max-points", "200", "-o", pre, "-q")
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.*\nB.*\nAmB.*\nmeta.*\n"), 0o644)
	feat := filepath.Join(dir, "tr.features")
	run("featurize", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--plan", planFile, "-o", feat, "-q")
	all, err := featio.ReadAll(feat)
	if err != nil {
		t.Fatal(err)
	}
	model := filepath.Join(dir, "top.txt")
	run(append([]string{"train", feat, "--target", pre + "_target.csv", "--select-top", "3", "-o", model}, smallTree...)...)
	m, err := lgbm.Load(model)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.FeatureNames); n < 3 || n > 6 || n >= all.Cols {
		t.Fatalf("--select-top 3 kept %d of %d features", n, all.Cols)
	}
	if _, err := plan.NewMirrorMap(m.FeatureNames); err != nil {
		t.Fatalf("selected features are not closed under mirroring: %v", err)
	}
	fromPairs := run("predict", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--model", model)
	fromFeat := run("predict", feat, "--model", model)
	if fromPairs != fromFeat {
		t.Fatal("predict from pairs differs from predict from features after --select-top")
	}

	onlyUnary := filepath.Join(dir, "unary.txt")
	os.WriteFile(onlyUnary, []byte("A.*\nB.*\nAmB.*\n"), 0o644)
	model2 := filepath.Join(dir, "unary-model.txt")
	run(append([]string{"train", feat, "--target", pre + "_target.csv", "--plan", onlyUnary, "-o", model2}, smallTree...)...)
	m2, err := lgbm.Load(model2)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range m2.FeatureNames {
		if strings.HasPrefix(n, "meta.") {
			t.Fatalf("--plan kept %s", n)
		}
	}
	if len(m2.FeatureNames) == 0 || len(m2.FeatureNames) >= all.Cols {
		t.Fatalf("--plan kept %d of %d features", len(m2.FeatureNames), all.Cols)
	}
}

func TestModelImportancePlot(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 120, 9)
	model := filepath.Join(dir, "m.txt")
	if _, _, err := runCLI(t, append([]string{"train", feat, "--target", target, "-o", model}, smallTree...)...); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(dir, "imp")
	if _, _, err := runCLI(t, "model", "importance", model, "--top", "4", "--plot", base); err != nil {
		t.Fatal(err)
	}
	svg, err := os.ReadFile(base + ".svg")
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(base + ".png"); err != nil || st.Size() < 1000 {
		t.Fatalf("png: %v", err)
	}
	// The synthetic names are not in the plan: one family, "other", and the
	// strongest feature (D.f or AB.f carry the signal) is on the chart.
	if !strings.Contains(string(svg), "other") || !strings.Contains(string(svg), "Top 4 features by total gain") {
		t.Fatal("chart lacks its legend or title")
	}
	if _, _, err := runCLI(t, "model", "importance", model, "--plot", filepath.Join(dir, "only.svg")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "only.png")); err == nil {
		t.Fatal("--plot x.svg also wrote a png")
	}
}

// Without flags, train uses the default model's recipe (pairmodel.Defaults):
// the model's parameters section records it, with early stopping on a
// held-out 10 % when that is at least 200 pairs, on all pairs otherwise.
func TestTrainDefaults(t *testing.T) {
	dir := t.TempDir()
	recipe := []string{"[objective: huber]", "[learning_rate: 0.1]", "[num_leaves: 63]", "[min_data_in_leaf: 20]",
		"[lambda_l2: 1]", "[feature_fraction: 0.05]", "[bagging_fraction: 0.8]", "[bagging_freq: 1]"}
	cases := []struct {
		pairs  int
		want   []string
		absent string
		note   string
	}{
		{2000, []string{"[early_stopping_round: 40]", "[valid_pairs: 200]"}, "", ""},
		{300, []string{"[num_iterations: 800]"}, "valid_pairs", "300 pairs are too few for the default validation split"},
	}
	for _, c := range cases {
		feat, target, _, _ := synthData(t, dir, fmt.Sprintf("train%d", c.pairs), c.pairs, 11)
		model := filepath.Join(dir, "m.txt")
		_, stderr, err := runCLI(t, "train", feat, "--target", target, "-o", model)
		if err != nil {
			t.Fatal(err)
		}
		text := string(mustRead(t, model))
		for _, want := range append(slices.Clone(recipe), c.want...) {
			if !strings.Contains(text, want) {
				t.Errorf("%d pairs: model parameters lack %s", c.pairs, want)
			}
		}
		if c.absent != "" && strings.Contains(text, c.absent) {
			t.Errorf("%d pairs: model parameters have %s", c.pairs, c.absent)
		}
		if !strings.Contains(stderr, c.note) {
			t.Errorf("%d pairs: stderr %q lacks %q", c.pairs, stderr, c.note)
		}
	}
	// --print-params lightgbm prints the parameters the default training
	// recorded in its model: one source for train, adapt and LightGBM.
	conf, _, err := runCLI(t, "train", "--print-params", "lightgbm")
	if err != nil {
		t.Fatal(err)
	}
	text := string(mustRead(t, filepath.Join(dir, "m.txt")))
	for _, line := range strings.Split(strings.TrimSpace(conf), "\n") {
		k, v, ok := strings.Cut(line, " = ")
		if !ok {
			t.Fatalf("--print-params line %q is not name = value", line)
		}
		if k == "num_iterations" || k == "early_stopping_round" {
			continue // the last model trained on too few pairs to stop early
		}
		if want := "[" + k + ": " + v + "]"; !strings.Contains(text, want) {
			t.Errorf("the default model lacks %s printed by --print-params", want)
		}
	}
	for _, want := range []string{"objective = huber", "num_leaves = 63", "learning_rate = 0.1", "early_stopping_round = 40"} {
		if !strings.Contains(conf, want+"\n") {
			t.Errorf("--print-params lightgbm lacks %q:\n%s", want, conf)
		}
	}
	if _, _, err := runCLI(t, "train", "--print-params", "xgboost"); err == nil {
		t.Error("--print-params xgboost: no error")
	}
}

// --select-cost keeps fewer features than --select-top alone, in whole
// units and closed under mirroring, predicts from raw pairs as from the
// feature file, and is refused without --select-top or outside (0, 1].
func TestTrainSelectCost(t *testing.T) {
	dir := t.TempDir()
	pre := filepath.Join(dir, "tr")
	run := func(args ...string) string { t.Helper(); return mustRun(t, args...) }
	run("generate", "--n", "60", "--seed", "5", "--min-points", "100", "--max-points", "200", "-o", pre, "-q")
	planFile := filepath.Join(dir, "plan.txt")
	os.WriteFile(planFile, []byte("A.raw.*\nB.raw.*\nAmB.raw.*\n*.xstd.ystd.linear.*\n*.xstd.ystd.knn20.*\n*.xstd.ystd.spline.*\nD.xkm10.yrank.grp.*\n"), 0o644)
	feat := filepath.Join(dir, "tr.features")
	run("featurize", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--plan", planFile, "-o", feat, "-q")
	top := filepath.Join(dir, "top.txt")
	run(append([]string{"train", feat, "--target", pre + "_target.csv", "--select-top", "200", "-o", top}, smallTree...)...)
	cheap := filepath.Join(dir, "cheap.txt")
	loud := slices.DeleteFunc(slices.Clone(smallTree), func(s string) bool { return s == "-q" })
	_, stderr, err := runCLI(t, append([]string{"train", feat, "--target", pre + "_target.csv", "--select-top", "200", "--select-cost", "0.3", "-o", cheap}, loud...)...)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if !strings.Contains(stderr, "--select-cost 0.3: kept") {
		t.Errorf("no selection summary on stderr:\n%s", stderr)
	}
	mt, err := lgbm.Load(top)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := lgbm.Load(cheap)
	if err != nil {
		t.Fatal(err)
	}
	if len(mc.FeatureNames) == 0 || len(mc.FeatureNames) >= len(mt.FeatureNames) {
		t.Fatalf("--select-cost 0.3 kept %d features, --select-top alone %d", len(mc.FeatureNames), len(mt.FeatureNames))
	}
	if _, err := plan.NewMirrorMap(mc.FeatureNames); err != nil {
		t.Fatalf("cost-selected features are not closed under mirroring: %v", err)
	}
	if a, b := run("predict", pre+"_pairs.csv", "--info", pre+"_publicinfo.csv", "--model", cheap), run("predict", feat, "--model", cheap); a != b {
		t.Fatal("predict from pairs differs from predict from features after --select-cost")
	}
	for _, bad := range [][]string{{"--select-cost", "0.5"}, {"--select-top", "5", "--select-cost", "0"}, {"--select-top", "5", "--select-cost", "1.5"}} {
		if _, _, err := runCLI(t, append([]string{"train", feat, "--target", pre + "_target.csv", "-o", filepath.Join(dir, "bad.txt")}, bad...)...); err == nil || !strings.Contains(err.Error(), "--select-cost") {
			t.Errorf("%v: %v", bad, err)
		}
	}
}
