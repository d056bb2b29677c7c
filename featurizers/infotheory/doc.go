// Package infotheory computes the information-theoretic and moment-based
// measures of the 2013 Cause-Effect Pairs runner-up (jarfo/cause-effect,
// features.py), with their conventions:
//
//   - Discretization (Discretize): a Numerical variable with more than 19
//     distinct values is z-scored, re-standardized with the mean and std of
//     the points with |z| < 3, multiplied by 3, rounded half to even (numpy)
//     and clipped to [-9, 9] (19 levels); any other variable keeps its values.
//     (If no point or only equal points have |z| < 3, the first z-score is
//     kept.) The conditional distribution similarity uses a factor 2 instead
//     of 3 (13 levels).
//   - Discrete entropy: the plug-in entropy (nats) of the discretized values
//     plus 0.7·(K-1)/(2N), K the number of occupied levels.
//   - normalize: a non-Numerical variable (Categorical or Binary) is relabelled
//     by frequency rank (most common = 0; equal counts ordered by value), then
//     every variable is z-scored (left centred when constant).
//   - to_numerical: a Categorical variable paired with a Numerical one is
//     replaced by the mean of the other within each category, for Pearson R,
//     HSIC and the polyfit error (Binary is neither, as in jarfo's code).
//
// Values are split into three static groups so that the plan can build the
// A, B, A-B columns (Unary), the A->B, B->A and difference columns
// (Directed, called both ways) and pair-level columns (Symmetric). Where
// jarfo returned a made-up 0 (too few levels or bins, constant data) the
// value is NaN, as are all non-finite results. Differences from jarfo:
// Directed's conditional_entropy is H(Y|X) for the x->y call (jarfo's
// "[A,B]" value is H(A|B), i.e. our B->A value); the per-bin skewness and
// kurtosis variability skip bins where y is constant (scipy returns NaN or
// 0 there depending on the version); HSIC uses featurizers/stats (jarfo's
// value = m·stats.HSIC on the same m <= 200 evenly spaced points).
//
// All functions are safe for concurrent use and write into a caller-provided
// dst of length len(XxxNames()).
package infotheory
