package pairmodel

import (
	"math"
	"testing"

	"github.com/causal-tool/causal/internal/lgbm"
)

// TestLabels checks the label of each target and of its mirror per
// objective.
func TestLabels(t *testing.T) {
	targets := []int{1, -1, 0}
	for _, c := range []struct {
		kind lgbm.Kind
		want []float64 // the targets' labels, then their mirrors'
	}{
		{lgbm.Huber, []float64{1, -1, 0, -1, 1, 0}},
		{lgbm.Regression, []float64{1, -1, 0, -1, 1, 0}},
		{lgbm.Binary, []float64{1, 0, 0, 0, 1, 0}},
		{lgbm.Multiclass, []float64{0, 1, 2, 1, 0, 2}},
	} {
		rc := &Recipe{Kind: c.kind, Sigmoid: 1}
		got := rc.Labels(targets, true)
		for i := range c.want {
			if got[i] != c.want[i] {
				t.Errorf("%s: labels %v, want %v", c.kind, got, c.want)
				break
			}
		}
		if n := len(rc.Labels(targets, false)); n != 3 {
			t.Errorf("%s: %d labels without mirrors", c.kind, n)
		}
	}
}

// TestScoresAntisymmetric checks that swapping the raw scores of the rows
// and their mirror rows negates every pair score exactly, for every
// objective, and the score of each objective on known raw scores.
func TestScoresAntisymmetric(t *testing.T) {
	for _, kind := range []lgbm.Kind{lgbm.Huber, lgbm.Regression, lgbm.Binary, lgbm.Multiclass} {
		rc := &Recipe{Kind: kind, Sigmoid: 1.3, Mirror: mustMirror(t, []string{"S.a"})}
		k := kind.NumClass()
		const n = 4
		raw := make([]float64, 2*n*k)
		for i := range raw {
			raw[i] = math.Sin(float64(3*i+1)) * 2
		}
		swapped := append(append([]float64(nil), raw[n*k:]...), raw[:n*k]...)
		s, sw := rc.Scores(raw, n), rc.Scores(swapped, n)
		for i := range s {
			if s[i] != -sw[i] || s[i] == 0 {
				t.Errorf("%s: pair %d scores %v, swapped %v", kind, i, s[i], sw[i])
			}
		}
	}
	huber := &Recipe{Kind: lgbm.Huber, Mirror: mustMirror(t, []string{"S.a"})}
	if got := huber.Scores([]float64{0.75, -0.5}, 1); got[0] != 0.625 {
		t.Errorf("huber (0.75 - -0.5)/2 = %v, want 0.625", got[0])
	}
	plain := &Recipe{Kind: lgbm.Binary, Sigmoid: 1}
	if got := plain.Scores([]float64{0}, 1); got[0] != 0 {
		t.Errorf("binary without mirror: 2*sigmoid(0)-1 = %v, want 0", got[0])
	}
}

// TestMetric checks the metric on perfectly and inversely ordered scores.
func TestMetric(t *testing.T) {
	rc := &Recipe{Kind: lgbm.Huber}
	targets := []int{1, -1, 0, 1}
	if got := rc.Metric(targets)([]float64{2, -2, 0, 1}); got != 1 {
		t.Errorf("perfect scores: AUC %v, want 1", got)
	}
	if got := rc.Metric(targets)([]float64{-2, 2, 0, -1}); got != 0 {
		t.Errorf("reversed scores: AUC %v, want 0", got)
	}
	if got := rc.Metric([]int{1, 1})([]float64{1, 2}); !math.IsNaN(got) {
		t.Errorf("one direction only: AUC %v, want NaN", got)
	}
	if CheckBothDirections("x", []int{1, 0}) == nil || CheckBothDirections("x", []int{1, -1}) != nil {
		t.Error("CheckBothDirections")
	}
}
