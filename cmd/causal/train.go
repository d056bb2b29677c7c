package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairmodel"
)

func init() { register(newTrainCmd) }

// trainOptions are the flags of `causal train`.
type trainOptions struct {
	target, valid, validTarget string
	validFraction              float64
	objective                  string
	cv                         int
	json                       bool
	noMirror                   bool
	out                        string
	planFile                   string
	selectTop                  int
	selectCost                 float64
	weightsFile, adaptTo       string
	adaptBy                    string
	p                          gbdt.Params
	recipeSplit                bool // validFraction is the recipe's default
	recipeStopping             bool // EarlyStopping is the recipe's default
	printParams                string
}

func newTrainCmd(g *globalOptions) *cobra.Command {
	d := pairmodel.Defaults()
	o := &trainOptions{p: d.Params}
	cmd := &cobra.Command{
		Use:   "train train.features --target train_target.csv -o model.txt",
		Short: "Train a gradient-boosted model on feature rows",
		Long: `Train gradient-boosted trees on a feature file (from causal featurize) joined by
SampleID with a target file, and write a LightGBM text model (loads in leaves
and LightGBM 4.x) that records the feature names, plan hash, objective and
recipe.

Recipe: every training pair is also added as its mirror (B, A) with the
target negated (--no-mirror turns this off), and the score of a pair is
computed antisymmetrically from its row and its mirror row, so that swapping
A and B exactly negates it. Objectives: huber and regression fit the -1/0/1
target; binary fits A->B versus the rest; multiclass fits A->B, B->A,
neither. The score estimates P(A->B) - P(B->A) in every case.

With --valid/--valid-target or --valid-fraction, the validation metric per
round is the challenge's bidirectional AUC on the pair scores, and
--early-stopping N keeps the best round. --cv K reports the K-fold
cross-validated bidirectional AUC (folds by pair, seeded by --seed), then
trains the final model on all the pairs (with early stopping, for the mean
best number of rounds) if -o is given; --json prints the cross-validation
result as JSON instead of text.

` + pairmodel.DefaultsHelp(),
		Example: "  causal train train.features --target train_target.csv --valid-fraction 0.2 --early-stopping 50 -o model.txt\n" +
			"  causal train train.features --target train_target.csv --cv 5\n" +
			"  causal train tune.features --target tune_target.csv --cv 3 --json | jq .mean_bidirectional_auc",
		Args: cobra.RangeArgs(0, 1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.printParams != "" {
				return printTrainParams(cmd.OutOrStdout(), g, o, args)
			}
			if len(args) != 1 {
				return errors.New("train needs one feature file (see --help)")
			}
			applyRecipeValidation(cmd, o)
			return runTrain(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.target, "target", "", "target file (SampleID,Target[,Details]) (required)")
	f.StringVar(&o.valid, "valid", "", "validation feature file")
	f.StringVar(&o.validTarget, "valid-target", "", "validation target file (with --valid)")
	f.Float64Var(&o.validFraction, "valid-fraction", d.ValidFraction, "hold out this fraction of the training pairs for validation (seeded by --seed; default only without --valid or --cv)")
	f.IntVar(&o.p.EarlyStopping, "early-stopping", o.p.EarlyStopping, "stop after N rounds without a better validation AUC and keep the best round (0: off; default only with a validation)")
	f.IntVar(&o.cv, "cv", 0, "report the K-fold cross-validated bidirectional AUC (K >= 2)")
	f.BoolVar(&o.json, "json", false, "print the --cv result as JSON (k, mean_bidirectional_auc, sd_bidirectional_auc, folds)")
	f.StringVar(&o.printParams, "print-params", "", "print the training parameters (the recipe with the flags given) in this format and exit: lightgbm (a LightGBM CLI configuration)")
	f.StringVar(&o.objective, "objective", d.Params.Objective, "huber, regression, binary or multiclass")
	f.IntVar(&o.p.NumIterations, "rounds", o.p.NumIterations, "boosting rounds")
	f.Float64Var(&o.p.LearningRate, "learning-rate", o.p.LearningRate, "learning rate (shrinkage)")
	f.IntVar(&o.p.NumLeaves, "num-leaves", o.p.NumLeaves, "maximum leaves per tree")
	f.IntVar(&o.p.MaxDepth, "max-depth", o.p.MaxDepth, "maximum tree depth (<= 0: no limit)")
	f.IntVar(&o.p.MinDataInLeaf, "min-data-in-leaf", o.p.MinDataInLeaf, "minimum training rows per leaf")
	f.Float64Var(&o.p.LambdaL1, "lambda-l1", o.p.LambdaL1, "L1 regularisation of leaf values")
	f.Float64Var(&o.p.LambdaL2, "lambda-l2", o.p.LambdaL2, "L2 regularisation of leaf values")
	f.Float64Var(&o.p.MinGainToSplit, "min-gain", o.p.MinGainToSplit, "minimum gain of a split")
	f.Float64Var(&o.p.FeatureFraction, "feature-fraction", o.p.FeatureFraction, "fraction of features sampled per tree")
	f.Float64Var(&o.p.FeatureFractionByNode, "feature-fraction-bynode", o.p.FeatureFractionByNode, "fraction of the tree's features sampled per split")
	f.Float64Var(&o.p.BaggingFraction, "bagging-fraction", o.p.BaggingFraction, "fraction of rows sampled for bagging")
	f.IntVar(&o.p.BaggingFreq, "bagging-freq", o.p.BaggingFreq, "resample rows every N rounds (0: no bagging)")
	f.IntVar(&o.p.MaxBin, "max-bin", o.p.MaxBin, "histogram bins per feature, including the missing-value bin (2..255)")
	f.Float64Var(&o.p.HuberDelta, "huber-delta", o.p.HuberDelta, "Huber loss transition point (LightGBM's alpha)")
	f.BoolVar(&o.noMirror, "no-mirror", false, "do not add the mirror of every training pair")
	f.StringVar(&o.planFile, "plan", "", "train only on the feature columns matching this plan file's name patterns (one per line, * wildcards)")
	f.IntVar(&o.selectTop, "select-top", 0, "train once, keep the K features of highest total gain (plus their mirror partners), and retrain on them: predict then computes only those")
	f.Float64Var(&o.selectCost, "select-cost", 1, "with --select-top: keep only the features of the computation units (a learner's fit mode, a block) of most gain per CPU cost, within this fraction of the top features' cost (featurizers/plan/costs.tsv), so that predict is faster")
	f.StringVar(&o.weightsFile, "weights", "", "per-pair sample weights (SampleID,Weight; every training pair needs one, a mirror row weighs as its pair)")
	f.StringVar(&o.adaptTo, "adapt-to", "", "weight the training pairs to look like these unlabeled feature rows, e.g. your own pairs featurized (a domain classifier's clipped odds on the label-free features; see internal/adapt)")
	f.StringVar(&o.adaptBy, "adapt-by", "", "with --adapt-to: weight whole sources (a SampleID,Source file naming every training pair's source) by how close their pairs are to the unlabeled ones (maximum mean discrepancy), instead of each pair")
	f.StringVarP(&o.out, "output", "o", "", "model file to write")
	return cmd
}

// checkTrainOptions validates flag combinations.
func checkTrainOptions(o *trainOptions) error {
	if _, err := lgbm.ParseKind(o.objective); err != nil {
		return err
	}
	switch {
	case o.target == "":
		return errors.New("--target is required")
	case o.out == "" && o.cv == 0:
		return errors.New("-o model.txt is required (unless only --cv is wanted)")
	case (o.valid == "") != (o.validTarget == ""):
		return errors.New("--valid and --valid-target go together")
	case o.valid != "" && o.validFraction != 0:
		return errors.New("use either --valid or --valid-fraction, not both")
	case o.validFraction < 0 || o.validFraction >= 1:
		return fmt.Errorf("--valid-fraction must be in [0, 1), got %v", o.validFraction)
	case o.cv != 0 && (o.cv < 2 || o.valid != "" || o.validFraction != 0):
		return errors.New("--cv needs K >= 2 and no --valid/--valid-fraction (each fold validates on its held-out pairs)")
	case o.p.EarlyStopping > 0 && o.valid == "" && o.validFraction == 0 && o.cv == 0:
		return errors.New("--early-stopping needs --valid, --valid-fraction or --cv")
	case o.json && o.cv == 0:
		return errors.New("--json prints the cross-validation result: it needs --cv")
	case !(o.selectCost > 0 && o.selectCost <= 1):
		return fmt.Errorf("--select-cost must be in (0, 1], got %v", o.selectCost)
	case o.selectCost < 1 && o.selectTop == 0:
		return errors.New("--select-cost needs --select-top")
	case o.weightsFile != "" && o.adaptTo != "":
		return errors.New("--weights and --adapt-to exclude each other")
	}
	return nil
}

func runTrain(cmd *cobra.Command, g *globalOptions, o *trainOptions, path string) error {
	// Training holds large matrices (the features, the bins of them and of
	// their mirror rows): collect garbage early so the peak stays near the
	// live size instead of twice it.
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	if err := checkTrainOptions(o); err != nil {
		return err
	}
	cfg := pairmodel.TrainConfig{Features: path, Targets: o.target, ValidFeatures: o.valid, ValidTargets: o.validTarget,
		ValidFraction: o.validFraction, CVFolds: o.cv, SkipFinal: o.out == "", NoMirror: o.noMirror,
		SelectTop: o.selectTop, SelectCost: o.selectCost, WeightsFile: o.weightsFile, AdaptTo: o.adaptTo, AdaptBy: o.adaptBy, Params: o.p,
		Context: cmd.Context()}
	cfg.Params.Objective, cfg.Params.Cores, cfg.Params.Seed = o.objective, g.Cores, uint64(g.Seed)
	if o.recipeSplit && o.recipeStopping {
		cfg.MinSplitPairs = pairmodel.Defaults().MinSplitPairs
	}
	if !g.Quiet {
		cfg.Log = cmd.ErrOrStderr()
	}
	if pw := g.progressOut(cmd); pw != nil {
		cfg.Progress = func(rounds int) (func(gbdt.Progress), func()) {
			bar, update := newRoundBar(pw, rounds)
			return update, func() { bar.Finish(); fmt.Fprintln(bar.Writer()) }
		}
	}
	if o.planFile != "" {
		pl, err := loadPlan(o.planFile)
		if err != nil {
			return err
		}
		cfg.Columns = pl.Names()
	}
	res, err := pairmodel.Train(cfg)
	if err != nil {
		return err
	}
	if res.CV != nil {
		if o.json {
			enc := json.NewEncoder(cmd.OutOrStdout())
			enc.SetIndent("", "  ")
			if err := enc.Encode(res.CV); err != nil {
				return err
			}
		} else {
			res.CV.WriteText(cmd.OutOrStdout())
		}
	}
	if res.Model == nil {
		return nil
	}
	if err := atomicfile.WriteFile(o.out, func(w io.Writer) error { return lgbm.Write(w, res.Model, res.Meta) }); err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintln(cmd.ErrOrStderr(), res.Summary(o.out))
	}
	return nil
}

// printTrainParams prints the parameters train would train with, in the
// format asked for.
func printTrainParams(w io.Writer, g *globalOptions, o *trainOptions, args []string) error {
	if o.printParams != "lightgbm" {
		return fmt.Errorf("--print-params %q: the format must be lightgbm", o.printParams)
	}
	if len(args) != 0 {
		return errors.New("--print-params takes no feature file")
	}
	p := o.p
	p.Objective, p.Seed = o.objective, uint64(g.Seed)
	return pairmodel.WriteLightGBMConfig(w, p)
}

// roundBar is a progress bar over boosting rounds.
type roundBar struct {
	*progressbar.ProgressBar
	w io.Writer
}

// Writer returns where the bar draws.
func (b *roundBar) Writer() io.Writer { return b.w }

// newRoundBar returns a progress bar on w (nil when w is nil) and the
// training callback that advances it.
func newRoundBar(w io.Writer, rounds int) (*roundBar, func(gbdt.Progress)) {
	if w == nil {
		return nil, nil
	}
	b := &roundBar{progressbar.NewOptions(rounds,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("boosting"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionSetWidth(30),
	), w}
	return b, func(pr gbdt.Progress) {
		desc := fmt.Sprintf("round %d loss %.4f", pr.Iteration, pr.TrainLoss)
		if !math.IsNaN(pr.ValidMetric) {
			desc = fmt.Sprintf("round %d valid AUC %.4f (best round %d)", pr.Iteration, pr.ValidMetric, pr.BestIteration)
		}
		b.Describe(desc)
		b.Set(pr.Iteration)
	}
}
