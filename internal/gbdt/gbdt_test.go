package gbdt

import (
	"bytes"
	"encoding/gob"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"
)

// synth generates rows x cols uniform features in [0,1) (NaN with
// probability nanRate) and a target from fn of the row.
func synth(rows, cols int, nanRate float64, seed uint64, fn func(x []float32, rng *rand.Rand) float64) ([]float32, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	data := make([]float32, rows*cols)
	y := make([]float64, rows)
	for r := range rows {
		x := data[r*cols : (r+1)*cols]
		for c := range x {
			x[c] = float32(rng.Float64())
			if rng.Float64() < nanRate {
				x[c] = float32(math.NaN())
			}
		}
		y[r] = fn(x, rng)
	}
	return data, y
}

// nz returns x, or 0.5 for NaN.
func nz(x float32) float64 {
	if x != x {
		return 0.5
	}
	return float64(x)
}

func regressionTarget(x []float32, rng *rand.Rand) float64 {
	return math.Sin(6*nz(x[0])) + 2*nz(x[1])*nz(x[1]) + nz(x[2]) + 0.1*rng.NormFloat64()
}

func binaryTarget(x []float32, rng *rand.Rand) float64 {
	z := 4*(nz(x[0])-0.5) + 3*(nz(x[1])-0.5)*(nz(x[2])-0.5)*4 + 0.5*rng.NormFloat64()
	if z > 0 {
		return 1
	}
	return 0
}

// auc is the probability that a random positive outscores a random negative.
func auc(y, s []float64) float64 {
	idx := make([]int, len(y))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return s[idx[a]] < s[idx[b]] })
	var pos, neg, sum float64
	for rank, i := range idx {
		if y[i] == 1 {
			pos++
			sum += float64(rank + 1)
		} else {
			neg++
		}
	}
	return (sum - pos*(pos+1)/2) / (pos * neg)
}

func mustDataset(t *testing.T, data []float32, rows, cols int) *Dataset {
	t.Helper()
	ds, err := NewDataset(data, rows, cols, DatasetOptions{MaxBin: 255})
	if err != nil {
		t.Fatal(err)
	}
	return ds
}

func row64(data []float32, r, cols int) []float64 {
	out := make([]float64, cols)
	for c := range out {
		out[c] = float64(data[r*cols+c])
	}
	return out
}

func TestOneSplit(t *testing.T) {
	const n = 40
	data := make([]float32, n*2)
	y := make([]float64, n)
	for r := range n {
		data[2*r] = 7 // constant feature
		data[2*r+1] = float32(r)
		if r >= 20 {
			y[r] = 1
		}
	}
	ds := mustDataset(t, data, n, 2)
	p := DefaultParams()
	p.NumIterations, p.NumLeaves, p.MinDataInLeaf, p.LearningRate = 1, 2, 1, 1
	m, _, err := Train(p, ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := m.Trees[0]
	if len(m.Trees) != 1 || tr.NumLeaves() != 2 || tr.SplitFeature[0] != 1 || tr.Threshold[0] != 19.5 {
		t.Fatalf("got %d trees, split feature %v threshold %v", len(m.Trees), tr.SplitFeature, tr.Threshold)
	}
	// init 0.5; left: G = 20*0.5, H = 20 -> -0.5; right +0.5; gain 10²/20*2
	if tr.LeafValue[0] != 0 || tr.LeafValue[1] != 1 || tr.SplitGain[0] != 10 {
		t.Fatalf("leaf values %v gain %v, want [0 1] 10", tr.LeafValue, tr.SplitGain)
	}
	if tr.LeftChild[0] != ^0 || tr.RightChild[0] != ^1 || tr.InternalValue[0] != 0.5 || tr.InternalCount[0] != n {
		t.Fatalf("bad node layout %+v", tr)
	}
	if got := m.SplitImportance(); got[0] != 0 || got[1] != 1 {
		t.Fatalf("split importance %v", got)
	}
}

func TestRegressionLearns(t *testing.T) {
	const n, nv, cols = 2000, 1000, 6
	data, y := synth(n+nv, cols, 0.05, 3, regressionTarget)
	ds := mustDataset(t, data[:n*cols], n, cols)
	vs, err := ds.BinLike(data[n*cols:], nv)
	if err != nil {
		t.Fatal(err)
	}
	p := DefaultParams()
	p.NumIterations = 60
	m, h, err := Train(p, ds, y[:n], vs, y[n:], nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(h.TrainLoss); i++ {
		if !(h.TrainLoss[i] < h.TrainLoss[i-1]) {
			t.Fatalf("train loss rose at round %d: %v -> %v", i, h.TrainLoss[i-1], h.TrainLoss[i])
		}
	}
	// R² on the validation set: the noise alone leaves ~0.01 of a variance ~0.6
	var sse, sst float64
	my := mean(y[n:], nil)
	out := make([]float64, 1)
	for r := range nv {
		m.PredictRaw(row64(data, n+r, cols), out)
		sse += (out[0] - y[n+r]) * (out[0] - y[n+r])
		sst += (y[n+r] - my) * (y[n+r] - my)
	}
	if r2 := 1 - sse/sst; r2 < 0.9 {
		t.Fatalf("validation R² %v < 0.9", r2)
	}
	if imp := m.GainImportance(); imp[0] <= imp[4] || imp[1] <= imp[5] {
		t.Fatalf("informative features should dominate: %v", imp)
	}
}

func TestBinaryLearnsAndRawPredictionMatchesBinned(t *testing.T) {
	const n, cols = 3000, 5
	data, y := synth(2*n, cols, 0.05, 5, binaryTarget)
	ds := mustDataset(t, data[:n*cols], n, cols)
	vs, _ := ds.BinLike(data[n*cols:], n)
	tv, _ := ds.BinLike(data[:n*cols], n) // the training rows, for score checks
	p := DefaultParams()
	p.Objective = "binary"
	p.NumIterations = 50
	var last []float64
	p.Metric = func(raw []float64) float64 { last = append(last[:0], raw...); return auc(y[:n], raw) }
	m, h, err := Train(p, ds, y[:n], tv, y[:n], nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(h.TrainLoss); i++ {
		if !(h.TrainLoss[i] < h.TrainLoss[i-1]) {
			t.Fatalf("train loss rose at round %d", i)
		}
	}
	out := make([]float64, 1)
	for r := range n {
		m.PredictRaw(row64(data, r, cols), out)
		if out[0] != last[r] {
			t.Fatalf("row %d: raw prediction %v != binned training score %v", r, out[0], last[r])
		}
	}
	scores := make([]float64, n)
	for r := range n {
		m.PredictRaw(row64(data, n+r, cols), out)
		scores[r] = out[0]
	}
	if a := auc(y[n:], scores); a < 0.9 {
		t.Fatalf("validation AUC %v < 0.9", a)
	}
	_ = vs
	if m.Objective != "binary sigmoid:1" {
		t.Fatalf("objective %q", m.Objective)
	}
}

func TestMulticlassLearns(t *testing.T) {
	const n, cols, k = 2000, 4, 3
	cls := func(x []float32, rng *rand.Rand) float64 {
		v := nz(x[0]) + 0.1*rng.NormFloat64()
		switch {
		case v < 0.33:
			return 0
		case v < 0.66:
			return 1
		}
		return 2
	}
	data, y := synth(2*n, cols, 0, 7, cls)
	ds := mustDataset(t, data[:n*cols], n, cols)
	vs, _ := ds.BinLike(data[n*cols:], n)
	p := DefaultParams()
	p.Objective, p.NumClass, p.NumIterations = "multiclass", k, 30
	m, h, err := Train(p, ds, y[:n], vs, y[n:], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Trees) != 30*k || m.NumIterations() != 30 || m.Objective != "multiclass num_class:3" {
		t.Fatalf("%d trees, objective %q", len(m.Trees), m.Objective)
	}
	for i := 1; i < len(h.TrainLoss); i++ {
		if !(h.TrainLoss[i] < h.TrainLoss[i-1]) {
			t.Fatalf("train loss rose at round %d", i)
		}
	}
	out := make([]float64, k)
	correct := 0
	for r := range n {
		m.PredictRaw(row64(data, n+r, cols), out)
		best := 0
		for c := range out {
			if out[c] > out[best] {
				best = c
			}
		}
		if float64(best) == y[n+r] {
			correct++
		}
	}
	// the label noise (sd 0.1 around cut points 0.33 apart) caps accuracy near 0.85
	if acc := float64(correct) / n; acc < 0.75 {
		t.Fatalf("validation accuracy %v < 0.75", acc)
	}
}

func encode(t *testing.T, m *Model) []byte {
	t.Helper()
	var buf bytes.Buffer
	c := *m
	c.Params = nil // gob writes maps in random order; compared separately
	if err := gob.NewEncoder(&buf).Encode(&c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministicAcrossCores(t *testing.T) {
	const n, cols = 1500, 30
	data, y := synth(n, cols, 0.1, 9, binaryTarget)
	ds := mustDataset(t, data, n, cols)
	y3 := make([]float64, n) // three classes for multiclass
	for r := range y3 {
		y3[r] = y[r] + float64(r%2)*y[r] // 0, 1 or 2
	}
	for _, obj := range []string{"binary", "multiclass", "huber"} {
		labels := y
		if obj == "multiclass" {
			labels = y3
		}
		var ref []byte
		for _, cores := range []int{1, 2, 7} {
			p := DefaultParams()
			p.Objective, p.NumClass, p.NumIterations, p.Cores, p.Seed = obj, 3, 8, cores, 42
			p.FeatureFraction, p.FeatureFractionByNode = 0.5, 0.7
			p.BaggingFraction, p.BaggingFreq = 0.8, 2
			m, _, err := Train(p, ds, labels, nil, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			b := encode(t, m)
			if ref == nil {
				ref = b
			} else if !bytes.Equal(ref, b) {
				t.Fatalf("%s: model with %d cores differs from 1 core", obj, cores)
			}
		}
		if obj == "binary" {
			p := DefaultParams()
			p.Objective, p.NumIterations, p.Seed = "binary", 8, 43
			p.FeatureFraction, p.FeatureFractionByNode = 0.5, 0.7
			p.BaggingFraction, p.BaggingFreq = 0.8, 2
			m, _, _ := Train(p, ds, y, nil, nil, nil)
			if bytes.Equal(ref, encode(t, m)) {
				t.Fatal("another seed gave the same model")
			}
		}
	}
}

func TestNaNRoutingLearnt(t *testing.T) {
	const n = 1000
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([]float32, n)
	y := make([]float64, n)
	for r := range n {
		x := rng.Float64()
		data[r], y[r] = float32(x), x
		if r%4 == 0 {
			data[r], y[r] = float32(math.NaN()), 5 // NaN means a high target
		}
	}
	ds := mustDataset(t, data, n, 1)
	p := DefaultParams()
	p.NumIterations, p.LearningRate = 100, 0.3
	m, _, err := Train(p, ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]float64, 1)
	m.PredictRaw([]float64{math.NaN()}, out)
	if math.Abs(out[0]-5) > 0.05 {
		t.Fatalf("NaN row predicted %v, want 5", out[0])
	}
	for _, x := range []float64{0.1, 0.5, 0.9} {
		m.PredictRaw([]float64{x}, out)
		if math.Abs(out[0]-x) > 0.05 {
			t.Fatalf("x=%v predicted %v", x, out[0])
		}
	}
	// the root separates NaN from the rest: NaN goes to the side with the larger value
	tr := m.Trees[0]
	if !tr.MissingNaN[0] {
		t.Fatal("root split does not treat NaN as missing")
	}
}

func TestConstantAndAllNaNFeaturesNeverSplit(t *testing.T) {
	const n, cols = 500, 3
	data, y := synth(n, cols, 0, 11, func(x []float32, rng *rand.Rand) float64 { return float64(x[1]) })
	for r := range n {
		data[r*cols] = 3                     // constant
		data[r*cols+2] = float32(math.NaN()) // all NaN
	}
	ds := mustDataset(t, data, n, cols)
	if ds.NumBins(0) != 2 || ds.NumBins(2) != 1 {
		t.Fatalf("bins: constant %d, all-NaN %d", ds.NumBins(0), ds.NumBins(2))
	}
	p := DefaultParams()
	p.NumIterations = 10
	m, _, err := Train(p, ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if imp := m.SplitImportance(); imp[0] != 0 || imp[2] != 0 || imp[1] == 0 {
		t.Fatalf("split counts %v", imp)
	}
	if !math.IsNaN(m.FeatureMin[2]) || m.FeatureMin[0] != 3 || m.FeatureMax[0] != 3 {
		t.Fatalf("feature ranges %v %v", m.FeatureMin, m.FeatureMax)
	}
}

func TestTooFewRowsGiveSingleLeaf(t *testing.T) {
	data := []float32{1, 2, 3, 4, 5}
	y := []float64{1, 2, 3, 4, 10}
	ds := mustDataset(t, data, 5, 1)
	m, h, err := Train(DefaultParams(), ds, y, nil, nil, nil) // MinDataInLeaf 20 > 5 rows
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Trees) != 1 || m.Trees[0].NumLeaves() != 1 || m.Trees[0].LeafValue[0] != 4 || !h.Stopped {
		t.Fatalf("want one leaf holding the mean 4, got %+v", m.Trees)
	}
}

func TestEarlyStoppingKeepsBestIteration(t *testing.T) {
	const n, cols = 400, 10
	// pure noise: the validation loss soon rises
	data, y := synth(2*n, cols, 0, 13, func(x []float32, rng *rand.Rand) float64 { return rng.NormFloat64() })
	ds := mustDataset(t, data[:n*cols], n, cols)
	vs, _ := ds.BinLike(data[n*cols:], n)
	p := DefaultParams()
	p.NumIterations, p.EarlyStopping, p.MinDataInLeaf = 200, 5, 5
	m, h, err := Train(p, ds, y[:n], vs, y[n:], nil)
	if err != nil {
		t.Fatal(err)
	}
	best := h.BestIteration
	if len(h.ValidLoss) != best+5 || len(m.Trees) != best || !h.Stopped {
		t.Fatalf("best %d, %d rounds run, %d trees kept", best, len(h.ValidLoss), len(m.Trees))
	}
	for i, l := range h.ValidLoss {
		if l < h.ValidLoss[best-1] {
			t.Fatalf("round %d has a lower validation loss than the kept round %d", i+1, best)
		}
	}
}

func TestParamAndLabelErrors(t *testing.T) {
	ds := mustDataset(t, []float32{1, 2, 3, 4}, 4, 1)
	cases := []struct {
		edit   func(p *Params)
		labels []float64
		want   string
	}{
		{func(p *Params) { p.NumLeaves = 1 }, []float64{0, 1, 0, 1}, "NumLeaves"},
		{func(p *Params) { p.MaxBin = 300 }, []float64{0, 1, 0, 1}, "MaxBin"},
		{func(p *Params) { p.FeatureFraction = 0 }, []float64{0, 1, 0, 1}, "FeatureFraction"},
		{func(p *Params) { p.BaggingFraction = 1.5 }, []float64{0, 1, 0, 1}, "BaggingFraction"},
		{func(p *Params) { p.Objective = "poisson" }, []float64{0, 1, 0, 1}, "unknown objective"},
		{func(p *Params) { p.Objective = "binary" }, []float64{1, 1, 1, 1}, "single class"},
		{func(p *Params) { p.Objective = "binary" }, []float64{0, 2, 0, 1}, "want 0 or 1"},
		{func(p *Params) { p.Objective, p.NumClass = "multiclass", 3 }, []float64{0, 1, 3, 1}, "[0, 3)"},
		{func(p *Params) {}, []float64{0, 1}, "labels for 4"},
		{func(p *Params) {}, []float64{0, math.NaN(), 0, 1}, "NaN"},
	}
	for _, c := range cases {
		p := DefaultParams()
		c.edit(&p)
		_, _, err := Train(p, ds, c.labels, nil, nil, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("want error containing %q, got %v", c.want, err)
		}
	}
	if _, err := NewDataset(nil, 0, 3, DatasetOptions{MaxBin: 255}); err == nil {
		t.Error("empty data accepted")
	}
	if _, err := NewDataset([]float32{1, 2, 3}, 2, 2, DatasetOptions{MaxBin: 255}); err == nil {
		t.Error("wrong shape accepted")
	}
}

func TestBinning(t *testing.T) {
	// 1000 distinct values into 10 bins (9 non-NaN): equal-count quantiles
	data := make([]float32, 1000)
	for i := range data {
		data[i] = float32(i)
	}
	ds, err := NewDataset(data, 1000, 1, DatasetOptions{Names: []string{"x"}, MaxBin: 10})
	if err != nil {
		t.Fatal(err)
	}
	up := ds.BinUpperBounds(0)
	if len(up) != 9 || !math.IsInf(up[8], 1) || up[0] != 111.5 {
		t.Fatalf("upper bounds %v", up)
	}
	for r, x := range data {
		b := ds.column(0).at(r)
		if (b > 0 && float64(x) <= up[b-1]) || float64(x) > up[b] {
			t.Fatalf("value %v in bin %d", x, b)
		}
	}
}

func TestCrossValidate(t *testing.T) {
	const n, cols = 600, 5
	data, y := synth(n, cols, 0, 17, binaryTarget)
	ds := mustDataset(t, data, n, cols)
	folds := Folds(n, 3, 1)
	if again := Folds(n, 3, 1); !equalInts(folds, again) {
		t.Fatal("folds not deterministic")
	}
	p := DefaultParams()
	p.Objective, p.NumIterations = "binary", 20
	res, err := CrossValidate(p, ds, y, folds, 3, func(rows []int, raw []float64) float64 {
		return auc(pick(y, rows), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Folds) != 3 || res.MeanMetric < 0.85 || !(res.SDMetric >= 0) {
		t.Fatalf("cv %+v", res)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestGradientsMatchFiniteDifferences(t *testing.T) {
	const eps = 1e-5
	check := func(name string, obj objective, labels, scores []float64, k int, hessOK func(i int) bool) {
		n := len(scores)
		grad, hess := make([]float64, n), make([]float64, n)
		obj.gradients(labels, scores, grad, hess)
		rows := float64(len(labels))
		for i := range scores {
			s := append([]float64(nil), scores...)
			l0 := obj.loss(labels, s, nil) * rows
			s[i] += eps
			lp := obj.loss(labels, s, nil) * rows
			s[i] -= 2 * eps
			lm := obj.loss(labels, s, nil) * rows
			g := (lp - lm) / (2 * eps)
			h := (lp - 2*l0 + lm) / (eps * eps)
			if math.Abs(g-grad[i]) > 1e-5 {
				t.Errorf("%s: grad[%d] = %v, finite difference %v", name, i, grad[i], g)
			}
			if hessOK(i) && math.Abs(h-hess[i]) > 1e-3 {
				t.Errorf("%s: hess[%d] = %v, finite difference %v", name, i, hess[i], h)
			}
		}
	}
	all := func(int) bool { return true }
	scores := []float64{-1.3, 0.2, 0.7, 2.5}
	check("l2", l2Objective{}, []float64{0.5, -1, 2, 2.2}, scores, 1, all)
	hl := []float64{0.5, -1, 2, 2.2}
	hub := huberObjective{delta: 0.9}
	check("huber", hub, hl, scores, 1, func(i int) bool { return math.Abs(scores[i]-hl[i]) < hub.delta })
	check("binary", binaryObjective{}, []float64{0, 1, 1, 0}, scores, 1, all)
	ms := []float64{0.1, -0.5, 1.2, 2, 0.3, -1, 0, 0, 0.5}
	check("multiclass", multiclassObjective{k: 3}, []float64{2, 0, 1}, ms, 3, all)
}

func TestSubtractionMatchesDirectHistograms(t *testing.T) {
	const n, cols = 1500, 8
	data, y := synth(n, cols, 0.1, 19, regressionTarget)
	ds := mustDataset(t, data, n, cols)
	p := DefaultParams()
	p.NumIterations, p.FeatureFractionByNode = 10, 0.6
	train := func(store int) *Model {
		old := storeMinRows
		defer func() { storeMinRows = old }()
		storeMinRows = store
		m, _, err := Train(p, ds, y, nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	sub, direct := train(0), train(n)
	for i := range sub.Trees {
		a, b := sub.Trees[i], direct.Trees[i]
		if !equalInts(a.SplitFeature, b.SplitFeature) || len(a.LeafValue) != len(b.LeafValue) {
			t.Fatalf("tree %d: structure differs", i)
		}
		for l := range a.LeafValue {
			if math.Abs(a.LeafValue[l]-b.LeafValue[l]) > 1e-9 || a.Threshold[min(l, len(a.Threshold)-1)] != b.Threshold[min(l, len(b.Threshold)-1)] {
				t.Fatalf("tree %d leaf %d: %v vs %v", i, l, a.LeafValue[l], b.LeafValue[l])
			}
		}
	}
}

func TestBinningSpecialValuesMatchesBinLike(t *testing.T) {
	inf := float32(math.Inf(1))
	negZero := float32(math.Copysign(0, -1))
	data := []float32{3, -inf, 0, negZero, inf, -2.5, 3, float32(math.NaN()), 1e-30, 7}
	ds, err := NewDataset(data, len(data), 1, DatasetOptions{MaxBin: 255})
	if err != nil {
		t.Fatal(err)
	}
	like, _ := ds.BinLike(data, len(data))
	for r, x := range data {
		if ds.column(0).at(r) != like.column(0).at(r) {
			t.Fatalf("value %v: training bin %d, BinLike bin %d", x, ds.column(0).at(r), like.column(0).at(r))
		}
	}
	// 7 distinct non-NaN values (-0 == 0) -> 7 bins + NaN; thresholds finite
	up := ds.BinUpperBounds(0)
	if ds.NumBins(0) != 8 || up[0] != -math.MaxFloat64 || up[5] != math.MaxFloat64 {
		t.Fatalf("upper bounds %v", up)
	}
	if ds.column(0).at(2) != ds.column(0).at(3) || ds.column(0).at(7) != 7 {
		t.Fatalf("bins %v", ds.column(0).all())
	}
}

func TestHuberAndProgress(t *testing.T) {
	const n, cols = 1500, 4
	data, y := synth(n, cols, 0, 29, regressionTarget)
	for r := 0; r < n; r += 50 {
		y[r] += 40 // outliers the Huber loss must not chase
	}
	ds := mustDataset(t, data, n, cols)
	p := DefaultParams()
	p.Objective, p.HuberDelta, p.NumIterations = "huber", 1, 40
	var seen []int
	m, h, err := Train(p, ds, y, nil, nil, func(pr Progress) {
		seen = append(seen, pr.Iteration)
		if pr.NumIterations != 40 || !math.IsNaN(pr.ValidLoss) || pr.TrainLoss != h0(pr) {
			t.Errorf("progress %+v", pr)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 40 || seen[0] != 1 || seen[39] != 40 || m.Objective != "huber" || m.Params["alpha"] != "1" {
		t.Fatalf("progress rounds %v, objective %q, params %v", seen, m.Objective, m.Params)
	}
	for i := 1; i < len(h.TrainLoss); i++ {
		if !(h.TrainLoss[i] < h.TrainLoss[i-1]) {
			t.Fatalf("huber loss rose at round %d", i)
		}
	}
	// the fit follows the clean rows: median absolute error well under the outlier size
	out := make([]float64, 1)
	var errs []float64
	for r := 1; r < n; r += 50 {
		m.PredictRaw(row64(data, r, cols), out)
		errs = append(errs, math.Abs(out[0]-y[r]))
	}
	sort.Float64s(errs)
	if med := errs[len(errs)/2]; med > 1 {
		t.Fatalf("median error on clean rows %v", med)
	}
}

// h0 returns the train loss reported in a progress (a finite number).
func h0(pr Progress) float64 {
	if math.IsNaN(pr.TrainLoss) || math.IsInf(pr.TrainLoss, 0) {
		return math.NaN()
	}
	return pr.TrainLoss
}

// TestMinDataInLeafFromHessians checks LightGBM's estimate of a side's
// rows for min_data_in_leaf: 25 confident rows (hessian sum 0.25 of the
// leaf's 6.5 for 50 rows) count as round(0.25*50/6.5) = 2 rows, so no split
// leaves them alone; with unit hessians the same histogram splits.
func TestMinDataInLeafFromHessians(t *testing.T) {
	p := DefaultParams()
	tl := &treeLearner{p: &p}
	nz := newScanScratch(3)
	// bins 0, 1, 2 and the NaN bin: (gradient, hessian, count)
	h := []float64{-5, 0.25, 25, 5, 6.25, 25, 0, 0, 0, 0, 0, 0}
	lf := &leafState{count: 50, sumG: 0, sumH: 6.5}
	if s := tl.bestSplitFeature(h, lf, 0, nz); s.bin != -1 {
		t.Errorf("split at bin %d although the left side has 2 estimated rows", s.bin)
	}
	h[1], h[4], lf.sumH = 25, 25, 50
	if s := tl.bestSplitFeature(h, lf, 0, nz); s.bin != 0 || s.lC != 25 {
		t.Errorf("unit hessians: split %+v, want bin 0 with 25 rows left", s)
	}
}
