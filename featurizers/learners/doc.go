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
// predicts that constant, a constant x predicts the target mean (regressors;
// forest and boosting: their bootstrap or subsample means) or the class
// frequencies (classifiers). Predictions of finite inputs are finite (only
// the linear and polynomial fits may overflow when extrapolating to absurd
// x, e.g. 1e300); class probabilities are non-negative and sum to 1 over the
// classes. Classes absent from the training rows get probability 0 (freq
// smooths them instead).
//
// The default sets, in order (Regressors and Classifiers; names are stable
// tokens of [a-z0-9_]; "cat" marks the learners accepting a categorical x):
//
//	regressors:  linear(cat) ridge(cat) poly2 poly3 poly4 poly5 tree3(cat)
//	             tree_full(cat) forest10(cat) boost10(cat) knn5 knn20
//	             isotonic spline kernel_ridge
//	classifiers: logistic(cat) tree3(cat) tree_full(cat) forest10(cat)
//	             boost10(cat) knn5 knn20 naive_bayes(cat) freq(cat)
//
// Typical use, in-sample and out-of-fold:
//
//	x := learners.NumericInput(a)            // sort once, reuse everywhere
//	folds := learners.Folds(len(b), 5)
//	for _, r := range learners.Regressors() {
//		r.Fit(x, b).Predict(x, inSample)
//		learners.OOFRegress(r, x, b, folds, 5, outOfFold)
//	}
//
// Inputs are read-only: neither x nor y may change while a fit or a model
// built from them is in use. Fits borrow scratch memory from a pool, so
// repeated fits allocate little beyond the models themselves.
//
// Speed: go test -run '^$' -bench . ./featurizers/learners reports, for each
// learner at n = 2,000, the wall time and the process CPU time (cpu-ns/op)
// of Fit + in-sample Predict; BenchmarkBaselineSum gives the time of a
// 2,000-element sum as a yardstick for the machine's current speed.
//
// Rows whose categorical code is outside 0..K-1 are ignored by fits and get
// the model's fallback prediction (the training mean or class frequencies), as
// do categories unseen during the fit. A model must be asked to predict the
// same kind of input (numeric or categorical) it was fitted on; otherwise it
// returns its fallback prediction for every row.
package learners
