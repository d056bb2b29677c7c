package pairmodel

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// TrainSet is a feature matrix joined with its targets by SampleID.
type TrainSet struct {
	// Features holds one row per pair.
	Features *featio.Matrix
	// Targets holds, per row, the pair's target: 1, 0 or -1.
	Targets []int
}

// LoadTrainSet reads a feature file and joins its rows with the targets of
// a target file.
func LoadTrainSet(featPath, targetPath string) (*TrainSet, error) {
	m, err := featio.ReadAll(featPath)
	if err != nil {
		return nil, err
	}
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

// NewTrainSet joins the rows of m with their targets (pairs.JoinTargets:
// every row needs exactly one target and every target a row).
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

// Rows returns the number of pairs.
func (ts *TrainSet) Rows() int { return ts.Features.Rows }

// Split moves a seeded random fraction frac of the pairs (at least one, at
// most all but one) into a validation set, keeping the order of the rows in
// both. The training rows are compacted in place into ts's own storage (no
// second copy of a large matrix): ts must not be used after.
func (ts *TrainSet) Split(frac float64, seed uint64) (train, valid *TrainSet) {
	n := ts.Features.Rows
	nv := int(math.Ceil(frac * float64(n)))
	nv = min(max(nv, 1), n-1)
	perm := rand.New(rand.NewPCG(seed, 0x7a11d)).Perm(n)
	isValid := make([]bool, n)
	for _, r := range perm[:nv] {
		isValid[r] = true
	}
	var va []int
	for r := range n {
		if isValid[r] {
			va = append(va, r)
		}
	}
	valid = ts.Subset(va)
	m, cols := ts.Features, ts.Features.Cols
	kept := 0
	for r := range n {
		if isValid[r] {
			continue
		}
		if kept != r {
			copy(m.Data[kept*cols:(kept+1)*cols], m.Row(r))
			m.IDs[kept], ts.Targets[kept] = m.IDs[r], ts.Targets[r]
		}
		kept++
	}
	tm := *m
	tm.Rows, tm.Data, tm.IDs = kept, m.Data[:kept*cols:kept*cols], m.IDs[:kept:kept]
	return &TrainSet{Features: &tm, Targets: ts.Targets[:kept:kept]}, valid
}

// Subset returns a copy of the rows idx of the set, in that order.
func (ts *TrainSet) Subset(idx []int) *TrainSet {
	m := ts.Features
	s := &featio.Matrix{Names: m.Names, PlanHash: m.PlanHash, Rows: len(idx), Cols: m.Cols,
		IDs: make([]string, len(idx)), Data: make([]float32, 0, len(idx)*m.Cols)}
	targets := make([]int, len(idx))
	for i, r := range idx {
		s.IDs[i] = m.IDs[r]
		s.Data = append(s.Data, m.Row(r)...)
		targets[i] = ts.Targets[r]
	}
	return &TrainSet{Features: s, Targets: targets}
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

// columns returns a copy of the set restricted to the columns cols.
func (ts *TrainSet) columns(cols []int, names []string, hash string) *TrainSet {
	m := ts.Features
	s := &featio.Matrix{IDs: m.IDs, Names: names, PlanHash: hash, Rows: m.Rows, Cols: len(cols),
		Data: make([]float32, 0, m.Rows*len(cols))}
	for r := range m.Rows {
		row := m.Row(r)
		for _, c := range cols {
			s.Data = append(s.Data, row[c])
		}
	}
	return &TrainSet{Features: s, Targets: ts.Targets}
}
