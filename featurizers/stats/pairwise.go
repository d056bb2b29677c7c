package stats

import (
	"math"
	"sync"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// pairwiseNames are the values Pairwise writes, in order.
var pairwiseNames = []string{
	"pearson_r", "pearson_p",
	"spearman_r", "spearman_p",
	"kendall_tau", "kendall_p",
	"chi_square", "chi_square_p",
	"braycurtis", "canberra", "chebyshev", "cityblock", "correlation",
	"cosine", "euclidean", "hamming", "sqeuclidean",
	"ansari", "ansari_p",
	"mood", "mood_p",
	"levene", "levene_p",
	"fligner", "fligner_p",
	"bartlett", "bartlett_p",
	"mannwhitney", "mannwhitney_p",
}

// Indices into the Pairwise output.
const (
	pwPearson = iota * 2
	pwSpearman
	pwKendall
	pwChi
)

// PairwiseNames returns the names of the values Pairwise writes, in order.
func PairwiseNames() []string { return slices0(pairwiseNames) }

// Pairwise writes the pairwise statistics of two numeric vectors of equal
// length (see PairwiseNames) into dst, which must have room for
// len(PairwiseNames()) values. Definitions follow scipy:
//   - pearson/spearman: r and the two-sided Student-t p-value (n-2 df);
//     kendall: tau-b (Knight's O(n log n) algorithm) and the asymptotic
//     tie-corrected normal p-value (scipy's method="asymptotic").
//   - chi_square: as the 2013 winner, scipy.stats.chisquare of the shifted x
//     as observed counts against the shifted y as expected counts, each
//     shifted so that its minimum is 1: Σ (o-e)²/e, p from chi2(n-1).
//   - the distances are scipy.spatial.distance's on the raw vectors.
//   - two-sample tests treat x and y as two samples: Ansari-Bradley (AB and
//     the normal-approximation p, tie-corrected), Mood (z and p, Mielke's tie
//     correction), Levene (median-centred, i.e. Brown-Forsythe), Fligner-
//     Killeen (median-centred), Bartlett, Mann-Whitney (U of x, two-sided
//     p with tie and continuity correction). p-values use the asymptotic
//     distributions for every n (scipy switches to exact ones for n < 55 or
//     tiny samples without ties).
//
// Mismatched lengths, fewer than 3 points or a NaN in the input give all
// NaN; undefined values (e.g. correlations of a constant vector) are NaN.
func Pairwise(x, y []float64, dst []float64) {
	dst = dst[:len(pairwiseNames)]
	if len(x) != len(y) || len(x) < 3 {
		FillNaN(dst)
		return
	}
	sx, sy := samplePool.Get().(*Sample), samplePool.Get().(*Sample)
	defer samplePool.Put(sx)
	defer samplePool.Put(sy)
	sx.Set(x)
	sy.Set(y)
	PairwiseSamples(sx, sy, dst)
}

// PairwiseSamples is Pairwise on prepared samples (see Sample).
func PairwiseSamples(a, b *Sample, dst []float64) {
	dst = dst[:len(pairwiseNames)]
	FillNaN(dst)
	x, y := a.x, b.x
	n := len(x)
	if n != len(y) || n < 3 || a.nan || b.nan {
		return
	}
	pearsonMoments(x, y, a.mean, a.vari, b.mean, b.vari, dst[pwPearson:])
	pearsonMoments(a.rank, b.rank, float64(n+1)/2, rankVar(a, n), float64(n+1)/2, rankVar(b, n), dst[pwSpearman:])
	chiSquareShifted(x, y, a.sorted[0], b.sorted[0], dst[pwChi:])
	distances(x, y, a.mean, b.mean, dst[8:17])
	ip := getInts(2*n + 1)
	defer putInts(ip)
	kendall(a.ranked(), b.ranked(), (*ip)[:n+1], (*ip)[n+1:], a.tiePairs, a.tie1, a.tie2, b.tiePairs, b.tie1, b.tie2, dst[pwKendall:])
	twoSample(a, b, dst[17:])
}

// rankVar returns the population variance of a sample's mid-ranks:
// (n² - 1)/12 less the tie correction Σ(t³ - t)/(12 n).
func rankVar(s *Sample, n int) float64 {
	fn := float64(n)
	// Σ(t³ - t) = Σ t(t-1)(t-2) + 3 Σ t(t-1) = tie1 + 6 tiePairs.
	return (fn*fn-1)/12 - (s.tie1+6*s.tiePairs)/(12*fn)
}

// pearsonMoments writes Pearson's r and its two-sided p-value into
// dst[0:2], given both vectors' means and population variances.
func pearsonMoments(x, y []float64, mx, vx, my, vy float64, dst []float64) {
	n := len(x)
	sxy := 0.0
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
	}
	sxy /= float64(n)
	den := math.Sqrt(vx * vy)
	if !(den > 0) || math.IsInf(den, 0) {
		return
	}
	r := math.Max(-1, math.Min(1, sxy/den))
	dst[0] = r
	dst[1] = corrPValue(r, n)
}

// corrPValue is the two-sided p-value of a correlation r on n points under
// the Student-t approximation with n-2 degrees of freedom.
func corrPValue(r float64, n int) float64 {
	if math.IsNaN(r) {
		return math.NaN()
	}
	if n <= 2 {
		return 1
	}
	if math.Abs(r) >= 1 {
		return 0
	}
	df := float64(n - 2)
	t := math.Abs(r) * math.Sqrt(df/((1-r)*(1+r)))
	// Two-sided t tail via the regularized incomplete beta function.
	return mathext.RegIncBeta(df/2, 0.5, df/(df+t*t))
}

// kendall writes Kendall's tau-b and its asymptotic p-value into dst[0:2],
// given both samples' tie sums (Σ t(t-1)/2, Σ t(t-1)(t-2), Σ t(t-1)(2t+5)).
// The discordant pairs are counted in O(n log n) with a Fenwick tree over
// y's tie blocks, walking x's tie blocks in order (query a whole block, then
// insert it, so pairs tied in x count as neither); the pairs tied in both
// come from per-block counts. bit has len n+1, cnt len n; both are scratch.
func kendall(rx, ry *ranked, bit, cnt []int, xtie, x0, x1, ytie, y0, y1 float64, dst []float64) {
	n := len(rx.order)
	k := ry.dense[ry.order[n-1]] + 1 // number of y tie blocks
	clear(bit[:k+1])
	clear(cnt[:k])
	dis, ntie, seen := 0, 0, 0
	for s := 0; s < n; {
		e := s + 1
		for e < n && rx.sorted[e] == rx.sorted[s] {
			e++
		}
		for _, i := range rx.order[s:e] {
			r := ry.dense[i]
			le := 0 // inserted values with y rank <= r
			for j := r + 1; j > 0; j -= j & -j {
				le += bit[j]
			}
			dis += seen - le
			ntie += cnt[r]
			cnt[r]++
		}
		for _, i := range rx.order[s:e] {
			r := ry.dense[i]
			cnt[r] = 0
			for j := r + 1; j <= k; j += j & -j {
				bit[j]++
			}
		}
		seen += e - s
		s = e
	}
	fn := float64(n)
	tot := fn * (fn - 1) / 2
	cmd := tot - xtie - ytie + float64(ntie) - 2*float64(dis)
	den := math.Sqrt(tot-xtie) * math.Sqrt(tot-ytie)
	if !(den > 0) {
		return
	}
	dst[0] = math.Max(-1, math.Min(1, cmd/den))
	m := fn * (fn - 1)
	v := (m*(2*fn+5)-x1-y1)/18 + 2*xtie*ytie/m + x0*y0/(9*m*(fn-2))
	if v > 0 {
		dst[1] = normSF2(cmd / math.Sqrt(v))
	}
}

// chiSquareShifted writes the winner's chi-square of shifted vectors and its
// p-value into dst[0:2].
func chiSquareShifted(x, y []float64, minX, minY float64, dst []float64) {
	s := 0.0
	for i := range x {
		o := x[i] - minX + 1
		e := y[i] - minY + 1
		d := o - e
		s += d * d / e
	}
	if math.IsNaN(s) || math.IsInf(s, 0) {
		return
	}
	dst[0] = s
	dst[1] = chi2SF(s, float64(len(x)-1))
}

// distances writes scipy's braycurtis, canberra, chebyshev, cityblock,
// correlation, cosine, euclidean, hamming and sqeuclidean into dst[0:9].
func distances(u, v []float64, mu, mv float64, dst []float64) {
	n := len(u)
	var absDiff, absSum, canb, cheb, sq, uv, uu, vv, cuv, cuu, cvv, ham float64
	for i := range u {
		a, b := u[i], v[i]
		d := a - b
		ad := math.Abs(d)
		absDiff += ad
		absSum += math.Abs(a + b)
		if den := math.Abs(a) + math.Abs(b); den > 0 {
			canb += ad / den
		}
		cheb = math.Max(cheb, ad)
		sq += d * d
		uv += a * b
		uu += a * a
		vv += b * b
		ca, cb := a-mu, b-mv
		cuv += ca * cb
		cuu += ca * ca
		cvv += cb * cb
		if a != b {
			ham++
		}
	}
	dst[0] = Finite(absDiff / absSum)
	dst[1] = Finite(canb)
	dst[2] = Finite(cheb)
	dst[3] = Finite(absDiff)
	dst[4] = Finite(1 - cuv/math.Sqrt(cuu*cvv))
	dst[5] = Finite(1 - uv/math.Sqrt(uu*vv))
	dst[6] = Finite(math.Sqrt(sq))
	dst[7] = ham / float64(n)
	dst[8] = Finite(sq)
}

// twoSample writes the two-sample tests of a against b (see Pairwise)
// into dst[0:12].
func twoSample(a, b *Sample, dst []float64) {
	n, m := len(a.x), len(b.x)
	N := n + m
	ip := getInts(4 * N)
	defer putInts(ip)
	ca, cb := (*ip)[0:N], (*ip)[N:2*N]
	k := pooledBlocks(a.sorted, b.sorted, ca, cb)
	ansari(ca[:k], cb[:k], n, m, dst[0:2])
	mood(ca[:k], cb[:k], n, m, dst[2:4])
	levene(a.absDev, b.absDev, dst[4:6])
	da, db := (*ip)[2*N:3*N], (*ip)[3*N:4*N]
	kd := pooledBlocks(a.absDev, b.absDev, da, db)
	fligner(da[:kd], db[:kd], n, m, dst[6:8])
	bartlett(n, m, a.vari, b.vari, dst[8:10])
	mannWhitney(ca[:k], cb[:k], n, m, dst[10:12])
}

// ansari writes scipy.stats.ansari's AB statistic and its tie-corrected
// normal-approximation p-value from the pooled tie blocks.
func ansari(ca, cb []int, n, m int, dst []float64) {
	N := n + m
	fN := float64(N)
	pos, ab, fac, repeats := 0, 0.0, 0.0, false
	for j := range ca {
		t := ca[j] + cb[j]
		mid := float64(2*pos+t+1) / 2
		sym := math.Min(mid, fN-mid+1)
		ab += float64(ca[j]) * sym
		fac += float64(t) * sym * sym
		repeats = repeats || t > 1
		pos += t
	}
	fn, fm := float64(n), float64(m)
	var mean, v float64
	if N%2 == 1 {
		mean = fn * (fN + 1) * (fN + 1) / (4 * fN)
		v = fn * fm * (fN + 1) * (3 + fN*fN) / (48 * fN * fN)
		if repeats {
			v = fm * fn * (16*fN*fac - math.Pow(fN+1, 4)) / (16 * fN * fN * (fN - 1))
		}
	} else {
		mean = fn * (fN + 2) / 4
		v = fm * fn * (fN + 2) * (fN - 2) / 48 / (fN - 1)
		if repeats {
			v = fm * fn * (16*fac - fN*(fN+2)*(fN+2)) / (16 * fN * (fN - 1))
		}
	}
	dst[0] = ab
	if v > 0 {
		dst[1] = normSF2((mean - ab) / math.Sqrt(v))
	}
}

// mood writes scipy.stats.mood's z statistic and two-sided p-value, using
// Mielke's tie-corrected form (identical to the plain one without ties).
func mood(ca, cb []int, n, m int, dst []float64) {
	N := n + m
	fN := float64(N)
	c := (fN + 1) / 2
	// f(k) = Σ_{i=1..k} (i - c)².
	f := func(k float64) float64 { return k*(k+1)*(2*k+1)/6 - c*k*(k+1) + k*c*c }
	T, tieTerm := 0.0, 0.0
	prev := 0.0 // S_{j-1}
	for j := range ca {
		t := float64(ca[j] + cb[j])
		S := prev + t
		T += float64(ca[j]) * (f(S) - f(prev)) / t
		if t > 1 {
			d := fN - S - prev
			tieTerm += t * (t*t - 1) * (t*t - 4 + 15*d*d)
		}
		prev = S
	}
	fn, fm := float64(n), float64(m)
	mean := fn * (fN*fN - 1) / 12
	v := fm*fn*(fN+1)*(fN*fN-4)/180 - fm*fn/(180*fN*(fN-1))*tieTerm
	if v > 0 {
		z := (T - mean) / math.Sqrt(v)
		dst[0] = z
		dst[1] = normSF2(z)
	}
}

// levene writes the median-centred Levene (Brown-Forsythe) W and its
// F(1, N-2) p-value for two samples given their absolute deviations from
// their medians.
func levene(za, zb []float64, dst []float64) {
	ma, _ := meanVar(za)
	mb, _ := meanVar(zb)
	fn, fm := float64(len(za)), float64(len(zb))
	z := (ma*fn + mb*fm) / (fn + fm)
	within := 0.0
	for _, v := range za {
		within += (v - ma) * (v - ma)
	}
	for _, v := range zb {
		within += (v - mb) * (v - mb)
	}
	between := fn*(ma-z)*(ma-z) + fm*(mb-z)*(mb-z)
	w := (fn + fm - 2) * between / within
	if math.IsNaN(w) || math.IsInf(w, 0) {
		return
	}
	dst[0] = w
	dst[1] = distuv.F{D1: 1, D2: fn + fm - 2}.Survival(w)
}

// fligner writes the median-centred Fligner-Killeen statistic and its
// chi2(1) p-value from the pooled tie blocks of the absolute deviations.
func fligner(ca, cb []int, n, m int, dst []float64) {
	fN := float64(n + m)
	scores := flignerScores(n + m)
	pos := 0
	var sa, sb, sum, sumSq float64
	for j := range ca {
		t := ca[j] + cb[j]
		q := scores[2*pos+t+1] // twice the block's mid-rank
		sa += float64(ca[j]) * q
		sb += float64(cb[j]) * q
		sum += float64(t) * q
		sumSq += float64(t) * q * q
		pos += t
	}
	mean := sum / fN
	v := (sumSq - fN*mean*mean) / (fN - 1)
	fn, fm := float64(n), float64(m)
	ma, mb := sa/fn, sb/fm
	x := (fn*(ma-mean)*(ma-mean) + fm*(mb-mean)*(mb-mean)) / v
	if math.IsNaN(x) || math.IsInf(x, 0) || !(v > 1e-300) {
		return
	}
	dst[0] = x
	dst[1] = chi2SF(x, 1)
}

// bartlett writes Bartlett's statistic and its chi2(1) p-value.
// n, m are the sizes and vx, vy the population variances of the samples.
func bartlett(n, m int, vx, vy float64, dst []float64) {
	fn, fm := float64(n), float64(m)
	vx *= fn / (fn - 1)
	vy *= fm / (fm - 1)
	N := fn + fm
	sp := ((fn-1)*vx + (fm-1)*vy) / (N - 2)
	num := (N-2)*math.Log(sp) - (fn-1)*math.Log(vx) - (fm-1)*math.Log(vy)
	den := 1 + (1/(fn-1)+1/(fm-1)-1/(N-2))/3
	t := num / den
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return
	}
	dst[0] = t
	dst[1] = chi2SF(t, 1)
}

// mannWhitney writes scipy's Mann-Whitney U of the first sample and its
// two-sided asymptotic p-value (tie correction, continuity correction).
func mannWhitney(ca, cb []int, n, m int, dst []float64) {
	fn, fm := float64(n), float64(m)
	N := fn + fm
	pos, r1, tie := 0, 0.0, 0.0
	for j := range ca {
		t := ca[j] + cb[j]
		mid := float64(2*pos+t+1) / 2
		r1 += float64(ca[j]) * mid
		ft := float64(t)
		tie += ft*ft*ft - ft
		pos += t
	}
	u1 := r1 - fn*(fn+1)/2
	dst[0] = u1
	s := math.Sqrt(fn * fm / 12 * ((N + 1) - tie/(N*(N-1))))
	if !(s > 0) {
		return
	}
	u := math.Max(u1, fn*fm-u1)
	z := (u - fn*fm/2 - 0.5) / s
	dst[1] = math.Min(1, math.Erfc(z/math.Sqrt2))
}

// flignerCache holds Fligner-Killeen scores by pooled size (cleared when it
// grows large).
var flignerCache struct {
	sync.Mutex
	m map[int][]float64
}

// flignerScores returns, for pooled size N, the scores
// Φ⁻¹(r/(2(N+1)) + 1/2) indexed by 2r for every (mid-)rank r in [1, N]
// (shared, read-only; the plan compares vectors of one size many times).
func flignerScores(N int) []float64 {
	flignerCache.Lock()
	s, ok := flignerCache.m[N]
	flignerCache.Unlock()
	if ok {
		return s
	}
	s = make([]float64, 2*N+1)
	fN := float64(N)
	for k := 2; k <= 2*N; k++ {
		s[k] = mathext.NormalQuantile(float64(k)/2/(2*(fN+1)) + 0.5)
	}
	flignerCache.Lock()
	if flignerCache.m == nil || len(flignerCache.m) >= 64 {
		flignerCache.m = make(map[int][]float64)
	}
	flignerCache.m[N] = s
	flignerCache.Unlock()
	return s
}
