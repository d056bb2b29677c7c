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
	kidx := evenIndex(n, bqcdKernelPoints)
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
	for g, x := range gx {
		wsum := cdfGrid(F, gy, ka, kb, x, rho, s, sd, taus, &sc)
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
// non-zero weight, in order): -log weight, conditional mean, half weight.
type cdfScratch struct{ pw, m, h []float64 }

// cdfGrid fills F with the kernel copula's unnormalized conditional CDF of
// the target at the grid gy given the conditioning score x, F[j] =
// Σ_k w_k·Φ((gy[j] - m_k)/sd) with w_k = exp(-(x - ka[k])²/(2s)) and
// m_k = kb[k] + ρ(x - ka[k]), summed in k's order as 0.5·w·Erfc, and
// returns Σ w_k. Terms that provably leave F[j] unchanged are skipped
// (see addLimit); every other term is computed and added exactly as the
// plain double loop would, so each F[j] is bit-identical to it. Rows are
// computed upwards and stop at the first one reaching max(τ)·Σw over taus:
// invertCDF never reads past the first row reaching its level, so the rows
// above (set to +Inf) are never read. Likewise the rows at the bottom whose
// bound (cdfRowBound) is below the lowest level are only compared with the
// levels, so they are set to 0 without their terms, except the last of
// them (read when the row above it is the first to reach a level).
func cdfGrid(F, gy, ka, kb []float64, x, rho, s, sd float64, taus []float64, sc *cdfScratch) float64 {
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
	tmin, tmax := math.Inf(1), math.Inf(-1)
	for _, tau := range taus {
		t := tau * wsum // invertCDF's level
		tmin, tmax = min(tmin, t), max(tmax, t)
	}
	den := sd * math.Sqrt2
	below := true // every row so far is certified below every level
	for j, y := range gy {
		if below {
			if cdfRowBound(y, den, m, h)*(1+1e-6) < tmin {
				F[j] = 0
				continue
			}
			below = false
			if j > 0 { // the row under a crossing is read: exact
				F[j-1] = cdfRow(gy[j-1], den, pw, m, h)
			}
		}
		F[j] = cdfRow(y, den, pw, m, h)
		if F[j] >= tmax {
			for i := j + 1; i < len(F); i++ {
				F[i] = math.Inf(1)
			}
			break
		}
	}
	return wsum
}

// cdfRow returns one row of cdfGrid: Σ_k h_k·Erfc(-(y - m_k)/den) in k's
// order, skipping the terms that provably leave the sum unchanged.
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

// cdfRowBound returns an upper bound on cdfRow without an Erfc call:
// Erfc(a) <= 2, and Erfc(a) <= Erfc(i) on [i, i+1) (Erfc decreases).
func cdfRowBound(y, den float64, m, h []float64) float64 {
	var u float64
	for k, mk := range m {
		a := -(y - mk) / den
		switch {
		case !(a >= 0):
			u += h[k] * 2
		case a < 5:
			u += h[k] * erfcSteps[int(a)]
		default:
			u += h[k] * erfcSteps[5]
		}
	}
	return u
}

// erfcSteps[i] is Erfc(i) with a relative margin for its rounding.
var erfcSteps = func() (b [6]float64) {
	for i := range b {
		b[i] = math.Erfc(float64(i)) * (1 + 1e-9)
	}
	return b
}()

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
