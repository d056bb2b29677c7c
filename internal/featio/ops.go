package featio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/causal-tool/causal/internal/pairio"
)

// openSame opens feature files that must share their feature names and
// plan hash (the caller closes the readers, also on error).
func openSame(what string, paths []string) ([]*Reader, error) {
	if len(paths) == 0 {
		return nil, fmt.Errorf("%s: no feature file given", what)
	}
	var rs []*Reader
	for _, p := range paths {
		r, err := Open(p)
		if err != nil {
			return rs, err
		}
		rs = append(rs, r)
	}
	h := rs[0].Header()
	for i, r := range rs[1:] {
		hi := r.Header()
		if hi.PlanHash != h.PlanHash {
			return rs, fmt.Errorf("%s: %s has plan hash %q, %s has %q", what, paths[i+1], hi.PlanHash, paths[0], h.PlanHash)
		}
		if !slices.Equal(hi.Names, h.Names) {
			return rs, fmt.Errorf("%s: %s and %s have different feature names", what, paths[i+1], paths[0])
		}
	}
	return rs, nil
}

// closeAll closes feature readers.
func closeAll(rs []*Reader) {
	for _, r := range rs {
		r.Close()
	}
}

// createLike creates an output feature file with r's names and plan hash
// (and no shard), in format, or r's format if format is "".
func createLike(out, format string, r *Reader) (*Writer, error) {
	if format == "" {
		format = r.Format()
	}
	h := r.Header()
	h.Shard = ""
	return Create(out, format, h)
}

// eachRow calls fn with each row of r (numbered from 1) until the end of
// the file or fn's first error.
func eachRow(ctx context.Context, r *Reader, fn func(row int, id string, vals []float32) error) error {
	for row := 1; ; row++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, vals, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(row, id, vals); err != nil {
			return err
		}
	}
}

// Merge interleaves the shards of one `featurize --shard i/n` run, given in
// index order, back into input order: row j of the input is row j/n of
// shard j%n. The shards must share their feature names and plan hash.
// format "" writes the format of the first shard. The output is written
// atomically.
func Merge(ctx context.Context, out, format string, shards []string) error {
	rs, err := openSame("merge", shards)
	defer closeAll(rs)
	if err != nil {
		return err
	}
	n := len(rs)
	for k, r := range rs {
		if sh := r.Header().Shard; sh != "" && sh != fmt.Sprintf("%d/%d", k, n) {
			return fmt.Errorf("merge: %s is shard %s, but it is shard argument %d of %d: give the shards of one featurize --shard i/n run, in index order", shards[k], sh, k, n)
		}
	}
	w, err := createLike(out, format, rs[0])
	if err != nil {
		return err
	}
	defer w.Abort()
	for j := 0; ; j++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		id, row, err := rs[j%n].Next()
		if errors.Is(err, io.EOF) {
			// Row j is the end of the input: every shard must be at its end.
			for k := 0; k < n; k++ {
				if k == j%n {
					continue
				}
				if _, _, err := rs[k].Next(); !errors.Is(err, io.EOF) {
					if err != nil {
						return err
					}
					return fmt.Errorf("merge: %s has more rows than expected: shards are not i/%d of one input, or are out of order", shards[k], n)
				}
			}
			return w.Commit()
		}
		if err != nil {
			return err
		}
		if err := w.Write(id, row); err != nil {
			return err
		}
	}
}

// Concat writes the rows of each feature file in turn into one feature
// file, e.g. two corpora featurized separately. The files must share their
// feature names and plan hash, and no SampleID may appear twice. format ""
// writes the format of the first file. The output is written atomically.
func Concat(ctx context.Context, out, format string, paths []string) error {
	rs, err := openSame("concat", paths)
	defer closeAll(rs)
	if err != nil {
		return err
	}
	w, err := createLike(out, format, rs[0])
	if err != nil {
		return err
	}
	defer w.Abort()
	seen := map[string]string{}
	for i, r := range rs {
		err := eachRow(ctx, r, func(row int, id string, vals []float32) error {
			if first, dup := seen[id]; dup {
				return fmt.Errorf("%s: row %d: SampleID %s is already in %s", paths[i], row, pairio.ID(id), first)
			}
			seen[id] = paths[i]
			return w.Write(id, vals)
		})
		if err != nil {
			return err
		}
	}
	return w.Commit()
}

// Select writes the rows of in whose SampleID is among ids, in the order of
// in, e.g. a subset of a corpus for a smaller training run. Every id must be
// in the file exactly once and must not be listed twice: a selection never
// drops a pair silently. format "" writes the format of in. The output is
// written atomically.
func Select(ctx context.Context, out, format, in string, ids []string) error {
	want := make(map[string]bool, len(ids))
	for i, id := range ids {
		if want[id] {
			return fmt.Errorf("select: SampleID %s is listed twice (entry %d)", pairio.ID(id), i+1)
		}
		want[id] = false
	}
	r, err := Open(in)
	if err != nil {
		return err
	}
	defer r.Close()
	w, err := createLike(out, format, r)
	if err != nil {
		return err
	}
	defer w.Abort()
	err = eachRow(ctx, r, func(row int, id string, vals []float32) error {
		done, ok := want[id]
		if !ok {
			return nil
		}
		if done {
			return fmt.Errorf("select: %s: row %d: SampleID %s appears twice", in, row, pairio.ID(id))
		}
		want[id] = true
		return w.Write(id, vals)
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !want[id] {
			return fmt.Errorf("select: SampleID %s is not in %s", pairio.ID(id), in)
		}
	}
	return w.Commit()
}
