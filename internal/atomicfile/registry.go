package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"sync"
)

// ErrInterrupted is returned by Create after RemoveTemps: the process is
// shutting down and must not start new outputs.
var ErrInterrupted = errors.New("interrupted")

// registry holds the live temporary files and the registered inputs.
var registry = struct {
	sync.Mutex
	temps  map[string]bool
	closed bool
	inputs []input
}{temps: map[string]bool{}}

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

// RegisterInputs records files the command reads: Create refuses to
// replace any of them. Paths that do not name an existing regular file
// (stdin "-", devices, missing files, directories) are ignored.
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

// sameAsInput returns the registered input that is the file st, or "".
func sameAsInput(st fs.FileInfo) string {
	registry.Lock()
	defer registry.Unlock()
	for _, in := range registry.inputs {
		if os.SameFile(in.st, st) {
			return in.path
		}
	}
	return ""
}
