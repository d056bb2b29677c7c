package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairio"
)

func newFeaturesCostsCmd() *cobra.Command {
	var info, out, before string
	cmd := &cobra.Command{
		Use:   "costs pairs.csv --info publicinfo.csv -o costs.tsv [--before old.tsv]",
		Short: "Measure each feature unit's CPU cost per pair and print it by family",
		Long: `Measure the CPU time of every computation unit of the default plan (a learner
block's fit mode, or a whole other block, in both directions) on the pairs
given, as its marginal cost once the views and folds units share are
computed, and write the table of milliseconds per pair to -o: the table
causal train --select-cost reads when it is featurizers/plan/costs.tsv
(make costs). Then print the table summed by family, the four costly
published direction methods on rows of their own; with --before, the
families of an earlier table beside it with the ratio after/before.
Measurements run on one thread; the machine's load shows in them.`,
		Example: "  causal features costs cal_pairs.csv --info cal_publicinfo.csv -o costs.tsv --before featurizers/plan/costs.tsv",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" || info == "" {
				return fmt.Errorf("features costs: -o and --info are required")
			}
			var old map[string]float64
			if before != "" {
				data, err := os.ReadFile(before)
				if err != nil {
					return fmt.Errorf("features costs: %w", err)
				}
				if old, err = plan.ParseUnitCosts(data); err != nil {
					return fmt.Errorf("features costs: %s: %w", before, err)
				}
			}
			costs, err := measureCosts(args[0], info, out)
			if err != nil {
				return fmt.Errorf("features costs: %w", err)
			}
			if old == nil {
				return plan.WriteFamilyTable(cmd.OutOrStdout(), costs, nil)
			}
			return plan.WriteFamilyTable(cmd.OutOrStdout(), old, costs)
		},
	}
	cmd.Flags().StringVar(&info, "info", "", "publicinfo file of the pairs (required)")
	cmd.Flags().StringVarP(&out, "output", "o", "", "cost table to write (required)")
	cmd.Flags().StringVar(&before, "before", "", "an earlier cost table to print beside the new one")
	return cmd
}

// measureCosts measures the default plan's unit costs on a pairs file and
// writes the cost table to out, all or nothing.
func measureCosts(pairsPath, infoPath, out string) (map[string]float64, error) {
	infos, err := pairio.ReadPublicInfo(infoPath)
	if err != nil {
		return nil, err
	}
	ps, err := pairio.ReadAllPairs(pairsPath, pairio.Options{Info: infos})
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("%s: no pairs to measure", pairsPath)
	}
	costs := plan.Default().MeasureUnitCosts(ps)
	return costs, atomicfile.WriteFile(out, func(w io.Writer) error {
		_, err := w.Write(plan.WriteUnitCosts(costs))
		return err
	})
}
