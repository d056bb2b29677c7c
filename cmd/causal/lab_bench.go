package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/protocol"
)

func newLabCandidatesCmd(g *globalOptions, o *labOptions) *cobra.Command {
	tests := protocol.TestSets()
	cmd := &cobra.Command{
		Use:   "candidates name=model.txt [name=model.txt...]",
		Short: "Score candidate default models on the protocol's test sets, with the replacement rule",
		Long: `Score each model (name=path; an empty path is the embedded default model, with
its second stage when it has one) on every source's test pairs, predicting
from the raw pairs so that each model's own feature plan and selection apply:
bidirectional AUC / accuracy per source and the mean AUC. Every model after
the first is judged against the first by the replacement rule of
BENCHMARKS.md ("The default model: corpus v3 against v4"): it replaces it if
its mean AUC is at least 0.01 higher and no source's AUC is more than 0.03
lower (differences at 4 decimals).

The test sets are SIZE=small's: 200 pairs of each source, seed 5000 +
1000·i + 500, 100-1,000 points (never a training pair of make-model's
corpus); --test-per-source 1000 --test-max-points 8000 gives SIZE=full's.`,
		Example: "  causal lab candidates v6= new=out/model/model.txt",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := unused(cmd, "plan", "train-plan", "cache"); err != nil {
				return err
			}
			var models []protocol.Candidate
			for _, a := range args {
				name, path, ok := strings.Cut(a, "=")
				if !ok || name == "" {
					return fmt.Errorf("lab candidates: %q is not name=path (an empty path is the embedded model)", a)
				}
				models = append(models, protocol.Candidate{Name: name, Path: path})
			}
			cfg := protocol.CandidatesConfig{Tests: tests, Models: models, Cores: g.Cores, Log: o.log(cmd, g)}
			res, err := protocol.Candidates(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab candidates: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	cmd.Flags().StringSliceVar(&tests.Sources, "sources", tests.Sources, "sources whose test sets score (comma-separated)")
	addTestFlags(cmd.Flags(), &tests)
	return cmd
}

func newLabInDistCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cp, tests := corpus.V6(), protocol.TestSets()
	cfg := protocol.InDistConfig{N: 4000}
	cmd := &cobra.Command{
		Use:   "in-distribution",
		Short: "Full plan against the runner-up's measures, each source trained on its own pairs",
		Long: `For each source, train on the first --n training pairs of that source of the
corpus (make-model's: its features are read from --cache when make model has
cached them, else drawn), once with every feature and once with the
runner-up's measures alone, and score both on the source's test pairs: the
in-distribution target of BENCHMARKS.md ("In-distribution at the issue's
size"), met on a source if full − runner-up ≥ +0.02. The first n pairs of a
source are those a corpus of n pairs per source draws (its quota of each
simulator), so the corpus's seeds and sizes must be make-model's.`,
		Args: cobra.NoArgs,
		RunE: o.onCache(g, func(ctx context.Context, cache *protocol.Cache) (result, error) {
			tests.Sources = cp.Sources
			cfg.Corpus, cfg.Tests, cfg.Cache = cp, tests, cache
			cfg.Seed, cfg.Cores, cfg.Log = uint64(g.Seed), g.Cores, cache.Log
			return protocol.InDistribution(ctx, cfg)
		}),
	}
	addCorpusFlags(cmd.Flags(), &cp, "tuning")
	addTestFlags(cmd.Flags(), &tests)
	cmd.Flags().IntVar(&cfg.N, "n", cfg.N, "training pairs of each source")
	cmd.Flags().IntVar(&cfg.Leaves, "leaves", 15, "maximum leaves per tree")
	return cmd
}

func newLabAblationCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cp, tests := corpus.V6(), protocol.TestSets()
	cfg := protocol.AblationConfig{InDistConfig: protocol.InDistConfig{N: 2000}}
	cmd := &cobra.Command{
		Use:   "ablation",
		Short: "Leave one source out at a larger size from make-model's corpus, and the source ablation",
		Long: `For each source, train on the first --n training pairs of every other source of
the corpus (make-model's, read from --cache when cached, else drawn), and
train one model on all of them; score every model on every source's test
pairs. Prints the held-out AUC per source with the mean and the worst (leave
one source out at --n pairs per source), then the source-ablation matrix:
each model on every test set, the held-out cell in bold, and each model's
mean over the sources it saw (BENCHMARKS.md, "The protocol at 2,000
training pairs per source").`,
		Args: cobra.NoArgs,
		RunE: o.onCache(g, func(ctx context.Context, cache *protocol.Cache) (result, error) {
			tests.Sources = cp.Sources
			cfg.Corpus, cfg.Tests, cfg.Cache = cp, tests, cache
			cfg.Seed, cfg.Cores, cfg.Log = uint64(g.Seed), g.Cores, cache.Log
			return protocol.Ablation(ctx, cfg)
		}),
	}
	addCorpusFlags(cmd.Flags(), &cp, "tuning")
	addTestFlags(cmd.Flags(), &tests)
	cmd.Flags().IntVar(&cfg.N, "n", cfg.N, "training pairs of each source")
	cmd.Flags().IntVar(&cfg.Leaves, "leaves", 15, "maximum leaves per tree")
	cmd.Flags().StringVar(&cfg.Plan, "train-on", "full", "protocol plan the models train on: "+strings.Join(protocol.PlanNames(), ", "))
	return cmd
}

func newLabAdaptBenchCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cp := protocol.SmallLOSO()
	cfg := protocol.AdaptBenchConfig{Method: protocol.AdaptDraw, N: 2400, Probe: 60}
	cmd := &cobra.Command{
		Use:   "adapt-bench",
		Short: "Adaptation against its unadapted control, leave one source out",
		Long: `For each held-out source (--held, default every source of the corpus), an
adapted model against its unadapted control, both scored on the source's test
pairs (the corpus's held-out draw, --tune-per-source), and the adaptation
rule of BENCHMARKS.md: recommended only if the mean AUC gains at least 0.02
with no source more than 0.03 below its control. --method:

  draw     causal adapt on the source's unlabeled test pairs, drawing --n
           pairs from the other sources (--probe pairs of every candidate
           matched), against causal adapt --uniform --coarse 0.2 (the same
           number drawn equally from the others); causal train's recipe with
           --select-top 2000 --select-cost 0.2 ("causal adapt, pre-registered")
  pairs    the held-out model of leave one source out (the other sources'
           --per-source training pairs) trained with train --adapt-to the
           source's test features, against the same model unweighted
  sources  the same with whole sources weighted (train --adapt-to --adapt-by)

Defaults are SIZE=small's corpus (400 training and 200 test pairs per source,
100-1,000 points, seed 5000).`,
		Args: cobra.NoArgs,
		RunE: o.onCache(g, func(ctx context.Context, cache *protocol.Cache) (result, error) {
			cfg.Corpus, cfg.Cache = cp, cache
			cfg.Seed, cfg.Cores, cfg.Log = uint64(g.Seed), g.Cores, cache.Log
			return protocol.AdaptBench(ctx, cfg)
		}),
	}
	addCorpusFlags(cmd.Flags(), &cp, "test")
	f := cmd.Flags()
	f.StringVar(&cfg.Method, "method", cfg.Method, "adaptation: "+strings.Join(protocol.AdaptMethods(), ", "))
	f.StringSliceVar(&cfg.Held, "held", nil, "sources to hold out (default: every source of the corpus)")
	f.IntVar(&cfg.N, "n", cfg.N, "pairs causal adapt draws (method draw)")
	f.IntVar(&cfg.Probe, "probe", cfg.Probe, "pairs of every candidate compared with the held-out source's (method draw)")
	f.IntVar(&cfg.Leaves, "leaves", 15, "maximum leaves per tree (methods pairs and sources)")
	return cmd
}

func newLabTestSetsCmd(g *globalOptions, o *labOptions) *cobra.Command {
	tests := protocol.TestSets()
	var dir string
	cmd := &cobra.Command{
		Use:   "test-sets -o DIR",
		Short: "Write the protocol's test pairs as challenge files (DIR/<source>_test_{pairs,publicinfo,target}.csv)",
		Long: `Write every source's test pairs, the sets lab candidates scores on (SIZE=small's
by default: 200 pairs per source, seed 5000 + 1000·i + 500, 100-1,000
points), as challenge file sets for scripts and other tools.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := unused(cmd, "plan", "train-plan", "cache"); err != nil {
				return err
			}
			if dir == "" {
				return fmt.Errorf("lab test-sets: -o DIR is required")
			}
			if _, err := protocol.WriteTestSets(tests, dir, g.Cores, o.log(cmd, g)); err != nil {
				return fmt.Errorf("lab test-sets: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&dir, "output", "o", "", "folder to write the sets to (required)")
	cmd.Flags().StringSliceVar(&tests.Sources, "sources", tests.Sources, "sources whose test sets to write (comma-separated)")
	addTestFlags(cmd.Flags(), &tests)
	return cmd
}

func newLabRealPairsCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cfg := protocol.RealPairsConfig{Dir: "testdata/realpairs", InnerFolds: 10, Tests: protocol.TestSets()}
	var out string
	cmd := &cobra.Command{
		Use:   "realpairs [--gen] [-o stack.json]",
		Short: "Every classical method, the embedded trees and the second stage on the real-pair collection",
		Long: `Score the certified real-pair collection (--dir) with every classical method of
causal baseline, the embedded trees alone (never trained on it) and the
second stage under nested leave one data set out (its penalty chosen by
grouped --inner-folds over the other data sets; 0: leave one data set out
inside too, about 16x the CPU), each by the weighted metrics of causal
evaluate --weights over the directed pairs: the table of BENCHMARKS.md
("Real pairs in the loop: the second stage"). Then fit the stage on the
whole collection (penalty by leave one data set out), written to -o: the
built-in model's second stage (make model-stack). --gen adds the generated
proxy: the trees alone and trees + stage on the protocol's test sets, with
the mean AUC. Scores and features are cached in --cache (default here:
out/realpairs) by content.`,
		Example: "  causal lab realpairs --gen -o out/realpairs/stack.json",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := unused(cmd, "plan", "train-plan"); err != nil {
				return err
			}
			cfg.Cache = o.cache
			if !cmd.Flags().Changed("cache") {
				cfg.Cache = "out/realpairs"
			}
			cfg.Cores, cfg.Log = g.Cores, o.log(cmd, g)
			res, err := protocol.RealPairs(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab realpairs: %w", err)
			}
			if out != "" {
				text, err := res.Stack.JSON()
				if err != nil {
					return err
				}
				if err := writeOutput(cmd, out, func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
					return err
				}
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Dir, "dir", cfg.Dir, "folder of the real-pair collection")
	f.IntVar(&cfg.InnerFolds, "inner-folds", cfg.InnerFolds, "grouped folds choosing each outer fold's penalty (0: leave one data set out)")
	f.BoolVar(&cfg.Gen, "gen", false, "add the generated proxy on the protocol's test sets")
	f.StringVarP(&out, "output", "o", "", "write the stage fitted on the whole collection here (causal stack fit's JSON)")
	f.StringSliceVar(&cfg.Tests.Sources, "sources", cfg.Tests.Sources, "sources whose test sets the generated proxy scores (comma-separated)")
	addTestFlags(f, &cfg.Tests)
	return cmd
}
