// Package plan crosses the feature families of featurizers/ into one
// ordered list of named features and computes them for a pair.
//
// # Names
//
// Feature names are made of [A-Za-z0-9_.-] only and never depend on the
// data. The first token says how the feature relates to the pair:
//
//	AB.<...>   computed with x = A, y = B
//	BA.<...>   the same computation with x = B, y = A
//	D.<...>    AB minus BA (float32(ab) - float32(ba)), or an antisymmetric
//	           score (D.dir.*: positive for A->B)
//	A.<...>    a unary statistic of A;  B.<...> the same of B
//	AmB.<...>  A minus B
//	S.<...>    a symmetric statistic of the pair
//	meta.<...> the types of A and B (one-hot, pair type), n and log n
//
// Learner features read AB.x<view>.y<view>.<learner>.<mode>[.<agg>].<score>,
// e.g. AB.xrank.yrank.knn20.oof.r2: the learner knn20 predicting the rank
// view of B from the rank view of A, scored out-of-fold (mode oof, 5
// deterministic folds) or in-sample (ins). When x or y is a one-hot view
// (several columns), each column is fitted and each score is aggregated over
// the columns by sum, mean, max, min and median (<agg>). Scores are the
// regression metrics (r2, mae, resid_hsic...), the pairwise statistics of
// (y, prediction) (yp.*) and the unary statistics of the residual (res.*);
// for classifiers the classification metrics and the agreement of y with the
// predicted class (cc.*). Group statistics read AB.x<catview>.y<view>.grp.*
// and categorical agreement AB.x<catview>.y<catview>.cc.*; the runner-up's
// measures A.it.*, AB.it.*, S.it.* and their derived columns S.max.it.*,
// S.min.it.* (larger and smaller of the A and B values) and S.abs.it.*
// (|A - B| or |AB - BA|); symmetric pair statistics
// S.<view>.<stat>; unary statistics A.raw.<stat>.
//
// The name list is the union over the type combinations: a feature that
// does not apply to a pair's types is NaN (NamesForTypes lists those that
// apply), and so is every non-finite value.
//
// # Symmetry
//
// Featurizing (B, A) gives exactly the row of (A, B) mirrored by MirrorMap:
// AB and BA columns swapped, D negated, A and B swapped, AmB negated, meta
// type columns swapped. Directional values are computed by the same calls
// with the roles exchanged; differences are float32 subtractions (exactly
// negated when swapped); symmetric and antisymmetric statistics are computed
// in a canonical order of the two variables (by type, then values).
//
// # Cost
//
// Learners and directional statistics see an evenly spaced deterministic
// subsample of at most Params.MaxFitPoints points (1,000 by default); unary,
// information-theoretic and direction scores use the full data. The
// learner × view combinations of the default plan were chosen from measured
// costs (go test -bench . ./featurizers/learners; at n = 500, fit + predict,
// µs: linear 4, poly 9-17, trees 8-23, knn 19-23, isotonic 10, spline
// 38-54, forest10 57-115, boost10 78-93, kernel_ridge 92-111; classifiers:
// freq 5, trees 18-31, naive_bayes 20-65, knn 43-67, logistic 61-505,
// boost10 70-272, forest10 125-152): the cheap learners run on every view
// pair, while ridge, poly4, forest10, knn5 and kernel_ridge run only
// between the level views, and logistic, forest10 and boost10 classify only
// the decile and tertile views of y from the level view of x. Each fit is
// scored once per mode. Set CAUSAL_FEATURIZE_TIMING=1 (or EnableTiming) for
// the per-family timers reported by Timings ("causal featurize --stats").
package plan
