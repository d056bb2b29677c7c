// Package direction computes classical causal-direction scores, each a single
// number where positive means x->y and negative y->x. They serve as features
// and as standalone published baselines (Score). Every score is computed as
// q(y->x) - q(x->y) (or a(x) - a(y)) from one-directional quantities that
// depend only on their own arguments, so Scores(y, x) = -Scores(x, y)
// exactly.
//
// Before scoring, a Categorical variable paired with a Numerical one is
// replaced by the mean of the other within each category (jarfo's
// to_numerical); a Categorical variable paired with a non-Numerical one is
// relabelled by frequency rank and z-scored; Numerical and Binary variables
// are used as they are. Every score is NaN when the lengths differ, there
// are fewer than 5 points, a value is not finite, either variable is
// constant, or the result is not finite.
//
// The scores:
//   - igci_slope_uniform, igci_slope_gauss: IGCI slope estimator (Daniusis,
//     Janzing et al. 2010) on min-max scaled (uniform reference) or z-scored
//     (Gaussian reference) data: C(a->b) is the mean over consecutive
//     distinct values of a (b averaged within ties of a) of log|Δb/Δa|,
//     skipping Δb = 0; score = C(y->x) - C(x->y).
//   - igci_entropy_uniform, igci_entropy_gauss: IGCI entropy estimator, the
//     1-spacing differential entropy H (stats.MSpacingEntropy) of the scaled
//     variables; score = H(x) - H(y) (half of C(y->x) - C(x->y)).
//   - anm_hsic: additive noise model. y = f(x) + e is fitted with the
//     penalized cubic spline of featurizers/learners (GCV-chosen penalty) on
//     z-scored data, and q(x->y) = HSIC(e, x) (stats.HSIC, median-heuristic
//     RBF kernels, at most 200 evenly spaced points); score = q(y->x) -
//     q(x->y).
//   - anm_logp: the same fits scored by log p-values of the gamma-approximated
//     HSIC test (p floored at 1e-300): score = log p(x->y) - log p(y->x).
//   - reci, reci_spline: RECI (Blöbaum et al. 2018): both variables min-max
//     scaled to [0, 1], q(x->y) = in-sample MSE of y fitted on x by a cubic
//     polynomial (reci) or the ANM spline (reci_spline); score = q(y->x) -
//     q(x->y). Both learners are affine-equivariant, so the z-scored fits are
//     reused and their MSE rescaled by (std/range)² of the target.
//   - cds: Fonollosa's conditional distribution similarity
//     (infotheory.CDS): score = CDS(y->x) - CDS(x->y), positive when the
//     distribution of y given x varies less across x than that of x given y.
//   - slope_mdl: a simplified SLOPE-style MDL score: on z-scored data, the
//     per-point two-part code length of y given x is min over degree
//     d = 1..3 of ½·log(RSS_d/n) + (d+1)·log(n)/(2n) (Gaussian residual code
//     plus BIC parameter cost; RSS/n floored at 1e-12); the marginal code
//     lengths of the z-scored causes are equal and omitted; score = L(x|y) -
//     L(y|x).
//
// These ten are simplified versions, kept with their names and values
// because trained models use them. Of them, igci_entropy_uniform and
// igci_entropy_gauss already are the published IGCI entropy estimator
// (1-spacings, zero gaps skipped, ψ(n) - ψ(1)), and cds is Fonollosa's CDS
// with CDT's defaults.
//
// # Published methods
//
// MethodNames lists faithful implementations, each computed on its own by
// Method (one plan block each, "D.dir.<name>"), each following its
// authors' reference code as described in
// ../shared/reference/generalization.md Part B (details in each function's
// doc): igci_slope_paper_uniform and igci_slope_paper_gauss (igci.m's slope
// estimator), reci_paper (RECI with the shifted cubic monomial), anm_gp
// (ANM-HSIC with Gaussian-process regression), loci (LOCI, convex spline
// estimator), slope (SLOPE), sloppy (SLOPPY, spline variant) and bqcd
// (bQCD, nonparametric copula). The costly ones work on deterministic
// evenly spaced subsamples: anm_gp fits its hyperparameters on at most 150
// points and regresses (and computes HSIC) on at most 500; loci computes
// HSIC on at most 1,000; bqcd estimates its copula from at most 1,000
// (DefaultBounds, plan-2's; MethodWith takes other Bounds, such as
// candidate F's FastBounds, which also fit sloppy and loci on at most 2,000
// points). The same NaN rules and exact antisymmetry hold as for Scores.
package direction

import (
	"fmt"
	"math"

	"github.com/causal-tool/causal/featurizers/infotheory"
	"github.com/causal-tool/causal/featurizers/learners"
	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// minPoints is the smallest sample size any score is computed on.
const minPoints = 5

// scorer is one named antisymmetric score of prepared numeric variables.
type scorer struct {
	name string
	fn   func(p *prepared) float64
}

var scorers = []scorer{
	{"igci_slope_uniform", func(p *prepared) float64 { return slopeScore(p.unitX(), p.unitY()) }},
	{"igci_slope_gauss", func(p *prepared) float64 { return slopeScore(p.zX(), p.zY()) }},
	{"igci_entropy_uniform", func(p *prepared) float64 { return entropyScore(p.unitX(), p.unitY()) }},
	{"igci_entropy_gauss", func(p *prepared) float64 { return entropyScore(p.zX(), p.zY()) }},
	{"anm_hsic", anmHSIC},
	{"anm_logp", anmLogP},
	{"reci", func(p *prepared) float64 { return reciScore(p, "poly3") }},
	{"reci_spline", func(p *prepared) float64 { return reciScore(p, "spline") }},
	{"cds", cdsScore},
	{"slope_mdl", mdlScore},
}

// Names returns the score names in the order Scores writes them.
func Names() []string {
	out := make([]string, len(scorers))
	for i, s := range scorers {
		out[i] = s.name
	}
	return out
}

// Scores writes every score for x->y into dst (room for len(Names())
// values); positive means x->y.
func Scores(x, y []float64, tx, ty pairs.VarType, dst []float64) {
	dst = dst[:len(scorers)]
	p := prepare(x, y, tx, ty)
	for i, s := range scorers {
		dst[i] = p.run(s)
	}
}

// Score computes one named score (one of AllNames) for x->y, for use as a
// standalone baseline predictor (positive means x->y).
func Score(name string, x, y []float64, tx, ty pairs.VarType) (float64, error) {
	for _, s := range scorers {
		if s.name == name {
			return prepare(x, y, tx, ty).run(s), nil
		}
	}
	if v, ok := Method(name, x, y, tx, ty); ok {
		return v, nil
	}
	return math.NaN(), fmt.Errorf("direction score %q: unknown (have %v)", name, AllNames())
}

// prepared holds the numeric representations of a pair and lazily computed,
// cached quantities shared by several scores.
type prepared struct {
	ok         bool
	x, y       []float64 // numeric representations
	tx, ty     pairs.VarType
	rawX, rawY []float64
	ux, uy     []float64 // min-max scaled
	zx, zy     []float64 // z-scored
	inX, inY   *learners.Input
	res        map[string][]float64 // residuals by learner and direction
	hsic       map[bool][2]float64  // HSIC statistic and p-value by direction
	bounds     Bounds               // the published methods' subsample sizes
}

func prepare(x, y []float64, tx, ty pairs.VarType) *prepared {
	p := &prepared{tx: tx, ty: ty, rawX: x, rawY: y, bounds: DefaultBounds}
	if len(x) != len(y) || len(x) < minPoints || !finiteAll(x) || !finiteAll(y) {
		return p
	}
	x, y = views.Tame(x), views.Tame(y)
	p.rawX, p.rawY = x, y
	p.x, p.y = numeric(x, tx, y, ty), numeric(y, ty, x, tx)
	p.ok = !constant(p.x) && !constant(p.y)
	p.res = map[string][]float64{}
	p.hsic = map[bool][2]float64{}
	return p
}

// run evaluates s, mapping undefined and non-finite results to NaN.
func (p *prepared) run(s scorer) float64 {
	if !p.ok {
		return math.NaN()
	}
	v := s.fn(p)
	if math.IsInf(v, 0) {
		return math.NaN()
	}
	return v
}

// numeric is the representation of a (type ta) paired with b (type tb).
func numeric(a []float64, ta pairs.VarType, b []float64, tb pairs.VarType) []float64 {
	if ta != pairs.Categorical {
		return a
	}
	if tb == pairs.Numerical {
		return infotheory.ToNumerical(a, b)
	}
	return infotheory.Normalize(a, ta)
}

func (p *prepared) unitX() []float64 {
	if p.ux == nil {
		p.ux = unit(p.x)
	}
	return p.ux
}

func (p *prepared) unitY() []float64 {
	if p.uy == nil {
		p.uy = unit(p.y)
	}
	return p.uy
}

func (p *prepared) zX() []float64 {
	if p.zx == nil {
		p.zx = zscore(p.x)
	}
	return p.zx
}

func (p *prepared) zY() []float64 {
	if p.zy == nil {
		p.zy = zscore(p.y)
	}
	return p.zy
}

// unit scales a (not constant) to [0, 1].
func unit(a []float64) []float64 {
	lo, hi := a[0], a[0]
	for _, v := range a {
		lo, hi = min(lo, v), max(hi, v)
	}
	out := make([]float64, len(a))
	for i, v := range a {
		out[i] = (v - lo) / (hi - lo)
	}
	return out
}

// zscore returns (a - mean) / population std.
func zscore(a []float64) []float64 {
	var m, ss float64
	for _, v := range a {
		m += v
	}
	m /= float64(len(a))
	for _, v := range a {
		ss += (v - m) * (v - m)
	}
	sd := math.Sqrt(ss / float64(len(a)))
	out := make([]float64, len(a))
	for i, v := range a {
		out[i] = (v - m) / sd
	}
	return out
}

func constant(a []float64) bool {
	for _, v := range a {
		if v != a[0] {
			return false
		}
	}
	return true
}

func finiteAll(a []float64) bool {
	for _, v := range a {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
