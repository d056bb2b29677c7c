package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/scan"
)

// runEvaluateEdges evaluates a scan scores file against true edges.
func runEvaluateEdges(cmd *cobra.Command, scoresPath, edgesPath string, asJSON bool) error {
	results, err := scan.ReadCSV(scoresPath)
	if err != nil {
		return err
	}
	edges, err := evaluate.ReadEdges(edgesPath)
	if err != nil {
		return err
	}
	scored := make([]evaluate.ScoredPair, len(results))
	for i, r := range results {
		scored[i] = evaluate.ScoredPair{A: r.A, B: r.B, Score: r.Score}
	}
	rep := evaluate.Edges(scored, edges)
	if rep.Scored == 0 {
		return fmt.Errorf("evaluate --edges: none of the %d true edges of %s is among the %d pairs scored in %s: nothing to evaluate (do the column names match?)", rep.Edges, edgesPath, rep.Pairs, scoresPath)
	}
	w := cmd.OutOrStdout()
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	fmt.Fprintf(w, "pairs                %d scored, %d true edges (%d of them scored)\n", rep.Pairs, rep.Edges, rep.Scored)
	fmt.Fprintf(w, "direction accuracy   %s  (over the scored true edges)\n", fmtMetric(rep.DirectionAccuracy))
	fmt.Fprintf(w, "edge AUC             %s  (|score|, edge vs non-edge pairs)\n", fmtMetric(rep.EdgeAUC))
	if len(rep.Unscored) > 0 {
		fmt.Fprintf(w, "unscored true edges  %s\n", strings.Join(rep.Unscored, " "))
	}
	return nil
}
