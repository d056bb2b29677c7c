package gbdt

// SplitImportance returns, per feature, how many splits use it.
func (m *Model) SplitImportance() []int {
	out := make([]int, len(m.FeatureNames))
	for i := range m.Trees {
		for _, f := range m.Trees[i].SplitFeature {
			if f >= 0 && f < len(out) {
				out[f]++
			}
		}
	}
	return out
}

// GainImportance returns, per feature, the total gain of its splits.
func (m *Model) GainImportance() []float64 {
	out := make([]float64, len(m.FeatureNames))
	for i := range m.Trees {
		t := &m.Trees[i]
		for n, f := range t.SplitFeature {
			if f >= 0 && f < len(out) && n < len(t.SplitGain) {
				out[f] += t.SplitGain[n]
			}
		}
	}
	return out
}
