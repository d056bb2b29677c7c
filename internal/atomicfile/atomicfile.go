// Package atomicfile writes output files atomically: content goes to a
// temporary file in the destination directory, which is renamed over the
// destination only when everything was written and synced. A failed or
// interrupted command therefore never leaves a half-written output.
//
// The destination is resolved first: a symlink is followed (its target is
// replaced, the link stays), and a destination that exists but is not a
// regular file (a character device such as /dev/stdout or /dev/null, a FIFO,
// a socket) is written directly, without a temporary file or a rename. An
// existing destination keeps its permission bits; a new one gets 0666 minus
// the umask, like any file the shell creates.
//
// Every live temporary file is recorded in a process-wide registry, so that
// a signal handler can remove them all (RemoveTemps) before the process
// exits. Paths registered with RegisterInputs cannot be outputs: Create
// refuses a destination that is the same file as one of them.
package atomicfile

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"
)

// File is an output file being written. Call Commit to publish it or Abort
// to discard it; calling Abort after Commit is a no-op, so `defer f.Abort()`
// is the usual pattern.
type File struct {
	*bufio.Writer
	f      *os.File
	dest   string // the path the user gave
	target string // dest with symlinks resolved
	direct bool   // writing the non-regular target itself (no temp, no rename)
	tmp    string // the temporary file's name
	perm   fs.FileMode
	keep   bool // perm is an existing file's mode, to be set explicitly
	done   bool
}

// Create starts writing dest atomically. The path "-" is not accepted here:
// callers that support stdout handle it themselves.
func Create(dest string) (*File, error) {
	// A non-regular destination is opened by the path given: the kernel
	// follows its links (including /dev/stdout's /proc/self/fd/1 -> pipe:[N]).
	if st, err := os.Stat(dest); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return nil, fmt.Errorf("create output %s: is a directory", dest)
		}
		return createDirect(dest)
	}
	target, err := resolve(dest)
	if err != nil {
		return nil, fmt.Errorf("create output %s: %w", dest, err)
	}
	if err := claimOutput(dest, target); err != nil {
		return nil, err
	}
	st, err := os.Stat(target)
	switch {
	case err == nil:
		if in := sameAsInput(st); in != "" {
			return nil, fmt.Errorf("output %s is the input %s: write the output to another file", dest, in)
		}
		return createTemp(dest, target, st.Mode().Perm(), true)
	case errors.Is(err, fs.ErrNotExist):
		return createTemp(dest, target, 0o666, false)
	default:
		return nil, fmt.Errorf("create output %s: %w", dest, err)
	}
}

// resolve follows the symlinks of path's last element (a dangling link
// resolves to the path it points to, which is then created).
func resolve(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// createDirect opens a non-regular file (device, FIFO) for writing as is.
func createDirect(dest string) (*File, error) {
	f, err := os.OpenFile(dest, os.O_WRONLY, 0)
	if err != nil {
		return nil, fmt.Errorf("create output: %w", err)
	}
	return &File{Writer: bufio.NewWriterSize(f, 1<<20), f: f, dest: dest, target: dest, direct: true}, nil
}

var tempSeq atomic.Uint64

// createTemp creates the temporary file beside target. Opening it with
// perm 0666 lets the kernel apply the umask; an existing file's mode is
// set explicitly on Commit.
func createTemp(dest, target string, perm fs.FileMode, keep bool) (*File, error) {
	dir, base := filepath.Dir(target), filepath.Base(target)
	for range 100 {
		n := tempSeq.Add(1) ^ uint64(time.Now().UnixNano())
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(n%1e9, 10))
		if !registerTemp(name) {
			return nil, fmt.Errorf("create output %s: %w", dest, ErrInterrupted)
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if errors.Is(err, fs.ErrExist) {
			unregisterTemp(name)
			continue
		}
		if err != nil {
			unregisterTemp(name)
			var pe *fs.PathError
			if errors.As(err, &pe) { // name the output, not its temporary file
				err = pe.Err
			}
			return nil, fmt.Errorf("create output %s: %w", dest, err)
		}
		return &File{Writer: bufio.NewWriterSize(f, 1<<20), f: f, dest: dest, target: target, tmp: name, perm: perm, keep: keep}, nil
	}
	return nil, fmt.Errorf("create output %s: no free temporary name in %s", dest, dir)
}

// Commit flushes, syncs and renames the temporary file onto the destination
// (for a non-regular destination: flushes and closes it). In command mode
// (Begin) the rename waits for Publish, which renames every output of the
// command at once.
func (f *File) Commit() error {
	if f.done {
		return fmt.Errorf("output %s: already committed or aborted", f.dest)
	}
	f.done = true
	err := f.Flush()
	if f.direct {
		if cerr := f.f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("write output %s: %w", f.dest, err)
		}
		return nil
	}
	if err == nil {
		err = f.f.Sync()
	}
	if cerr := f.f.Close(); err == nil {
		err = cerr
	}
	if err == nil && f.keep {
		err = os.Chmod(f.tmp, f.perm)
	}
	if err == nil {
		err = f.publish()
	}
	if err != nil {
		os.Remove(f.tmp)
		unregisterTemp(f.tmp)
		return fmt.Errorf("write output %s: %w", f.dest, err)
	}
	return nil
}

// publish renames the temporary file onto the target, or stages it for
// Publish in command mode. A process already interrupted publishes
// nothing.
func (f *File) publish() error {
	registry.Lock()
	defer registry.Unlock()
	if registry.closed {
		return ErrInterrupted
	}
	if _, live := registry.temps[f.tmp]; !live {
		return ErrInterrupted // removed by RemoveTemps
	}
	if registry.command && !inScratch(f.target) {
		registry.pending = append(registry.pending, f)
		return nil
	}
	if err := os.Rename(f.tmp, f.target); err != nil {
		return err
	}
	delete(registry.temps, f.tmp)
	return nil
}

// Abort discards the temporary file. It is safe to call more than once. A
// non-regular destination cannot be unwritten: it is only closed.
func (f *File) Abort() {
	if f.done {
		return
	}
	f.done = true
	f.f.Close()
	if !f.direct {
		os.Remove(f.tmp)
		unregisterTemp(f.tmp)
	}
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
