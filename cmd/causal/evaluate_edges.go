package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/scan"
)

// runEvaluateEdges evaluates a scan scores file against true edges.
// A learnt graph's edge list (causal graph -o) is compared as a graph.
func runEvaluateEdges(cmd *cobra.Command, scoresPath, edgesPath string, asJSON bool) error {
	if isGraph, err := evaluate.IsGraphFile(scoresPath); err != nil {
		return err
	} else if isGraph {
		return runEvaluateGraph(cmd, scoresPath, edgesPath, asJSON)
	}
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
	if asJSON {
		return evaluate.WriteJSON(cmd.OutOrStdout(), rep)
	}
	rep.WriteText(cmd.OutOrStdout())
	return nil
}

// runEvaluateGraph compares a learnt graph with the true edges.
func runEvaluateGraph(cmd *cobra.Command, graphPath, edgesPath string, asJSON bool) error {
	learnt, err := evaluate.ReadGraph(graphPath)
	if err != nil {
		return err
	}
	truth, err := evaluate.ReadEdges(edgesPath)
	if err != nil {
		return err
	}
	rep := evaluate.CompareGraph(learnt, truth)
	if asJSON {
		return evaluate.WriteJSON(cmd.OutOrStdout(), rep)
	}
	rep.WriteText(cmd.OutOrStdout())
	return nil
}
