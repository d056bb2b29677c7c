package main

import (
	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/gbdt"
)

// The recipe of the default model (scripts/make-model.sh: COMMON and the
// num_leaves its cross-validation chose) is what `causal train` does
// without flags: a user's model is trained like the one causal ships.
const (
	recipeRounds          = 800
	recipeEarlyStopping   = 40
	recipeValidFraction   = 0.1
	recipeLearningRate    = 0.1
	recipeNumLeaves       = 63
	recipeMinDataInLeaf   = 20
	recipeLambdaL2        = 1
	recipeFeatureFraction = 0.05
	recipeBaggingFraction = 0.8
	recipeBaggingFreq     = 1
	// recipeMinValidPairs is the smallest default validation split: the
	// bidirectional AUC of fewer pairs has a standard error of several
	// hundredths, and early stopping on it stops at noise (on a 400-pair
	// corpus it kept 1 round).
	recipeMinValidPairs = 200
)

// recipeHelp states the defaults in `causal train --help`.
const recipeHelp = `Defaults: the recipe the default model was built with (scripts/make-model.sh):
huber objective, learning rate 0.1, 63 leaves, at least 20 pairs per leaf,
L2 1, feature fraction 0.05, bagging fraction 0.8 every round, and up to
800 rounds with early stopping after 40 rounds without a better
bidirectional AUC on 10 % of the pairs held out (seeded by --seed), when
that is at least 200 pairs; with fewer pairs, on all of them for the full
--rounds. Giving --valid or --cv replaces the held-out split; --valid-fraction
0 trains on every pair for the full --rounds (early stopping is then off
unless asked for).`

// recipeParams returns the default model's training parameters.
func recipeParams() gbdt.Params {
	p := gbdt.DefaultParams()
	p.NumIterations = recipeRounds
	p.EarlyStopping = recipeEarlyStopping
	p.LearningRate = recipeLearningRate
	p.NumLeaves = recipeNumLeaves
	p.MinDataInLeaf = recipeMinDataInLeaf
	p.LambdaL2 = recipeLambdaL2
	p.FeatureFraction = recipeFeatureFraction
	p.BaggingFraction = recipeBaggingFraction
	p.BaggingFreq = recipeBaggingFreq
	return p
}

// applyRecipeValidation resolves the default held-out split: 10 % unless
// the user chose the validation (--valid, --valid-fraction) or --cv, and
// early stopping only when there is something to validate on.
func applyRecipeValidation(cmd *cobra.Command, o *trainOptions) {
	f := cmd.Flags()
	if !f.Changed("valid-fraction") && (o.valid != "" || o.cv != 0) {
		o.validFraction = 0
	}
	o.recipeSplit = !f.Changed("valid-fraction") && o.validFraction > 0
	o.recipeStopping = !f.Changed("early-stopping")
	if !f.Changed("early-stopping") && o.valid == "" && o.validFraction == 0 && o.cv == 0 {
		o.p.EarlyStopping = 0
	}
}
