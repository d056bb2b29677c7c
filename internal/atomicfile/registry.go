package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// ErrInterrupted is returned by Create after RemoveTemps: the process is
// shutting down and must not start new outputs.
var ErrInterrupted = errors.New("interrupted")

// registry holds the live temporary files, the registered inputs and, in
// command mode (Begin), the outputs of the command and those committed but
// not yet published.
var registry = struct {
	sync.Mutex
	temps     map[string]bool
	closed    bool
	inputs    []input
	command   bool              // Begin was called: Commit stages, Publish renames
	outputs   map[string]string // key of each output's target -> the path given
	pending   []*File           // committed, waiting for Publish
	scratch   []string          // folders of intermediate files, not staged
	published int
}{temps: map[string]bool{}, outputs: map[string]string{}}

type input struct {
	path string
	st   fs.FileInfo
}

func registerTemp(name string) bool {
	registry.Lock()
	defer registry.Unlock()
	if registry.closed {
		return false
	}
	registry.temps[name] = true
	return true
}

func unregisterTemp(name string) {
	registry.Lock()
	delete(registry.temps, name)
	registry.Unlock()
}

// RemoveTemps removes every temporary file not yet committed or aborted,
// and makes later Create calls fail with ErrInterrupted. A signal handler
// calls it before exiting; it returns the names it removed.
func RemoveTemps() []string {
	registry.Lock()
	defer registry.Unlock()
	registry.closed = true
	var removed []string
	for name := range registry.temps {
		if os.Remove(name) == nil {
			removed = append(removed, name)
		}
		delete(registry.temps, name)
	}
	return removed
}

// LiveTemps returns how many temporary files are being written.
func LiveTemps() int {
	registry.Lock()
	defer registry.Unlock()
	return len(registry.temps)
}

// RegisterInputs records files the command reads: Create and Publish
// refuse to replace any of them. Paths that do not name an existing regular
// file (stdin "-", devices, missing files, directories) are ignored.
func RegisterInputs(paths ...string) {
	registry.Lock()
	defer registry.Unlock()
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() {
			continue
		}
		registry.inputs = append(registry.inputs, input{path: p, st: st})
	}
}

// ResetInputs forgets the registered inputs (tests run several commands in
// one process).
func ResetInputs() {
	registry.Lock()
	registry.inputs = nil
	registry.Unlock()
}

// OpenInput opens a file the command reads and, in command mode, records
// it as an input (RegisterInputs): readers of every format open their
// files through it, so that no output can replace a file that was read,
// whatever path named it.
func OpenInput(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	registry.Lock()
	defer registry.Unlock()
	if registry.command {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			registry.inputs = append(registry.inputs, input{path: path, st: st})
		}
	}
	return f, nil
}

// Begin starts a command: it forgets the inputs, outputs and pending files
// of any earlier command (tests run several in one process) and switches
// to command mode, where Commit stages an output and Publish, called when
// the command succeeded, renames every staged output into place at once.
func Begin() {
	registry.Lock()
	defer registry.Unlock()
	for _, f := range registry.pending {
		os.Remove(f.tmp)
		delete(registry.temps, f.tmp)
	}
	registry.inputs, registry.pending, registry.scratch, registry.published = nil, nil, nil, 0
	registry.outputs = map[string]string{}
	registry.command = true
}

// Publish renames every output committed since Begin onto its destination
// and ends command mode,
// checking last, under the lock RemoveTemps and Interrupt take, that the
// process was not interrupted: after a signal nothing is published. An
// output that turned out to be one of the inputs read is refused. On an
// error no output is published and every staged file is removed.
func Publish() error {
	registry.Lock()
	defer registry.Unlock()
	pending := registry.pending
	registry.pending, registry.command = nil, false
	discard := func() {
		for _, f := range pending {
			os.Remove(f.tmp)
			delete(registry.temps, f.tmp)
		}
	}
	if registry.closed {
		discard()
		return ErrInterrupted
	}
	for _, f := range pending {
		if st, err := os.Stat(f.target); err == nil {
			if in := sameAsInputLocked(st); in != "" {
				discard()
				return fmt.Errorf("output %s is the input %s: write the output to another file", f.dest, in)
			}
		}
	}
	for i, f := range pending {
		if err := os.Rename(f.tmp, f.target); err != nil {
			discard()
			if i > 0 {
				return fmt.Errorf("write output %s: %w (%d outputs before it were written)", f.dest, err, i)
			}
			return fmt.Errorf("write output %s: %w", f.dest, err)
		}
		delete(registry.temps, f.tmp)
		registry.published++
	}
	return nil
}

// Discard removes every output committed since Begin but not published (a
// command that failed publishes nothing) and ends command mode.
func Discard() {
	registry.Lock()
	defer registry.Unlock()
	registry.command = false
	for _, f := range registry.pending {
		os.Remove(f.tmp)
		delete(registry.temps, f.tmp)
	}
	registry.pending = nil
}

// Scratch marks dir as a folder of the command's intermediate files (a
// temporary folder it removes itself): files committed there are renamed
// at once, not staged for Publish.
func Scratch(dir string) {
	registry.Lock()
	defer registry.Unlock()
	registry.scratch = append(registry.scratch, outputKey(filepath.Join(dir, "x")))
}

// inScratch reports whether target lies in a scratch folder.
func inScratch(target string) bool {
	key := outputKey(target)
	for _, s := range registry.scratch {
		if filepath.Dir(s) == filepath.Dir(key) {
			return true
		}
	}
	return false
}

// Staged returns where to read the output path back before Publish: the
// staged temporary file of a committed output, or path itself.
func Staged(path string) string {
	key := outputKey(path)
	if target, err := resolve(path); err == nil {
		key = outputKey(target)
	}
	registry.Lock()
	defer registry.Unlock()
	for _, f := range registry.pending {
		if outputKey(f.target) == key {
			return f.tmp
		}
	}
	return path
}

// Published returns how many outputs Publish renamed into place since
// Begin.
func Published() int {
	registry.Lock()
	defer registry.Unlock()
	return registry.published
}

// Interrupt makes every later Create and Publish fail with ErrInterrupted:
// a signal handler calls it first, so that a command finishing after the
// signal publishes nothing.
func Interrupt() {
	registry.Lock()
	registry.closed = true
	registry.Unlock()
}

// claimOutput records that the command writes target (given as dest), and
// refuses a target another output of the command already writes.
func claimOutput(dest, target string) error {
	key := outputKey(target)
	registry.Lock()
	defer registry.Unlock()
	if !registry.command {
		return nil
	}
	if other, ok := registry.outputs[key]; ok {
		return fmt.Errorf("output %s is also the output %s: give each output its own file", dest, other)
	}
	registry.outputs[key] = dest
	return nil
}

// outputKey identifies the file target names: its absolute path with the
// symlinks of its folder resolved.
func outputKey(target string) string {
	abs, err := filepath.Abs(target)
	if err != nil {
		return target
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(dir, filepath.Base(abs))
	}
	return abs
}

// sameAsInput returns the registered input that is the file st, or "".
func sameAsInput(st fs.FileInfo) string {
	registry.Lock()
	defer registry.Unlock()
	return sameAsInputLocked(st)
}

func sameAsInputLocked(st fs.FileInfo) string {
	for _, in := range registry.inputs {
		if os.SameFile(in.st, st) {
			return in.path
		}
	}
	return ""
}
