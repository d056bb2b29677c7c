package learners

import "math"

// naiveBayes is Gaussian naive Bayes on a numeric x: P(c|x) proportional to
// freq_c * N(x; mean_c, var_c + eps), eps = 1e-9 * var(x) as scikit-learn's
// var_smoothing (the class frequencies when x is constant). On a categorical
// x it is categorical naive Bayes with Laplace smoothing 1:
// P(c|x=j) proportional to freq_c * (n_jc + 1) / (n_c + K). Classes absent
// from the training rows get probability 0.
type naiveBayes struct{}

// Name implements Classifier.
func (naiveBayes) Name() string { return "naive_bayes" }

// AcceptsCategorical implements Classifier.
func (naiveBayes) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (naiveBayes) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(x, y, k)
	if !ok {
		return prior
	}
	if x.IsCategorical() {
		return categoricalBayes(x, y, k, prior)
	}
	mx, sx := meanSD(x.X)
	if sx == 0 || sx != sx {
		return prior
	}
	n := make([]float64, k)
	mean := make([]float64, k)
	vr := make([]float64, k)
	for r, c := range y {
		if validCode(c, k) {
			n[c]++
			mean[c] += (x.X[r] - mx) / sx
		}
	}
	for c := range k {
		if n[c] > 0 {
			mean[c] /= n[c]
		}
	}
	for r, c := range y {
		if validCode(c, k) {
			d := (x.X[r]-mx)/sx - mean[c]
			vr[c] += d * d
		}
	}
	m := gaussBayes{k: k, mx: mx, sx: sx, prior: prior, mean: mean, vr: vr}
	for c := range k {
		if n[c] > 0 {
			vr[c] = vr[c]/n[c] + 1e-9 // var(standardized x) is 1
		}
	}
	return m
}

// gaussBayes predicts with per-class normal densities of the standardized x.
type gaussBayes struct {
	k        int
	mx, sx   float64
	prior    constClass
	mean, vr []float64
}

// PredictProba implements ClassModel.
func (m gaussBayes) PredictProba(x Input, out []float64) {
	if x.IsCategorical() {
		m.prior.PredictProba(x, out)
		return
	}
	k := m.k
	logc := make([]float64, k)
	for c := range k {
		if m.prior.p[c] > 0 {
			logc[c] = math.Log(m.prior.p[c]) - 0.5*math.Log(2*math.Pi*m.vr[c])
		}
	}
	perValue(x, k, out, func(v float64, o []float64) {
		xs := (v - m.mx) / m.sx
		best := math.Inf(-1)
		for c := range k {
			if m.prior.p[c] == 0 {
				continue
			}
			d := xs - m.mean[c]
			o[c] = clampScore(logc[c] - 0.5*d*d/m.vr[c])
			if o[c] > best {
				best = o[c]
			}
		}
		for c := range k {
			if m.prior.p[c] == 0 {
				o[c] = 0
			} else if d := o[c] - best; d != 0 {
				o[c] = math.Exp(d)
			} else {
				o[c] = 1
			}
		}
		normalize(o)
	})
}

// categoricalBayes builds the per-category posterior table with Laplace smoothing.
func categoricalBayes(x Input, y []int, k int, prior constClass) ClassModel {
	_, cnt := weightedCounts(x.Codes, x.K, y, nil, k, nil)
	nc := make([]float64, k)
	for cat := range x.K {
		for c := range k {
			nc[c] += cnt[cat*k+c]
		}
	}
	t := table{val: make([]float64, x.K*k), d: k, fallback: prior.p}
	for cat := range x.K {
		row := t.val[cat*k : (cat+1)*k]
		for c := range k {
			if nc[c] > 0 {
				row[c] = prior.p[c] * (cnt[cat*k+c] + 1) / (nc[c] + float64(x.K))
			}
		}
		normalize(row)
	}
	return mixture{k: k, parts: []part{t}, weights: []float64{1}}
}

// freq is the conditional-frequency classifier: P(c | bin of x) with Laplace
// smoothing, (n_bc + 1) / (n_b + k). The bins are the categories of a
// categorical x (unseen categories get the smoothed class frequencies of the
// whole training set) or the deciles of a numeric x (cut points at the
// training 10%..90% quantiles, duplicates merged; a value equal to a cut
// point falls in the lower bin).
type freq struct{}

// Name implements Classifier.
func (freq) Name() string { return "freq" }

// AcceptsCategorical implements Classifier.
func (freq) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (freq) Fit(x Input, y []int, k int) ClassModel {
	cnt, total := classCounts(y, k)
	if total == 0 || len(y) != x.Len() {
		return nanClass(k)
	}
	smooth := func(c []float64) []float64 {
		out := make([]float64, k)
		for i := range out {
			out[i] = c[i] + 1
		}
		normalize(out)
		return out
	}
	fallback := smooth(cnt)
	if x.IsCategorical() {
		_, cc := weightedCounts(x.Codes, x.K, y, nil, k, nil)
		t := table{val: make([]float64, x.K*k), d: k, fallback: fallback}
		for cat := range x.K {
			copy(t.val[cat*k:(cat+1)*k], smooth(cc[cat*k:(cat+1)*k]))
		}
		return mixture{k: k, parts: []part{t}, weights: []float64{1}}
	}
	order := x.sorted()
	st := steps{d: k, fallback: fallback}
	for q := 1; q <= 9; q++ {
		cut := quantileSorted(x.X, order, float64(q)/10)
		if len(st.thr) == 0 || cut > st.thr[len(st.thr)-1] {
			st.thr = append(st.thr, cut)
		}
	}
	bc := make([]float64, (len(st.thr)+1)*k)
	p := 0
	for _, r := range order {
		for p < len(st.thr) && st.thr[p] < x.X[r] {
			p++
		}
		if validCode(y[r], k) {
			bc[p*k+y[r]]++
		}
	}
	for b := 0; b <= len(st.thr); b++ {
		st.val = append(st.val, smooth(bc[b*k:(b+1)*k])...)
	}
	return mixture{k: k, parts: []part{st}, weights: []float64{1}}
}

// quantileSorted returns the q-quantile of x (linear interpolation between
// order statistics, numpy's default).
func quantileSorted(x []float64, order []int, q float64) float64 {
	n := len(order)
	h := q * float64(n-1)
	lo := int(math.Floor(h))
	hi := min(lo+1, n-1)
	a, b := x[order[lo]], x[order[hi]]
	return a + (h-float64(lo))*(b-a)
}
