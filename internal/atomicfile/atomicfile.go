// Package atomicfile writes output files atomically: content goes to a
// temporary file in the destination directory, which is renamed over the
// destination only when everything was written and synced. A failed or
// interrupted command therefore never leaves a half-written output.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// File is an output file being written. Call Commit to publish it or Abort
// to discard it; calling Abort after Commit is a no-op, so `defer f.Abort()`
// is the usual pattern.
type File struct {
	*bufio.Writer
	tmp  *os.File
	dest string
	done bool
}

// Create starts writing dest atomically. The path "-" is not accepted here:
// callers that support stdout handle it themselves.
func Create(dest string) (*File, error) {
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(dest)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create output %s: %w", dest, err)
	}
	return &File{Writer: bufio.NewWriterSize(tmp, 1<<20), tmp: tmp, dest: dest}, nil
}

// Commit flushes, syncs and renames the temporary file onto the destination.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("output %s: already committed or aborted", f.dest)
	}
	f.done = true
	err := f.Flush()
	if err == nil {
		err = f.tmp.Sync()
	}
	if cerr := f.tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.tmp.Name(), f.dest)
	}
	if err != nil {
		os.Remove(f.tmp.Name())
		return fmt.Errorf("write output %s: %w", f.dest, err)
	}
	return nil
}

// Abort discards the temporary file. It is safe to call more than once.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// WriteFile writes dest atomically with the content produced by fill.
func WriteFile(dest string, fill func(w io.Writer) error) error {
	f, err := Create(dest)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fill(f); err != nil {
		return err
	}
	return f.Commit()
}
