package main

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/protocol"
)

func newLabRegimesCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cfg := protocol.RegimesConfig{N: 400, Seed: 78, Methods: protocol.RegimesMethods}
	cmd := &cobra.Command{
		Use:   "regimes",
		Short: "Classical methods' AUC in each regime of the generator (cause families, SIM simulators)",
		Long: `Which regimes the generator's cause families and simulators put the classical
methods in (BENCHMARKS.md, "What the training corpus changed"): for each
setting (--causes all, gmm=3,uniform=3,all, gmm,uniform; --simulator sim,
sim-c, sim-ln, sim-g), --n Numerical-Numerical pairs of the two causal classes
(--seed-gen), scored by each --methods classical method as causal baseline
and causal evaluate would: bidirectional AUC / accuracy. Generated data only.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := unused(cmd, "cache", "plan", "train-plan"); err != nil {
				return err
			}
			cfg.Regimes, cfg.Cores, cfg.Log = protocol.Regimes(), g.Cores, o.log(cmd, g)
			res, err := protocol.RegimesTable(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab regimes: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.IntVar(&cfg.N, "n", cfg.N, "pairs drawn in each regime")
	f.Uint64Var(&cfg.Seed, "seed-gen", cfg.Seed, "the generator's seed")
	f.StringSliceVar(&cfg.Methods, "methods", cfg.Methods, "classical methods (comma-separated; see causal baseline)")
	return cmd
}

func newLabClassicalCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cfg := protocol.ClassicalConfig{Tuebingen: "../shared/data/tuebingen", NSim: 100, SimPoints: 1000, SimSeed: 303}
	sim := true
	cmd := &cobra.Command{
		Use:   "classical",
		Short: "Each classical direction method alone on Tübingen and on the SIM simulators",
		Long: `Each classical direction method (causal baseline) used directly, no model,
scored as causal evaluate would on
  (a) the Tübingen pairs (--tuebingen: a test set, only measured on, nothing
      is chosen on it), every --methods method (default: all);
  (b) --nsim pairs of each SIM simulator (generate --simulator sim, sim-c,
      sim-ln, sim-g; 1,000 points, seed 303), the --sim-methods methods: a
      check of the implementations against the papers' SIM figures,
      independent of Tübingen. --sim=false skips it.
Prints the bidirectional AUC, the sign accuracy, the pairs where the method
is undefined (scored 0) and the wall time of each method.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := unused(cmd, "cache", "plan", "train-plan"); err != nil {
				return err
			}
			if !sim {
				cfg.SimMethods = nil
			}
			cfg.Cores, cfg.Log = g.Cores, o.log(cmd, g)
			res, err := protocol.Classical(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab classical: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Tuebingen, "tuebingen", cfg.Tuebingen, "folder of the Tübingen pairs (pairs.csv, publicinfo.csv, target.csv)")
	f.StringSliceVar(&cfg.Methods, "methods", nil, "methods scored on Tübingen (comma-separated; default: every method of causal baseline)")
	f.StringSliceVar(&cfg.SimMethods, "sim-methods", protocol.ClassicalSimMethods, "methods scored on the SIM simulators")
	f.BoolVar(&sim, "sim", sim, "also score the SIM simulators")
	f.IntVar(&cfg.NSim, "nsim", cfg.NSim, "pairs of each SIM simulator")
	return cmd
}

func newLabQualityCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cfg := protocol.QualityConfig{QualityBench: defaultQualityBench(), NSim: 250, Methods: protocol.QualityMethods}
	cmd := &cobra.Command{
		Use:   "quality",
		Short: "Quality against the published methods on generated pairs, Tübingen and the SIM simulators",
		Long: `Train on the training parts of make-model's corpus (read from --cache when
make model cached them, else drawn) with the default model's number of leaves
(--model's num_leaves; --leaves overrides) and causal train's recipe, a tenth
held out, once on the runner-up's measures and once on the winner's families
(in-sample fits only), and score them, the default model (--model; default
the embedded model's trees) and each classical --methods score on
  (a) --ntest generated test pairs (seed 202, other noise levels, mixtures
      and coarse fraction),
  (b) the Tübingen pairs (--tuebingen: a test set, only measured on), and
  (c) --nsim pairs of each SIM simulator (1,000 points, seed 303):
bidirectional AUC and sign accuracy, then the SIM column per simulator and
the default model on (a) by cause family and mechanism.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if cfg.NSim < 1 {
				return fmt.Errorf("lab quality: --nsim must be >= 1, got %d", cfg.NSim)
			}
			if err := o.qualityBench(cmd, g, &cfg.QualityBench); err != nil {
				return err
			}
			res, err := protocol.QualityTable(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab quality: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	addQualityBenchFlags(cmd, &cfg.QualityBench)
	f := cmd.Flags()
	f.IntVar(&cfg.NSim, "nsim", cfg.NSim, "pairs of each SIM simulator")
	f.StringSliceVar(&cfg.Methods, "methods", cfg.Methods, "classical methods scored directly (comma-separated)")
	return cmd
}

func newLabSelectTopCmd(g *globalOptions, o *labOptions) *cobra.Command {
	cfg := protocol.SelectTopConfig{QualityBench: defaultQualityBench()}
	ks := []string{"300", "1000", "2000", "all"}
	cmd := &cobra.Command{
		Use:   "select-top",
		Short: "The --select-top K trade-off: features, training time, quality, predict time",
		Long: `For each K of --k, train on the training parts of make-model's corpus (read
from --cache when make model cached them, else drawn) with the default
model's number of leaves (--model's num_leaves; --leaves overrides), causal
train's recipe, a tenth held out, and --select-top K (all: no selection),
then print the model's features, its training time, its bidirectional AUC
and accuracy on lab quality's --ntest generated test pairs and on the
Tübingen pairs (--tuebingen: a test set, only measured on), and the time to
predict the generated test pairs from raw pairs (featurizing only the
model's features). Times are wall seconds.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var err error
			if cfg.Ks, err = parseKs(ks); err != nil {
				return fmt.Errorf("lab select-top: %w", err)
			}
			if err := o.qualityBench(cmd, g, &cfg.QualityBench); err != nil {
				return err
			}
			res, err := protocol.SelectTopTable(cmd.Context(), cfg)
			if err != nil {
				return fmt.Errorf("lab select-top: %w", err)
			}
			return o.printResult(cmd.OutOrStdout(), res)
		},
	}
	addQualityBenchFlags(cmd, &cfg.QualityBench)
	cmd.Flags().StringSliceVar(&ks, "k", ks, "numbers of features kept (comma-separated; all: no selection)")
	return cmd
}

// defaultQualityBench is the quality benchmarks' defaults: make-model's
// corpus, 1,000 generated test pairs, the shared Tübingen pairs.
func defaultQualityBench() protocol.QualityBench {
	return protocol.QualityBench{Corpus: corpus.V6(), Tuebingen: "../shared/data/tuebingen", NTest: 1000}
}

// addQualityBenchFlags binds the flags the quality benchmarks share.
func addQualityBenchFlags(cmd *cobra.Command, b *protocol.QualityBench) {
	addCorpusFlags(cmd.Flags(), &b.Corpus, "tuning")
	f := cmd.Flags()
	f.StringVar(&b.Model, "model", "", "the default model (default: the embedded model's trees)")
	f.IntVar(&b.Leaves, "leaves", 0, "leaves of the retrained models (default: the model's num_leaves)")
	f.StringVar(&b.Tuebingen, "tuebingen", b.Tuebingen, "folder of the Tübingen pairs (pairs.csv, publicinfo.csv, target.csv)")
	f.IntVar(&b.NTest, "ntest", b.NTest, "generated test pairs")
}

// qualityBench checks the shared flags and completes b with the cache, the
// seed and the cores.
func (o *labOptions) qualityBench(cmd *cobra.Command, g *globalOptions, b *protocol.QualityBench) error {
	if err := unused(cmd, "train-plan"); err != nil {
		return err
	}
	switch {
	case b.NTest < 2:
		return fmt.Errorf("lab %s: --ntest must be >= 2, got %d", cmd.Name(), b.NTest)
	case b.Leaves < 0 || b.Leaves == 1:
		return fmt.Errorf("lab %s: --leaves must be >= 2, got %d", cmd.Name(), b.Leaves)
	}
	if err := b.Corpus.Validate(); err != nil {
		return fmt.Errorf("lab %s: %w", cmd.Name(), err)
	}
	cache, _, err := o.featureCache(cmd, g)
	if err != nil {
		return err
	}
	b.Cache, b.Seed, b.Cores, b.Log = cache, uint64(g.Seed), g.Cores, cache.Log
	return nil
}

// parseKs reads the --k list: numbers of features, or all (0).
func parseKs(ks []string) ([]int, error) {
	if len(ks) == 0 {
		return nil, fmt.Errorf("--k: no K given")
	}
	out := make([]int, len(ks))
	for i, k := range ks {
		if strings.EqualFold(strings.TrimSpace(k), "all") {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(k))
		if err != nil || n < 1 {
			return nil, fmt.Errorf("--k: %q is neither a positive number of features nor all", k)
		}
		out[i] = n
	}
	return out, nil
}
