package graph

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/scan"
)

// defaultScorer loads the built-in model (without its second stage).
func defaultScorer() (*pairmodel.Scorer, error) {
	text, err := defaultmodel.Text()
	if err != nil {
		return nil, err
	}
	m, err := lgbm.LoadReader(bytes.NewReader(text))
	if err != nil {
		return nil, err
	}
	return pairmodel.NewScorer(m, 2)
}

// TestExecute checks the command end to end on a chain x -> y -> z: the
// edges file and the DOT file are written together, the chain's ends get
// no edge, and a done context writes neither file.
func TestExecute(t *testing.T) {
	dir := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	b.WriteString("x,y,z\n")
	for range 300 {
		x := r.NormFloat64()
		y := x*x + 0.3*r.NormFloat64()
		z := 2*y + 0.5*r.NormFloat64()
		fmt.Fprintf(&b, "%.5f,%.5f,%.5f\n", x, y, z)
	}
	in := filepath.Join(dir, "t.csv")
	if err := os.WriteFile(in, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out, dot := filepath.Join(dir, "edges.csv"), filepath.Join(dir, "g.dot")
	var stderr bytes.Buffer
	c := Config{TableConfig: scan.TableConfig{Path: in, MaxLevels: 10, Seed: 1}, Out: out, DotPath: dot,
		Alpha: DefaultAlpha, MaxDepth: DefaultMaxDepth, Degree: DefaultDegree, CondDegree: DefaultCondDegree, CondBins: DefaultCondBins,
		MinRows: scan.DefaultMinRows, Cores: 2, Quiet: true, NewScorer: defaultScorer, Stdout: &stderr, Stderr: &stderr}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	c.Context = ctx
	if err := Execute(c); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 1 {
		t.Fatalf("a cancelled graph left %v", left)
	}

	c.Context = nil
	if err := Execute(c); err != nil {
		t.Fatal(err)
	}
	edges, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSpace(string(edges)), "\n")
	if lines[0] != "cause,effect,score,low,high,p_value,edge,oriented_by" || len(lines) != 3 {
		t.Fatalf("edges:\n%s", edges)
	}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if pair := f[0] + f[1]; pair == "xz" || pair == "zx" {
			t.Errorf("an edge between the chain's ends: %s", l)
		}
	}
	if d, _ := os.ReadFile(dot); !bytes.Contains(d, []byte("digraph")) {
		t.Errorf("DOT file:\n%s", d)
	}

	c.Alpha = 2
	if err := Execute(c); err == nil || !strings.Contains(err.Error(), "--alpha") {
		t.Errorf("--alpha 2: %v", err)
	}
}

// TestLearnCancelled checks that the skeleton search stops with the
// context's error.
func TestLearnCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if sk, err := Learn(structure("chain", 1), Options{Workers: 2, Context: ctx}); !errors.Is(err, context.Canceled) || sk != nil {
		t.Fatalf("cancelled: %v, %v", sk, err)
	}
}
