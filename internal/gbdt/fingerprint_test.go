package gbdt

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"testing"
)

// fingerprint hashes every number of a model's trees exactly (float bits),
// so that a speed change can show it left the model bytes alone.
func fingerprint(m *Model) string {
	h := sha256.New()
	floats := func(xs []float64) {
		for _, x := range xs {
			fmt.Fprintf(h, "%x,", math.Float64bits(x))
		}
		fmt.Fprint(h, ";")
	}
	ints := func(xs []int) { fmt.Fprint(h, xs, ";") }
	fmt.Fprint(h, m.Objective, m.NumClass, len(m.Trees))
	floats(m.FeatureMin)
	floats(m.FeatureMax)
	for i := range m.Trees {
		t := &m.Trees[i]
		ints(t.SplitFeature)
		floats(t.Threshold)
		fmt.Fprint(h, t.DefaultLeft, t.MissingNaN)
		ints(t.LeftChild)
		ints(t.RightChild)
		floats(t.SplitGain)
		floats(t.InternalValue)
		floats(t.InternalWeight)
		ints(t.InternalCount)
		floats(t.LeafValue)
		floats(t.LeafWeight)
		ints(t.LeafCount)
		floats([]float64{t.Shrinkage})
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// TestModelFingerprints pins the exact models of a few small training runs
// (every objective; feature sampling per tree and per node; bagging;
// weights; a mirrored dataset; L1), so that a change meant to leave the
// models alone (speed) is seen to. A change of the learner's semantics
// updates these fingerprints in the same commit and says so.
func TestModelFingerprints(t *testing.T) {
	const n, cols = 1200, 24
	data, y := synth(n, cols, 0.05, 31, binaryTarget)
	_, yr := synth(n, cols, 0.05, 31, regressionTarget)
	y3 := make([]float64, n)
	for r := range y3 {
		y3[r] = y[r] + float64(r%2)*y[r]
	}
	w := make([]float64, n)
	for r := range w {
		w[r] = 0.25 + float64(r%7)/3
	}
	ds := mustDataset(t, data, n, cols)
	dsw := mustDataset(t, data, n, cols)
	if err := dsw.SetWeights(w); err != nil {
		t.Fatal(err)
	}
	perm, sign := make([]int, cols), make([]float32, cols)
	for c := range perm {
		perm[c], sign[c] = c^1, float32(1-2*(c%3/2))
	}
	dsm, err := NewDataset(data[:n/2*cols], n/2, cols, DatasetOptions{Cores: 2, Mirror: testMirror{perm, sign}})
	if err != nil {
		t.Fatal(err)
	}
	ym := append([]float64(nil), y[:n/2]...)
	for _, v := range y[:n/2] {
		ym = append(ym, 1-v)
	}
	cases := []struct {
		name   string
		ds     *Dataset
		labels []float64
		set    func(p *Params)
		want   string
	}{
		{"binary", ds, y, func(p *Params) { p.Objective = "binary" }, "bc8d0cacd889742f"},
		{"binary sampled", ds, y, func(p *Params) {
			p.Objective, p.FeatureFraction, p.FeatureFractionByNode = "binary", 0.3, 0.6
			p.BaggingFraction, p.BaggingFreq = 0.7, 2
		}, "4dc3e6db2c8dcbbc"},
		{"binary weighted", dsw, y, func(p *Params) { p.Objective, p.FeatureFraction = "binary", 0.5 }, "2ddb3896a5717dfc"},
		{"binary mirrored", dsm, ym, func(p *Params) { p.Objective, p.FeatureFraction = "binary", 0.5 }, "47d959fa5eef5717"},
		{"multiclass", ds, y3, func(p *Params) { p.Objective, p.NumClass, p.FeatureFraction = "multiclass", 3, 0.5 }, "8d043e116fe12208"},
		{"regression l1 l2", ds, yr, func(p *Params) {
			p.Objective, p.LambdaL1, p.LambdaL2, p.FeatureFraction = "regression", 0.5, 1, 0.4
		}, "3b0522060ec5d9fd"},
		{"huber", ds, yr, func(p *Params) { p.Objective, p.FeatureFraction = "huber", 0.4 }, "bdc111e218058e83"},
	}
	for _, c := range cases {
		p := DefaultParams()
		p.NumIterations, p.NumLeaves, p.Cores, p.Seed = 12, 15, 2, 7
		c.set(&p)
		m, _, err := Train(p, c.ds, c.labels, nil, nil, nil)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got := fingerprint(m); got != c.want {
			t.Errorf("%s: model fingerprint %s, want %s", c.name, got, c.want)
		}
	}
}
