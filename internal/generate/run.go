package generate

import "sync"

// Run generates pairs Start..Start+N-1 on the given number of worker
// goroutines and passes them to emit in index order (emit runs on the
// calling goroutine). At most a few pairs per worker are held in memory. The
// first error, from a pair or from emit, stops the run and is returned.
func (g *Generator) Run(cores int, emit func(Sample) error) error {
	cores = max(1, cores)
	type result struct {
		s   Sample
		err error
	}
	type job struct {
		i   int
		out chan result
	}
	jobs := make(chan job)
	order := make(chan chan result, 4*cores)
	done := make(chan struct{})
	var wg sync.WaitGroup
	defer wg.Wait()
	defer close(done)

	wg.Add(1)
	go func() { // producer: hands out indices and records their order
		defer wg.Done()
		defer close(jobs)
		defer close(order)
		for i := g.cfg.Start; i < g.cfg.Start+g.cfg.N; i++ {
			out := make(chan result, 1)
			select {
			case order <- out:
			case <-done:
				return
			}
			select {
			case jobs <- job{i, out}:
			case <-done:
				return
			}
		}
	}()
	for range cores {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				s, err := g.Pair(j.i)
				j.out <- result{s, err}
			}
		}()
	}
	for out := range order {
		r := <-out
		if r.err != nil {
			return r.err
		}
		if err := emit(r.s); err != nil {
			return err
		}
	}
	return nil
}
