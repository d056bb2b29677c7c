package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/plots"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newEvaluateCmd) }

func newEvaluateCmd(g *globalOptions) *cobra.Command {
	var targetPath, infoPath, metaPath, weightsPath string
	var asJSON bool
	var plotDir, edgesPath string
	cmd := &cobra.Command{
		Use:   "evaluate predictions.csv --target target.csv | evaluate scores.csv|graph.csv --edges edges.csv",
		Short: "Score predictions with the challenge metric (bidirectional AUC)",
		Long: `Score a predictions file (SampleID,Target with a real-valued score) against a
target file with the challenge metric:

  bidirectional AUC = ½·[AUC(Target==1, score) + AUC(Target==-1, −score)]

where ties count half. Also prints the accuracy of sign(score) on the pairs
with Target ≠ 0, and a breakdown by Details class and (with --info) by type
combination. Every prediction must have a target and vice versa.

With --weights (SampleID,Weight, e.g. each data set's pairs summing to one,
as Tübingen's weights do) it also prints the metrics the Tübingen
literature reports, over the pairs with Target 1 or -1, each counting with
its weight: the weighted accuracy, the weighted AUC (ROC AUC of the score
for A->B against B->A pairs) and the weighted accuracy at decision rates
10 %, 25 %, 50 % and 100 % (the most confident pairs by |score| first, as
Mooij et al. 2016 plot it). Every target needs a weight and vice versa.

With --edges (the true edges of a table, e.g. from generate --table) it
evaluates a causal scan output instead: the accuracy of the direction over
the scored pairs joined by a true edge, and the AUC of |score| for telling
those pairs from the pairs without a direct edge. Given an edge list of
causal graph (a header starting cause,effect) it compares the graph with
the true DAG: skeleton precision and recall, orientation accuracy over the
true edges found (an undirected edge counts half) and the structural
Hamming distance (SHD: each column pair whose edge is missing, extra,
reversed or undirected counts 1).`,
		Example: `  causal evaluate predictions.csv --target valid_target.csv
  causal evaluate predictions.csv --target valid_target.csv --info valid_publicinfo.csv --json | jq .bidirectional_auc
  causal evaluate predictions.csv --target real_target.csv --weights real_weights.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if edgesPath != "" {
				return runEvaluateEdges(cmd, args[0], edgesPath, asJSON)
			}
			if targetPath == "" {
				return fmt.Errorf("evaluate: --target is required (or --edges for a scan output)")
			}
			rep, targets, scores, err := evaluate.EvaluateFiles(evaluate.Files{Predictions: args[0], Targets: targetPath,
				Info: infoPath, Meta: metaPath, Weights: weightsPath})
			if err != nil {
				return err
			}
			if plotDir != "" {
				if err := writeEvaluationPlots(plotDir, targets, scores); err != nil {
					return err
				}
			}
			if asJSON {
				return evaluate.WriteJSON(cmd.OutOrStdout(), rep)
			}
			rep.WriteText(cmd.OutOrStdout())
			return nil
		},
	}
	cmd.Flags().StringVar(&targetPath, "target", "", "target file (SampleID,Target,Details) (required)")
	cmd.Flags().StringVar(&infoPath, "info", "", "publicinfo file, for the breakdown by type combination")
	cmd.Flags().StringVar(&metaPath, "meta", "", "meta file of `causal generate --meta`, for the breakdown of the A->B and B->A pairs by cause family and mechanism")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the report as JSON (NaN as null)")
	cmd.Flags().StringVar(&plotDir, "plot", "", "write roc.png/svg (ROC curves of both directions) and scores.png/svg (score distribution per Details class) into this directory")
	cmd.Flags().StringVar(&weightsPath, "weights", "", "per-pair weights (SampleID,Weight): adds weighted accuracy, weighted AUC and accuracy at decision rates")
	cmd.Flags().StringVar(&edgesPath, "edges", "", "true edges (cause,effect) of the table a causal scan output scored")
	return cmd
}

func writeEvaluationPlots(dir string, targets []pairs.Target, scores []float64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plot directory: %w", err)
	}
	tg := make([]int, len(targets))
	det := make([]int, len(targets))
	for i, t := range targets {
		tg[i], det[i] = t.Target, t.Details
	}
	return plots.EvaluationPlots(dir, tg, det, scores)
}
