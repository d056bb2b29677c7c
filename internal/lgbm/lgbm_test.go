package lgbm

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/gbdt"
)

// The hand-written model of the reference notes and its six expected
// predictions (checked there against leaves and the LightGBM 4.6 CLI).
func TestGolden(t *testing.T) {
	m, err := Load(filepath.Join("testdata", "golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	nan := math.NaN()
	rows := [][]float64{{0.2, 5, 1}, {0.9, 15, 1}, {0.9, 15, 2}, {nan, 5, 2}, {0.9, nan, 2}, {0.9, 5, nan}}
	want := []float64{1.25, 1.75, 2.75, 1.25, 3.25, 2.25}
	var data []float64
	for _, r := range rows {
		data = append(data, r...)
	}
	got, err := m.PredictRaw(data, len(rows), 2)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %v: got %v, want %v", rows[i], got[i], want[i])
		}
	}
	if m.Kind != Regression || m.HasMeta || m.NumTrees != 2 || strings.Join(m.FeatureNames, ",") != "f0,f1,f2" {
		t.Errorf("header read wrong: %+v", m)
	}
	wantImp := []Importance{{1, 0}, {1, 0}, {1, 0}}
	for i, w := range wantImp {
		if m.Importance[i] != w {
			t.Errorf("importance %d = %+v, want %+v", i, m.Importance[i], w)
		}
	}
}

func TestV4HeaderAccepted(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "golden.txt"))
	if err != nil {
		t.Fatal(err)
	}
	v4 := bytes.Replace(data, []byte("version=v3"), []byte("version=v4"), 1)
	m, err := LoadReader(bytes.NewReader(v4))
	if err != nil {
		t.Fatalf("v4 model rejected: %v", err)
	}
	got, err := m.PredictRaw([]float64{0.9, 15, 2}, 1, 1)
	if err != nil || got[0] != 2.75 {
		t.Fatalf("v4 model predicts %v, %v; want 2.75", got, err)
	}
}

// randomTree builds a tree of nl leaves the way LightGBM grows one: a split
// of leaf L creates internal node n with left child leaf L and right child
// a new leaf.
func randomTree(rng *rand.Rand, nl, nf int) gbdt.Tree {
	t := gbdt.Tree{Shrinkage: 0.1}
	type slot struct{ parent, side int } // side 0 left, 1 right; parent -1 for root
	leaves := []slot{{-1, 0}}
	for len(leaves) < nl {
		l := rng.IntN(len(leaves))
		n := len(t.SplitFeature)
		if p := leaves[l]; p.parent >= 0 {
			if p.side == 0 {
				t.LeftChild[p.parent] = n
			} else {
				t.RightChild[p.parent] = n
			}
		}
		t.SplitFeature = append(t.SplitFeature, rng.IntN(nf))
		t.Threshold = append(t.Threshold, math.Round(rng.NormFloat64()*100)/100)
		t.DefaultLeft = append(t.DefaultLeft, rng.IntN(2) == 0)
		t.MissingNaN = append(t.MissingNaN, rng.IntN(2) == 0)
		t.LeftChild = append(t.LeftChild, ^l)
		t.RightChild = append(t.RightChild, ^len(leaves))
		t.SplitGain = append(t.SplitGain, rng.Float64()*10)
		t.InternalValue = append(t.InternalValue, rng.NormFloat64())
		t.InternalWeight = append(t.InternalWeight, rng.Float64()*100)
		t.InternalCount = append(t.InternalCount, rng.IntN(1000))
		leaves[l] = slot{n, 0}
		leaves = append(leaves, slot{n, 1})
	}
	for range leaves {
		t.LeafValue = append(t.LeafValue, rng.NormFloat64()/3)
		t.LeafWeight = append(t.LeafWeight, rng.Float64()*50)
		t.LeafCount = append(t.LeafCount, rng.IntN(500))
	}
	return t
}

// randomModel builds a model of random trees (some constant) for kind.
func randomModel(seed uint64, kind Kind, nf, iters int) *gbdt.Model {
	rng := rand.New(rand.NewPCG(seed, 7))
	m := &gbdt.Model{NumClass: kind.NumClass(), Objective: string(kind), Params: map[string]string{"num_leaves": "8"}}
	switch kind {
	case Binary:
		m.Objective = "binary sigmoid:1"
	case Multiclass:
		m.Objective = "multiclass num_class:3"
	}
	for f := 0; f < nf; f++ {
		m.FeatureNames = append(m.FeatureNames, fmt.Sprintf("feat.%d_x-y", f))
		m.FeatureMin = append(m.FeatureMin, -float64(f))
		m.FeatureMax = append(m.FeatureMax, 1.5*float64(f))
	}
	m.FeatureMin[0], m.FeatureMax[0] = math.NaN(), math.NaN()
	for i := 0; i < iters*m.NumClass; i++ {
		nl := 1 + rng.IntN(8)
		if i == 1 {
			nl = 1
		}
		m.Trees = append(m.Trees, randomTree(rng, nl, nf))
	}
	return m
}

// randomMatrix returns rows x nf standard normal values, ~15% NaN.
func randomMatrix(seed uint64, rows, nf int) []float64 {
	rng := rand.New(rand.NewPCG(seed, 9))
	x := make([]float64, rows*nf)
	for i := range x {
		x[i] = math.Round(rng.NormFloat64()*100) / 100 // lands on thresholds often
		if rng.IntN(7) == 0 {
			x[i] = math.NaN()
		}
	}
	return x
}

// checkRoundTrip writes m, loads it back and compares leaves' predictions
// with the in-memory model's.
func checkRoundTrip(t *testing.T, m *gbdt.Model, meta Meta, x []float64, rows int) *Model {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, m, meta); err != nil {
		t.Fatal(err)
	}
	lm, err := LoadReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("load: %v\n%s", err, buf.String())
	}
	nf := len(m.FeatureNames)
	got, err := lm.PredictRaw(x, rows, 3)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]float64, m.NumClass)
	for r := 0; r < rows; r++ {
		m.PredictRaw(x[r*nf:(r+1)*nf], want)
		for k := range want {
			if d := math.Abs(got[r*m.NumClass+k] - want[k]); !(d <= 1e-9) {
				t.Fatalf("row %d class %d: leaves %v, in memory %v", r, k, got[r*m.NumClass+k], want[k])
			}
		}
	}
	return lm
}

func TestRoundTripRandomTrees(t *testing.T) {
	for i, kind := range []Kind{Regression, Huber, Binary, Multiclass} {
		m := randomModel(uint64(i), kind, 6, 20)
		meta := Meta{PlanHash: "abc123", Objective: kind, Mirror: i%2 == 0, Antisymmetric: true, Params: map[string]string{"valid_fraction": "0.2"}}
		lm := checkRoundTrip(t, m, meta, randomMatrix(uint64(i), 300, 6), 300)
		if !lm.HasMeta || lm.Meta.PlanHash != "abc123" || lm.Meta.Objective != kind || lm.Meta.Mirror != (i%2 == 0) || !lm.Meta.Antisymmetric {
			t.Errorf("%s: metadata read back as %+v", kind, lm.Meta)
		}
		if lm.Meta.Params["valid_fraction"] != "0.2" || lm.Meta.Params["num_leaves"] != "8" || lm.Meta.Params["boosting"] != "gbdt" {
			t.Errorf("%s: params read back as %v", kind, lm.Meta.Params)
		}
		if lm.Kind != kind || lm.NumClass != kind.NumClass() {
			t.Errorf("%s: loaded as kind %s with %d classes", kind, lm.Kind, lm.NumClass)
		}
		want := importances(m.Trees, 6)
		for f := range want {
			if lm.Importance[f].Splits != want[f].Splits || math.Abs(lm.Importance[f].Gain-want[f].Gain) > 1e-9 {
				t.Errorf("%s: importance %d = %+v, want %+v", kind, f, lm.Importance[f], want[f])
			}
		}
	}
}

// The layout rules of the reference notes: tree_sizes byte-exact, first
// line "tree", two blank lines after each tree, parameters well formed.
func TestWriteLayout(t *testing.T) {
	m := randomModel(3, Binary, 4, 3)
	var buf bytes.Buffer
	if err := Write(&buf, m, Meta{Objective: Binary, Mirror: true, Antisymmetric: true}); err != nil {
		t.Fatal(err)
	}
	s := buf.String()
	if !strings.HasPrefix(s, "tree\nversion=v3\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx=3\nobjective=binary sigmoid:1\n") {
		t.Fatalf("bad header:\n%s", s[:200])
	}
	if !strings.Contains(s, "feature_infos=none [-1:1.5] [-2:3] [-3:4.5]\n") {
		t.Errorf("bad feature_infos:\n%s", s[:400])
	}
	var sizes []int
	for _, l := range strings.Split(s, "\n") {
		if v, ok := strings.CutPrefix(l, "tree_sizes="); ok {
			for _, f := range strings.Fields(v) {
				n, _ := strconv.Atoi(f)
				sizes = append(sizes, n)
			}
		}
	}
	off := strings.Index(s, "Tree=0\n")
	for i, n := range sizes {
		blk := s[off : off+n]
		if !strings.HasPrefix(blk, fmt.Sprintf("Tree=%d\n", i)) || !strings.HasSuffix(blk, "\n\n\n") || strings.Contains(blk[:len(blk)-3], "\n\n") {
			t.Fatalf("tree %d block of %d bytes is misaligned: %q", i, n, blk)
		}
		off += n
	}
	if !strings.HasPrefix(s[off:], "end of trees\n\nfeature_importances:\n") {
		t.Fatalf("trees not followed by the trailer: %q", s[off:])
	}
	params := s[strings.Index(s, "parameters:\n")+len("parameters:\n"):]
	lines := strings.Split(strings.TrimSuffix(params, "end of parameters\n"), "\n")
	lines = lines[:len(lines)-1]
	if lines[0] != "[boosting: gbdt]" || lines[len(lines)-1] != "[causal_recipe: mirror=1 antisymmetric=1]" {
		t.Errorf("parameters section: %q", lines)
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "[") || !strings.HasSuffix(l, "]") || strings.Count(l, ": ") != 1 {
			t.Errorf("malformed parameter line %q", l)
		}
	}
}

func TestWriteRejectsBadNames(t *testing.T) {
	for _, name := range []string{"a b", "a=b", "x:y", "", "é"} {
		m := randomModel(1, Regression, 3, 2)
		m.FeatureNames[1] = name
		err := Write(&bytes.Buffer{}, m, Meta{})
		if err == nil || !strings.Contains(err.Error(), "feature name") {
			t.Errorf("name %q: got error %v", name, err)
		}
	}
	m := randomModel(1, Regression, 3, 2)
	for _, v := range []string{"a]b", "a:b", "a\nb"} {
		if err := Write(&bytes.Buffer{}, m, Meta{Params: map[string]string{"x": v}}); err == nil {
			t.Errorf("parameter value %q accepted", v)
		}
	}
}

// Every truncation of a valid model and a set of targeted corruptions give
// an error, never a panic or a model.
func TestCorruptModels(t *testing.T) {
	m := randomModel(5, Multiclass, 5, 4)
	var buf bytes.Buffer
	if err := Write(&buf, m, Meta{Objective: Multiclass, Antisymmetric: true}); err != nil {
		t.Fatal(err)
	}
	full := buf.String()
	endTrees := strings.Index(full, "end of trees")
	params := strings.Index(full, "\nparameters:\n") + len("\nparameters:")
	for n := 0; n < len(full); n += 1 + n/50 {
		_, err := LoadReader(strings.NewReader(full[:n]))
		// A cut between "end of trees" and the full "parameters:" line leaves
		// a complete model without metadata; every other cut must fail.
		complete := n >= endTrees && n < params
		if err == nil && !complete {
			t.Fatalf("truncated at %d of %d bytes: no error", n, len(full))
		}
	}
	// name -> regexp whose first match is replaced, replacement.
	corrupt := map[string][2]string{
		"version":       {`version=v3`, "version=v9"},
		"wrong count":   {`num_leaves=\d+`, "num_leaves=9"},
		"objective":     {`objective=multiclass num_class:3`, "objective=lambdarank"},
		"class count":   {`objective=multiclass num_class:3`, "objective=multiclass num_class:4"},
		"meta mismatch": {`\[causal_objective: multiclass\]`, "[causal_objective: huber]"},
		"child range":   {`left_child=-?\d+`, "left_child=7"},
		"root reused":   {`right_child=-?\d+`, "right_child=0"},
		"leaf reused":   {`right_child=-?\d+`, "right_child=-1"},
		"feature":       {`split_feature=\d+`, "split_feature=9"},
		"number":        {`leaf_value=\S+`, "leaf_value=x"},
		"nan value":     {`threshold=\S+`, "threshold=nan"},
		"linear":        {`is_linear=0`, "is_linear=1"},
		"two equals":    {`feature_names=`, "feature_names=a=b "},
		"missing key":   {`max_feature_idx=4\n`, ""},
		"decision":      {`decision_type=\d+`, "decision_type=12"},
		"categorical":   {`decision_type=\d+`, "decision_type=1"},
		"params":        {`\[boosting: gbdt\]`, "boosting gbdt"},
	}
	for name, c := range corrupt {
		loc := regexp.MustCompile(c[0]).FindStringIndex(full)
		if loc == nil {
			t.Fatalf("%s: pattern %q not found", name, c[0])
		}
		bad := full[:loc[0]] + c[1] + full[loc[1]:]
		if bad == full {
			t.Fatalf("%s: pattern %q not found", name, c[0])
		}
		if _, err := LoadReader(strings.NewReader(bad)); err == nil {
			t.Errorf("%s: corrupt model loaded", name)
		}
		// With tree_sizes fixed up, the structural checks must catch it.
		if _, err := LoadReader(strings.NewReader(fixSizes(bad))); err == nil || strings.Contains(err.Error(), "tree_sizes") {
			t.Errorf("%s with fixed tree_sizes: got %v", name, err)
		} else {
			t.Logf("%s: %v", name, err)
		}
	}
	if _, err := LoadReader(strings.NewReader("\x00\x01garbage\n\n\n")); err == nil {
		t.Error("garbage loaded")
	}
}

// fixSizes rewrites tree_sizes to match the tree blocks of s.
func fixSizes(s string) string {
	start := strings.Index(s, "Tree=0\n")
	end := strings.Index(s, "end of trees")
	var sizes []string
	for off := start; off < end; {
		next := strings.Index(s[off+1:], "\nTree=")
		stop := end
		if next >= 0 && off+1+next+1 < end {
			stop = off + 1 + next + 1
		}
		sizes = append(sizes, strconv.Itoa(stop-off))
		off = stop
	}
	i := strings.Index(s, "tree_sizes=")
	j := i + strings.Index(s[i:], "\n")
	return s[:i] + "tree_sizes=" + strings.Join(sizes, " ") + s[j:]
}

// trainedModel trains a small gbdt model of the given kind on a generated
// matrix with NaNs.
func trainedModel(t *testing.T, kind Kind, x []float64, rows, nf int) *gbdt.Model {
	t.Helper()
	x32 := make([]float32, len(x))
	for i, v := range x {
		x32[i] = float32(v)
	}
	labels := make([]float64, rows)
	for r := range labels {
		v := x[r*nf+1]
		if math.IsNaN(v) {
			v = 0.3
		}
		s := v + 0.5*math.Sin(3*float64(r)) // deterministic "noise"
		switch kind {
		case Binary:
			labels[r] = float64(b2i(s > 0))
		case Multiclass:
			labels[r] = float64(min(2, int(math.Abs(s)*2)))
		default:
			labels[r] = s
		}
	}
	names := make([]string, nf)
	for i := range names {
		names[i] = fmt.Sprintf("f%d", i)
	}
	ds, err := gbdt.NewDataset(x32, rows, nf, gbdt.DatasetOptions{Names: names, MaxBin: 63})
	if err != nil {
		t.Fatal(err)
	}
	p := gbdt.DefaultParams()
	p.Objective, p.NumClass = string(kind), kind.NumClass()
	p.NumIterations, p.NumLeaves, p.MinDataInLeaf = 15, 7, 5
	m, _, err := gbdt.Train(p, ds, labels, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Models trained by internal/gbdt predict the same through the text file
// and leaves as in memory (the rows hold NaNs; the features were stored as
// float32 for training, the predictions use the float64 values).
func TestRoundTripTrained(t *testing.T) {
	const rows, nf = 400, 5
	x := randomMatrix(11, rows, nf)
	for _, kind := range []Kind{Regression, Huber, Binary, Multiclass} {
		m := trainedModel(t, kind, x, rows, nf)
		splits := 0
		for _, tr := range m.Trees {
			splits += len(tr.SplitFeature)
		}
		if splits == 0 {
			t.Fatalf("%s: the trained model has no split", kind)
		}
		checkRoundTrip(t, m, Meta{Objective: kind, Antisymmetric: true}, x, rows)
	}
}

// BenchmarkPredictRaw: 1000 rows x 28 features, 500 trees of 63 leaves
// (the reference notes' setting), one thread.
func BenchmarkPredictRaw(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	m := &gbdt.Model{NumClass: 1, Objective: "regression"}
	for f := 0; f < 28; f++ {
		m.FeatureNames = append(m.FeatureNames, fmt.Sprintf("f%d", f))
	}
	for range 500 {
		m.Trees = append(m.Trees, randomTree(rng, 63, 28))
	}
	var buf bytes.Buffer
	if err := Write(&buf, m, Meta{}); err != nil {
		b.Fatal(err)
	}
	lm, err := LoadReader(&buf)
	if err != nil {
		b.Fatal(err)
	}
	x := randomMatrix(3, 1000, 28)
	b.ResetTimer()
	for range b.N {
		if _, err := lm.PredictRaw(x, 1000, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// LightGBM (here its data-parallel mode) writes a threshold of inf for a
// split of the numbers from the missing values: such a model loads, numbers
// go left and NaN goes right (decision_type 8: NaN missing, default right);
// a NaN threshold stays refused (TestLoadRejectsCorruptModels).
func TestInfiniteThresholdSplitsMissingValues(t *testing.T) {
	tree := "Tree=0\nnum_leaves=2\nnum_cat=0\nsplit_feature=0\nsplit_gain=10\nthreshold=inf\ndecision_type=8\n" +
		"left_child=-1\nright_child=-2\nleaf_value=-1 1\nleaf_weight=5 5\nleaf_count=5 5\ninternal_value=0\n" +
		"internal_weight=10\ninternal_count=10\nis_linear=0\nshrinkage=1\n\n\n"
	text := "tree\nversion=v4\nnum_class=1\nnum_tree_per_iteration=1\nlabel_index=0\nmax_feature_idx=0\n" +
		"objective=regression\nfeature_names=x\nfeature_infos=[-3:3]\n" +
		fmt.Sprintf("tree_sizes=%d\n\n", len(tree)) + tree +
		"end of trees\n\nfeature_importances:\nx=1\n\nparameters:\n[boosting: gbdt]\nend of parameters\n"
	m, err := LoadReader(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.PredictRaw([]float64{-1e300, 0, 2.5, math.NaN()}, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{-1, -1, -1, 1}; !slices.Equal(got, want) {
		t.Fatalf("scores %v, want %v", got, want)
	}
	if _, err := LoadReader(strings.NewReader(strings.Replace(text, "leaf_value=-1 1", "leaf_value=-1 inf", 1))); err == nil {
		t.Fatal("an infinite leaf value loaded")
	}
}
