package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/pairio"
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
			preds, err := pairio.ReadPredictions(args[0])
			if err != nil {
				return err
			}
			targets, err := pairio.ReadTargets(targetPath)
			if err != nil {
				return err
			}
			var info map[string]pairs.Types
			if infoPath != "" {
				if info, err = pairio.ReadPublicInfo(infoPath); err != nil {
					return err
				}
				if id, ok := firstMissing(targets, info); ok {
					return fmt.Errorf("%s: SampleID %s is missing from the publicinfo file", infoPath, pairio.ID(id))
				}
			}
			scores, err := evaluate.Join(preds, targets)
			if err != nil {
				return fmt.Errorf("%s vs %s: %w", args[0], targetPath, err)
			}
			rep, err := evaluate.Evaluate(targets, scores, info)
			if err != nil {
				return err
			}
			if weightsPath != "" {
				if err := addWeights(rep, weightsPath, targets, scores); err != nil {
					return err
				}
			}
			if metaPath != "" {
				meta, err := pairio.ReadMeta(metaPath)
				if err != nil {
					return err
				}
				if id, ok := firstMissing(targets, meta); ok {
					return fmt.Errorf("%s: SampleID %s is missing from the meta file", metaPath, pairio.ID(id))
				}
				rep.AddMeta(targets, scores, meta)
			}
			if plotDir != "" {
				if err := writeEvaluationPlots(plotDir, targets, scores); err != nil {
					return err
				}
			}
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			printReport(cmd.OutOrStdout(), rep)
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

// addWeights reads the weights file and adds the weighted metrics to rep.
func addWeights(rep *evaluate.Report, path string, targets []pairs.Target, scores []float64) error {
	wm, err := pairio.ReadWeights(path)
	if err != nil {
		return err
	}
	w, err := evaluate.JoinWeights(targets, wm)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := rep.AddWeights(targets, scores, w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// firstMissing returns the first target's SampleID that m lacks.
func firstMissing[V any](targets []pairs.Target, m map[string]V) (string, bool) {
	for _, t := range targets {
		if _, ok := m[t.ID]; !ok {
			return t.ID, true
		}
	}
	return "", false
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

func fmtMetric(m evaluate.Metric) string {
	if math.IsNaN(float64(m)) {
		return "-"
	}
	return fmt.Sprintf("%.4f", float64(m))
}

func printReport(w io.Writer, r *evaluate.Report) {
	fmt.Fprintf(w, "pairs                %d\n", r.N)
	fmt.Fprintf(w, "bidirectional AUC    %s  (A->B %s, B->A %s)\n", fmtMetric(r.AUC), fmtMetric(r.AUCFwd), fmtMetric(r.AUCBwd))
	fmt.Fprintf(w, "sign accuracy        %s  (on %d pairs with Target != 0)\n", fmtMetric(r.Accuracy), r.NDirected)
	if wt := r.Weighted; wt != nil {
		fmt.Fprintf(w, "weighted accuracy    %s  (on %d pairs with Target != 0, total weight %.4g)\n", fmtMetric(wt.Accuracy), wt.N, wt.Weight)
		fmt.Fprintf(w, "weighted AUC         %s\n", fmtMetric(wt.AUC))
		fmt.Fprintf(w, "weighted accuracy at decision rate:")
		for _, ra := range wt.Rates {
			fmt.Fprintf(w, "  %g%% %s", 100*ra.Rate, fmtMetric(ra.Accuracy))
		}
		fmt.Fprintln(w)
	}
	for _, sec := range []struct {
		title  string
		groups []evaluate.Group
	}{{"by type combination", r.ByTypes}, {"by Details class", r.ByDetails},
		{"A->B and B->A pairs by cause family", r.ByCause}, {"A->B and B->A pairs by mechanism", r.ByMechanism}} {
		if len(sec.groups) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", sec.title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  group\tn\tbidir AUC\taccuracy\tmean score")
		for _, g := range sec.groups {
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\t%s\n", g.Name, g.N, fmtMetric(g.AUC), fmtMetric(g.Accuracy), fmtMetric(g.MeanScore))
		}
		tw.Flush()
	}
}
