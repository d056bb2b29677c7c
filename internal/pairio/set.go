package pairio

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/pairs"
)

// SetOptions choose the tables of a challenge file set besides its pairs
// and publicinfo.
type SetOptions struct {
	// NoPairs writes no PREFIX_pairs.csv and PREFIX_publicinfo.csv (only
	// the other tables: a corpus whose pairs are not kept).
	NoPairs bool
	// Target writes PREFIX_target.csv, Meta PREFIX_meta.csv.
	Target, Meta bool
}

// A SetWriter writes a challenge file set, PREFIX_pairs.csv,
// PREFIX_publicinfo.csv, (as chosen) PREFIX_target.csv and PREFIX_meta.csv,
// and any other table added with Table, all or nothing: the pairs stream
// to a staged file, the small tables are kept until Commit, which
// publishes every file; Abort (or a failed Table or Commit) leaves none of
// them. It is the one writer of pair sets (generate, adapt's corpus, scan
// --export, pairs concat).
type SetWriter struct {
	prefix  string
	o       SetOptions
	pw      *PairsWriter
	staged  []*atomicfile.File // the pairs file first, then Table's
	heads   []pairs.Pair
	targets []pairs.Target
	metas   []pairs.Meta
}

// CreateSet starts writing the set PREFIX_*.csv.
func CreateSet(prefix string, o SetOptions) (*SetWriter, error) {
	w := &SetWriter{prefix: prefix, o: o}
	if !o.NoPairs {
		f, err := atomicfile.Create(prefix + "_pairs.csv")
		if err != nil {
			return nil, err
		}
		w.staged, w.pw = []*atomicfile.File{f}, NewPairsWriter(f)
	}
	return w, nil
}

// Write adds a pair with its target and meta (each used only when its
// table is written).
func (w *SetWriter) Write(p pairs.Pair, t pairs.Target, m pairs.Meta) error {
	if w.pw != nil {
		if err := w.pw.Write(p); err != nil {
			return fmt.Errorf("write %s_pairs.csv: %w", w.prefix, err)
		}
	}
	w.heads = append(w.heads, pairs.Pair{ID: p.ID, TypeA: p.TypeA, TypeB: p.TypeB})
	if w.o.Target {
		w.targets = append(w.targets, t)
	}
	if w.o.Meta {
		w.metas = append(w.metas, m)
	}
	return nil
}

// Len is the number of pairs written so far.
func (w *SetWriter) Len() int { return len(w.heads) }

// Table writes another table of the set, PREFIX+suffix, through fill (a
// buffered writer) and stages it to be published with the set by Commit.
// fill's error is returned as it is; on any error the whole set is
// aborted.
func (w *SetWriter) Table(suffix string, fill func(io.Writer) error) error {
	f, err := atomicfile.Create(w.prefix + suffix)
	if err != nil {
		w.Abort()
		return err
	}
	w.staged = append(w.staged, f)
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := fill(bw); err != nil {
		w.Abort()
		return err
	}
	if err := bw.Flush(); err != nil {
		w.Abort()
		return fmt.Errorf("write %s%s: %w", w.prefix, suffix, err)
	}
	return nil
}

// setTable is a small table of a set: its file suffix and its writer.
type setTable struct {
	suffix string
	write  func(io.Writer) error
}

// Commit writes the small tables and publishes every file of the set.
func (w *SetWriter) Commit() error {
	if w.pw != nil {
		if err := w.pw.Flush(); err != nil {
			w.Abort()
			return fmt.Errorf("write %s_pairs.csv: %w", w.prefix, err)
		}
	}
	var tables []setTable
	if !w.o.NoPairs {
		tables = append(tables, setTable{"_publicinfo.csv", func(iw io.Writer) error { return WritePublicInfo(iw, w.heads) }})
	}
	if w.o.Target {
		tables = append(tables, setTable{"_target.csv", func(iw io.Writer) error { return WriteTargets(iw, w.targets) }})
	}
	if w.o.Meta {
		tables = append(tables, setTable{"_meta.csv", func(iw io.Writer) error { return WriteMeta(iw, w.metas) }})
	}
	for _, t := range tables {
		err := w.Table(t.suffix, func(iw io.Writer) error {
			if err := t.write(iw); err != nil {
				return fmt.Errorf("write %s%s: %w", w.prefix, t.suffix, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var errs []error
	for _, f := range w.staged {
		errs = append(errs, f.Commit())
	}
	w.staged = nil
	return errors.Join(errs...)
}

// Abort discards the set: no file of it is published. It is safe to call
// more than once and after Commit.
func (w *SetWriter) Abort() {
	for _, f := range w.staged {
		f.Abort()
	}
	w.staged = nil
}

// WriteSet writes pairs with their targets as the set PREFIX_*.csv, all
// or nothing. With NoPairs, ps may be nil (only the targets are written);
// with Target, ts holds one target per pair.
func WriteSet(prefix string, ps []pairs.Pair, ts []pairs.Target, o SetOptions) error {
	n := len(ps)
	if o.NoPairs && ps == nil {
		n = len(ts)
	}
	if o.Target && len(ts) != n {
		return fmt.Errorf("write %s: %d targets for %d pairs", prefix, len(ts), n)
	}
	w, err := CreateSet(prefix, o)
	if err != nil {
		return err
	}
	for i := range n {
		var p pairs.Pair
		var t pairs.Target
		if ps != nil {
			p = ps[i]
		}
		if o.Target {
			t = ts[i]
		}
		if err := w.Write(p, t, pairs.Meta{}); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit()
}
