// Package stats holds the statistics the featurizer crosses with its views
// and learners: unary statistics of one variable (entropies, moments,
// normality), pairwise statistics of two numeric vectors (correlations,
// scipy-style distances, two-sample tests), group statistics of a numeric
// variable across the groups of a categorical one, agreement between two
// categorical variables, HSIC, and the entropy / mutual-information
// estimators other featurizers reuse.
//
// Every function is deterministic, allocation-light (scratch buffers come
// from sync.Pools) and safe for concurrent use. Results that are undefined
// or not finite are NaN, never ±Inf. Logarithms are natural (nats).
package stats
