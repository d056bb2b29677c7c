package stack

import (
	"errors"
	"fmt"
	"io"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// Inputs are the pairs a stack is fitted on or scored on: per pair its
// SampleID, the trees' score and a feature row with named columns.
type Inputs struct {
	IDs   []string
	Names []string
	Rows  [][]float64
	Trees []float64
}

// ReadInputs reads a feature file (of causal featurize, holding at least
// the stack's features) and the trees' predictions (SampleID,Target of
// causal predict --no-stack), joined by SampleID: every row needs a
// prediction and every prediction a row.
func ReadInputs(featPath, treesPath string) (*Inputs, error) {
	r, err := featio.Open(featPath)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	in := &Inputs{Names: r.Header().Names}
	for {
		id, row, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		v := make([]float64, len(row))
		for i, x := range row {
			v[i] = float64(x)
		}
		in.IDs = append(in.IDs, id)
		in.Rows = append(in.Rows, v)
	}
	preds, err := pairio.ReadPredictions(treesPath)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]float64, len(preds))
	for _, p := range preds {
		byID[p.ID] = p.Score
	}
	var missing []string
	for _, id := range in.IDs {
		s, ok := byID[id]
		if !ok {
			missing = append(missing, id)
		}
		in.Trees = append(in.Trees, s)
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: %d pairs of %s have no prediction: %s", treesPath, len(missing), featPath, pairs.FewIDs(missing))
	}
	if len(preds) != len(in.IDs) {
		return nil, fmt.Errorf("%s has %d predictions but %s has %d rows: they must list the same pairs", treesPath, len(preds), featPath, len(in.IDs))
	}
	return in, nil
}

// Labels are what Data attaches to the pairs: the targets, and optionally
// weights (default 1) and groups (default one group); every pair needs an
// entry in each map given, and every entry a pair.
type Labels struct {
	Targets []pairs.Target
	Weights map[string]float64
	Groups  map[string]string
}

// Data assembles sp's data from the inputs and labels, in the order of
// in.IDs (every weight must be > 0).
func (in *Inputs) Data(sp Spec, lb Labels) (d Data, err error) {
	ex, err := NewExtractor(sp, in.Names)
	if err != nil {
		return Data{}, err
	}
	target := make(map[string]int, len(lb.Targets))
	for _, t := range lb.Targets {
		target[t.ID] = t.Target
	}
	if err := sameIDs(in.IDs, len(target), func(id string) bool { _, ok := target[id]; return ok }, "target"); err != nil {
		return Data{}, err
	}
	if lb.Weights != nil {
		if err := sameIDs(in.IDs, len(lb.Weights), func(id string) bool { _, ok := lb.Weights[id]; return ok }, "weight"); err != nil {
			return Data{}, err
		}
	}
	if lb.Groups != nil {
		if err := sameIDs(in.IDs, len(lb.Groups), func(id string) bool { _, ok := lb.Groups[id]; return ok }, "group"); err != nil {
			return Data{}, err
		}
	}
	for i, id := range in.IDs {
		w, g := 1.0, "all"
		if lb.Weights != nil {
			w = lb.Weights[id]
		}
		if lb.Groups != nil {
			g = lb.Groups[id]
		}
		x, gt := make([]float64, len(sp.Inputs)), make([]float64, len(sp.Gates))
		ex.Raw(in.Trees[i], in.Rows[i], x, gt)
		d.X, d.G = append(d.X, x), append(d.G, gt)
		d.Y, d.W, d.Group = append(d.Y, float64(target[id])), append(d.W, w), append(d.Group, g)
	}
	return d, d.check(sp)
}

// sameIDs fails unless every id has an entry (has) and the entries number
// len(ids).
func sameIDs(ids []string, entries int, has func(string) bool, what string) error {
	var missing []string
	for _, id := range ids {
		if !has(id) {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d pairs have no %s: %s", len(missing), what, pairs.FewIDs(missing))
	}
	if entries != len(ids) {
		return fmt.Errorf("%d %ss for %d pairs: the %s file lists pairs that are not in the features", entries, what, len(ids), what)
	}
	return nil
}
