package direction

import "math"

// igciPaperSlope is the IGCI slope score of Daniušis, Janzing et al. (2010)
// as their igci.m computes it (generalization.md B2): C(a->b) =
// n⁻¹ Σ log|Δb/Δa| over consecutive points of the stable sort of a,
// skipping every step with Δa = 0 or Δb = 0; score = C(y->x) - C(x->y).
// Unlike igci_slope_* it does not average b within ties of a and divides by
// n rather than by the number of steps used.
func igciPaperSlope(x, y []float64) float64 {
	return igciPaperC(y, x) - igciPaperC(x, y)
}

func igciPaperC(a, b []float64) float64 {
	ord := stableOrder(a)
	var sum float64
	used := 0
	for k := 1; k < len(ord); k++ {
		da := a[ord[k]] - a[ord[k-1]]
		db := b[ord[k]] - b[ord[k-1]]
		if da == 0 || db == 0 {
			continue
		}
		sum += math.Log(math.Abs(db / da))
		used++
	}
	if used == 0 {
		return math.NaN()
	}
	return sum / float64(len(a))
}
