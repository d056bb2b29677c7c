package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

func write(t *testing.T, dest, content string) error {
	t.Helper()
	f, err := Create(dest)
	if err != nil {
		return err
	}
	defer f.Abort()
	f.WriteString(content)
	return f.Commit()
}

func TestDestinationKinds(t *testing.T) {
	umask := syscall.Umask(0)
	syscall.Umask(umask)
	cases := []struct {
		name  string
		setup func(dir string) string // returns dest
		err   string
		files []string
		check func(t *testing.T, dir string)
	}{
		{"new file respects the umask", func(dir string) string { return filepath.Join(dir, "new") }, "", []string{"new"},
			func(t *testing.T, dir string) {
				if st, _ := os.Stat(filepath.Join(dir, "new")); st.Mode().Perm() != os.FileMode(0o666&^umask) {
					t.Errorf("mode %v", st.Mode().Perm())
				}
			}},
		{"existing file keeps its mode", func(dir string) string {
			os.WriteFile(filepath.Join(dir, "old"), []byte("x"), 0o604)
			os.Chmod(filepath.Join(dir, "old"), 0o604)
			return filepath.Join(dir, "old")
		}, "", []string{"old"},
			func(t *testing.T, dir string) {
				if st, _ := os.Stat(filepath.Join(dir, "old")); st.Mode().Perm() != 0o604 {
					t.Errorf("mode %v", st.Mode().Perm())
				}
			}},
		{"chain of relative symlinks", func(dir string) string {
			os.Mkdir(filepath.Join(dir, "d"), 0o755)
			os.Symlink("d/l2", filepath.Join(dir, "l1"))
			os.Symlink("real", filepath.Join(dir, "d", "l2"))
			return filepath.Join(dir, "l1")
		}, "", []string{"d", "l1"},
			func(t *testing.T, dir string) {
				if got, _ := os.ReadFile(filepath.Join(dir, "d", "real")); string(got) != "new" {
					t.Errorf("target %q", got)
				}
				if names := entries(t, filepath.Join(dir, "d")); !slices.Equal(names, []string{"l2", "real"}) {
					t.Errorf("files %v", names)
				}
			}},
		{"symlink loop", func(dir string) string {
			os.Symlink("b", filepath.Join(dir, "a"))
			os.Symlink("a", filepath.Join(dir, "b"))
			return filepath.Join(dir, "a")
		}, "too many levels of symbolic links", []string{"a", "b"}, nil},
		{"directory", func(dir string) string { return dir }, "is a directory", nil, nil},
		{"registered input", func(dir string) string {
			in := filepath.Join(dir, "in.csv")
			os.WriteFile(in, []byte("input"), 0o644)
			RegisterInputs(in, "-", filepath.Join(dir, "missing"))
			t.Cleanup(ResetInputs)
			return in
		}, "is the input", []string{"in.csv"},
			func(t *testing.T, dir string) {
				if got, _ := os.ReadFile(filepath.Join(dir, "in.csv")); string(got) != "input" {
					t.Errorf("input changed to %q", got)
				}
			}},
		{"character device", func(dir string) string { return os.DevNull }, "", nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			err := write(t, c.setup(dir), "new")
			if (err == nil) != (c.err == "") || err != nil && !strings.Contains(err.Error(), c.err) {
				t.Fatalf("err %v, want %q", err, c.err)
			}
			if names := entries(t, dir); !slices.Equal(names, c.files) {
				t.Errorf("files %v, want %v", names, c.files)
			}
			if c.check != nil {
				c.check(t, dir)
			}
		})
	}
}

// RemoveTemps deletes the temporary file of an output being written and
// refuses new outputs; the interrupted output's Commit fails.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "out"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half")
	if LiveTemps() != 1 || len(entries(t, dir)) != 1 {
		t.Fatalf("live %d, files %v", LiveTemps(), entries(t, dir))
	}
	if removed := RemoveTemps(); len(removed) != 1 {
		t.Fatalf("removed %v", removed)
	}
	defer func() { registry.Lock(); registry.closed = false; registry.Unlock() }()
	if names := entries(t, dir); len(names) != 0 {
		t.Fatalf("files left %v", names)
	}
	if err := f.Commit(); err == nil {
		t.Fatal("Commit of a removed temporary file succeeded")
	}
	if _, err := Create(filepath.Join(dir, "later")); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Create after RemoveTemps: %v", err)
	}
	if names := entries(t, dir); len(names) != 0 || LiveTemps() != 0 {
		t.Fatalf("files left %v, live %d", names, LiveTemps())
	}
}

// In command mode outputs appear only at Publish, all together; after
// Interrupt nothing is published and the staged files are removed; two
// outputs to one file are refused.
func TestCommandModePublish(t *testing.T) {
	dir := t.TempDir()
	defer func() { registry.Lock(); registry.closed, registry.command = false, false; registry.Unlock() }()
	Begin()
	if err := write(t, filepath.Join(dir, "a"), "A"); err != nil {
		t.Fatal(err)
	}
	if _, err := Create(filepath.Join(dir, ".", "a")); err == nil || !strings.Contains(err.Error(), "is also the output") {
		t.Fatalf("second output onto a: %v", err)
	}
	if err := write(t, filepath.Join(dir, "b"), "B"); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(Staged(filepath.Join(dir, "a"))); string(got) != "A" {
		t.Fatalf("staged a holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Fatal("a published before Publish")
	}
	if err := Publish(); err != nil || Published() != 2 {
		t.Fatalf("Publish: %v, %d published", err, Published())
	}
	if names := entries(t, dir); !slices.Equal(names, []string{"a", "b"}) {
		t.Fatalf("files %v", names)
	}
	Begin()
	if err := write(t, filepath.Join(dir, "a"), "new"); err != nil {
		t.Fatal(err)
	}
	Interrupt()
	if err := Publish(); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("Publish after Interrupt: %v", err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a")); string(got) != "A" || len(entries(t, dir)) != 2 {
		t.Fatalf("a holds %q, files %v", got, entries(t, dir))
	}
}
