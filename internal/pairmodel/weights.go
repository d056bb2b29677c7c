package pairmodel

import (
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/causal-tool/causal/internal/adapt"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// sampleWeights returns the training pairs' weights by SampleID from
// cfg.WeightsFile or cfg.AdaptTo (nil when neither is set).
func sampleWeights(cfg *TrainConfig, ts *TrainSet) (map[string]float64, error) {
	switch {
	case cfg.AdaptBy != "" && cfg.AdaptTo == "":
		return nil, errors.New("--adapt-by goes with --adapt-to")
	case cfg.WeightsFile != "" && cfg.AdaptTo != "":
		return nil, errors.New("--weights and --adapt-to exclude each other")
	case cfg.WeightsFile != "":
		return readWeights(cfg.WeightsFile, ts.Features.IDs)
	case cfg.AdaptTo != "":
		return adaptWeights(cfg, ts)
	}
	return nil, nil
}

// weightsNote says in the model file how the training pairs were weighted
// (empty when they were not): "file NAME" or "adapted to NAME", the base
// name only, without the characters a LightGBM parameter value cannot hold.
func weightsNote(cfg *TrainConfig) string {
	clean := func(p string) string {
		return strings.NewReplacer(":", "_", "]", "_", "\n", "_", "\r", "_").Replace(filepath.Base(p))
	}
	switch {
	case cfg.WeightsFile != "":
		return "file " + clean(cfg.WeightsFile)
	case cfg.AdaptTo != "" && cfg.AdaptBy != "":
		return "sources adapted to " + clean(cfg.AdaptTo)
	case cfg.AdaptTo != "":
		return "adapted to " + clean(cfg.AdaptTo)
	}
	return ""
}

// readWeights reads a SampleID,Weight file that covers every training pair.
func readWeights(path string, ids []string) (map[string]float64, error) {
	ws, err := pairio.ReadWeights(path)
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		if _, ok := ws[id]; !ok {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: %d training pairs have no weight (%s)", path, len(missing), pairs.FewIDs(missing))
	}
	return ws, nil
}

// adaptWeights weights the training pairs to look like the unlabeled rows
// of cfg.AdaptTo (adapt.DomainWeights on the label-free columns).
func adaptWeights(cfg *TrainConfig, ts *TrainSet) (map[string]float64, error) {
	f, err := featio.OpenColumns(cfg.AdaptTo)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cols := adapt.LabelFreeColumns(ts.Features.Names)
	for _, c := range cols {
		if !slices.Contains(f.Header.Names, c) {
			return nil, fmt.Errorf("--adapt-to %s: feature %s of the training file is missing", cfg.AdaptTo, c)
		}
	}
	// only the few label-free columns of both files are read
	shape := &featio.Matrix{IDs: f.IDs, Names: f.Header.Names, Rows: len(f.IDs), Cols: len(f.Header.Names)}
	target, err := readColumns(f.View(nil, nil), shape, cols)
	if err != nil {
		return nil, fmt.Errorf("--adapt-to %s: %w", cfg.AdaptTo, err)
	}
	train, err := ts.columnMatrix(cols)
	if err != nil {
		return nil, fmt.Errorf("--adapt-to %s: %w", cfg.AdaptTo, err)
	}
	if cfg.AdaptBy != "" {
		return sourceWeights(cfg, train, target, cols)
	}
	res, err := adapt.DomainWeights(train, target, adapt.Options{Columns: cols, Cores: cfg.Params.Cores, Seed: cfg.Params.Seed})
	if err != nil {
		return nil, fmt.Errorf("--adapt-to %s: %w", cfg.AdaptTo, err)
	}
	if cfg.Log != nil {
		fmt.Fprintf(cfg.Log, "adapt: domain classifier AUC %.3f on %d label-free features; effective sample size %.0f%% of %d pairs, %d weights clipped\n",
			res.AUC, len(cols), 100*res.ESS, ts.Rows(), res.Clipped)
	}
	out := make(map[string]float64, ts.Rows())
	for i, id := range ts.Features.IDs {
		out[id] = res.Weights[i]
	}
	return out, nil
}

// sourceWeights weights whole training sources (cfg.AdaptBy) by their
// closeness to the target rows (adapt.SourceWeights).
func sourceWeights(cfg *TrainConfig, train, target *featio.Matrix, cols []string) (map[string]float64, error) {
	labels, err := pairio.ReadLabels(cfg.AdaptBy)
	if err != nil {
		return nil, err
	}
	src := make([]string, train.Rows)
	var missing []string
	for i, id := range train.IDs {
		l, ok := labels[id]
		if !ok {
			missing = append(missing, id)
		}
		src[i] = l
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("--adapt-by %s: %d training pairs have no source (%s)", cfg.AdaptBy, len(missing), pairs.FewIDs(missing))
	}
	res, err := adapt.SourceWeights(train, src, target, adapt.Options{Columns: cols})
	if err != nil {
		return nil, fmt.Errorf("--adapt-to %s: %w", cfg.AdaptTo, err)
	}
	if cfg.Log != nil {
		for k, s := range res.Sources {
			fmt.Fprintf(cfg.Log, "adapt: source %s: MMD² %.4f, weight %.3f per pair\n", s, res.MMD2[k], res.Weight[k])
		}
	}
	out := make(map[string]float64, train.Rows)
	for i, id := range train.IDs {
		out[id] = res.Weights[i]
	}
	return out, nil
}

// rowWeights returns the per-row weights of the rows ids (followed by the
// same weights for their mirror rows when mirror is set).
func rowWeights(byID map[string]float64, ids []string, mirror bool) []float64 {
	w := make([]float64, 0, 2*len(ids))
	for _, id := range ids {
		w = append(w, byID[id])
	}
	if mirror {
		w = append(w, w...)
	}
	return w
}
