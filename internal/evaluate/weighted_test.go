package evaluate

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestWeightedMetricsHandComputed(t *testing.T) {
	// Four directed pairs and one Target 0 pair (left out).
	targets := []int{1, 1, -1, -1, 0}
	scores := []float64{0.9, -0.2, -0.5, 0.4, 0.7}
	weights := []float64{0.5, 0.5, 1, 2, 9}
	r, err := WeightedMetrics(targets, scores, weights, []float64{0.25, 0.5, 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.N != 4 || r.Weight != 4 {
		t.Fatalf("N, Weight = %d, %v; want 4, 4", r.N, r.Weight)
	}
	// Right: 0.9 (w .5) and -0.5 (w 1): 1.5 of 4.
	if !near(float64(r.Accuracy), 1.5/4) {
		t.Fatalf("accuracy = %v, want 0.375", r.Accuracy)
	}
	// Positives 0.9 (.5), -0.2 (.5); negatives -0.5 (1), 0.4 (2).
	// 0.9 beats both: .5*3; -0.2 beats -0.5: .5*1. (1.5+.5)/(1*3).
	if !near(float64(r.AUC), 2.0/3) {
		t.Fatalf("AUC = %v, want 2/3", r.AUC)
	}
	// By confidence: 0.9 (.5 right), -0.5 (1 right), 0.4 (2 wrong), -0.2 (.5 wrong).
	// 25% = weight 1: 0.9 (.5) and half of -0.5: right 1 of 1.
	// 50% = weight 2: 0.9, -0.5 and 0.5 of the 0.4 pair: 1.5 of 2.
	want := []float64{1, 0.75, 0.375}
	for k, ra := range r.Rates {
		if !near(float64(ra.Accuracy), want[k]) {
			t.Fatalf("accuracy at rate %v = %v, want %v", ra.Rate, ra.Accuracy, want[k])
		}
	}
}

func TestWeightedMetricsUnitWeightsMatchUnweighted(t *testing.T) {
	targets := []int{1, -1, 1, -1, 1, -1, 1}
	scores := []float64{0.3, -0.1, 0, 0.2, 0.8, -0.9, 0.2}
	w := []float64{1, 1, 1, 1, 1, 1, 1}
	r, err := WeightedMetrics(targets, scores, w, DecisionRates)
	if err != nil {
		t.Fatal(err)
	}
	acc, _, _ := SignAccuracy(targets, scores)
	auc, _ := BidirectionalAUC(targets, scores)
	if !near(float64(r.Accuracy), acc) || !near(float64(r.AUC), auc) {
		t.Fatalf("unit weights: accuracy %v AUC %v, want %v %v", r.Accuracy, r.AUC, acc, auc)
	}
	if !near(float64(r.Rates[len(r.Rates)-1].Accuracy), acc) {
		t.Fatalf("accuracy at rate 1 = %v, want %v", r.Rates[len(r.Rates)-1].Accuracy, acc)
	}
}

func TestWeightedMetricsScaleAndOrderFree(t *testing.T) {
	targets := []int{1, -1, 1, -1, 1, 1}
	scores := []float64{0.5, -0.5, 0.5, 0.5, -0.1, 0.3}
	w := []float64{1, 2, 0.5, 1, 3, 0.25}
	a, _ := WeightedMetrics(targets, scores, w, DecisionRates)
	w10 := make([]float64, len(w))
	for i := range w {
		w10[i] = 10 * w[i]
	}
	b, _ := WeightedMetrics(targets, scores, w10, DecisionRates)
	// Reversed order: ties in |score| (0.5, -0.5, 0.5, 0.5) must not matter.
	rev := func(x []float64) []float64 {
		out := make([]float64, len(x))
		for i := range x {
			out[len(x)-1-i] = x[i]
		}
		return out
	}
	rt := make([]int, len(targets))
	for i := range targets {
		rt[len(targets)-1-i] = targets[i]
	}
	c, _ := WeightedMetrics(rt, rev(scores), rev(w), DecisionRates)
	for _, o := range []Weighted{b, c} {
		if !near(float64(a.Accuracy), float64(o.Accuracy)) || !near(float64(a.AUC), float64(o.AUC)) {
			t.Fatalf("accuracy/AUC changed: %+v vs %+v", a, o)
		}
		for k := range a.Rates {
			if !near(float64(a.Rates[k].Accuracy), float64(o.Rates[k].Accuracy)) {
				t.Fatalf("rate %v: %v vs %v", a.Rates[k].Rate, a.Rates[k].Accuracy, o.Rates[k].Accuracy)
			}
		}
	}
}

func TestWeightedMetricsErrors(t *testing.T) {
	if _, err := WeightedMetrics([]int{0, 1}, []float64{1, 1}, []float64{1, 0}, nil); !errors.Is(err, ErrNoWeight) {
		t.Fatalf("no directed weight: err = %v", err)
	}
	if _, err := WeightedMetrics([]int{1}, []float64{1}, []float64{-1}, nil); err == nil {
		t.Fatal("negative weight accepted")
	}
	r, err := WeightedMetrics([]int{1, 1}, []float64{1, -1}, []float64{1, 1}, nil)
	if err != nil || !math.IsNaN(float64(r.AUC)) || r.Accuracy != 0.5 {
		t.Fatalf("one class: %+v, %v; want NaN AUC and accuracy 0.5", r, err)
	}
}

func TestJoinWeights(t *testing.T) {
	targets := []pairs.Target{{ID: "a", Target: 1}, {ID: "b", Target: -1}}
	w, err := JoinWeights(targets, map[string]float64{"b": 2, "a": 1})
	if err != nil || w[0] != 1 || w[1] != 2 {
		t.Fatalf("JoinWeights = %v, %v", w, err)
	}
	if _, err := JoinWeights(targets, map[string]float64{"a": 1}); err == nil || !strings.Contains(err.Error(), "b") {
		t.Fatalf("missing weight: err = %v", err)
	}
	if _, err := JoinWeights(targets, map[string]float64{"a": 1, "b": 1, "zz": 1}); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Fatalf("extra weight: err = %v", err)
	}
}
