// Package featurizers is the root of the feature families that turn a
// cause-effect pair into tens of thousands of named numbers:
//
//   - views: numeric and categorical views of one variable (std, rank,
//     one-hot, pca1, tomean; deciles, tertiles, equal-width bins, k-means);
//   - learners: 1-D curve-fitting regressors and classifiers;
//   - metrics: fit metrics of a regression or a classification;
//   - stats: unary and pairwise statistics, group statistics, categorical
//     agreement, HSIC, entropy estimators;
//   - infotheory: the 2013 runner-up's information-theoretic measures;
//   - direction: classical causal-direction scores (IGCI, ANM, RECI, CDS...);
//   - plan: the deterministic nested loop that crosses them into named
//     features, with the mirror map, the plan hash, pattern selection and
//     the parallel driver used by "causal featurize".
//
// Every family exposes static value names and writes its values into a
// caller-provided slice; inapplicable or non-finite values are NaN.
package featurizers
