// Package adapt adapts a training corpus to a user's own, unlabeled pairs.
//
// DomainWeights is covariate-shift correction by a domain classifier: a
// gradient-boosted classifier learns to tell the training rows from the
// user's rows on label-free features (by default the marginal and
// symmetric ones: what each variable's distribution and the pair's
// dependence look like, not which way it points), and each training pair
// is weighted by its out-of-fold odds of being a user pair,
//
//	w(x) = p(user | x) / p(train | x) · n_train / n_user,
//
// clipped to [1/Clip, Clip] and scaled to mean 1, so that the weighted
// training corpus looks like the user's pairs (Shimodaira 2000; Sugiyama
// et al. 2007; Bickel et al. 2009). The pair's two orientations, (A, B) and
// (B, A), are both shown to the classifier and their log-odds averaged, so
// a weight does not depend on which variable a file lists first.
package adapt
