// Package views converts one variable of a pair into numeric and categorical
// views, chosen by its type, so that every learner and statistic can be
// applied to any pair of variables.
//
// View names are static: they depend only on the variable type, never on the
// data. Numeric views ([Num]) are sets of one or more columns of length n;
// categorical views ([Cat]) are codes 0..K-1 (relabelled in order of value,
// empty bins dropped, so every code in 0..K-1 occurs).
//
//	type         numeric views             categorical views
//	Numerical    std, rank                 dec10, q3, ew10, km3, km10, kmgap
//	Categorical  onehot, pca1, tomean      codes
//	Binary       std                       codes
//
// Numeric views:
//   - std: (x - mean) / population std; a constant variable gives zeros.
//   - rank: copula transform, average rank (1-based, ties averaged) / n.
//   - onehot: one 0/1 column per category, in order of value (the plan
//     aggregates results over the columns); with more than MaxOneHot (16)
//     categories, the 15 most frequent keep their column and the others share
//     a last "other" column.
//   - pca1: projection of the centred one-hot encoding on its first principal
//     component (the top eigenvector of diag(p) - p p^T, p the category
//     frequencies). The sign is fixed so that the eigenvector entry of largest
//     magnitude (lowest category on ties) is positive. A constant variable
//     gives zeros.
//   - tomean: each category replaced by the mean of the other variable within
//     it (the 2013 runner-up's to_numerical); NaN when other is nil or of a
//     different length.
//
// Categorical views of a Numerical variable:
//   - dec10: the number of the 9 deciles (numpy's linear-interpolation
//     percentiles 10..90) the value strictly exceeds, as the 2013 winner did.
//   - q3: the same with the 2 tertile cut points.
//   - ew10: 10 equal-width bins over [min, max].
//   - km3, km10: 1-D k-means. The data are sorted once and reduced to at most
//     128 weighted groups (the distinct values when there are at most 128 of
//     them, otherwise 128 equal-count chunks of the sorted data); the optimal
//     k-partition of the groups is found exactly by dynamic programming
//     (divide-and-conquer optimisation, O(k·m·log m)), then refined by
//     Lloyd's iterations on the full sorted data (each O(k·log n) with prefix
//     sums). The result is the exact optimum when there are at most 128
//     distinct values, and a near-optimal local optimum otherwise. k is capped
//     by the number of distinct values.
//   - kmgap: k-means with k chosen in 1..10 by Tibshirani's gap statistic
//     and a widened "global SE max" rule: the smallest k with Gap(k) >=
//     max Gap - 3·sqrt(s_k² + s_best²) (Tibshirani's first-SE rule stops at
//     k = 1 on equally spaced clusters; the tolerance keeps uniform data at
//     k = 1 despite the sampling noise of the data's own dispersion), then
//     k = max(k, 2). The
//     dispersion W_k is the within-cluster sum of squares per point. The
//     reference is the uniform distribution on [min, max]: since log W_k of a
//     uniform sample is 2·log(range) plus that of a unit uniform sample, the
//     reference expectation and spread are computed once per process from 20
//     unit-uniform samples of 500 points (fixed seed, same grouping as the
//     data), so the per-variable cost is only the dynamic programme.
//
// Binary and Categorical variables keep their codes (categorical view
// "codes").
//
// Degenerate data (constant variable, two distinct values, 3 points, heavy
// ties) give valid views (e.g. K = 1). Non-finite input values make every
// numeric view a single all-NaN column and every categorical view a single
// all-zero code with K = 1. All functions are safe for concurrent use.
package views
