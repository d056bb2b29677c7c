package atomicfile

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitPublishes(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "out.csv")
	f, err := Create(dest)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("hello\n")
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Fatal("destination visible before Commit")
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	f.Abort() // no-op after Commit
	got, _ := os.ReadFile(dest)
	if string(got) != "hello\n" {
		t.Fatalf("content %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("leftover files: %v", names)
	}
	if err := f.Commit(); err == nil {
		t.Fatal("second Commit succeeded")
	}
}

func TestFailedWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	dest := filepath.Join(dir, "out.csv")
	os.WriteFile(dest, []byte("old"), 0o644)
	err := WriteFile(dest, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Fatalf("err = %v", err)
	}
	got, _ := os.ReadFile(dest)
	if string(got) != "old" {
		t.Fatalf("destination changed to %q", got)
	}
	if names := entries(t, dir); len(names) != 1 {
		t.Fatalf("leftover files: %v", names)
	}
	if _, err := Create(filepath.Join(dir, "missing", "x")); err == nil {
		t.Fatal("Create in a missing directory succeeded")
	}
}
