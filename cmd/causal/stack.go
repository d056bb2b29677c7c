package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/stack"
)

func init() { register(newStackCmd) }

func newStackCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stack",
		Short: "Fit and cross-validate the second stage over the trees' score and classical direction scores",
		Long: `The second stage (internal/stack) turns the trees' score and classical
direction scores (SLOPE, RECI, LOCI, ANM, bQCD, SLOPPY, IGCI, CDS) into the
final score, by an L2-penalized logistic regression whose coefficients
depend on symmetric pair meta-features (size, ties, residual dependence,
type pair): it learns which score to trust where. The score is
tanh(logit/2), in [-1, 1], and exactly antisymmetric.

Workflow, on labelled pairs grouped by data set:

  causal stack features > stack.plan
  causal featurize pairs.csv --info publicinfo.csv --plan stack.plan -o stack.features
  causal predict pairs.csv --info publicinfo.csv --no-stack -o trees.csv
  causal stack cv stack.features --trees trees.csv --target target.csv --weights weights.csv --groups groups.csv -o oof.csv
  causal stack fit stack.features --trees trees.csv --target target.csv --weights weights.csv -o stack.json
  causal predict new_pairs.csv --stack stack.json`,
	}
	spec := new(string)
	cmd.PersistentFlags().StringVar(spec, "spec", "c", "the spec of stack features, fit and cv: c (the default) or c3 (BENCHMARKS.md's third candidate)")
	cmd.AddCommand(newStackFeaturesCmd(spec), newStackFitCmd(g, spec, false), newStackFitCmd(g, spec, true), newStackApplyCmd())
	return cmd
}

// namedSpec returns the spec --spec names.
func namedSpec(name string) (stack.Spec, error) {
	sp, ok := stack.Specs[name]
	if !ok {
		return stack.Spec{}, fmt.Errorf("stack: unknown --spec %q (c or c3)", name)
	}
	return sp, nil
}

func newStackFeaturesCmd(spec *string) *cobra.Command {
	var from string
	cmd := &cobra.Command{
		Use:   "features [--stack stack.json]",
		Short: "Print the feature names the second stage needs (a --plan file for causal featurize)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			sp, err := namedSpec(*spec)
			if err != nil {
				return err
			}
			if from != "" {
				st, err := stack.Load(from)
				if err != nil {
					return err
				}
				sp = st.Spec()
			}
			names, err := sp.Features()
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), strings.Join(names, "\n"))
			return err
		},
	}
	cmd.Flags().StringVar(&from, "stack", "", "a fitted stack (default: the features of the default spec)")
	return cmd
}

// stackFitOptions are the flags of stack fit and stack cv.
type stackFitOptions struct {
	files      stack.Files
	out        string
	lambda     float64
	innerFolds int
}

func newStackFitCmd(g *globalOptions, spec *string, cv bool) *cobra.Command {
	o := &stackFitOptions{}
	cmd := &cobra.Command{
		Use:   "fit stack.features --trees trees.csv --target target.csv [--weights w.csv] [--groups g.csv] [--lambda L] -o stack.json",
		Short: "Fit the second stage on labelled pairs",
		Long: `Fit the second stage of the spec --spec names (default c) on the pairs of a feature file
(with the features of causal stack features) and the trees' predictions of
the same pairs (causal predict --no-stack), labelled by a target file; only
pairs with Target 1 or -1 are fitted on. --weights weighs the pairs
(e.g. each data set's pairs summing to one). Without --lambda the L2
penalty is chosen from ` + fmt.Sprint(stack.DefaultLambdas) + ` by
leave-one-group-out log-loss over --groups (SampleID,Group: each pair's
data set), which then is required.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runStackFit(cmd, g, *spec, o, args[0]) },
	}
	if cv {
		cmd.Use = "cv stack.features --trees trees.csv --target target.csv --groups g.csv [--weights w.csv] -o oof.csv"
		cmd.Short = "Leave-one-group-out predictions of the second stage (nested choice of the penalty)"
		cmd.Long = `Score every pair of a feature file by a second stage fitted on the other
groups (--groups, SampleID,Group: each pair's data set), its L2 penalty
chosen from ` + fmt.Sprint(stack.DefaultLambdas) + ` by leave-one-group-out on those
other groups only, so that no group is ever in both the fit and the test.
Writes SampleID,Target predictions for causal evaluate, and prints each
fold's penalty on stderr.`
		cmd.RunE = func(cmd *cobra.Command, args []string) error { return runStackCV(cmd, g, *spec, o, args[0]) }
	}
	f := cmd.Flags()
	f.StringVar(&o.files.Trees, "trees", "", "the trees' predictions of the same pairs (causal predict --no-stack) (required)")
	f.StringVar(&o.files.Target, "target", "", "target file (SampleID,Target,Details) (required)")
	f.StringVar(&o.files.Weights, "weights", "", "per-pair weights (SampleID,Weight; default 1)")
	f.StringVar(&o.files.Groups, "groups", "", "each pair's group, e.g. its data set (SampleID,Group)")
	f.StringVarP(&o.out, "output", "o", "", "output file (default stdout)")
	if cv {
		f.IntVar(&o.innerFolds, "inner-folds", 0, "choose each fold's penalty by grouped k-fold over the other groups instead of leave-one-group-out (cheaper; 0: leave one group out)")
	} else {
		f.Float64Var(&o.lambda, "lambda", 0, "L2 penalty (when not given: chosen by leave-one-group-out over --groups)")
	}
	cmd.MarkFlagRequired("trees")
	cmd.MarkFlagRequired("target")
	return cmd
}

// stackLog is where stack fit and cv report (nil with --quiet).
func stackLog(cmd *cobra.Command, g *globalOptions) io.Writer {
	if g.Quiet {
		return nil
	}
	return cmd.ErrOrStderr()
}

func runStackFit(cmd *cobra.Command, g *globalOptions, spec string, o *stackFitOptions, featPath string) error {
	sp, err := namedSpec(spec)
	if err != nil {
		return err
	}
	o.files.Features = featPath
	lambda := o.lambda
	if !cmd.Flags().Changed("lambda") {
		lambda = math.NaN()
	}
	st, err := stack.FitFiles(sp, o.files, lambda, g.Cores, stackLog(cmd, g))
	if err != nil {
		return err
	}
	text, err := st.JSON()
	if err != nil {
		return err
	}
	return writeOutput(cmd, o.out, func(w io.Writer) error { _, err := w.Write(text); return err })
}

func runStackCV(cmd *cobra.Command, g *globalOptions, spec string, o *stackFitOptions, featPath string) error {
	sp, err := namedSpec(spec)
	if err != nil {
		return err
	}
	o.files.Features = featPath
	ids, scores, err := stack.CrossValidateFiles(sp, o.files, o.innerFolds, g.Cores, stackLog(cmd, g))
	if err != nil {
		return err
	}
	return writePredictions(cmd, o.out, ids, scores)
}

// writePredictions writes SampleID,Target predictions to path (stdout
// when "" or "-").
func writePredictions(cmd *cobra.Command, path string, ids []string, scores []float64) error {
	return writeOutput(cmd, path, func(w io.Writer) error {
		pw := pairio.NewPredictionWriter(w)
		if err := pw.Write(ids, scores); err != nil {
			return err
		}
		return pw.Flush()
	})
}

func newStackApplyCmd() *cobra.Command {
	var trees, from, out string
	cmd := &cobra.Command{
		Use:   "apply stack.features --trees trees.csv --stack stack.json [-o predictions.csv]",
		Short: "Score featurized pairs with a fitted second stage over the trees' predictions",
		Long: `Score the pairs of a feature file (with the stack's features) with a fitted
second stage over the trees' predictions of the same pairs (causal predict
--no-stack): the scores causal predict --stack gives, without featurizing
the pairs again.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := stack.Load(from)
			if err != nil {
				return err
			}
			ids, scores, err := st.ApplyFiles(args[0], trees)
			if err != nil {
				return err
			}
			return writePredictions(cmd, out, ids, scores)
		},
	}
	f := cmd.Flags()
	f.StringVar(&trees, "trees", "", "the trees' predictions of the same pairs (causal predict --no-stack) (required)")
	f.StringVar(&from, "stack", "", "the fitted stack (causal stack fit) (required)")
	f.StringVarP(&out, "output", "o", "", "predictions file (default stdout)")
	cmd.MarkFlagRequired("trees")
	cmd.MarkFlagRequired("stack")
	return cmd
}
