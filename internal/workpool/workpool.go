// Package workpool runs indexed tasks on a fixed number of goroutines: the
// one worker pool of the packages that score, test or fit items by index
// (pairmodel's feature rows, graph's independence tests, stack's folds).
// Results are placed by index, so they do not depend on the number of
// workers.
package workpool

import (
	"context"
	"sync"
)

// Each calls task(i) for every i in [0, n) on min(workers, n) goroutines
// (at least one), handing out one index at a time. When ctx is done it
// hands out no further index, waits for the tasks under way and returns
// ctx's error.
func Each(ctx context.Context, n, workers int, task func(i int)) error {
	return EachWorker(ctx, n, workers, func() func(int) { return task })
}

// EachWorker is Each with per-worker state: newWorker is called once for
// each goroutine (on the caller's) and returns that goroutine's task, e.g.
// with its own buffers.
func EachWorker(ctx context.Context, n, workers int, newWorker func() func(i int)) error {
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(max(workers, 1), n) {
		task := newWorker()
		wg.Go(func() {
			for i := range next {
				task(i)
			}
		})
	}
	var err error
feed:
	for i := range n {
		if err = ctx.Err(); err != nil {
			break
		}
		select {
		case next <- i:
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return err
}
