package plan

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/causal-tool/causal/pairs"
)

// Source yields pairs one at a time; Next returns io.EOF after the last.
type Source interface {
	Next() (pairs.Pair, error)
}

// SliceSource returns a Source over the pairs of ps, in order.
func SliceSource(ps []pairs.Pair) Source { return &sliceSource{ps: ps} }

type sliceSource struct {
	ps []pairs.Pair
	i  int
}

func (s *sliceSource) Next() (pairs.Pair, error) {
	if s.i >= len(s.ps) {
		return pairs.Pair{}, io.EOF
	}
	s.i++
	return s.ps[s.i-1], nil
}

// RunOptions controls Run.
type RunOptions struct {
	// Workers is the number of pairs featurized at once (>= 1).
	Workers int
	// Shard and Shards select the pairs whose 0-based index i in the source
	// satisfies i % Shards == Shard (Shards <= 1: every pair).
	Shard, Shards int
	// Counts, if not nil, receives the value counts of every pair.
	Counts *Counts
	// Progress, if not nil, is called after each row is emitted.
	Progress func()
	// Context, if not nil, stops the run when it is done: no further pair
	// is read or emitted and Run returns the context's error.
	Context context.Context
}

type runJob struct {
	seq int
	p   pairs.Pair
}

type runResult struct {
	seq int
	id  string
	row []float32
	err error
}

// Run featurizes the pairs of src in parallel and calls emit with each row
// in source order (emit is called from the calling goroutine; the row is
// reused after emit returns). The output does not depend on Workers. At most
// 2*Workers pairs and rows are in memory at once.
func (pl *Plan) Run(src Source, opt RunOptions, emit func(id string, row []float32) error) error {
	workers := max(opt.Workers, 1)
	shards := max(opt.Shards, 1)
	if opt.Shard < 0 || opt.Shard >= shards {
		return fmt.Errorf("shard %d out of range 0..%d", opt.Shard, shards-1)
	}
	tokens := make(chan struct{}, 2*workers)
	jobs := make(chan runJob)
	results := make(chan runResult, 2*workers)
	stop := make(chan struct{})
	rows := sync.Pool{New: func() any { return make([]float32, pl.Len()) }}
	ctx := opt.Context
	if ctx == nil {
		ctx = context.Background()
	}

	var readErr error
	go func() { // reader
		defer close(jobs)
		seq := 0
		for idx := 0; ; idx++ {
			if ctx.Err() != nil {
				return
			}
			p, err := src.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			if idx%shards != opt.Shard {
				continue
			}
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			case <-ctx.Done():
				return
			}
			jobs <- runJob{seq: seq, p: p}
			seq++
		}
	}()

	counts := make([]Counts, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(cnt *Counts) {
			defer wg.Done()
			for j := range jobs {
				row := rows.Get().([]float32)
				err := pl.safeFeaturize(j.p, row, cnt)
				results <- runResult{seq: j.seq, id: j.p.ID, row: row, err: err}
			}
		}(&counts[w])
	}
	go func() { wg.Wait(); close(results) }()

	var firstErr error
	pending := make(map[int]runResult)
	next := 0
	for r := range results {
		pending[r.seq] = r
		for {
			cur, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if firstErr == nil {
				firstErr = cur.err
				if firstErr == nil {
					firstErr = ctx.Err()
				}
				if firstErr == nil {
					firstErr = emit(cur.id, cur.row)
				}
				if firstErr != nil {
					close(stop)
				} else if opt.Progress != nil {
					opt.Progress()
				}
			}
			rows.Put(cur.row)
			<-tokens
		}
	}
	if firstErr == nil {
		firstErr = readErr
	}
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if opt.Counts != nil {
		for i := range counts {
			opt.Counts.Add(&counts[i])
		}
	}
	return firstErr
}

// safeFeaturize featurizes one pair, turning a panic of a building block
// into an error naming the pair.
func (pl *Plan) safeFeaturize(p pairs.Pair, row []float32, cnt *Counts) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("featurize pair %s (line %d): internal error: %v", p.ID, p.Line, r)
		}
	}()
	if len(p.A) != len(p.B) {
		return fmt.Errorf("featurize pair %s (line %d): A has %d values, B %d", p.ID, p.Line, len(p.A), len(p.B))
	}
	if len(p.A) == 0 {
		return errors.New("featurize pair " + p.ID + ": no values")
	}
	pl.FeaturizeCount(p, row, cnt)
	return nil
}
