package pairmodel

import (
	"fmt"
	"io"
	"sort"

	"github.com/causal-tool/causal/internal/gbdt"
)

// DefaultSelectTop and DefaultSelectCost are the feature selection of the
// default model (and of `causal adapt`): the top 2,000 features by gain,
// kept within a fifth of their CPU cost (BENCHMARKS.md, "Cost-aware
// prediction").
const (
	DefaultSelectTop  = 2000
	DefaultSelectCost = 0.2
)

// Defaults returns the recipe the default model was trained with, what
// `causal train` does without flags, `causal adapt` trains with and the
// distributed LightGBM run is configured from: the huber objective,
// learning rate 0.1, 63 leaves, at least 20 pairs per leaf, L2 1, feature
// fraction 0.05, bagging fraction 0.8 every round, and up to 800 rounds
// with early stopping after 40 rounds without a better bidirectional AUC on
// 10 % of the pairs held out when that is at least 200 pairs (fewer: on all
// of them for the full rounds; the bidirectional AUC of fewer pairs has a
// standard error of several hundredths, and early stopping on it stops at
// noise). Only Features, Targets, seed, cores and logging are left to fill
// in.
func Defaults() TrainConfig {
	p := gbdt.DefaultParams()
	p.Objective = "huber"
	p.NumIterations = 800
	p.EarlyStopping = 40
	p.LearningRate = 0.1
	p.NumLeaves = 63
	p.MinDataInLeaf = 20
	p.LambdaL2 = 1
	p.FeatureFraction = 0.05
	p.BaggingFraction = 0.8
	p.BaggingFreq = 1
	return TrainConfig{ValidFraction: 0.1, MinSplitPairs: 200, Params: p}
}

// DefaultsHelp states Defaults in words, for `causal train --help`.
func DefaultsHelp() string {
	d := Defaults()
	p := d.Params
	return fmt.Sprintf(`Defaults: the recipe the default model was built with (pairmodel.Defaults):
%s objective, learning rate %g, %d leaves, at least %d pairs per leaf,
L2 %g, feature fraction %g, bagging fraction %g every round, and up to
%d rounds with early stopping after %d rounds without a better
bidirectional AUC on %g %% of the pairs held out (seeded by --seed), when
that is at least %d pairs; with fewer pairs, on all of them for the full
--rounds. Giving --valid or --cv replaces the held-out split; --valid-fraction
0 trains on every pair for the full --rounds (early stopping is then off
unless asked for). --print-params lightgbm prints these as a LightGBM
configuration.`, p.Objective, p.LearningRate, p.NumLeaves, p.MinDataInLeaf, p.LambdaL2, p.FeatureFraction,
		p.BaggingFraction, p.NumIterations, p.EarlyStopping, 100*d.ValidFraction, d.MinSplitPairs)
}

// WriteLightGBMConfig writes p as LightGBM configuration lines
// ("name = value", sorted by name), the parameters LightGBM's CLI needs
// to train like causal train does (without causal's mirror rows,
// validation split and metric, which the caller prepares).
func WriteLightGBMConfig(w io.Writer, p gbdt.Params) error {
	if _, err := checkObjective(&p); err != nil {
		return err
	}
	m := p.LightGBM()
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, err := fmt.Fprintf(w, "%s = %s\n", k, m[k]); err != nil {
			return err
		}
	}
	return nil
}
