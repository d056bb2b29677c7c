package evaluate

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

func TestAUCHandComputed(t *testing.T) {
	// Positives 0.9, 0.4; negatives 0.5, 0.1: pairs (pos>neg) = (0.9>0.5,
	// 0.9>0.1, 0.4>0.1) = 3 of 4.
	got, err := AUC([]bool{true, false, true, false}, []float64{0.9, 0.5, 0.4, 0.1})
	if err != nil || got != 0.75 {
		t.Fatalf("AUC = %v, %v; want 0.75", got, err)
	}
	// Ties count half: positive 0.5 vs negatives 0.5 (tie) and 0.2 (win).
	got, _ = AUC([]bool{true, false, false}, []float64{0.5, 0.5, 0.2})
	if got != 0.75 {
		t.Fatalf("AUC with tie = %v, want 0.75", got)
	}
	// All scores equal: 0.5.
	got, _ = AUC([]bool{true, false, true}, []float64{1, 1, 1})
	if got != 0.5 {
		t.Fatalf("all-tied AUC = %v", got)
	}
	if _, err := AUC([]bool{true, true}, []float64{1, 2}); !errors.Is(err, ErrOneClass) {
		t.Fatalf("one class: err = %v", err)
	}
}

func TestBidirectionalAUC(t *testing.T) {
	targets := []int{1, -1, 0, 0}
	scores := []float64{0.9, -0.5, 0.1, -0.1}
	// AUC(T==1, s): pos 0.9 beats all 3 -> 1. AUC(T==-1, -s): pos 0.5 beats
	// -0.9, -0.1, 0.1 -> 1. Mean 1.
	got, err := BidirectionalAUC(targets, scores)
	if err != nil || got != 1 {
		t.Fatalf("got %v, %v", got, err)
	}
	// Swap: score -0.9 for the A->B pair. AUC1: pos -0.9 vs {-0.5, 0.1, -0.1}
	// loses all -> 0. AUC2: -s = {0.9, 0.5, -0.1, 0.1}; pos 0.5 vs {0.9,
	// -0.1, 0.1} wins 2 of 3. Mean = (0 + 2/3)/2 = 1/3.
	got, _ = BidirectionalAUC(targets, []float64{-0.9, -0.5, 0.1, -0.1})
	if math.Abs(got-1.0/3) > 1e-15 {
		t.Fatalf("got %v, want 1/3", got)
	}
	// No Target==-1 pair: undefined.
	if _, err := BidirectionalAUC([]int{1, 0, 1}, []float64{1, 2, 3}); !errors.Is(err, ErrOneClass) {
		t.Fatalf("err = %v", err)
	}
	// Only ±1 pairs (as in Tübingen): both terms defined.
	got, err = BidirectionalAUC([]int{1, -1, 1, -1}, []float64{2, -1, 1, 3})
	// AUC1: pos {2,1} vs neg {-1,3}: 2>-1, 1>-1 -> 2 of 4 = 0.5; AUC2 by
	// symmetry of negation is the same 0.5.
	if err != nil || got != 0.5 {
		t.Fatalf("got %v, %v", got, err)
	}
}

func TestSignAccuracy(t *testing.T) {
	acc, n, ok := SignAccuracy([]int{1, -1, 0, 1}, []float64{0.5, 0.2, 9, 0})
	if !ok || n != 3 || acc != 1.0/3 {
		t.Fatalf("acc %v n %d ok %v", acc, n, ok)
	}
	if _, _, ok := SignAccuracy([]int{0, 0}, []float64{1, 2}); ok {
		t.Fatal("no directed pairs should be reported as undefined")
	}
}

func TestJoinMismatch(t *testing.T) {
	preds := []pairs.Prediction{{ID: "a", Score: 1}, {ID: "x", Score: 2}}
	targets := []pairs.Target{{ID: "a", Target: 1, Details: 1}, {ID: "b", Target: -1, Details: 2}}
	_, err := Join(preds, targets)
	if err == nil || !strings.Contains(err.Error(), "no prediction (b)") || !strings.Contains(err.Error(), "no target (x)") {
		t.Fatalf("err = %v", err)
	}
	s, err := Join([]pairs.Prediction{{ID: "b", Score: 2}, {ID: "a", Score: 1}}, targets)
	if err != nil || s[0] != 1 || s[1] != 2 {
		t.Fatalf("join = %v %v", s, err)
	}
}
