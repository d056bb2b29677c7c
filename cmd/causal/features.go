package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newFeaturesCmd) }

func newFeaturesCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "features",
		Short: "List feature names, merge feature shards, concatenate or select feature files, add mirror rows, measure unit costs",
	}
	cmd.AddCommand(newFeaturesListCmd(), newFeaturesMergeCmd(), newFeaturesConcatCmd(), newFeaturesSelectCmd(), newFeaturesMirrorCmd(), newFeaturesCostsCmd())
	return cmd
}

func newFeaturesListCmd() *cobra.Command {
	var types, planPath string
	var showHash bool
	cmd := &cobra.Command{
		Use:   "list [--types NN|NC|CN|CC|NB|...] [--plan FILE]",
		Short: "Print the feature names of the plan, one per line",
		Long: `Print the feature names of the default plan (or of the patterns of --plan), one
per line, in output order. --types XY (X, Y among N Numerical, C Categorical,
B Binary) keeps only the features defined for a pair whose A has type X and B
type Y (the others are always NaN for such pairs). --hash prints the plan hash
instead.

Names: AB.<...> (computed with x=A, y=B), BA.<...> (x=B, y=A), D.<...>
(AB minus BA, or an antisymmetric score), A.<...>, B.<...> (unary), AmB.<...>
(A minus B), S.<...> (symmetric), meta.<...> (types and sample size).`,
		Example: "  causal features list --types NN | wc -l\n  causal features list | grep '^AB.xrank'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			pl, err := loadPlan(planPath)
			if err != nil {
				return err
			}
			if showHash {
				fmt.Fprintln(cmd.OutOrStdout(), pl.Hash())
				return nil
			}
			names := pl.Names()
			if types != "" {
				ta, tb, err := parseTypePair(types)
				if err != nil {
					return err
				}
				names = pl.NamesForTypes(ta, tb)
			}
			var b strings.Builder
			for _, n := range names {
				b.WriteString(n)
				b.WriteByte('\n')
			}
			_, err = io.WriteString(cmd.OutOrStdout(), b.String())
			return err
		},
	}
	cmd.Flags().StringVar(&types, "types", "", "only the features defined for this type pair (e.g. NN, NC, CB)")
	cmd.Flags().StringVar(&planPath, "plan", "", "file of feature name patterns (default: every feature)")
	cmd.Flags().BoolVar(&showHash, "hash", false, "print the plan hash instead of the names")
	return cmd
}

// parseTypePair parses two type letters such as "NC".
func parseTypePair(s string) (pairs.VarType, pairs.VarType, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var ts []pairs.VarType
	for _, r := range s {
		i := slices.IndexFunc(pairs.AllTypes, func(t pairs.VarType) bool { return t.Letter() == string(r) })
		if i < 0 {
			break
		}
		ts = append(ts, pairs.AllTypes[i])
	}
	if len(ts) != 2 || len(s) != 2 {
		return 0, 0, fmt.Errorf("--types %q: want two letters among N, C, B (e.g. NN, NC)", s)
	}
	return ts[0], ts[1], nil
}

func newFeaturesMergeCmd() *cobra.Command {
	var out, format string
	cmd := &cobra.Command{
		Use:   "merge -o out shard0 shard1 ...",
		Short: "Merge the shards of featurize --shard i/n back into input order",
		Long: `Merge the outputs of "causal featurize --shard i/n" for i = 0..n-1, given in
that order: row j of the original input is row j/n of shard j%n. Every shard
must have the same feature names and plan hash. The output format is that of
the first shard unless --format is given.`,
		Example: "  causal features merge -o train.features part0.features part1.features part2.features",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("features merge: -o is required")
			}
			return featio.Merge(cmd.Context(), out, format, args)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "merged feature file (required)")
	cmd.Flags().StringVar(&format, "format", "", "output format: arrow or csv (default: that of the first shard)")
	return cmd
}

func newFeaturesConcatCmd() *cobra.Command {
	var out, format string
	cmd := &cobra.Command{
		Use:   "concat -o out a.features b.features ...",
		Short: "Concatenate feature files of different pair sets into one",
		Long: `Write the rows of each feature file in turn, e.g. to train on two corpora
featurized separately. The files must have the same feature names and plan
hash, and no SampleID may appear twice. The output format is that of the
first file unless --format is given.`,
		Example: "  causal features concat -o train.features challenge.features sim.features",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("features concat: -o is required")
			}
			if err := featio.Concat(cmd.Context(), out, format, args); err != nil {
				return fmt.Errorf("features concat: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "concatenated feature file (required)")
	cmd.Flags().StringVar(&format, "format", "", "output format: arrow or csv (default: that of the first file)")
	return cmd
}

func newFeaturesSelectCmd() *cobra.Command {
	var out, format, target string
	cmd := &cobra.Command{
		Use:   "select --target target.csv -o out in.features",
		Short: "Keep the rows of the pairs listed in a target file",
		Long: `Write the rows of a feature file whose SampleIDs a target file lists, in the
feature file's order: e.g. a subset of a featurized corpus to train on, with
that target file. Every listed pair must be in the feature file, once. The
output format is that of the input unless --format is given.`,
		Example: "  causal features select --target first4000_target.csv -o small.features corpus.features",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" || target == "" {
				return fmt.Errorf("features select: -o and --target are required")
			}
			tg, err := pairio.ReadTargets(target)
			if err != nil {
				return fmt.Errorf("features select: %w", err)
			}
			ids := make([]string, len(tg))
			for i, t := range tg {
				ids[i] = t.ID
			}
			if err := featio.Select(cmd.Context(), out, format, args[0], ids); err != nil {
				return fmt.Errorf("features select: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "selected feature file (required)")
	cmd.Flags().StringVar(&target, "target", "", "target file listing the pairs to keep (required)")
	cmd.Flags().StringVar(&format, "format", "", "output format: arrow or csv (default: that of the input)")
	return cmd
}
