package gbdt

import (
	"fmt"
	"math"
)

// SetWeights attaches per-row sample weights to the dataset, with
// LightGBM's semantics: every row's gradient and hessian are multiplied by
// its weight, the boost-from-average initial score and the reported losses
// are weighted means, MinSumHessianInLeaf sees the weighted hessians, and
// MinDataInLeaf counts a split side's rows as LightGBM estimates them, from
// its share of the leaf's weighted hessians (the leaf's row count times
// that share; exact for unit weights and hessians). A weight must be finite and >= 0, and at
// least one must be > 0. nil removes the weights. Subset keeps the weights
// of the rows it takes; BinLike gives unweighted datasets.
func (d *Dataset) SetWeights(w []float64) error {
	if w == nil {
		d.weights = nil
		return nil
	}
	if len(w) != d.rows {
		return fmt.Errorf("gbdt: %d weights for %d rows", len(w), d.rows)
	}
	var sum float64
	for i, x := range w {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			return fmt.Errorf("gbdt: weight %d is %v, want a finite number >= 0", i, x)
		}
		sum += x
	}
	if sum == 0 {
		return fmt.Errorf("gbdt: every weight is 0")
	}
	d.weights = append([]float64(nil), w...)
	return nil
}

// Weights returns the dataset's per-row weights (nil when unweighted).
func (d *Dataset) Weights() []float64 { return d.weights }

// weigh multiplies the row-major gradients and hessians (k per row) by
// the row weights; it does nothing for an unweighted dataset.
func (d *Dataset) weigh(grad, hess []float64, k int) {
	if d.weights == nil {
		return
	}
	for i := range grad {
		w := d.weights[i/k]
		grad[i] *= w
		hess[i] *= w
	}
}
