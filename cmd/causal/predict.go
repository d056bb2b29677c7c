package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/scan"
)

func init() { register(newPredictCmd) }

// predictOptions are the flags of `causal predict`.
type predictOptions struct {
	info, model, out string
	method           string
	features         bool
	skipBad          bool
	stack            stackOptions
}

func newPredictCmd(g *globalOptions) *cobra.Command {
	o := &predictOptions{}
	cmd := &cobra.Command{
		Use:   "predict pairs.csv [--info publicinfo.csv] [--model model.txt] [-o predictions.csv]",
		Short: "Score pairs with a model",
		Long: `Score cause-effect pairs with a LightGBM text model (--model; default: the
model embedded in causal, trained by make model) and write the challenge
submission format SampleID,Target (stdout without -o): a positive score for
A->B, negative for B->A, near zero for neither.

The input is a pairs file (streamed; only the features the model splits on,
and their mirror partners, are computed) or an already featurized file: use
--features, or name it *.features, *.arrow or *.feather (a feature file may
have more columns than the model; they are matched by name).

Any LightGBM v2/v3/v4 text model whose feature names belong to the feature
plan is accepted, e.g. one trained by LightGBM on exported features. A model
written by causal train carries its recipe; for other models the objective
comes from their objective= line and scores are antisymmetric when every
feature's mirror partner is among the model's features: the score is then
computed from the pair's row and its mirror row, so that swapping A and B
negates it exactly (for pairs input this relies on the featurizer computing
the mirror row of (A, B) for (B, A), which it does by construction).

A second stage (--stack, or the built-in model's own when it has one; see
causal stack) turns the trees' score and classical direction scores into
the final score, also antisymmetric and in [-1, 1]; --no-stack scores with
the trees alone.

--method NAME scores the pairs with one classical direction method instead
of the model (as causal baseline does; ` + "`causal scan --method`" + ` uses the same
scores); stderr says which scorer ran. Methods: ` + strings.Join(scan.Methods(), ", ") + `.

` + pairio.TypeRule,
		Example: "  causal predict test_pairs.csv --info test_publicinfo.csv --model model.txt -o predictions.csv\n" +
			"  causal predict test.features --model model.txt > predictions.csv",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if o.method != scan.ModelMethod {
				if o.model != "" || o.features {
					return fmt.Errorf("--method %s scores pairs without a model: --model and --features do not apply", o.method)
				}
				return runBaseline(cmd, g, args[0], o.info, o.out, o.method, "", o.skipBad)
			}
			return runPredict(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.info, "info", "", "publicinfo file with the variable types (inferred from the data if absent)")
	f.StringVar(&o.model, "model", "", "LightGBM text model (default: the model embedded in causal)")
	f.StringVar(&o.method, "method", scan.ModelMethod, "scorer: the model, or a classical direction method (see above)")
	f.BoolVar(&o.features, "features", false, "the input is a feature file, not a pairs file")
	f.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed pairs (reported on stderr) instead of failing")
	f.StringVarP(&o.out, "output", "o", "", "predictions file (default stdout)")
	addStackFlags(f, &o.stack)
	return cmd
}

func runPredict(cmd *cobra.Command, g *globalOptions, o *predictOptions, path string) error {
	s, err := newPairScorer(o.model, o.stack, g.Cores)
	if err != nil {
		return err
	}
	fromFeatures := o.features || isFeatureFile(path)
	if !fromFeatures {
		if _, err := s.PairPlan(); err != nil {
			return fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	return writeOutput(cmd, o.out, func(w io.Writer) error {
		pw := pairio.NewPredictionWriter(w)
		score := predictPairs
		if fromFeatures {
			score = predictFeatures
		}
		if err := score(cmd, o, s, path, pw.Write); err != nil {
			return err
		}
		return pw.Flush()
	})
}

// predictFeatures scores the rows of a feature file.
func predictFeatures(cmd *cobra.Command, _ *predictOptions, s *pairmodel.Scorer, path string, emit func([]string, []float64) error) error {
	r, err := featio.Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	return s.ScoreFeatureStream(cmd.Context(), path, r, emit)
}

// predictPairs streams a pairs file, featurized and scored in batches; with
// --skip-bad it reports how many pairs were skipped, and fails when every
// pair was.
func predictPairs(cmd *cobra.Command, o *predictOptions, s *pairmodel.Scorer, path string, emit func([]string, []float64) error) error {
	r, err := openPairs(cmd, path, o.info, o.skipBad)
	if err != nil {
		return err
	}
	defer r.Close()
	scored := 0
	count := func(ids []string, scores []float64) error { scored += len(ids); return emit(ids, scores) }
	if err := s.ScorePairStream(cmd.Context(), r, count); err != nil {
		return err
	}
	return checkSkipped(cmd, r, path, scored)
}
