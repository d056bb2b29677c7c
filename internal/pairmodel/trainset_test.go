package pairmodel

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// TestSplit checks the validation split of a set in memory and of a set
// loaded from a file, also after a subset and a column selection: the two
// parts partition the pairs, keep their order, and carry each pair's ID,
// target and values intact (a loaded set's parts are views of the file).
func TestSplit(t *testing.T) {
	const rows, cols = 50, 3
	mem, tg := testSet(rows, cols)
	path := filepath.Join(t.TempDir(), "x.features")
	writeTestMatrix(t, path, mem.Features)
	loaded, err := LoadTrainSet(path, writeTestTargets(t, tg))
	if err != nil {
		t.Fatal(err)
	}
	defer loaded.Close()
	var odd []int
	for r := 1; r < rows; r += 2 {
		odd = append(odd, r)
	}
	for _, base := range []*TrainSet{mem, loaded} {
		sub := base.Subset(odd)
		sel := base.columns([]int{2, 0}, []string{"S.c2", "S.c0"}, "")
		for name, ts := range map[string]*TrainSet{"all": base, "odd rows": sub, "columns 2, 0": sel} {
			n := ts.Rows()
			train, valid := ts.Split(0.2, 7)
			if nv := (n + 4) / 5; valid.Rows() != nv || train.Rows() != n-nv || len(train.Features.IDs) != n-nv || len(train.Targets) != n-nv {
				t.Fatalf("%s: sizes: train %d, valid %d of %d", name, train.Rows(), valid.Rows(), n)
			}
			seen := map[int]bool{}
			for _, part := range []*TrainSet{train, valid} {
				last := -1
				vals := testValues(t, part)
				for i, id := range part.Features.IDs {
					var r int
					if _, err := fmt.Sscanf(id, "p%d", &r); err != nil {
						t.Fatal(err)
					}
					if r <= last || seen[r] {
						t.Fatalf("%s: row %s out of order or repeated", name, id)
					}
					last, seen[r] = r, true
					if part.Targets[i] != r%3-1 {
						t.Errorf("%s: %s: target %d", name, id, part.Targets[i])
					}
					for c, v := range vals[i] {
						if c0 := fileColumn(part.Features.Names[c]); v != float32(100*r+c0) {
							t.Errorf("%s: %s: column %s is %g", name, id, part.Features.Names[c], v)
						}
					}
				}
			}
			if len(seen) != n {
				t.Errorf("%s: %d of %d pairs kept", name, len(seen), n)
			}
		}
	}
}

// testValues returns the rows of a set, read from its file for a loaded set.
func testValues(t *testing.T, ts *TrainSet) [][]float32 {
	t.Helper()
	m, err := ts.columnMatrix(ts.Features.Names)
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float32, m.Rows)
	for r := range out {
		out[r] = m.Row(r)
	}
	return out
}

// fileColumn returns the column index c of a testSet column named S.cC.
func fileColumn(name string) int {
	var c int
	fmt.Sscanf(name, "S.c%d", &c)
	return c
}

// writeTestMatrix writes m as an Arrow feature file.
func writeTestMatrix(t *testing.T, path string, m *featio.Matrix) {
	t.Helper()
	if err := featio.WriteAll(path, featio.FormatArrow, m); err != nil {
		t.Fatal(err)
	}
}

// writeTestTargets writes a target file (with the Details of each
// target) and returns its path.
func writeTestTargets(t *testing.T, tg []pairs.Target) string {
	t.Helper()
	tg = slices.Clone(tg)
	for i := range tg {
		tg[i].Details = map[int]int{1: 1, -1: 2, 0: 4}[tg[i].Target]
	}
	var b bytes.Buffer
	if err := pairio.WriteTargets(&b, tg); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "target.csv")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSplitDeterministic checks that a seed gives one split, and another
// seed another.
func TestSplitDeterministic(t *testing.T) {
	validIDs := func(seed uint64) string {
		ts, _ := testSet(40, 2)
		_, valid := ts.Split(0.25, seed)
		return fmt.Sprint(valid.Features.IDs)
	}
	if a, b := validIDs(3), validIDs(3); a != b {
		t.Fatalf("seed 3 gave two splits: %s and %s", a, b)
	}
	if validIDs(3) == validIDs(4) {
		t.Error("seeds 3 and 4 gave the same split")
	}
	ts, _ := testSet(5, 2)
	if train, valid := ts.Split(0.01, 1); valid.Rows() != 1 || train.Rows() != 4 {
		t.Errorf("a tiny fraction keeps %d validation pairs, want 1", valid.Rows())
	}
	ts, _ = testSet(5, 2)
	if train, valid := ts.Split(0.99, 1); valid.Rows() != 4 || train.Rows() != 1 {
		t.Errorf("a large fraction keeps %d training pairs, want 1", train.Rows())
	}
}

// testSet returns a set of rows x cols with IDs p0, p1, ..., value
// 100*row+column and targets cycling through -1, 0, 1, and its targets as
// pairs.Target.
func testSet(rows, cols int) (*TrainSet, []pairs.Target) {
	m := &featio.Matrix{Rows: rows, Cols: cols, Data: make([]float32, rows*cols)}
	for c := range cols {
		m.Names = append(m.Names, fmt.Sprintf("S.c%d", c))
	}
	var tg []pairs.Target
	targets := make([]int, rows)
	for r := range rows {
		id := fmt.Sprintf("p%d", r)
		m.IDs = append(m.IDs, id)
		targets[r] = r%3 - 1
		tg = append(tg, pairs.Target{ID: id, Target: targets[r]})
		for c := range cols {
			m.Data[r*cols+c] = float32(100*r + c)
		}
	}
	return &TrainSet{Features: m, Targets: targets}, tg
}

// TestNewTrainSetJoin checks that rows get their own targets whatever the
// order of the target file, and that unmatched IDs on either side fail.
func TestNewTrainSetJoin(t *testing.T) {
	want, tg := testSet(6, 1)
	slices.Reverse(tg)
	ts, err := NewTrainSet(want.Features, tg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ts.Targets, want.Targets) {
		t.Errorf("targets %v, want %v", ts.Targets, want.Targets)
	}
	if _, err := NewTrainSet(want.Features, tg[1:]); err == nil || !strings.Contains(err.Error(), "1 feature rows have no target (p5)") {
		t.Errorf("missing target: %v", err)
	}
	extra := append(slices.Clone(tg), pairs.Target{ID: "ghost", Target: 1})
	if _, err := NewTrainSet(want.Features, extra); err == nil || !strings.Contains(err.Error(), "1 targets have no feature row (ghost)") {
		t.Errorf("target without row: %v", err)
	}
}

// TestLoadTrainSetErrors checks that file-level errors name the files.
func TestLoadTrainSetErrors(t *testing.T) {
	dir := t.TempDir()
	feat := filepath.Join(dir, "x.csv")
	if err := os.WriteFile(feat, []byte("SampleID,S.a\np1,1\np2,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tgt := filepath.Join(dir, "t.csv")
	if err := os.WriteFile(tgt, []byte("SampleID,Target\np1,1\np3,-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadTrainSet(feat, tgt)
	if err == nil || !strings.Contains(err.Error(), feat) || !strings.Contains(err.Error(), tgt) ||
		!strings.Contains(err.Error(), "(p2)") || !strings.Contains(err.Error(), "(p3)") {
		t.Errorf("mismatched IDs: %v", err)
	}
	if _, err := LoadTrainSet(filepath.Join(dir, "none.csv"), tgt); err == nil {
		t.Error("a missing feature file loaded")
	}
}

// TestKeepColumns checks that a column selection keeps the named columns
// in file order, in both sets, and rejects an empty selection.
func TestKeepColumns(t *testing.T) {
	ts, _ := testSet(4, 3)
	va, _ := testSet(2, 3)
	tr, vs, err := KeepColumns(ts, va, []string{"S.c2", "S.c0", "S.other"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []*TrainSet{tr, vs} {
		if !slices.Equal(s.Features.Names, []string{"S.c0", "S.c2"}) || s.Features.Cols != 2 {
			t.Fatalf("columns %v", s.Features.Names)
		}
		if got := s.Features.Row(1); got[0] != 100 || got[1] != 102 {
			t.Errorf("row 1 is %v, want [100 102]", got)
		}
	}
	if _, _, err := KeepColumns(ts, nil, []string{"S.none"}); err == nil {
		t.Error("an empty selection was accepted")
	}
}
