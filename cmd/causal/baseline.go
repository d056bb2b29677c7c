package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/pairio"
)

func init() { register(newBaselineCmd) }

func newBaselineCmd(g *globalOptions) *cobra.Command {
	var infoPath, out, method, variant string
	var skipBad bool
	cmd := &cobra.Command{
		Use:   "baseline pairs.csv --method NAME [-o predictions.csv]",
		Short: "Score pairs with one classical causal-direction method (no model)",
		Long: `Score pairs with a single classical causal-direction score computed by the
featurizer (the published baselines), with no trained model: positive means
A->B. Methods: ` + strings.Join(direction.AllNames(), ", ") + `.

A pair where the method is undefined (e.g. a categorical variable for a
method that needs numbers) scores 0 and is counted on stderr.`,
		Example: `  causal baseline tuebingen_pairs.csv --method igci_slope_uniform -o igci.csv
  causal evaluate igci.csv --target tuebingen_target.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBaseline(cmd, g, args[0], infoPath, out, method, variant, skipBad)
		},
	}
	f := cmd.Flags()
	f.StringVar(&method, "method", "", "the direction score to use (required)")
	f.StringVar(&variant, "plan-variant", "", planVariantUsage)
	f.StringVar(&infoPath, "info", "", "publicinfo CSV declaring the variable types (default: infer)")
	f.BoolVar(&skipBad, "skip-bad", false, "skip bad pairs (reported on stderr) instead of failing")
	f.StringVarP(&out, "output", "o", "", "predictions file (default: stdout)")
	cmd.MarkFlagRequired("method")
	return cmd
}

// runBaseline scores the pairs of path with one classical direction
// method, for causal baseline and predict --method.
func runBaseline(cmd *cobra.Command, g *globalOptions, path, infoPath, out, method, variant string, skipBad bool) error {
	pr, err := plan.Variant(variant)
	if err != nil {
		return fmt.Errorf("--plan-variant: %w", err)
	}
	pl, err := plan.DirectionMethodWith(method, pr)
	if err != nil {
		return err
	}
	src, err := openPairs(cmd, path, infoPath, skipBad)
	if err != nil {
		return err
	}
	defer src.Close()
	return writeOutput(cmd, out, func(w io.Writer) error {
		pw := pairio.NewPredictionWriter(w)
		undefined, rows := 0, 0
		err := pl.Run(src, plan.RunOptions{Workers: g.Cores, Context: cmd.Context()}, func(id string, row []float32) error {
			rows++
			s := float64(row[0])
			if math.IsNaN(s) {
				s, undefined = 0, undefined+1
			}
			return pw.Write([]string{id}, []float64{s})
		})
		if err != nil {
			return err
		}
		if err := checkSkipped(cmd, src, path, rows); err != nil {
			return err
		}
		if !g.Quiet {
			fmt.Fprintf(cmd.ErrOrStderr(), "%d pairs scored by the classical method %s (%d undefined, scored 0)\n", rows, method, undefined)
		}
		return pw.Flush()
	})
}
