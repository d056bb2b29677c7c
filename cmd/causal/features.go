package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newFeaturesCmd) }

func newFeaturesCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "features",
		Short: "List feature names, merge feature shards, concatenate feature files, add mirror rows",
	}
	cmd.AddCommand(newFeaturesListCmd(), newFeaturesMergeCmd(), newFeaturesConcatCmd(), newFeaturesMirrorCmd())
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
			return mergeShards(out, format, args)
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "merged feature file (required)")
	cmd.Flags().StringVar(&format, "format", "", "output format: arrow or csv (default: that of the first shard)")
	return cmd
}

// openSameFeatures opens feature files that must share their feature
// names and plan hash (the caller closes the readers, also on error).
func openSameFeatures(what string, paths []string) ([]*featio.Reader, error) {
	var rs []*featio.Reader
	for _, p := range paths {
		r, err := featio.Open(p)
		if err != nil {
			return rs, err
		}
		rs = append(rs, r)
	}
	h := rs[0].Header()
	for i, r := range rs[1:] {
		hi := r.Header()
		if hi.PlanHash != h.PlanHash {
			return rs, fmt.Errorf("%s: %s has plan hash %q, %s has %q", what, paths[i+1], hi.PlanHash, paths[0], h.PlanHash)
		}
		if !slices.Equal(hi.Names, h.Names) {
			return rs, fmt.Errorf("%s: %s and %s have different feature names", what, paths[i+1], paths[0])
		}
	}
	return rs, nil
}

// closeAll closes feature readers.
func closeAll(rs []*featio.Reader) {
	for _, r := range rs {
		r.Close()
	}
}

// mergeShards interleaves shard files row by row into one feature file.
func mergeShards(out, format string, paths []string) error {
	rs, err := openSameFeatures("merge", paths)
	defer closeAll(rs)
	if err != nil {
		return err
	}
	n := len(rs)
	for k, r := range rs {
		if sh := r.Header().Shard; sh != "" && sh != fmt.Sprintf("%d/%d", k, n) {
			return fmt.Errorf("merge: %s is shard %s, but it is shard argument %d of %d: give the shards of one featurize --shard i/n run, in index order", paths[k], sh, k, n)
		}
	}
	h := rs[0].Header()
	h.Shard = ""
	if format == "" {
		format = rs[0].Format()
	}
	w, err := featio.Create(out, format, h)
	if err != nil {
		return err
	}
	defer w.Abort()
	for j := 0; ; j++ {
		id, row, err := rs[j%n].Next()
		if errors.Is(err, io.EOF) {
			// Row j is the end of the input: every shard must be at its end.
			for k := 0; k < n; k++ {
				if k == j%n {
					continue
				}
				if _, _, err := rs[k].Next(); !errors.Is(err, io.EOF) {
					if err != nil {
						return err
					}
					return fmt.Errorf("merge: %s has more rows than expected: shards are not i/%d of one input, or are out of order", paths[k], n)
				}
			}
			return w.Commit()
		}
		if err != nil {
			return err
		}
		if err := w.Write(id, row); err != nil {
			return err
		}
	}
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
			if err := concatFeatures(out, format, args); err != nil {
				return fmt.Errorf("features concat: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "concatenated feature file (required)")
	cmd.Flags().StringVar(&format, "format", "", "output format: arrow or csv (default: that of the first file)")
	return cmd
}

// concatFeatures writes the rows of each file in turn into one feature file.
func concatFeatures(out, format string, paths []string) error {
	rs, err := openSameFeatures("concat", paths)
	defer closeAll(rs)
	if err != nil {
		return err
	}
	if format == "" {
		format = rs[0].Format()
	}
	h := rs[0].Header()
	h.Shard = ""
	w, err := featio.Create(out, format, h)
	if err != nil {
		return err
	}
	defer w.Abort()
	seen := map[string]string{}
	for i, r := range rs {
		for row := 1; ; row++ {
			id, vals, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			if first, dup := seen[id]; dup {
				return fmt.Errorf("%s: row %d: SampleID %s is already in %s", paths[i], row, id, first)
			}
			seen[id] = paths[i]
			if err := w.Write(id, vals); err != nil {
				return err
			}
		}
	}
	return w.Commit()
}
