package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunCancelled checks that a done context stops the scoring with its
// error, and that the same scoring completes without it.
func TestRunCancelled(t *testing.T) {
	tb := noisyTable(200)
	s, err := MethodScorer("reci", 2)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := Run(context.Background(), tb, AllPairs(tb), s, Options{Batch: 2, Bootstrap: 2, Seed: 1})
	if err != nil || len(rs) != 3 || rs[0].Interval == nil {
		t.Fatalf("not cancelled: %v, %v", rs, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if rs, err := Run(ctx, tb, AllPairs(tb), s, Options{Batch: 2, Bootstrap: 2, Seed: 1}); !errors.Is(err, context.Canceled) || rs != nil {
		t.Fatalf("cancelled: %v, %v", rs, err)
	}
}

// TestExecuteCancelledWritesNothing checks that a scan whose context is
// done returns its error and leaves an existing output as it was.
func TestExecuteCancelledWritesNothing(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "t.csv"), filepath.Join(dir, "out.csv")
	var b strings.Builder
	b.WriteString("x,y,z\n")
	for i := range 60 {
		fmt.Fprintf(&b, "%d,%d,%d\n", i, i*i%17, (i*7)%11)
	}
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("old\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stderr strings.Builder
	c := Config{TableConfig: TableConfig{Path: in, MaxLevels: 10}, Out: out, MinRows: DefaultMinRows, Method: "reci", Cores: 2,
		Quiet: true, Stdout: &stderr, Stderr: &stderr, Context: ctx}
	if err := Execute(c); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled scan: %v", err)
	}
	if got, _ := os.ReadFile(out); string(got) != "old\n" {
		t.Fatalf("cancelled scan wrote %q", got)
	}
	c.Context = context.Background()
	if err := Execute(c); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(out); !strings.HasPrefix(string(got), "A,B,score") || strings.Count(string(got), "\n") != 4 {
		t.Fatalf("scan wrote %q", got)
	}
}
