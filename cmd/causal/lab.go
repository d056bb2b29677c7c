package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/protocol"
)

func init() { register(newLabCmd) }

// labOptions are the flags shared by the lab's experiments.
type labOptions struct {
	cache, planFile, trainPlan string
	planVariant                string
	json                       bool
}

func newLabCmd(g *globalOptions) *cobra.Command {
	o := &labOptions{}
	cmd := &cobra.Command{
		Use:   "lab",
		Short: "The project's experiments: build and choose the default model, leave one source out",
		Long: `The experiments causal's default model is chosen and built by, in process,
from one definition of the corpora (internal/corpus) and of the protocol
(internal/protocol). Features are cached in --cache by content (the part of
the corpus drawn and the plan), results print as Markdown tables (--json: as
JSON). A corpus is given by --sources, --per-source (training pairs),
--tune-per-source (tuning or test pairs), --min-points, --max-points and
--corpus-seed; each experiment states its defaults.`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&o.cache, "cache", "out/model", "folder of the cached features and joined sets")
	pf.StringVar(&o.planFile, "plan", "", "featurize only the features matching this plan file's patterns (default: every feature)")
	pf.StringVar(&o.planVariant, "plan-variant", "", planVariantUsage)
	pf.StringVar(&o.trainPlan, "train-plan", "", "train only on the features matching this plan file's patterns")
	pf.BoolVar(&o.json, "json", false, "print the result as JSON instead of Markdown")
	cmd.AddCommand(newLabMakeModelCmd(g, o), newLabLOSOCmd(g, o), newLabSourcesCmd(),
		newLabCandidatesCmd(g, o), newLabInDistCmd(g, o), newLabAblationCmd(g, o), newLabAdaptBenchCmd(g, o), newLabTestSetsCmd(g, o), newLabRealPairsCmd(g, o),
		newLabRegimesCmd(g, o), newLabClassicalCmd(g, o), newLabQualityCmd(g, o), newLabSelectTopCmd(g, o))
	return cmd
}

// addCorpusFlags binds the flags of a corpus to c, with c's values as
// defaults; tuneWhat says what the --tune-per-source pairs are for.
func addCorpusFlags(f *pflag.FlagSet, c *corpus.Corpus, tuneWhat string) {
	f.StringSliceVar(&c.Sources, "sources", c.Sources, "sources of the corpus (comma-separated)")
	f.IntVar(&c.PerSource, "per-source", c.PerSource, "training pairs drawn from each source")
	f.IntVar(&c.TunePerSource, "tune-per-source", c.TunePerSource, tuneWhat+" pairs drawn from each source")
	f.IntVar(&c.MinPoints, "min-points", c.MinPoints, "smallest sample size")
	f.IntVar(&c.MaxPoints, "max-points", c.MaxPoints, "largest sample size")
	f.Uint64Var(&c.Seed, "corpus-seed", c.Seed, "base of the corpus's seed layout (--seed seeds training)")
}

// addTestFlags binds the flags of the protocol's test sets to c (the Test
// parts of a corpus without training pairs), with c's values as defaults.
func addTestFlags(f *pflag.FlagSet, c *corpus.Corpus) {
	f.IntVar(&c.TunePerSource, "test-per-source", c.TunePerSource, "test pairs of each source (1000 for SIZE=full's sets)")
	f.IntVar(&c.MinPoints, "test-min-points", c.MinPoints, "smallest sample size of the test pairs")
	f.IntVar(&c.MaxPoints, "test-max-points", c.MaxPoints, "largest sample size of the test pairs (8000 for SIZE=full's sets)")
	f.Uint64Var(&c.Seed, "test-seed", c.Seed, "base of the test sets' seed layout")
}

// featureCache is the cache the flags describe.
func (o *labOptions) featureCache(cmd *cobra.Command, g *globalOptions) (*protocol.Cache, []string, error) {
	pl, err := loadPlanVariant(o.planFile, o.planVariant)
	if err != nil {
		return nil, nil, err
	}
	var cols []string
	if o.trainPlan != "" {
		tp, err := loadPlan(o.trainPlan)
		if err != nil {
			return nil, nil, err
		}
		cols = tp.Names()
	}
	c := &protocol.Cache{Dir: o.cache, Plan: pl, Cores: g.Cores}
	if !g.Quiet {
		c.Log = cmd.ErrOrStderr()
	}
	return c, cols, nil
}

// unused refuses the lab's flags that the experiment does not take.
func unused(cmd *cobra.Command, names ...string) error {
	for _, n := range names {
		if cmd.Flags().Changed(n) {
			return fmt.Errorf("lab %s: --%s does not apply here", cmd.Name(), n)
		}
	}
	return nil
}

// log is where an experiment logs (nil with --quiet).
func (o *labOptions) log(cmd *cobra.Command, g *globalOptions) io.Writer {
	if g.Quiet {
		return nil
	}
	return cmd.ErrOrStderr()
}

// result is what an experiment returns, printed as Markdown or JSON.
type result interface {
	Markdown(io.Writer) error
	JSON(io.Writer) error
}

// printResult prints a result as Markdown or JSON.
func (o *labOptions) printResult(w io.Writer, r result) error {
	if o.json {
		return r.JSON(w)
	}
	return r.Markdown(w)
}

// onCache is the RunE of an experiment on the feature cache: it refuses
// --train-plan, opens the cache and prints what run returns.
func (o *labOptions) onCache(g *globalOptions, run func(ctx context.Context, cache *protocol.Cache) (result, error)) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, _ []string) error {
		if err := unused(cmd, "train-plan"); err != nil {
			return err
		}
		cache, _, err := o.featureCache(cmd, g)
		if err != nil {
			return err
		}
		res, err := run(cmd.Context(), cache)
		if err != nil {
			return fmt.Errorf("lab %s: %w", cmd.Name(), err)
		}
		return o.printResult(cmd.OutOrStdout(), res)
	}
}

func newLabMakeModelCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cp := corpus.V6()
	var out string
	var leaves []int
	cmd := &cobra.Command{
		Use:   "make-model -o model.txt",
		Short: "Build a model the way the default model is built (make model)",
		Long: `Featurize the corpus's training and tuning parts, choose the number of leaves
by 3-fold cross-validation on the tuning set (highest mean bidirectional AUC
at 4 decimals, the first of equals), and train the final model on the
training set with causal train's recipe, 10 % held out for early stopping,
--select-top 2000 and --select-cost 0.2. The model records its corpus
([corpus: ...]). Same flags and --seed give the same model bytes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return errors.New("lab make-model: -o model.txt is required")
			}
			cache, cols, err := o.featureCache(cmd, g)
			if err != nil {
				return err
			}
			cfg := protocol.MakeModelConfig{Corpus: cp, Cache: cache, Out: out, Leaves: leaves, Columns: cols,
				Seed: uint64(g.Seed), Cores: g.Cores, Log: cache.Log}
			res, err := protocol.MakeModel(cfg)
			if err != nil {
				return fmt.Errorf("lab make-model: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	addCorpusFlags(cmd.Flags(), &cp, "tuning")
	cmd.Flags().StringVarP(&out, "output", "o", "", "model file to write (required)")
	cmd.Flags().IntSliceVar(&leaves, "leaves", []int{15, 63}, "numbers of leaves to cross-validate")
	return cmd
}

func newLabLOSOCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cp := corpus.V6()
	var leaves int
	var plans []string
	var own bool
	cmd := &cobra.Command{
		Use:   "loso",
		Short: "Leave one source out: held-out and in-distribution AUC per source",
		Long: `For every source of the corpus, train on the other sources' training pairs
(--per-source each) and on all of them (and with --own on the source alone),
and score the models on the source's test pairs (--tune-per-source, the
held-out draw): the criterion of BENCHMARKS.md ("Generalization: leave one
source out"). Training uses causal train's recipe with --leaves leaves and
10 % held out for early stopping, on each of --plans (full: every feature;
runnerup: the runner-up's measures; winner: the winner's families;
classical: the classical direction scores).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := unused(cmd, "train-plan"); err != nil {
				return err
			}
			cache, _, err := o.featureCache(cmd, g)
			if err != nil {
				return err
			}
			for i, p := range plans {
				cfg := protocol.LOSOConfig{Corpus: cp, Cache: cache, Plan: p, Leaves: leaves, Own: own,
					Seed: uint64(g.Seed), Cores: g.Cores, Log: cache.Log}
				res, err := protocol.LOSO(cmd.Context(), cfg)
				if err != nil {
					return fmt.Errorf("lab loso: %w", err)
				}
				if i > 0 && !o.json {
					fmt.Fprintln(cmd.OutOrStdout())
				}
				if err := o.printResult(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			}
			return nil
		},
	}
	addCorpusFlags(cmd.Flags(), &cp, "test")
	cmd.Flags().IntVar(&leaves, "leaves", 15, "maximum leaves per tree of the protocol's models")
	cmd.Flags().StringSliceVar(&plans, "plans", []string{"full", "runnerup"}, "feature plans to train on, each its own table: "+strings.Join(protocol.PlanNames(), ", "))
	cmd.Flags().BoolVar(&own, "own", true, "also train on each source alone (the in-distribution comparison)")
	return cmd
}

func newLabSourcesCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "sources",
		Short: "Print the sources as name:simulator[,simulator...] (for scripts)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			specs := make([]string, len(corpus.Sources))
			for i, s := range corpus.Sources {
				specs[i] = s.Name + ":" + strings.Join(s.Simulators, ",")
			}
			_, err := fmt.Fprintln(cmd.OutOrStdout(), strings.Join(specs, " "))
			return err
		},
	}
}
