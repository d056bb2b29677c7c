// Package learners holds the curve-fitting learners that predict one variable
// of a pair from the other: regressors for a numeric target, classifiers for a
// categorical one (codes 0..K-1).
//
// The input x is always one-dimensional, either numeric (an Input with X and
// its ascending Order, sorted once by NumericInput) or categorical (an Input
// with Codes in 0..K-1). Every learner works on the distinct values of x taken
// in sorted order, so fits are O(n) after the single sort (kernel ridge and the
// spline add a small fixed-size dense solve). Predictions on new x merge the
// query order with the fitted breakpoints, again in O(n).
//
// All learners are deterministic (fixed per-learner seeds), keep no shared
// mutable state (a Regressor or Classifier value may be used from many
// goroutines at once; every Fit allocates its own model) and never panic on
// degenerate data: an empty training set predicts NaN, a constant target
// predicts that constant, a constant x predicts the target mean (regressors)
// or the class frequencies (classifiers). Predictions of finite inputs are
// finite; class probabilities are non-negative and sum to 1 over the classes.
// Classes absent from the training rows get probability 0.
//
// Rows whose categorical code is outside 0..K-1 are ignored by fits and get
// the model's fallback prediction (the training mean or class frequencies), as
// do categories unseen during the fit. A model must be asked to predict the
// same kind of input (numeric or categorical) it was fitted on; otherwise it
// returns its fallback prediction for every row.
package learners
