package learners

import "math"

// Kernel ridge settings.
const (
	kernelBins  = 64   // at most this many support points
	kernelAlpha = 0.01 // ridge penalty per training row, on the standardized y
	kernelStep  = 0.125
)

// kernelRidge is kernel ridge regression (the posterior mean of a Gaussian
// process) with an RBF kernel exp(-d^2/(2 s^2)) on the standardized x, the
// width s set by the median heuristic (median pairwise distance of up to 64
// evenly spaced sorted rows; 1 when that median is 0), and penalty
// alpha = 0.01 per row on the standardized y (the median-heuristic width
// already makes the fit smooth; a larger alpha would shrink clean signals).
// Instead of a subsample, every row is used through at most 64 support
// points: the distinct x values when there are at most 64 (then the fit is
// exact), otherwise 64 consecutive bins of the sorted rows with about equal
// counts (bin mean x and y, weighted by the count), so the solve is a 64x64
// Cholesky (LAPACK potrf) whatever n. Predictions are exact at points at
// least s/8 apart and quintic-Hermite interpolated (with exact first and
// second derivatives) in between, within about 1e-8 of the exact values
// (for a target of unit spread). Categorical x is refused.
type kernelRidge struct{}

// Name implements Regressor.
func (kernelRidge) Name() string { return "kernel_ridge" }

// AcceptsCategorical implements Regressor.
func (kernelRidge) AcceptsCategorical() bool { return false }

// Fit implements Regressor.
func (kernelRidge) Fit(x Input, y []float64) RegModel {
	a := getArena()
	defer a.release()
	st, m := numericPrelude(x, y, a)
	if m != nil {
		return m
	}
	mx, sx := meanSD(x.X)
	if sx == 0 || sx != sx {
		return constReg{st.center}
	}
	g := x.groups()
	xb, wb, zb := kernelSupport(g, st.z, mx, sx, a)
	km := kernelModel{xb: xb, mx: mx, sx: sx, center: st.center, sd: st.sd}
	km.s = medianDistance(x, mx, sx)
	B := len(xb)
	K := a.floats(B * B)
	inv := 1 / km.s
	for i := range B {
		K[i*B+i] = 1 + kernelAlpha/wb[i]
		for j := i + 1; j < B; j++ {
			d := (xb[i] - xb[j]) * inv
			K[i*B+j] = math.Exp(-0.5 * d * d)
		}
	}
	if !cholSolve(K, B, zb, 1) {
		return constReg{st.center}
	}
	km.a = zb
	return km
}

// kernelSupport summarizes the groups into at most kernelBins weighted points
// (standardized x, row count, mean standardized y).
func kernelSupport(g groups, z []float64, mx, sx float64, a *arena) (xb, wb, zb []float64) {
	G := len(g.ux)
	sz := a.floats(G)
	for r, gi := range g.gid {
		sz[gi] += z[r]
	}
	n := float64(len(z))
	bins := min(G, kernelBins)
	var sw, sxw, szw, seen float64
	b := 0
	for i, v := range g.ux {
		sw += g.cnt[i]
		sxw += g.cnt[i] * (v - mx) / sx
		szw += sz[i]
		seen += g.cnt[i]
		if i == G-1 || bins == G || seen >= float64(b+1)*n/float64(bins) {
			xb = append(xb, sxw/sw)
			wb = append(wb, sw)
			zb = append(zb, szw/sw)
			sw, sxw, szw = 0, 0, 0
			b++
		}
	}
	return xb, wb, zb
}

// medianDistance returns the median pairwise distance of up to kernelBins
// evenly spaced sorted rows of the standardized x (1 when it is 0), by
// bisection on the distance with a two-pointer pair count.
func medianDistance(x Input, mx, sx float64) float64 {
	order := x.sorted()
	n := len(order)
	m := min(n, kernelBins)
	if m < 2 {
		return 1
	}
	v := make([]float64, m)
	for i := range v {
		v[i] = (x.X[order[i*(n-1)/(m-1)]] - mx) / sx
	}
	half := (m*(m-1)/2 + 1) / 2
	count := func(d float64) int {
		c, j := 0, 0
		for i := range v {
			for v[i]-v[j] > d {
				j++
			}
			c += i - j
		}
		return c
	}
	lo, hi := 0.0, v[m-1]-v[0]
	for range 60 {
		mid := lo + (hi-lo)/2
		if count(mid) >= half {
			hi = mid
		} else {
			lo = mid
		}
	}
	if !(hi > 1e-12) {
		return 1
	}
	return hi
}

// kernelModel evaluates sum_b a_b exp(-((x-xb_b)/s)^2/2) on the standardized x.
type kernelModel struct {
	xb, a              []float64
	s                  float64
	mx, sx, center, sd float64
}

// at returns the fitted function and its first two derivatives at standardized q.
func (m kernelModel) at(q float64) (f, df, ddf float64) {
	inv := 1 / m.s
	for i, c := range m.xb {
		d := (q - c) * inv
		e := m.a[i] * math.Exp(-0.5*d*d)
		f += e
		df -= e * d
		ddf += e * (d*d - 1)
	}
	return f, df * inv, ddf * inv * inv
}

// node is the fitted function with its first two derivatives at x.
type node struct{ x, f, d1, d2 float64 }

// nodeAt evaluates the fitted function exactly at standardized q.
func (m kernelModel) nodeAt(q float64) node {
	f, d1, d2 := m.at(q)
	return node{q, f, d1, d2}
}

// Predict implements RegModel: exact values at nodes at most s/8 apart,
// quintic Hermite interpolation between them.
func (m kernelModel) Predict(x Input, out []float64) {
	if x.IsCategorical() {
		constReg{m.center}.Predict(x, out)
		return
	}
	h := kernelStep * m.s
	valid := false
	var A, B node
	for _, r := range x.sorted() {
		q := clampScore((x.X[r] - m.mx) / m.sx)
		if !valid || !(q <= B.x) {
			if valid && q <= B.x+h {
				A = B
			} else {
				A = m.nodeAt(q)
			}
			B = m.nodeAt(A.x + h)
			valid = true
		}
		out[r] = m.center + m.sd*hermite5(q, A, B)
	}
}

// hermite5 interpolates the quintic matching value, first and second
// derivatives at nodes a and b.
func hermite5(q float64, a, b node) float64 {
	h := b.x - a.x
	if !(h > 0) {
		return a.f // q so large that a.x + s/8 rounds to a.x
	}
	t := (q - a.x) / h
	t2 := t * t
	t3 := t2 * t
	t4 := t3 * t
	t5 := t4 * t
	h0 := 1 - 10*t3 + 15*t4 - 6*t5
	h1 := t - 6*t3 + 8*t4 - 3*t5
	h2 := 0.5 * (t2 - 3*t3 + 3*t4 - t5)
	h3 := 0.5 * (t3 - 2*t4 + t5)
	h4 := -4*t3 + 7*t4 - 3*t5
	h5 := 10*t3 - 15*t4 + 6*t5
	return h0*a.f + h*(h1*a.d1+h*h2*a.d2) + h5*b.f + h*(h4*b.d1+h*h3*b.d2)
}
