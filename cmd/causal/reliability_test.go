package main

// Tests of issue 21's classes, each running causal as a separate process
// and asserting the exit code, the message and the files left.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// writeFiles writes name -> content files into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// abFeatures featurizes the tiny pairs with two features into dir/ab.features.
func abFeatures(t *testing.T, dir string) {
	t.Helper()
	copyTo(t, dir, "tiny_pairs.csv", "tiny_target.csv")
	writeFiles(t, dir, map[string]string{"ab.plan": "A.raw.std\nB.raw.std\n"})
	if r := runProc(t, dir, "featurize", "tiny_pairs.csv", "--plan", "ab.plan", "-q", "-o", "ab.features"); r.code != 0 {
		t.Fatal(r.stderr)
	}
}

// noPanic fails when a process printed a Go panic or stack trace.
func (r procResult) noPanic(t *testing.T) {
	t.Helper()
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stack trace: %.400s", r.stderr)
	}
}

// Class 1: a feature file (or Arrow table) with 16 bytes flipped near its
// end is refused by every command with an error naming it, never a panic.
func TestDamagedArrowRefused(t *testing.T) {
	dir := t.TempDir()
	abFeatures(t, dir)
	if r := runProc(t, dir, "train", "ab.features", "--target", "tiny_target.csv", "-q", "-o", "m.txt"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	good := mustRead(t, filepath.Join(dir, "ab.features"))
	for _, back := range []int{30, 100, 250, 400} {
		if back > len(good) {
			continue
		}
		bad := slices.Clone(good)
		for i := range 16 {
			bad[len(bad)-back+i] ^= 0xff
		}
		writeFiles(t, dir, map[string]string{"bad.features": string(bad), "bad.arrow": string(bad)})
		before := listDir(t, dir)
		for _, args := range [][]string{
			{"predict", "--features", "bad.features", "--model", "m.txt", "-o", "p.csv"},
			{"train", "bad.features", "--target", "tiny_target.csv", "-o", "m2.txt"},
			{"features", "merge", "-o", "x.features", "bad.features", "ab.features"},
			{"features", "mirror", "bad.features", "-o", "y.features"},
			{"scan", "bad.arrow", "-o", "s.csv"},
		} {
			r := runProc(t, dir, append(args, "-q")...)
			r.noPanic(t)
			name := "bad.features"
			if args[0] == "scan" {
				name = "bad.arrow"
			}
			if r.code != 1 || !strings.Contains(r.stderr, name) {
				t.Errorf("%v, flip at -%d: exit %d, %q; want exit 1 naming %s", args, back, r.code, r.stderr, name)
			}
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("%v: files left %v", args, names)
			}
		}
	}
}
