package pairio

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestConcatTable checks that rows are copied byte for byte under the first
// header (also lines longer than the read buffer and a last line without
// a line break), and that duplicate IDs and differing headers fail.
func TestConcatTable(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.csv")
	long := strings.Repeat("1.5 ", 400000) // > the 1 MB buffer
	writeTestFile(t, a, "SampleID,A,B\np1,"+long+",2\n\n\"p,2\",3,4\n")
	writeTestFile(t, b, "SampleID,A,B\r\np3,5 6,7 8")
	var out bytes.Buffer
	if err := ConcatTable(&out, []string{a, b}); err != nil {
		t.Fatal(err)
	}
	want := "SampleID,A,B\np1," + long + ",2\n\"p,2\",3,4\np3,5 6,7 8\n"
	if out.String() != want {
		t.Fatalf("concatenation differs (%d bytes, want %d)", out.Len(), len(want))
	}
	c := filepath.Join(dir, "c.csv")
	writeTestFile(t, c, "SampleID,A,B\np9,1,2\n\"p,2\",5,6\n")
	if err := ConcatTable(&out, []string{a, c}); err == nil || !strings.Contains(err.Error(), "c.csv") ||
		!strings.Contains(err.Error(), "c.csv:3") || !strings.Contains(err.Error(), "p,2") {
		t.Errorf("duplicate ID: %v", err)
	}
	d := filepath.Join(dir, "d.csv")
	writeTestFile(t, d, "SampleID,Target\np9,1\n")
	if err := ConcatTable(&out, []string{a, d}); err == nil || !strings.Contains(err.Error(), "header") {
		t.Errorf("different headers: %v", err)
	}
}

// TestConcatSets checks that every table of the sets is concatenated, and
// that a failure leaves no output at all.
func TestConcatSets(t *testing.T) {
	dir := t.TempDir()
	for _, set := range []string{"x", "y"} {
		p := filepath.Join(dir, set)
		writeTestFile(t, p+"_pairs.csv", "SampleID,A,B\n"+set+"1,1 2 3,3 2 1\n")
		writeTestFile(t, p+"_target.csv", "SampleID,Target,Details\n"+set+"1,1,1\n")
	}
	out := filepath.Join(dir, "xy")
	sufs := []string{"_pairs.csv", "_target.csv"}
	if err := ConcatSets(context.Background(), out, []string{filepath.Join(dir, "x"), filepath.Join(dir, "y")}, sufs); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(out + "_target.csv")
	if string(got) != "SampleID,Target,Details\nx1,1,1\ny1,1,1\n" {
		t.Errorf("targets:\n%s", got)
	}
	bad := filepath.Join(dir, "bad")
	if err := ConcatSets(context.Background(), bad, []string{filepath.Join(dir, "x"), filepath.Join(dir, "x")}, sufs); err == nil {
		t.Fatal("a set concatenated with itself: no duplicate error")
	}
	for _, suf := range sufs {
		if _, err := os.Stat(bad + suf); err == nil {
			t.Errorf("%s written although the concatenation failed", bad+suf)
		}
	}
}

// TestConcatSetsAllOrNothing checks that a failure in a later table, or a
// done context, publishes no table of the set.
func TestConcatSetsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	x, y := filepath.Join(dir, "x"), filepath.Join(dir, "y")
	writeTestFile(t, x+"_pairs.csv", "SampleID,A,B\nx1,1 2 3,3 2 1\n")
	writeTestFile(t, y+"_pairs.csv", "SampleID,A,B\ny1,1 2 3,3 2 1\n")
	writeTestFile(t, x+"_target.csv", "SampleID,Target,Details\nx1,1,1\n")
	sufs := []string{"_pairs.csv", "_target.csv"}
	out := filepath.Join(dir, "xy")
	if err := ConcatSets(context.Background(), out, []string{x, y}, sufs); err == nil || !strings.Contains(err.Error(), "y_target.csv") {
		t.Fatalf("missing y_target.csv: %v", err)
	}
	writeTestFile(t, y+"_target.csv", "SampleID,Target,Details\ny1,1,1\n")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := ConcatSets(ctx, out, []string{x, y}, sufs); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if left, _ := filepath.Glob(out + "*"); len(left) != 0 {
		t.Fatalf("failed concatenations left %v", left)
	}
	if err := ConcatSets(context.Background(), out, []string{x, y}, sufs); err != nil {
		t.Fatal(err)
	}
	if left, _ := filepath.Glob(out + "*"); len(left) != 2 {
		t.Fatalf("concatenation wrote %v", left)
	}
}
