package workpool

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

// TestEachCoversEveryIndexOnce checks that every index is handed out
// exactly once, for any number of workers, with one state per worker.
func TestEachCoversEveryIndexOnce(t *testing.T) {
	const n = 1000
	for _, workers := range []int{-1, 0, 1, 2, 7, 5000} {
		seen := make([]int32, n)
		var states atomic.Int32
		err := EachWorker(context.Background(), n, workers, func() func(int) {
			states.Add(1)
			return func(i int) { atomic.AddInt32(&seen[i], 1) }
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("%d workers: index %d handed out %d times", workers, i, c)
			}
		}
		if want := int32(min(max(workers, 1), n)); states.Load() != want {
			t.Errorf("%d workers: %d worker states, want %d", workers, states.Load(), want)
		}
	}
	if err := Each(context.Background(), 0, 3, func(int) { t.Fatal("a task for n = 0") }); err != nil {
		t.Fatal(err)
	}
}

// TestEachStopsWhenCancelled checks that a done context hands out no
// index, and that cancelling midway stops the pool after at most one more
// index per worker, both returning the context's error.
func TestEachStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	if err := Each(ctx, 100, 4, func(int) { calls.Add(1) }); !errors.Is(err, context.Canceled) || calls.Load() != 0 {
		t.Fatalf("cancelled before: %d calls, %v", calls.Load(), err)
	}
	const n, stopAt, workers = 100000, 20, 3
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	err := Each(ctx, n, workers, func(int) {
		if calls.Add(1) == stopAt {
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled midway: %v", err)
	}
	if c := calls.Load(); c > stopAt+workers {
		t.Errorf("cancelled at task %d: %d tasks ran, want at most %d", stopAt, c, stopAt+workers)
	}
}
