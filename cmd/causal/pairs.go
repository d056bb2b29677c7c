package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/pairio"
)

func init() { register(newPairsCmd) }

func newPairsCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pairs",
		Short: "Operations on pair sets (pairs, publicinfo and target files)",
	}
	cmd.AddCommand(newPairsConcatCmd())
	return cmd
}

func newPairsConcatCmd() *cobra.Command {
	var out, tables string
	cmd := &cobra.Command{
		Use:   "concat -o PREFIX IN1 IN2 ...",
		Short: "Concatenate pair sets (their pairs, publicinfo, target and meta files)",
		Long: `Concatenate pair sets given by their prefixes, as written by causal generate -o:
for each table (pairs, publicinfo, target, meta), the files IN_<table>.csv of
every input in turn are written to PREFIX_<table>.csv under the first input's
header, rows byte for byte. Every input must have the same header, and a
SampleID may appear only once per table. By default the tables are those the
first input has; --tables names them (e.g. --tables target). The outputs
appear together, only when every table is complete.`,
		Example: "  causal pairs concat -o sims sims_sim sims_sim-c sims_sim-ln sims_sim-g\n" +
			"  causal pairs concat --tables target -o corpus_train train simtrain",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("pairs concat: -o is required")
			}
			sufs, err := concatSuffixes(tables, args[0])
			if err != nil {
				return err
			}
			if err := pairio.ConcatSets(cmd.Context(), out, args, sufs); err != nil {
				return fmt.Errorf("pairs concat: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "output PREFIX (required)")
	cmd.Flags().StringVar(&tables, "tables", "", "comma-separated tables among pairs, publicinfo, target, meta (default: those of the first input)")
	return cmd
}

// concatSuffixes returns the file suffixes of the named tables, or of the
// tables the set first has when names is empty.
func concatSuffixes(names, first string) ([]string, error) {
	if names == "" {
		var sufs []string
		for _, suf := range pairio.TableSuffixes {
			if _, err := os.Stat(first + suf); err == nil {
				sufs = append(sufs, suf)
			}
		}
		if len(sufs) == 0 {
			return nil, fmt.Errorf("pairs concat: %s has no table (%s_pairs.csv, ...)", first, first)
		}
		return sufs, nil
	}
	var sufs []string
	for _, n := range strings.Split(names, ",") {
		suf := "_" + strings.TrimSpace(n) + ".csv"
		if !slices.Contains(pairio.TableSuffixes, suf) {
			return nil, fmt.Errorf("--tables: unknown table %q (want pairs, publicinfo, target or meta)", n)
		}
		sufs = append(sufs, suf)
	}
	return sufs, nil
}
