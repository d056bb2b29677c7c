package main

import (
	"fmt"
	"slices"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/adapt"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
)

// trainWeights returns the training pairs' sample weights by SampleID from
// --weights or --adapt-to (nil when neither is given).
func trainWeights(cmd *cobra.Command, g *globalOptions, o *trainOptions, ts *trainSet) (map[string]float64, error) {
	switch {
	case o.weightsFile != "" && o.adaptTo != "":
		return nil, fmt.Errorf("--weights and --adapt-to exclude each other")
	case o.weightsFile != "":
		return readTrainWeights(o.weightsFile, ts.m.IDs)
	case o.adaptTo != "":
		return adaptWeights(cmd, g, o.adaptTo, ts)
	}
	return nil, nil
}

// readTrainWeights reads a SampleID,Weight file that covers every training
// pair.
func readTrainWeights(path string, ids []string) (map[string]float64, error) {
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
		return nil, fmt.Errorf("%s: %d training pairs have no weight (%s)", path, len(missing), fewIDs(missing))
	}
	return ws, nil
}

// adaptWeights weights the training pairs to look like the unlabeled rows
// of the feature file path.
func adaptWeights(cmd *cobra.Command, g *globalOptions, path string, ts *trainSet) (map[string]float64, error) {
	target, err := featio.ReadAll(path)
	if err != nil {
		return nil, err
	}
	cols := adapt.LabelFreeColumns(ts.m.Names)
	for _, c := range cols {
		if !slices.Contains(target.Names, c) {
			return nil, fmt.Errorf("--adapt-to %s: feature %s of the training file is missing", path, c)
		}
	}
	res, err := adapt.DomainWeights(ts.m, target, adapt.Options{Columns: cols, Cores: g.Cores, Seed: uint64(g.Seed)})
	if err != nil {
		return nil, fmt.Errorf("--adapt-to %s: %w", path, err)
	}
	if !g.Quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "adapt: domain classifier AUC %.3f on %d label-free features; effective sample size %.0f%% of %d pairs, %d weights clipped\n",
			res.AUC, len(cols), 100*res.ESS, ts.m.Rows, res.Clipped)
	}
	out := make(map[string]float64, ts.m.Rows)
	for i, id := range ts.m.IDs {
		out[id] = res.Weights[i]
	}
	return out, nil
}

// rowWeights returns the set's per-row weights for the dataset (followed
// by the same weights for the mirror rows when mirror is set).
func (ts *trainSet) rowWeights(mirror bool) []float64 {
	w := make([]float64, 0, 2*ts.m.Rows)
	for _, id := range ts.m.IDs {
		w = append(w, ts.weights[id])
	}
	if mirror {
		w = append(w, w...)
	}
	return w
}
