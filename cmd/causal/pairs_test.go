package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPairsConcat checks that pairs concat gives the first header and every
// input's rows in turn for each table, and refuses duplicate SampleIDs
// without writing anything.
func TestPairsConcat(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, g := range []struct{ prefix, seed, id string }{{a, "1", "a-"}, {b, "2", "b-"}} {
		if _, _, err := runCLI(t, "generate", "-q", "--n", "6", "--seed", g.seed, "--min-points", "20", "--max-points", "40", "--id-prefix", g.id, "-o", g.prefix); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "ab")
	if _, _, err := runCLI(t, "pairs", "concat", "-o", out, a, b); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"pairs", "publicinfo", "target"} {
		ta, _ := os.ReadFile(a + "_" + table + ".csv")
		tb, _ := os.ReadFile(b + "_" + table + ".csv")
		got, err := os.ReadFile(out + "_" + table + ".csv")
		if err != nil {
			t.Fatal(err)
		}
		_, rowsB, _ := strings.Cut(string(tb), "\n")
		if string(got) != string(ta)+rowsB {
			t.Errorf("%s: concatenation is not the first file followed by the second's rows", table)
		}
	}
	if _, _, err := runCLI(t, "pairs", "concat", "--tables", "target", "-o", filepath.Join(dir, "t"), a, b); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "t_pairs.csv")); err == nil {
		t.Error("--tables target also wrote the pairs")
	}
	dup := filepath.Join(dir, "dup")
	_, _, err := runCLI(t, "pairs", "concat", "-o", dup, a, out)
	if err == nil || !strings.Contains(err.Error(), "a-1") || !strings.Contains(err.Error(), "already in") {
		t.Fatalf("duplicate SampleIDs: got %v", err)
	}
	if m, _ := filepath.Glob(dup + "*"); len(m) > 0 {
		t.Errorf("a failed concat left %v", m)
	}
}
