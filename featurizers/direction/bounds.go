package direction

import (
	"fmt"
	"math"

	"github.com/causal-tool/causal/pairs"
)

// Bounds are the subsample sizes of the costly published methods: each works
// on the evenly spaced deterministic subsample of evenIndex when a pair has
// more points. A zero field means its DefaultBounds value.
type Bounds struct {
	// BQCDKernelPoints bounds the points of bqcd's copula kernel estimate.
	BQCDKernelPoints int
	// LOCIHSICPoints bounds the points of loci's HSIC.
	LOCIHSICPoints int
	// GPFitPoints bounds the points of anm_gp's regression and HSIC.
	GPFitPoints int
	// GPHyperPoints bounds the points of anm_gp's hyperparameter fit.
	GPHyperPoints int
	// SplineFitPoints bounds the points of sloppy's and loci's spline fits
	// (and so of everything they compute after scaling); 0 means all points.
	SplineFitPoints int
}

// DefaultBounds are plan-2's bounds, the ones every trained model so far uses.
var DefaultBounds = Bounds{
	BQCDKernelPoints: bqcdKernelPoints,
	LOCIHSICPoints:   lociHSICLimit,
	GPFitPoints:      gpFitPoints,
	GPHyperPoints:    gpHyperPoints,
}

// FastBounds are candidate F's bounds (issue 22; pre-registered in
// BENCHMARKS.md, "Pre-registration: cheaper published direction methods,
// candidate F"): half the kernel points, smaller GP subsamples and spline
// fits on at most 2,000 points.
var FastBounds = Bounds{
	BQCDKernelPoints: 500,
	LOCIHSICPoints:   500,
	GPFitPoints:      250,
	GPHyperPoints:    100,
	SplineFitPoints:  2000,
}

// WithDefaults returns b with each zero (or negative) bound replaced by
// DefaultBounds' (SplineFitPoints: 0, all points).
func (b Bounds) WithDefaults() Bounds {
	def := func(v, d int) int {
		if v <= 0 {
			return d
		}
		return v
	}
	b.BQCDKernelPoints = def(b.BQCDKernelPoints, DefaultBounds.BQCDKernelPoints)
	b.LOCIHSICPoints = def(b.LOCIHSICPoints, DefaultBounds.LOCIHSICPoints)
	b.GPFitPoints = def(b.GPFitPoints, DefaultBounds.GPFitPoints)
	b.GPHyperPoints = def(b.GPHyperPoints, DefaultBounds.GPHyperPoints)
	b.SplineFitPoints = max(b.SplineFitPoints, 0)
	return b
}

// String lists the bounds (for plan hashes and logs).
func (b Bounds) String() string {
	return fmt.Sprintf("bqcd_kernel=%d loci_hsic=%d gp_fit=%d gp_hyper=%d spline_fit=%d",
		b.BQCDKernelPoints, b.LOCIHSICPoints, b.GPFitPoints, b.GPHyperPoints, b.SplineFitPoints)
}

// MethodWith is Method with the given subsample bounds (Method uses
// DefaultBounds).
func MethodWith(name string, b Bounds, x, y []float64, tx, ty pairs.VarType) (v float64, ok bool) {
	for _, m := range methods {
		if m.name == name {
			p := prepare(x, y, tx, ty)
			p.bounds = b.WithDefaults()
			return p.run(scorer(m)), true
		}
	}
	return math.NaN(), false
}

// splineSample returns a and b restricted to the spline-fit subsample of
// p's bounds (themselves when the bound is 0 or not below their length).
func (p *prepared) splineSample(a, b []float64) ([]float64, []float64) {
	m := p.bounds.SplineFitPoints
	if m <= 0 || len(a) <= m {
		return a, b
	}
	idx := evenIndex(len(a), m)
	return pick(a, idx), pick(b, idx)
}
