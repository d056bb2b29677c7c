package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/adapt"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newAdaptCmd) }

// adaptOptions are the flags of `causal adapt`.
type adaptOptions struct {
	info, out, planFile, keep string
	sources                   []string
	coarse                    []float64
	uniform                   bool
	n, probe, selectTop       int
	selectCost                float64
}

func newAdaptCmd(g *globalOptions) *cobra.Command {
	o := &adaptOptions{}
	cmd := &cobra.Command{
		Use:   "adapt my_pairs.csv [--info my_publicinfo.csv] -o my_model.txt",
		Short: "Train a model on generated pairs chosen to look like your own unlabeled pairs",
		Long: `Choose the generators whose pairs look most like yours, draw a training corpus
from them, and train a model on it, without any label of yours:

 1. candidates: each source of the default corpus (challenge, SIM, CDT,
    RCC/NCC, ANLSMN, semireal) at each recording setting (0, 20 or 50 % of
    the Numerical variables on a coarse grid), with your pairs' range of
    sample sizes and your mix of variable types;
 2. --probe pairs of every candidate and your pairs are featurized on the
    label-free features (A.*, B.*, AmB.*, S.*, meta.*), and each candidate
    is weighted by its maximum mean discrepancy to your pairs,
    w ∝ exp(−MMD²/median MMD²) (internal/corpus: Match);
 3. --n pairs are drawn in proportion to the weights, featurized (--plan) and
    trained on with causal train's default recipe, --select-top and
    --select-cost.

--uniform skips step 2 and draws equally from every candidate (with
--coarse, of the given recording settings only): the unadapted control that
the protocol compares with. The chosen mix is printed and recorded in the
model ([adapted_to: ...]).
Same pairs, flags and --seed give the same model, whatever --cores.
This is the adapted model, not the built-in one: say which you report.

It does not help on real data. Adapted to the unlabeled pairs of a weighted
Tübingen variant (2,400 drawn pairs), the model's weighted accuracy fell
from 0.70 (built-in model) to 0.60, AUC 0.69 both (measured outside the
project, issue 18); it has not been shown to help on the project's own
real-pair collection either. On generated sources it gained on some and
lost on others (BENCHMARKS.md). Prefer the built-in model for real data;
adapt is an experiment, not a recommendation.`,
		Example: "  causal adapt my_pairs.csv --info my_publicinfo.csv --n 4000 -o my_model.txt\n" +
			"  causal predict my_pairs.csv --info my_publicinfo.csv --model my_model.txt",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error { return runAdapt(cmd, g, o, args[0]) },
	}
	f := cmd.Flags()
	f.StringVar(&o.info, "info", "", "publicinfo file of your pairs (default: types inferred)")
	f.StringVarP(&o.out, "output", "o", "", "model file to write (required)")
	f.IntVar(&o.n, "n", 2400, "training pairs to draw")
	f.IntVar(&o.probe, "probe", 60, "pairs of every candidate drawn to compare with yours")
	f.StringVar(&o.planFile, "plan", "", "train only on the features matching this plan file's patterns")
	f.StringVar(&o.keep, "keep", "", "keep the corpus (DIR/adapt_pairs.csv, _publicinfo.csv, _target.csv, .features) in this folder")
	f.StringSliceVar(&o.sources, "sources", nil, "draw only from these sources (comma-separated; default all six)")
	f.Float64SliceVar(&o.coarse, "coarse", nil, "recording settings to consider (fractions of coarse Numerical variables; default 0,0.2,0.5)")
	f.BoolVar(&o.uniform, "uniform", false, "do not match: draw equally from every candidate (the unadapted control of the protocol)")
	f.IntVar(&o.selectTop, "select-top", pairmodel.DefaultSelectTop, "as causal train --select-top (0: no selection)")
	f.Float64Var(&o.selectCost, "select-cost", pairmodel.DefaultSelectCost, "as causal train --select-cost (1: no cost-aware selection)")
	return cmd
}

func runAdapt(cmd *cobra.Command, g *globalOptions, o *adaptOptions, path string) error {
	switch {
	case o.out == "":
		return errors.New("adapt: -o model.txt is required")
	case o.n < 20 || o.probe < 5:
		return fmt.Errorf("adapt: --n must be >= 20 and --probe >= 5, got %d and %d", o.n, o.probe)
	case !(o.selectCost > 0 && o.selectCost <= 1):
		return fmt.Errorf("adapt: --select-cost must be in (0, 1], got %v", o.selectCost)
	}
	pl, err := loadPlan(o.planFile)
	if err != nil {
		return err
	}
	user, err := readAllPairs(cmd, path, o.info)
	if err != nil {
		return err
	}
	var srcs []corpus.Source
	if o.sources != nil {
		if srcs, err = corpus.SourcesNamed(o.sources); err != nil {
			return err
		}
	}
	cands, err := corpus.Candidates(user, srcs)
	if err != nil {
		return err
	}
	if cands, err = keepCoarse(cands, o.coarse); err != nil {
		return err
	}
	seed := uint64(g.Seed)
	var res *adapt.SourceResult
	if o.uniform {
		res = uniformMix(cands)
	} else if res, err = corpus.Match(user, cands, o.probe, seed, g.Cores); err != nil {
		return fmt.Errorf("adapt: %w", err)
	}
	counts := corpus.Allocate(o.n, res.Weight)
	if !g.Quiet {
		printMix(cmd.ErrOrStderr(), res, counts)
	}
	dir := o.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "causal-adapt-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		atomicfile.Scratch(dir)
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	prefix := filepath.Join(dir, "adapt")
	if err := drawCorpus(cmd, g, pl, cands, counts, seed, prefix, o.keep != ""); err != nil {
		return err
	}
	return trainAdapted(cmd, g, o, prefix, adaptedNote(res, counts))
}

// keepCoarse keeps the candidates of the given recording settings (nil:
// all).
func keepCoarse(cands []corpus.Setting, coarse []float64) ([]corpus.Setting, error) {
	if coarse == nil {
		return cands, nil
	}
	var out []corpus.Setting
	for _, c := range cands {
		if slices.Contains(coarse, c.Coarse) {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("adapt: --coarse %v matches none of the recording settings %v", coarse, corpus.CoarseFractions)
	}
	return out, nil
}

// uniformMix weighs every candidate alike (no matching; MMD² not computed).
func uniformMix(cands []corpus.Setting) *adapt.SourceResult {
	res := &adapt.SourceResult{}
	for _, c := range cands {
		res.Sources = append(res.Sources, c.Name())
		res.MMD2 = append(res.MMD2, math.NaN())
		res.Weight = append(res.Weight, 1)
	}
	return res
}

// readAllPairs reads every pair of a pairs file.
func readAllPairs(cmd *cobra.Command, path, info string) ([]pairs.Pair, error) {
	r, err := openPairs(cmd, path, info, false)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []pairs.Pair
	for {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
}

// printMix prints each candidate's distance, weight and pair count.
func printMix(w io.Writer, res *adapt.SourceResult, counts []int) {
	fmt.Fprintf(w, "%-22s %10s %8s %6s\n", "candidate", "MMD²", "weight", "pairs")
	for i, name := range res.Sources {
		fmt.Fprintf(w, "%-22s %10.4f %8.3f %6d\n", name, res.MMD2[i], res.Weight[i], counts[i])
	}
}

// adaptedNote records the drawn mix: "name (count)" of every drawn
// candidate (no ':' — LightGBM splits parameter lines on it).
func adaptedNote(res *adapt.SourceResult, counts []int) string {
	s := ""
	for i, name := range res.Sources {
		if counts[i] > 0 {
			if s != "" {
				s += ", "
			}
			s += fmt.Sprintf("%s (%d)", name, counts[i])
		}
	}
	return s
}

// drawCorpus draws every candidate's pairs and writes the corpus's targets
// and features (PREFIX_target.csv, PREFIX.features; with keep, its pairs
// and publicinfo too).
func drawCorpus(cmd *cobra.Command, g *globalOptions, pl *plan.Plan, cands []corpus.Setting, counts []int, seed uint64, prefix string, keep bool) error {
	var samples []generate.Sample
	for i, c := range cands {
		if counts[i] == 0 {
			continue
		}
		ss, err := c.Draw(counts[i], corpus.Seed(seed, i, corpus.Tune), fmt.Sprintf("adapt-%d-", i), g.Cores)
		if err != nil {
			return fmt.Errorf("adapt: %w", err)
		}
		samples = append(samples, ss...)
	}
	ps := make([]pairs.Pair, len(samples))
	ts := make([]pairs.Target, len(samples))
	for i, s := range samples {
		ps[i], ts[i] = s.Pair, s.Target
	}
	if err := atomicfile.WriteFile(prefix+"_target.csv", func(w io.Writer) error { return pairio.WriteTargets(w, ts) }); err != nil {
		return err
	}
	if keep {
		if err := writePairs(prefix, ps); err != nil {
			return err
		}
	}
	wr, err := featio.Create(prefix+".features", featio.FormatArrow, featio.Header{Names: pl.Names(), PlanHash: pl.Hash()})
	if err != nil {
		return err
	}
	src := plan.SliceSource(ps)
	if err := pl.Run(src, plan.RunOptions{Workers: max(g.Cores, 1), Context: cmd.Context()}, wr.Write); err != nil {
		wr.Abort()
		return fmt.Errorf("adapt: featurize the corpus: %w", err)
	}
	return wr.Commit()
}

// writePairs writes PREFIX_pairs.csv and PREFIX_publicinfo.csv.
func writePairs(prefix string, ps []pairs.Pair) error {
	err := atomicfile.WriteFile(prefix+"_pairs.csv", func(w io.Writer) error {
		pw := pairio.NewPairsWriter(w)
		for _, p := range ps {
			if err := pw.Write(p); err != nil {
				return err
			}
		}
		return pw.Flush()
	})
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(prefix+"_publicinfo.csv", func(w io.Writer) error { return pairio.WritePublicInfo(w, ps) })
}

// trainAdapted trains on the drawn corpus with causal train's default
// recipe and writes the model.
func trainAdapted(cmd *cobra.Command, g *globalOptions, o *adaptOptions, prefix, note string) error {
	cfg := pairmodel.Defaults()
	// With --keep the corpus is staged until the command succeeds.
	cfg.Features, cfg.Targets = atomicfile.Staged(prefix+".features"), atomicfile.Staged(prefix+"_target.csv")
	cfg.SelectTop, cfg.SelectCost = o.selectTop, o.selectCost
	cfg.Params.Cores, cfg.Params.Seed = g.Cores, uint64(g.Seed)
	if !g.Quiet {
		cfg.Log = cmd.ErrOrStderr()
	}
	res, err := pairmodel.Train(cfg)
	if err != nil {
		return fmt.Errorf("adapt: train: %w", err)
	}
	res.Meta.Params["adapted_to"] = note
	if err := atomicfile.WriteFile(o.out, func(w io.Writer) error { return lgbm.Write(w, res.Model, res.Meta) }); err != nil {
		return err
	}
	if !g.Quiet {
		summarizeTraining(cmd.ErrOrStderr(), o.out, res)
	}
	return nil
}
