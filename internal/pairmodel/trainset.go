package pairmodel

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// TrainSet is a feature matrix joined with its targets by SampleID. A set
// loaded from a file (LoadTrainSet) keeps its values in the file: the
// datasets are binned from it a block of columns at a time, so the float32
// matrix is never whole in memory; its splits, subsets and column
// selections are row and column index views of the file.
type TrainSet struct {
	// Features holds one row per pair: its IDs, names, plan hash and shape,
	// and its values (Data) only for a set made in memory (NewTrainSet).
	Features *featio.Matrix
	// Targets holds, per row, the pair's target: 1, 0 or -1.
	Targets []int

	file       *featio.ColumnFile // nil: the values are Features.Data
	rows, cols []int              // the file's rows and columns of the set (nil: all)
}

// LoadTrainSet opens a feature file for column-block reading and joins its
// rows with the targets of a target file. Close the set (or any set made
// from it) when done with it.
func LoadTrainSet(featPath, targetPath string) (*TrainSet, error) {
	f, err := featio.OpenColumns(featPath)
	if err != nil {
		return nil, err
	}
	m := &featio.Matrix{IDs: f.IDs, Names: f.Header.Names, PlanHash: f.Header.PlanHash, Rows: len(f.IDs), Cols: len(f.Header.Names)}
	ts, err := joinFile(m, featPath, targetPath)
	if err != nil {
		f.Close()
		return nil, err
	}
	ts.file = f
	return ts, nil
}

// joinFile checks the feature names of m and joins its rows with the
// targets of targetPath.
func joinFile(m *featio.Matrix, featPath, targetPath string) (*TrainSet, error) {
	if m.Rows == 0 || m.Cols == 0 {
		return nil, fmt.Errorf("%s: no feature rows or no feature columns", featPath)
	}
	for _, n := range m.Names {
		if err := lgbm.CheckFeatureName(n); err != nil {
			return nil, fmt.Errorf("%s: %w", featPath, err)
		}
	}
	tg, err := pairio.ReadTargets(targetPath)
	if err != nil {
		return nil, err
	}
	ts, err := NewTrainSet(m, tg)
	if err != nil {
		return nil, fmt.Errorf("join %s with %s: %w", featPath, targetPath, err)
	}
	return ts, nil
}

// NewTrainSet joins the rows of m, held in memory, with their targets
// (pairs.JoinTargets: every row needs exactly one target and every target
// a row).
func NewTrainSet(m *featio.Matrix, tg []pairs.Target) (*TrainSet, error) {
	idx, err := pairs.JoinTargets(m.IDs, tg, "feature row")
	if err != nil {
		return nil, err
	}
	targets := make([]int, len(idx))
	for i, j := range idx {
		targets[i] = tg[j].Target
	}
	return &TrainSet{Features: m, Targets: targets}, nil
}

// Close releases the feature file of a loaded set (shared by the sets made
// from it); it does nothing for a set in memory.
func (ts *TrainSet) Close() error {
	if ts.file == nil {
		return nil
	}
	return ts.file.Close()
}

// source returns the set's values for gbdt.NewDatasetFrom (nil for a set in
// memory).
func (ts *TrainSet) source() gbdt.ColumnSource {
	if ts.file == nil {
		return nil
	}
	return ts.file.View(ts.rows, ts.cols)
}

// columnMatrix returns the set's columns of the given names as a matrix in
// memory (the set's own matrix when it is in memory): e.g. the few
// label-free columns that adaptation reads.
func (ts *TrainSet) columnMatrix(names []string) (*featio.Matrix, error) {
	if ts.file == nil {
		return ts.Features, nil
	}
	return readColumns(ts.source(), ts.Features, names)
}

// readColumns reads the columns of the given names of src, whose IDs and
// column names are those of shape, into a row-major matrix.
func readColumns(src gbdt.ColumnSource, shape *featio.Matrix, names []string) (*featio.Matrix, error) {
	rows := shape.Rows
	cols := make([]int, len(names))
	for j, n := range names {
		if cols[j] = slices.Index(shape.Names, n); cols[j] < 0 {
			return nil, fmt.Errorf("feature %s is missing", n)
		}
	}
	colMajor := make([]float32, rows*len(cols))
	if err := src.ReadColumns(cols, colMajor, rows); err != nil {
		return nil, err
	}
	out := &featio.Matrix{IDs: shape.IDs, Names: slices.Clone(names), PlanHash: shape.PlanHash, Rows: rows, Cols: len(cols),
		Data: make([]float32, rows*len(cols))}
	for j := range cols {
		for r := range rows {
			out.Data[r*len(cols)+j] = colMajor[j*rows+r]
		}
	}
	return out, nil
}

// Rows returns the number of pairs.
func (ts *TrainSet) Rows() int { return ts.Features.Rows }

// Split moves a seeded random fraction frac of the pairs (at least one, at
// most all but one) into a validation set, keeping the order of the rows in
// both (Subset of each part's rows: views of the file for a loaded set).
func (ts *TrainSet) Split(frac float64, seed uint64) (train, valid *TrainSet) {
	n := ts.Features.Rows
	nv := int(math.Ceil(frac * float64(n)))
	nv = min(max(nv, 1), n-1)
	perm := rand.New(rand.NewPCG(seed, 0x7a11d)).Perm(n)
	isValid := make([]bool, n)
	for _, r := range perm[:nv] {
		isValid[r] = true
	}
	var tr, va []int
	for r := range n {
		if isValid[r] {
			va = append(va, r)
		} else {
			tr = append(tr, r)
		}
	}
	return ts.Subset(tr), ts.Subset(va)
}

// Subset returns the rows idx of the set, in that order: a view of the
// file's rows for a loaded set (whose rows must be distinct: it panics on a
// repeated row), a copy for a set in memory.
func (ts *TrainSet) Subset(idx []int) *TrainSet {
	m := ts.Features
	s := &featio.Matrix{Names: m.Names, PlanHash: m.PlanHash, Rows: len(idx), Cols: m.Cols, IDs: make([]string, len(idx))}
	out := &TrainSet{Features: s, Targets: make([]int, len(idx)), file: ts.file, cols: ts.cols}
	for i, r := range idx {
		s.IDs[i] = m.IDs[r]
		out.Targets[i] = ts.Targets[r]
	}
	if ts.file != nil {
		out.rows = make([]int, len(idx))
		taken := make([]bool, ts.Features.Rows)
		for i, r := range idx {
			if taken[r] {
				panic(fmt.Sprintf("pairmodel: Subset of a loaded set takes row %d twice", r))
			}
			taken[r] = true
			out.rows[i] = r
			if ts.rows != nil {
				out.rows[i] = ts.rows[r]
			}
		}
		return out
	}
	s.Data = make([]float32, 0, len(idx)*m.Cols)
	for _, r := range idx {
		s.Data = append(s.Data, m.Row(r)...)
	}
	return out
}

// KeepColumns restricts the training set (and the validation set, if not
// nil, which has the same columns) to the named columns that they have, in
// their order. When the features came from this causal's plan (a plan
// hash), the sets get the hash of the selected plan, so that a model
// trained on them makes predict compute exactly those features.
func KeepColumns(train, valid *TrainSet, names []string) (*TrainSet, *TrainSet, error) {
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	var cols []int
	var kept []string
	for c, n := range train.Features.Names {
		if want[n] {
			cols = append(cols, c)
			kept = append(kept, n)
		}
	}
	if len(cols) == 0 {
		return nil, nil, errors.New("no feature column is selected")
	}
	hash := ""
	if ph := train.Features.PlanHash; ph != "" {
		full := plan.Default()
		all, err := full.Select(train.Features.Names)
		if err != nil || all.Hash() != ph {
			return nil, nil, fmt.Errorf("the feature file was made with another feature plan (%s): re-featurize it to select columns", ph)
		}
		sel, err := full.Select(kept)
		if err != nil {
			return nil, nil, err
		}
		hash = sel.Hash()
	}
	train = train.columns(cols, kept, hash)
	if valid != nil {
		valid = valid.columns(cols, kept, hash)
	}
	return train, valid, nil
}

// columns returns the set restricted to the columns cols: a view of the
// file's columns for a loaded set, a copy for a set in memory.
func (ts *TrainSet) columns(cols []int, names []string, hash string) *TrainSet {
	m := ts.Features
	s := &featio.Matrix{IDs: m.IDs, Names: names, PlanHash: hash, Rows: m.Rows, Cols: len(cols)}
	out := &TrainSet{Features: s, Targets: ts.Targets, file: ts.file, rows: ts.rows}
	if ts.file != nil {
		out.cols = make([]int, len(cols))
		for i, c := range cols {
			out.cols[i] = c
			if ts.cols != nil {
				out.cols[i] = ts.cols[c]
			}
		}
		return out
	}
	s.Data = make([]float32, 0, m.Rows*len(cols))
	for r := range m.Rows {
		row := m.Row(r)
		for _, c := range cols {
			s.Data = append(s.Data, row[c])
		}
	}
	return out
}
