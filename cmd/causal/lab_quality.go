package main

import (
	"fmt"

	"github.com/spf13/cobra"

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
