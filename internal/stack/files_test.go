package stack

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
)

// writeFiles writes n labelled pairs in 4 groups as the files of stack fit:
// random features of testSpec and trees' scores that follow the label.
func writeFiles(t *testing.T, n int) Files {
	t.Helper()
	dir := t.TempDir()
	names, err := testSpec.Features()
	if err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	m := &featio.Matrix{Names: names, Cols: len(names), Rows: n}
	var trees, target, groups strings.Builder
	trees.WriteString("SampleID,Target\n")
	target.WriteString("SampleID,Target,Details\n")
	groups.WriteString("SampleID,Group\n")
	for i := range n {
		id := fmt.Sprintf("p%d", i)
		m.IDs = append(m.IDs, id)
		for range names {
			m.Data = append(m.Data, float32(r.NormFloat64()))
		}
		y, det := 1, 1
		if i%2 == 1 {
			y, det = -1, 2
		}
		fmt.Fprintf(&trees, "%s,%g\n", id, 0.5*float64(y)+r.NormFloat64()*0.5)
		fmt.Fprintf(&target, "%s,%d,%d\n", id, y, det)
		fmt.Fprintf(&groups, "%s,g%d\n", id, i%4)
	}
	f := Files{Features: filepath.Join(dir, "s.features"), Trees: filepath.Join(dir, "trees.csv"),
		Target: filepath.Join(dir, "target.csv"), Groups: filepath.Join(dir, "groups.csv")}
	if err := featio.WriteAll(f.Features, featio.FormatArrow, m); err != nil {
		t.Fatal(err)
	}
	for path, text := range map[string]string{f.Trees: trees.String(), f.Target: target.String(), f.Groups: groups.String()} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

// TestFiles checks stack fit, cv and apply on files: the penalty needs the
// groups to be chosen, apply scores as the stack scores the rows, and cv
// scores every pair.
func TestFiles(t *testing.T) {
	f := writeFiles(t, 120)
	noGroups := f
	noGroups.Groups = ""
	if _, err := FitFiles(testSpec, noGroups, math.NaN(), 2, nil); err == nil || !strings.Contains(err.Error(), "--groups") {
		t.Errorf("penalty chosen without groups: %v", err)
	}
	if _, _, err := CrossValidateFiles(testSpec, noGroups, 0, 2, nil); err == nil || !strings.Contains(err.Error(), "--groups") {
		t.Errorf("cv without groups: %v", err)
	}
	var log strings.Builder
	st, err := FitFiles(testSpec, f, math.NaN(), 2, &log)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(log.String(), "-> lambda") {
		t.Errorf("log %q", log.String())
	}
	fixed, err := FitFiles(testSpec, noGroups, 0.01, 2, nil)
	if err != nil || fixed.Lambda != 0.01 {
		t.Fatalf("fixed penalty: %v %v", fixed, err)
	}
	ids, scores, err := st.ApplyFiles(f.Features, f.Trees)
	if err != nil || len(ids) != 120 || ids[7] != "p7" {
		t.Fatalf("apply: %d ids, %v", len(ids), err)
	}
	in, err := ReadInputs(f.Features, f.Trees)
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.Bind(in.Names)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ids {
		if want := b.Score(in.Trees[i], in.Rows[i]); scores[i] != want || math.Abs(scores[i]) > 1 {
			t.Fatalf("pair %d: apply %v, stack %v", i, scores[i], want)
		}
	}
	cvIDs, cvScores, err := CrossValidateFiles(testSpec, f, 0, 2, nil)
	if err != nil || len(cvIDs) != 120 || len(cvScores) != 120 {
		t.Fatalf("cv: %d ids %d scores, %v", len(cvIDs), len(cvScores), err)
	}
}
