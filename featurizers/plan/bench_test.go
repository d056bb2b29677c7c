package plan

import (
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// BenchmarkFeaturizeNN featurizes one Numerical-Numerical pair of 2,700
// points (the mean size of the target workload) with the default plan.
// Per-unit costs: make costs (MeasureUnitCosts, featurizers/plan/costs.tsv).
func BenchmarkFeaturizeNN(b *testing.B) {
	pl := Default()
	p := genPair(pairs.Numerical, pairs.Numerical, 2700, 1)
	row := make([]float32, pl.Len())
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		pl.Featurize(p, row)
	}
}
