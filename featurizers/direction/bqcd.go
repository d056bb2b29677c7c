package direction

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// bQCD settings: the kernel estimate uses at most bqcdKernelPoints evenly
// spaced points; conditional quantiles are computed on a bqcdGridX ×
// bqcdGridY grid of normal scores and interpolated (rvinecopulib
// interpolates its kernel copula on a 30 × 30 grid).
const (
	bqcdKernelPoints = 1000
	bqcdGridX        = 30
	bqcdGridY        = 48
)

// Gauss–Legendre nodes and weights for m = 7 on (0, 1) (statmod's
// gauss.quad.prob(7)); the authors' Tübingen runs use m = 7 and m = 1 below
// 200 points.
var (
	gl7Nodes   = [7]float64{-0.9491079123427585, -0.7415311855993945, -0.4058451513773972, 0, 0.4058451513773972, 0.7415311855993945, 0.9491079123427585}
	gl7Weights = [7]float64{0.1294849661688697, 0.2797053914892766, 0.3818300505051189, 0.4179591836734694, 0.3818300505051189, 0.2797053914892766, 0.1294849661688697}
)

// bqcd is bQCD / QCCD (Tagasovska, Chavez-Demoulin & Vatter, ICML 2020;
// tagas/bQCD R/bqcd.R, generalization.md B11): pseudo-observations
// u = rank/(n+1) with ties broken at random (a fixed seed), normal scores
// z = Φ⁻¹(u), a nonparametric copula of (u_x, u_y) by the
// transformation local-constant kernel estimator (rvinecopulib's "tll",
// nonpar_method "constant": a Gaussian kernel on the normal scores with
// bandwidth matrix n^(-1/3)·[[1, ρ], [ρ, 1]], ρ the normal-score
// correlation clipped to ±0.95; rvinecopulib's maximal-correlation
// rescaling of it is left out); for each Gauss–Legendre level τ (m = 7,
// m = 1 below 200 points) the conditional τ-quantiles of each variable
// given the other (copula h-inverse mapped back through the empirical
// quantiles of the normal scores) and the unconditional ones are scored by
// the pinball loss; D(x->y) = (S(x) + S(y|x)) / (S(x) + S(y)); score =
// D(y->x) - D(x->y).
func bqcd(p *prepared) float64 {
	n := len(p.x)
	zx, zy := normalScores(p.x), normalScores(p.y)
	kidx := evenIndex(n, p.bounds.BQCDKernelPoints)
	kx, ky := pick(zx, kidx), pick(zy, kidx)
	rho := min(max(pearson(kx, ky), -0.95), 0.95)
	s := math.Pow(float64(len(kx)), -1.0/3)
	nodes, weights := []float64{0.5}, []float64{1}
	if n >= 200 {
		nodes, weights = make([]float64, 7), make([]float64, 7)
		for j := range gl7Nodes {
			nodes[j], weights[j] = (gl7Nodes[j]+1)/2, gl7Weights[j]/2
		}
	}
	sx, sy := slices.Sorted(slices.Values(zx)), slices.Sorted(slices.Values(zy))
	qyx := condQuantiles(kx, ky, zx, sy, rho, s, nodes)
	qxy := condQuantiles(ky, kx, zy, sx, rho, s, nodes)
	var margX, margY, condXY, condYX float64
	for j, tau := range nodes {
		w := weights[j]
		margX += w * pinball(zx, repeated(quantile7(sx, tau), n), tau)
		margY += w * pinball(zy, repeated(quantile7(sy, tau), n), tau)
		condYX += w * pinball(zy, qyx[j], tau)
		condXY += w * pinball(zx, qxy[j], tau)
	}
	dxy := (margX + condYX) / (margX + margY)
	dyx := (margY + condXY) / (margX + margY)
	return dyx - dxy
}

func repeated(v float64, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// normalScores returns Φ⁻¹(rank/(n+1)) with ties ranked in a random order
// drawn from a fixed seed (R's rank(ties.method = "random") after
// set.seed(0)); the order depends only on a.
func normalScores(a []float64) []float64 {
	rng := rand.New(rand.NewPCG(0, 0))
	key := make([]float64, len(a))
	idx := make([]int, len(a))
	for i := range a {
		key[i], idx[i] = rng.Float64(), i
	}
	slices.SortFunc(idx, func(i, j int) int {
		if c := cmp.Compare(a[i], a[j]); c != 0 {
			return c
		}
		return cmp.Compare(key[i], key[j])
	})
	z := make([]float64, len(a))
	n1 := float64(len(a) + 1)
	for r, i := range idx {
		z[i] = distuv.UnitNormal.Quantile(float64(r+1) / n1)
	}
	return z
}

func pearson(a, b []float64) float64 {
	n := float64(len(a))
	var ma, mb float64
	for i := range a {
		ma += a[i]
		mb += b[i]
	}
	ma /= n
	mb /= n
	var sab, saa, sbb float64
	for i := range a {
		sab += (a[i] - ma) * (b[i] - mb)
		saa += (a[i] - ma) * (a[i] - ma)
		sbb += (b[i] - mb) * (b[i] - mb)
	}
	if saa == 0 || sbb == 0 {
		return 0
	}
	return sab / math.Sqrt(saa*sbb)
}

// quantile7 is R's default (type 7) quantile of ascending s at level p.
func quantile7(s []float64, p float64) float64 {
	h := float64(len(s)-1) * p
	lo := int(math.Floor(h))
	if lo >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[lo] + (h-float64(lo))*(s[lo+1]-s[lo])
}

// pinball is the authors' quantileScoring: the mean of
// (1{actual <= pred} - τ)·(pred - actual).
func pinball(actual, pred []float64, tau float64) float64 {
	var s float64
	for i, a := range actual {
		ind := 0.0
		if a <= pred[i] {
			ind = 1
		}
		s += (ind - tau) * (pred[i] - a)
	}
	return s / float64(len(actual))
}

// condQuantiles returns, per level τ of taus and for every conditioning
// score c of the data, the τ-quantile of the target given c under the kernel copula of (ka, kb)
// (conditioning, target kernel points), mapped back through the empirical
// quantile of the target's ascending normal scores sb.
func condQuantiles(ka, kb, c, sb []float64, rho, s float64, taus []float64) [][]float64 {
	lo, hi := sb[0], sb[len(sb)-1]
	clo, chi := slices.Min(ka), slices.Max(ka)
	gx := linspace(clo, chi, bqcdGridX)
	gy := linspace(lo-3*math.Sqrt(s), hi+3*math.Sqrt(s), bqcdGridY)
	sd := math.Sqrt(s * (1 - rho*rho))
	qg := make([][]float64, len(taus))
	for j := range qg {
		qg[j] = make([]float64, bqcdGridX)
	}
	F := make([]float64, bqcdGridY)
	var sc cdfScratch
	b := newCDFBounds(gy, sd*math.Sqrt2)
	for g, x := range gx {
		wsum := cdfGrid(F, gy, ka, kb, x, rho, s, sd, taus, b, &sc)
		for j, tau := range taus {
			qg[j][g] = invertCDF(gy, F, wsum, tau)
		}
	}
	out := make([][]float64, len(taus))
	for j := range taus {
		out[j] = make([]float64, len(c))
		for i, v := range c {
			zq := interpGrid(gx, qg[j], v)
			out[j][i] = quantile7(sb, distuv.UnitNormal.CDF(zq))
		}
	}
	return out
}

// cdfScratch holds one grid column's kernel terms (kernel points of
// non-zero weight, in order: -log weight, conditional mean, half weight),
// the histogram of their bins (see cdfBounds), the levels and which rows
// are computed.
type cdfScratch struct {
	pw, m, h []float64
	hist     []float64
	base     int // bin of hist[0]
	ts       []float64
	exact    []bool
}

// cdfGrid fills F with what invertCDF reads of the kernel copula's
// unnormalized conditional CDF of the target at the grid gy given the
// conditioning score x, F[j] = Σ_k w_k·Φ((gy[j] - m_k)/sd) with w_k =
// exp(-(x - ka[k])²/(2s)) and m_k = kb[k] + ρ(x - ka[k]), summed in k's
// order as 0.5·w·Erfc, and returns Σ w_k. invertCDF reads, for each level
// t = τ·Σw of taus, the rows up to the first one reaching t, compares them
// with t and interpolates between that row and the one under it. So only
// those two rows per level are computed (cdfRow, bit-identical to the plain
// double loop), plus the rows whose bounds (cdfBounds) leave their
// comparison with a level open; every other row is set to 0, which compares
// below every level it is compared with. taus must ascend.
func cdfGrid(F, gy, ka, kb []float64, x, rho, s, sd float64, taus []float64, b *cdfBounds, sc *cdfScratch) float64 {
	pw, m, h := sc.pw[:0], sc.m[:0], sc.h[:0]
	var wsum float64
	for k := range ka {
		d := x - ka[k]
		p := d * d / (2 * s)
		w := math.Exp(-p)
		if w == 0 {
			continue
		}
		wsum += w
		pw, m, h = append(pw, p), append(m, kb[k]+rho*d), append(h, w*0.5)
	}
	sc.pw, sc.m, sc.h = pw, m, h
	den := sd * math.Sqrt2
	rows := len(gy)
	sc.ts = sc.ts[:0]
	for _, tau := range taus {
		sc.ts = append(sc.ts, tau*wsum) // invertCDF's level
	}
	sc.exact = append(sc.exact[:0], make([]bool, rows)...)
	clear(F)
	compute := func(j int) {
		if !sc.exact[j] {
			F[j], sc.exact[j] = cdfRow(gy[j], den, pw, m, h), true
		}
	}
	if !slices.IsSorted(sc.ts) || !(sc.ts[0] > 0) || b == nil {
		for j := range rows {
			compute(j)
		}
		return wsum
	}
	if !b.fill(m, h, gy[0], den, sc) {
		for j := range rows {
			compute(j)
		}
		return wsum
	}
	margin := 1e-9 * wsum // the bounds' and the sums' rounding
	q := 0                // the lowest level not reached yet
	for j := 0; j < rows && q < len(sc.ts); j++ {
		lo, hi := b.row(j, sc)
		for q < len(sc.ts) {
			t := sc.ts[q]
			var reached bool
			switch {
			case lo-margin >= t:
				reached = true
			case hi+margin < t:
				reached = false
			default:
				compute(j)
				reached = F[j] >= t
			}
			if !reached {
				break
			}
			compute(j) // the first row reaching level q and the one under it
			if j > 0 {
				compute(j - 1)
			}
			q++
		}
	}
	return wsum
}

// cdfRow returns one row of cdfGrid: Σ_k h_k·Erfc(-(y - m_k)/den) in k's
// order, skipping the terms that provably leave the sum unchanged (see
// addLimit); every other term is computed and added as the plain double
// loop does, so the row is bit-identical to it.
func cdfRow(y, den float64, pw, m, h []float64) float64 {
	f, lim := 0.0, addLimit(0)
	for k, mk := range m {
		a := -(y - mk) / den
		if a < -6 {
			f += h[k] * 2 // math.Erfc is exactly 2 below -6
			continue
		}
		if a >= 28 {
			continue // Erfc(a) is exactly 0
		}
		p := pw[k]
		if a >= 1 {
			p += a*a + 1.25 // Erfc(a)/2 <= exp(-a²)/(2a√π) < exp(-a²-1.26)
		} else if a > 0 {
			p += a * a
		}
		if p > lim {
			continue
		}
		f += h[k] * math.Erfc(a)
		lim = addLimit(f)
	}
	return f
}

// cdfBounds bounds every row of cdfGrid without an Erfc call. The rows'
// Erfc arguments a = (m - y_j)/den shift by a constant step σ = Δy/den from
// one row to the next; binned in widths σ/cdfBinsPerRow on row 0, a kernel
// point moves down exactly cdfBinsPerRow bins a row, and on a bin [i·δ,
// (i+1)·δ) Erfc lies between Erfc((i+1)δ) and Erfc(iδ) (it decreases). So
// one histogram of the half weights by bin gives each row's bounds in a
// pass over the bins. A point near a bin's edge may fall in its neighbour
// by the rounding of a, by far less than the margin cdfGrid allows.
type cdfBounds struct {
	width    float64   // bin width δ in a
	imin     int       // bin of up[0] and down[0]
	up, down []float64 // Erfc(iδ)·(1+1e-9), Erfc((i+1)δ)·(1-1e-9)
}

// cdfBinsPerRow is the number of bins a row's step spans.
const cdfBinsPerRow = 8

// newCDFBounds returns the bounds' tables for the grid gy and den (nil
// when the grid gives no usable step).
func newCDFBounds(gy []float64, den float64) *cdfBounds {
	if len(gy) < 2 {
		return nil
	}
	step := (gy[len(gy)-1] - gy[0]) / float64(len(gy)-1) / den
	width := step / cdfBinsPerRow
	if !(width > 1e-3) || math.IsInf(width, 0) {
		return nil
	}
	b := &cdfBounds{width: width, imin: -int(7/width) - 1}
	for i := b.imin; float64(i)*width <= 7; i++ {
		b.up = append(b.up, math.Erfc(float64(i)*width)*(1+1e-9))
		b.down = append(b.down, math.Erfc(float64(i+1)*width)*(1-1e-9))
	}
	return b
}

// fill bins the half weights h by the kernel points' a on row 0 (grid
// value y0) into sc.hist (bin sc.base first); false when a mean is not
// finite.
func (b *cdfBounds) fill(m, h []float64, y0, den float64, sc *cdfScratch) bool {
	lo, hi := math.MaxInt, math.MinInt
	for _, mk := range m {
		if math.IsNaN(mk) || math.IsInf(mk, 0) {
			return false
		}
		i := b.bin(mk, y0, den)
		lo, hi = min(lo, i), max(hi, i)
	}
	sc.base = lo
	sc.hist = append(sc.hist[:0], make([]float64, max(hi-lo+1, 0))...)
	for k, mk := range m {
		sc.hist[b.bin(mk, y0, den)-lo] += h[k]
	}
	return true
}

// bin returns the bin of a = (mk - y0)/den, clamped far outside the tables.
func (b *cdfBounds) bin(mk, y0, den float64) int {
	return int(min(max(math.Floor((mk-y0)/den/b.width), -1e6), 1e6))
}

// row returns bounds on row j of cdfGrid from the histogram in sc.
func (b *cdfBounds) row(j int, sc *cdfScratch) (lo, hi float64) {
	last := len(b.up) - 1
	for c, w := range sc.hist {
		if w == 0 {
			continue
		}
		i := sc.base + c - j*cdfBinsPerRow - b.imin
		switch {
		case i < 0:
			lo, hi = lo+w*b.down[0], hi+w*b.up[0]
		case i > last:
			hi += w * b.up[last]
		default:
			lo, hi = lo+w*b.down[i], hi+w*b.up[i]
		}
	}
	return lo, hi
}

// addLimit returns L such that adding a non-negative term t with
// t <= exp(-P) and P > L leaves f unchanged in float64: t is then below
// half an ulp of f (2^(e-53) for f's exponent e, with a factor 1/e of
// margin for the rounding of P and t). A term w/2·Erfc(a) of cdfGrid is at
// most exp(-pw) (w = exp(-pw), Erfc <= 2), exp(-(pw + a²)) for a > 0
// (Erfc(a) <= exp(-a²)) and exp(-(pw + a² + 1.26)) for a >= 1 (Erfc(a) <=
// exp(-a²)/(a√π)). Near zero (f < 2^-900, including 0) nothing is skipped.
// A limit computed for a smaller f stays valid as f grows.
func addLimit(f float64) float64 {
	return addLimits[math.Float64bits(f)>>52&0x7ff]
}

// addLimits holds addLimit by f's biased exponent (f >= 0).
var addLimits = func() (t [2048]float64) {
	for b := range t {
		t[b] = math.Inf(1)
		if e := b - 1023; e >= -900 {
			t[b] = float64(53-e)*math.Ln2 + 1
		}
	}
	return t
}()

func linspace(lo, hi float64, m int) []float64 {
	out := make([]float64, m)
	for i := range out {
		out[i] = lo + (hi-lo)*float64(i)/float64(m-1)
	}
	return out
}

// invertCDF returns the y at which the (unnormalized, total wsum) CDF
// values F on the ascending grid gy reach τ, by linear interpolation.
func invertCDF(gy, F []float64, wsum, tau float64) float64 {
	if wsum == 0 {
		return gy[len(gy)/2]
	}
	t := tau * wsum
	if t <= F[0] {
		return gy[0]
	}
	for j := 1; j < len(F); j++ {
		if F[j] >= t {
			if F[j] == F[j-1] {
				return gy[j]
			}
			return gy[j-1] + (t-F[j-1])/(F[j]-F[j-1])*(gy[j]-gy[j-1])
		}
	}
	return gy[len(gy)-1]
}

// interpGrid linearly interpolates (gx, v) at x, constant outside.
func interpGrid(gx, v []float64, x float64) float64 {
	if x <= gx[0] {
		return v[0]
	}
	last := len(gx) - 1
	if x >= gx[last] {
		return v[last]
	}
	step := (gx[last] - gx[0]) / float64(last)
	j := min(int((x-gx[0])/step), last-1)
	f := (x - gx[j]) / (gx[j+1] - gx[j])
	return v[j] + f*(v[j+1]-v[j])
}
