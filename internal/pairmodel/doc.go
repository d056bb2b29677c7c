// Package pairmodel is causal's pair-model recipe, the method that ties the
// featurizer (featurizers/plan) to the trees (internal/gbdt) and the model
// file (internal/lgbm):
//
//   - TrainSet: a feature matrix joined by SampleID with its targets, and the
//     validation split, row subsets and column selections of it (index
//     views of the feature file when loaded from one: training bins it a
//     block of columns at a time and never holds the float32 matrix);
//   - Recipe: how a target becomes a training label for each objective,
//     the mirror augmentation (every pair (A, B) also trained as (B, A) with
//     the target negated) and the antisymmetric pair score computed from a
//     row and its mirror row, which swapping A and B negates exactly; the
//     metric is the challenge's bidirectional AUC of those scores;
//   - Train: the whole training recipe of `causal train` (validation, plan
//     restriction, SelectTop, cross-validation with CV, the final model and
//     its metadata);
//   - Scorer: scores pairs or feature rows with a loaded model, computing
//     only the features the model splits on.
package pairmodel
