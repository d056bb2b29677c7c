package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLabLOSOReadsItsCache: lab loso reads back the features it cached in
// the same command (the cache is published as it is written, not staged
// until the command ends), and a second run reuses the cache.
func TestLabLOSOReadsItsCache(t *testing.T) {
	dir := t.TempDir()
	planFile := filepath.Join(dir, "small.plan")
	if err := os.WriteFile(planFile, []byte("meta.*\nD.dir.igci_*\nD.dir.reci\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache")
	args := []string{"lab", "loso", "--cache", cache, "--plan", planFile, "--plans", "full", "--sources", "challenge,sim",
		"--per-source", "100", "--tune-per-source", "30", "--min-points", "100", "--max-points", "120", "--corpus-seed", "7"}
	out := mustRun(t, args...)
	if !strings.Contains(out, "challenge") || !strings.Contains(out, "sim") {
		t.Fatalf("loso printed no row per held-out source:\n%s", out)
	}
	entries, _ := os.ReadDir(cache)
	n := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".features") {
			n++
		}
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("cache holds a temporary file %s after the command", e.Name())
		}
	}
	if n != 4 {
		t.Errorf("cache holds %d feature files, want 4 (train and test of two sources)", n)
	}
	if again := mustRun(t, args...); again != out {
		t.Errorf("second run from the cache printed\n%s\nfirst\n%s", again, out)
	}
}
