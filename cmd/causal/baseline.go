package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/csvout"
)

func init() { register(newBaselineCmd) }

func newBaselineCmd(g *globalOptions) *cobra.Command {
	var infoPath, out, method string
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
			if !slices.Contains(direction.AllNames(), method) {
				return fmt.Errorf("--method %q: want one of %s", method, strings.Join(direction.AllNames(), ", "))
			}
			pl, err := plan.Default().Select([]string{"D.dir." + method})
			if err != nil {
				return err
			}
			if pl.Len() != 1 {
				return fmt.Errorf("--method %s: the plan has %d features named D.dir.%s, want 1", method, pl.Len(), method)
			}
			src, err := openPairs(cmd, args[0], infoPath, skipBad)
			if err != nil {
				return err
			}
			defer src.Close()
			return writeOutput(cmd, out, func(w io.Writer) error {
				bw := bufio.NewWriter(w)
				fmt.Fprintln(bw, "SampleID,Target")
				undefined, rows := 0, 0
				err := pl.Run(src, plan.RunOptions{Workers: g.Cores, Context: cmd.Context()}, func(id string, row []float32) error {
					rows++
					s := float64(row[0])
					if math.IsNaN(s) {
						s, undefined = 0, undefined+1
					}
					_, err := fmt.Fprintf(bw, "%s,%g\n", csvout.Field(id), s)
					return err
				})
				if err != nil {
					return err
				}
				if err := checkSkipped(cmd, src, args[0], rows); err != nil {
					return err
				}
				if undefined > 0 && !g.Quiet {
					fmt.Fprintf(cmd.ErrOrStderr(), "%s undefined on %d pairs (scored 0)\n", method, undefined)
				}
				return bw.Flush()
			})
		},
	}
	f := cmd.Flags()
	f.StringVar(&method, "method", "", "the direction score to use (required)")
	f.StringVar(&infoPath, "info", "", "publicinfo CSV declaring the variable types (default: infer)")
	f.BoolVar(&skipBad, "skip-bad", false, "skip bad pairs (reported on stderr) instead of failing")
	f.StringVarP(&out, "output", "o", "", "predictions file (default: stdout)")
	cmd.MarkFlagRequired("method")
	return cmd
}
