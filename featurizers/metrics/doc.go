// Package metrics scores a learner's fit: regression metrics of a numeric
// prediction (including the additive-noise-model test: dependence between
// the residual and the fit's input) and classification metrics of class
// probabilities, each per class reduced by mean, sum and max.
//
// Functions write a fixed number of values (see the XxxNames functions)
// into a caller-provided slice; undefined or non-finite values are NaN.
// Everything is deterministic and safe for concurrent use.
package metrics
