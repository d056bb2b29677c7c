package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/featio"
)

// writeWeights writes SampleID,Weight rows with weight(i) for each ID.
func writeWeights(t *testing.T, path string, ids []string, weight func(i int) float64) {
	t.Helper()
	var b strings.Builder
	b.WriteString("SampleID,Weight\n")
	for i, id := range ids {
		fmt.Fprintf(&b, "%s,%g\n", id, weight(i))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestTrainWeights(t *testing.T) {
	dir := t.TempDir()
	feat, target, m, _ := synthData(t, dir, "train", 180, 11)
	base := []string{"train", feat, "--target", target, "--rounds", "20", "--num-leaves", "7", "--min-data-in-leaf", "5"}
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	plain := filepath.Join(dir, "plain.txt")
	mustRun(t, append(base, "-o", plain)...)

	// unit weights: the same model, byte for byte, but for the line that
	// names the weights
	ones := filepath.Join(dir, "ones.csv")
	writeWeights(t, ones, m.IDs, func(int) float64 { return 1 })
	unit := filepath.Join(dir, "unit.txt")
	mustRun(t, append(base, "--weights", ones, "-o", unit)...)
	note := []byte("[sample_weights: file ones.csv]\n")
	if !bytes.Contains(read(unit), note) || !bytes.Equal(read(plain), bytes.Replace(read(unit), note, nil, 1)) {
		t.Error("unit weights changed the model")
	}

	// other weights: another model
	uneven := filepath.Join(dir, "uneven.csv")
	writeWeights(t, uneven, m.IDs, func(i int) float64 { return float64(i%4) * 0.5 })
	weighted := filepath.Join(dir, "weighted.txt")
	mustRun(t, append(base, "--weights", uneven, "-o", weighted)...)
	if !strings.Contains(string(read(weighted)), "[sample_weights: file uneven.csv]") {
		t.Error("the weighted model does not name its weights")
	}
	if bytes.Equal(read(plain), read(weighted)) {
		t.Error("uneven weights left the model unchanged")
	}

	// a pair without a weight is named, and nothing is written
	partial := filepath.Join(dir, "partial.csv")
	writeWeights(t, partial, m.IDs[1:], func(int) float64 { return 1 })
	out := filepath.Join(dir, "none.txt")
	_, _, err := runCLI(t, append(base, "--weights", partial, "-o", out)...)
	if err == nil || !strings.Contains(err.Error(), "partial.csv: 1 training pairs have no weight (train0000)") {
		t.Errorf("missing weight: got %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a model was written despite the error")
	}
	_, _, err = runCLI(t, append(base, "--weights", ones, "--adapt-to", feat, "-o", out)...)
	if err == nil || !strings.Contains(err.Error(), "exclude each other") {
		t.Errorf("--weights with --adapt-to: got %v", err)
	}
}

func TestTrainAdaptTo(t *testing.T) {
	dir := t.TempDir()
	feat, target, _, _ := synthData(t, dir, "train", 180, 12)
	user, _, _, _ := synthData(t, dir, "user", 90, 13)
	out := filepath.Join(dir, "adapted.txt")
	_, stderr, err := runCLI(t, "train", feat, "--target", target, "--rounds", "20", "--num-leaves", "7", "--adapt-to", user, "-o", out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stderr, "adapt: domain classifier AUC") {
		t.Errorf("no adaptation summary on stderr: %q", stderr)
	}
	if text := string(mustRead(t, out)); !strings.Contains(text, "[sample_weights: adapted to user.features]") {
		t.Error("the adapted model does not say it was adapted")
	}
	// whole sources weighted by their distance to the user's pairs
	var src strings.Builder
	src.WriteString("SampleID,Source\n")
	for i := range 180 {
		fmt.Fprintf(&src, "train%04d,s%d\n", i, i%3)
	}
	srcPath := filepath.Join(dir, "sources.csv")
	if err := os.WriteFile(srcPath, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	bySrc := filepath.Join(dir, "bysource.txt")
	_, stderr, err = runCLI(t, "train", feat, "--target", target, "--rounds", "20", "--num-leaves", "7", "--adapt-to", user, "--adapt-by", srcPath, "-o", bySrc)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Count(stderr, "adapt: source s") != 3 {
		t.Errorf("stderr does not report the three sources' weights: %q", stderr)
	}
	if !strings.Contains(string(mustRead(t, bySrc)), "[sample_weights: sources adapted to user.features]") {
		t.Error("the source-adapted model does not say so")
	}
	_, _, err = runCLI(t, "train", feat, "--target", target, "--adapt-by", srcPath, "-o", filepath.Join(dir, "y.txt"))
	if err == nil || !strings.Contains(err.Error(), "--adapt-by goes with --adapt-to") {
		t.Errorf("--adapt-by alone: got %v", err)
	}
	// the user's file must have the label-free columns
	noCols := filepath.Join(dir, "nocols.features")
	m := *mustMatrix(t, user)
	writeMatrix(t, noCols, subsetColumns(t, &m, []string{"AB.f", "BA.f", "D.f"}))
	_, _, err = runCLI(t, "train", feat, "--target", target, "--adapt-to", noCols, "-o", filepath.Join(dir, "x.txt"))
	if err == nil || !strings.Contains(err.Error(), "is missing") {
		t.Errorf("adapting to a file without the label-free features: got %v", err)
	}
}

func mustMatrix(t *testing.T, path string) *featio.Matrix {
	t.Helper()
	m, err := featio.ReadAll(path)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// subsetColumns returns m restricted to the named columns.
func subsetColumns(t *testing.T, m *featio.Matrix, names []string) *featio.Matrix {
	t.Helper()
	out := &featio.Matrix{IDs: m.IDs, Names: names, PlanHash: m.PlanHash, Rows: m.Rows, Cols: len(names)}
	for r := range m.Rows {
		for _, n := range names {
			out.Data = append(out.Data, m.Row(r)[indexOf(m.Names, n)])
		}
	}
	return out
}
