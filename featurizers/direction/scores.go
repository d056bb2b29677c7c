package direction

import (
	"math"

	"github.com/causal-tool/causal/featurizers/infotheory"
	"github.com/causal-tool/causal/featurizers/learners"
	"github.com/causal-tool/causal/featurizers/stats"
	"github.com/causal-tool/causal/featurizers/views"
)

// slopeScore is the IGCI slope score C(y->x) - C(x->y).
func slopeScore(x, y []float64) float64 {
	return slopeC(y, x) - slopeC(x, y)
}

// slopeC is the mean of log|Δb/Δa| over consecutive distinct values of a,
// with b averaged within ties of a and steps with Δb = 0 skipped.
func slopeC(a, b []float64) float64 {
	xs, ys, _ := views.TieMeans(a, b)
	var sum float64
	used := 0
	for k := 1; k < len(xs); k++ {
		dy := math.Abs(ys[k] - ys[k-1])
		if dy == 0 {
			continue
		}
		sum += math.Log(dy / (xs[k] - xs[k-1]))
		used++
	}
	if used == 0 {
		return math.NaN()
	}
	return sum / float64(used)
}

// entropyScore is the IGCI entropy score H(x) - H(y).
func entropyScore(x, y []float64) float64 {
	return spacingEntropy(x) - spacingEntropy(y)
}

func spacingEntropy(a []float64) float64 {
	_, s := views.SortedOrder(a)
	return stats.MSpacingEntropy(s, 1)
}

// input returns the learner input of the z-scored x (forX) or y, sorted once.
func (p *prepared) input(forX bool) *learners.Input {
	in, z := &p.inY, p.zY()
	if forX {
		in, z = &p.inX, p.zX()
	}
	if *in == nil {
		idx, _ := views.SortedOrder(z)
		order := make([]int, len(idx))
		for j, i := range idx {
			order[j] = int(i)
		}
		*in = &learners.Input{X: z, Order: order}
	}
	return *in
}

// residual returns, for the z-scored variables, y minus its fit on x by the
// named learner (xToY) or x minus its fit on y, computed once.
func (p *prepared) residual(name string, xToY bool) []float64 {
	key := name + "<y"
	if xToY {
		key = name + "<x"
	}
	if r, ok := p.res[key]; ok {
		return r
	}
	in, b := p.input(true), p.zY()
	if !xToY {
		in, b = p.input(false), p.zX()
	}
	out := make([]float64, len(b))
	r, ok := learners.RegressorByName(name)
	if !ok { // not reachable with the names used here
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	r.Fit(*in, b).Predict(*in, out)
	for i := range out {
		out[i] = b[i] - out[i]
	}
	p.res[key] = out
	return out
}

// anmTest returns the HSIC statistic and gamma p-value between the spline
// residual and the input, for x->y (xToY) or y->x.
func (p *prepared) anmTest(xToY bool) (stat, pval float64) {
	if v, ok := p.hsic[xToY]; ok {
		return v[0], v[1]
	}
	in := p.zX()
	if !xToY {
		in = p.zY()
	}
	stat, pval = stats.NewHSICPrep(in, stats.DefaultHSICPoints).Test(p.residual("spline", xToY))
	p.hsic[xToY] = [2]float64{stat, pval}
	return stat, pval
}

// anmHSIC is HSIC(x-residual, y) - HSIC(y-residual, x).
func anmHSIC(p *prepared) float64 {
	yx, _ := p.anmTest(false)
	xy, _ := p.anmTest(true)
	return yx - xy
}

// anmLogP is log p(y-residual independent of x) - log p(x-residual
// independent of y).
func anmLogP(p *prepared) float64 {
	_, pyx := p.anmTest(false)
	_, pxy := p.anmTest(true)
	return math.Log(max(pxy, 1e-300)) - math.Log(max(pyx, 1e-300))
}

// reciScore is MSE(x|y) - MSE(y|x) on min-max scaled data. The learners
// used are affine-equivariant, so the residuals on the z-scored data are
// rescaled by std/range instead of refitting.
func reciScore(p *prepared, learner string) float64 {
	sx, sy := spreadRatio(p.x), spreadRatio(p.y)
	return meanSquare(p.residual(learner, false))*sx*sx - meanSquare(p.residual(learner, true))*sy*sy
}

// spreadRatio is the population std of a over its range.
func spreadRatio(a []float64) float64 {
	lo, hi := a[0], a[0]
	var m, ss float64
	for _, v := range a {
		lo, hi = min(lo, v), max(hi, v)
		m += v
	}
	m /= float64(len(a))
	for _, v := range a {
		ss += (v - m) * (v - m)
	}
	return math.Sqrt(ss/float64(len(a))) / (hi - lo)
}

func meanSquare(r []float64) float64 {
	var s float64
	for _, v := range r {
		s += v * v
	}
	return s / float64(len(r))
}

// cdsScore is CDS(y->x) - CDS(x->y) on the original variables.
func cdsScore(p *prepared) float64 {
	return infotheory.CDS(p.rawY, p.rawX, p.ty, p.tx) - infotheory.CDS(p.rawX, p.rawY, p.tx, p.ty)
}

// mdlScore is L(x|y) - L(y|x) per point.
func mdlScore(p *prepared) float64 {
	return p.codeLength(false) - p.codeLength(true)
}

// codeLength is the per-point code length of the effect given the cause
// (y given x when xToY): the best over polynomial degrees d = 1..3 of
// ½·log(RSS/n) + (d+1)·log(n)/(2n).
func (p *prepared) codeLength(xToY bool) float64 {
	n := float64(len(p.x))
	best := math.Inf(1)
	for d, name := range []string{"linear", "poly2", "poly3"} {
		rss := max(meanSquare(p.residual(name, xToY)), 1e-12)
		best = min(best, 0.5*math.Log(rss)+float64(d+2)*math.Log(n)/(2*n))
	}
	return best
}
