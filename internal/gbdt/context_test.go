package gbdt

import (
	"bytes"
	"context"
	"errors"
	"testing"
)

// TestTrainStopsWhenContextDone checks that a done Params.Context stops
// training before the next round with its error, and that a live one
// leaves the model exactly as without it.
func TestTrainStopsWhenContextDone(t *testing.T) {
	const n, cols = 600, 8
	data, y := synth(n, cols, 0.05, 3, binaryTarget)
	ds := mustDataset(t, data, n, cols)
	p := DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.Cores, p.Seed = "binary", 20, 7, 2, 5
	ref, _, err := Train(p, ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	p.Context = ctx
	m, _, err := Train(p, ds, y, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(encode(t, m), encode(t, ref)) || fingerprint(m) != fingerprint(ref) {
		t.Fatal("a live context changed the model")
	}

	rounds := 0
	stopAfter := func(pr Progress) {
		rounds = pr.Iteration
		if pr.Iteration == 3 {
			cancel()
		}
	}
	m, h, err := Train(p, ds, y, nil, nil, stopAfter)
	if !errors.Is(err, context.Canceled) || m != nil || h != nil {
		t.Fatalf("cancelled after round 3: model %v, history %v, err %v", m != nil, h != nil, err)
	}
	if rounds != 3 {
		t.Errorf("cancelled after round 3: %d rounds trained", rounds)
	}
	if _, err := CrossValidate(p, ds, y, Folds(n, 3, 1), 3, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cross-validation with a done context: %v", err)
	}
}
