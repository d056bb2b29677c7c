package learners

import "math"

// Logistic regression settings.
const (
	maxLogisticBins = 128 // numeric x: at most this many bins of the sorted rows
	logisticPenalty = 1.0 // L2 penalty on the slopes (scikit-learn's C = 1)
	newtonIters     = 50
)

// logistic is multinomial logistic regression with an L2 penalty of 1 on the
// slopes (scikit-learn's default C = 1), fitted by Newton's method with
// backtracking, the first present class as reference. On a numeric x the
// model is softmax(b_c + w_c * standardized x); the likelihood is evaluated
// on the distinct x values, or when there are more than 128 of them on 128
// consecutive bins of the sorted rows (bin mean x, class counts), which keeps
// each Newton step O(K^2) per bin. On a categorical x (one-hot) the
// intercepts are fixed at the log class frequencies and each category gets
// its own penalized score vector, fitted separately; unseen categories get
// the class frequencies. Classes absent from the training rows get
// probability 0.
type logistic struct{}

// Name implements Classifier.
func (logistic) Name() string { return "logistic" }

// AcceptsCategorical implements Classifier.
func (logistic) AcceptsCategorical() bool { return true }

// Fit implements Classifier.
func (logistic) Fit(x Input, y []int, k int) ClassModel {
	prior, ok := priorModel(x, y, k)
	if !ok {
		return prior
	}
	var classes []int
	for c, p := range prior.p {
		if p > 0 {
			classes = append(classes, c)
		}
	}
	if len(classes) < 2 {
		return prior
	}
	if x.IsCategorical() {
		return fitCategoricalLogistic(x, y, k, classes, prior.p)
	}
	mx, sx := meanSD(x.X)
	if sx == 0 || sx != sx {
		return prior
	}
	a := getArena()
	defer a.release()
	xb, cnt := logisticBins(x, y, k, mx, sx, a)
	J := len(classes) - 1
	theta := make([]float64, 2*J)
	for j := range J {
		theta[j] = math.Log(prior.p[classes[j+1]] / prior.p[classes[0]])
	}
	lf := logitFit{xb: xb, cnt: cnt, k: k, classes: classes}
	newton(theta, lf.eval)
	m := logitModel{k: k, classes: classes, mx: mx, sx: sx, prior: prior,
		b: make([]float64, len(classes)), w: make([]float64, len(classes))}
	copy(m.b[1:], theta[:J])
	copy(m.w[1:], theta[J:])
	return m
}

// logisticBins summarizes a numeric x into at most maxLogisticBins points:
// standardized bin mean x and class counts (B x k).
func logisticBins(x Input, y []int, k int, mx, sx float64, a *arena) (xb, cnt []float64) {
	g := x.groups()
	G := len(g.ux)
	gc := a.floats(G * k)
	for r, gi := range g.gid {
		if validCode(y[r], k) {
			gc[int(gi)*k+y[r]]++
		}
	}
	bins := min(G, maxLogisticBins)
	n := float64(len(y))
	var sw, sxw, seen float64
	row := make([]float64, k)
	b := 0
	for i, v := range g.ux {
		w := 0.0
		for c := range k {
			row[c] += gc[i*k+c]
			w += gc[i*k+c]
		}
		sw += w
		sxw += w * (v - mx) / sx
		seen += g.cnt[i]
		if i == G-1 || bins == G || seen >= float64(b+1)*n/float64(bins) {
			if sw > 0 {
				xb = append(xb, sxw/sw)
				cnt = append(cnt, row...)
			}
			for c := range row {
				row[c] = 0
			}
			sw, sxw = 0, 0
			b++
		}
	}
	return xb, cnt
}

// logitFit is the penalized multinomial likelihood of binned data;
// theta = (b_1..b_J, w_1..w_J) for the non-reference classes.
type logitFit struct {
	xb, cnt []float64
	k       int
	classes []int
}

// eval returns the objective and, when grad is non-nil, its gradient and Hessian.
func (lf logitFit) eval(theta, grad, hess []float64) float64 {
	J := len(lf.classes) - 1
	k := lf.k
	p := make([]float64, J+1)
	obj := 0.0
	for j := range J {
		obj += 0.5 * logisticPenalty * theta[J+j] * theta[J+j]
	}
	if grad != nil {
		for i := range grad {
			grad[i] = 0
		}
		for j := range J {
			grad[J+j] = logisticPenalty * theta[J+j]
		}
		clear(hess)
	}
	H := make([]float64, 4*J*J)
	for b, xv := range lf.xb {
		row := lf.cnt[b*k : (b+1)*k]
		lse := softmaxScores(theta, xv, J, p)
		N := 0.0
		for i, c := range lf.classes {
			n := row[c]
			N += n
			if n > 0 {
				s := 0.0
				if i > 0 {
					s = theta[i-1] + theta[J+i-1]*xv
				}
				obj -= n * (s - lse)
			}
		}
		if grad == nil {
			continue
		}
		for j := range J {
			r := N*p[j+1] - row[lf.classes[j+1]]
			grad[j] += r
			grad[J+j] += r * xv
			for l := j; l < J; l++ {
				h := -N * p[j+1] * p[l+1]
				if l == j {
					h += N * p[j+1]
				}
				H[j*J+l] += h
				H[J*J+j*J+l] += h * xv
				H[2*J*J+j*J+l] += h * xv * xv
			}
		}
	}
	if grad != nil {
		d := 2 * J
		for j := range J {
			for l := j; l < J; l++ {
				hess[j*d+l] = H[j*J+l]
				hess[(J+j)*d+J+l] = H[2*J*J+j*J+l]
				hess[j*d+J+l] = H[J*J+j*J+l]
				hess[l*d+J+j] = H[J*J+j*J+l]
			}
			hess[(J+j)*d+J+j] += logisticPenalty
		}
	}
	return obj
}

// softmaxScores writes the class probabilities at standardized x into p
// (reference class first) and returns the log-sum-exp of the scores.
func softmaxScores(theta []float64, x float64, J int, p []float64) float64 {
	m := 0.0
	for j := range J {
		if v := theta[j] + theta[J+j]*x; v > m {
			m = v
		}
	}
	p[0] = math.Exp(-m)
	s := p[0]
	for j := range J {
		p[j+1] = math.Exp(theta[j] + theta[J+j]*x - m)
		s += p[j+1]
	}
	for i := range p {
		p[i] /= s
	}
	return m + math.Log(s)
}

// newton minimizes a smooth convex objective in place by Newton steps with
// backtracking; eval returns the objective and, when grad is non-nil, fills
// the gradient and the upper triangle of the Hessian (d x d row-major).
// A full step is evaluated with its gradient, reused by the next iteration
// when the step is accepted.
func newton(theta []float64, eval func(theta, grad, hess []float64) float64) {
	d := len(theta)
	grad, grad2 := make([]float64, d), make([]float64, d)
	hess, hess2 := make([]float64, d*d), make([]float64, d*d)
	trial, step := make([]float64, d), make([]float64, d)
	obj := eval(theta, grad, hess)
	for range newtonIters {
		for i := range d {
			hess[i*d+i] = hess[i*d+i]*(1+1e-10) + 1e-10
		}
		copy(step, grad)
		if !cholSolve(hess, d, step, 1) {
			return
		}
		t := 1.0
		improved, full := false, false
		var next float64
		for try := range 40 {
			for i := range d {
				trial[i] = theta[i] - t*step[i]
			}
			if try == 0 {
				next = eval(trial, grad2, hess2)
			} else {
				next = eval(trial, nil, nil)
			}
			if next <= obj {
				improved, full = true, try == 0
				break
			}
			t /= 2
		}
		if !improved {
			return
		}
		copy(theta, trial)
		size := 0.0
		for i := range d {
			size = math.Max(size, math.Abs(t*step[i]))
		}
		if size < 1e-9 {
			return
		}
		if full {
			obj = next
			grad, grad2 = grad2, grad
			hess, hess2 = hess2, hess
		} else {
			obj = eval(theta, grad, hess)
		}
	}
}

// logitModel predicts softmax(b_c + w_c * standardized x) over the present classes.
type logitModel struct {
	k       int
	classes []int
	b, w    []float64 // per present class, reference first (0, 0)
	mx, sx  float64
	prior   constClass
}

// PredictProba implements ClassModel.
func (m logitModel) PredictProba(x Input, out []float64) {
	if x.IsCategorical() {
		m.prior.PredictProba(x, out)
		return
	}
	s := make([]float64, len(m.classes))
	perValue(x, m.k, out, func(v float64, o []float64) {
		xs := (v - m.mx) / m.sx
		for i := range o {
			o[i] = 0
		}
		mx := math.Inf(-1)
		for i := range m.classes {
			s[i] = clampScore(m.b[i] + m.w[i]*xs)
			if s[i] > mx {
				mx = s[i]
			}
		}
		for i, c := range m.classes {
			if d := s[i] - mx; d != 0 {
				o[c] = math.Exp(d)
			} else {
				o[c] = 1
			}
		}
		normalize(o)
	})
}

// perValue calls f once per distinct value of the numeric input x to fill
// the k outputs of its rows (the rows of a tied value get copies).
func perValue(x Input, k int, out []float64, f func(v float64, o []float64)) {
	prev := -1
	for _, r := range x.sorted() {
		o := out[r*k : (r+1)*k]
		if prev >= 0 && x.X[r] == x.X[prev] {
			copy(o, out[prev*k:(prev+1)*k])
		} else {
			f(x.X[r], o)
		}
		prev = r
	}
}

// clampScore bounds a log-score to +-1e300 so that far-away queries give
// finite probabilities.
func clampScore(s float64) float64 {
	if s > 1e300 {
		return 1e300
	}
	if s < -1e300 {
		return -1e300
	}
	return s
}

// fitCategoricalLogistic fits one penalized score vector per category with
// the intercepts fixed at the log class frequencies.
func fitCategoricalLogistic(x Input, y []int, k int, classes []int, prior []float64) ClassModel {
	w, cnt := weightedCounts(x.Codes, x.K, y, nil, k, nil)
	t := table{val: make([]float64, x.K*k), d: k, fallback: prior}
	K := len(classes)
	base := make([]float64, K)
	for i, c := range classes {
		base[i] = math.Log(prior[c])
	}
	theta := make([]float64, K)
	p := make([]float64, K)
	for cat := range x.K {
		row := t.val[cat*k : (cat+1)*k]
		copy(row, prior)
		if w[cat] == 0 {
			continue
		}
		n := cnt[cat*k : (cat+1)*k]
		for i := range theta {
			theta[i] = 0
		}
		newton(theta, func(th, grad, hess []float64) float64 {
			return categoryObjective(th, base, n, classes, grad, hess)
		})
		catProbs(theta, base, p)
		for i := range row {
			row[i] = 0
		}
		for i, c := range classes {
			row[c] = p[i]
		}
	}
	return mixture{k: k, parts: []part{t}, weights: []float64{1}}
}

// categoryObjective is -sum_c n_c log softmax(base + theta)_c + |theta|^2/2.
func categoryObjective(theta, base, n []float64, classes []int, grad, hess []float64) float64 {
	K := len(classes)
	p := make([]float64, K)
	lse := catProbs(theta, base, p)
	obj, N := 0.0, 0.0
	for i, c := range classes {
		obj += 0.5 * logisticPenalty * theta[i] * theta[i]
		obj -= n[c] * (base[i] + theta[i] - lse)
		N += n[c]
	}
	if grad != nil {
		for i, c := range classes {
			grad[i] = N*p[i] - n[c] + logisticPenalty*theta[i]
			for j := i; j < K; j++ {
				h := -N * p[i] * p[j]
				if i == j {
					h += N*p[i] + logisticPenalty
				}
				hess[i*K+j] = h
			}
		}
	}
	return obj
}

// catProbs writes softmax(base + theta) into p and returns its log-sum-exp.
func catProbs(theta, base, p []float64) float64 {
	m := math.Inf(-1)
	for i := range p {
		m = math.Max(m, base[i]+theta[i])
	}
	s := 0.0
	for i := range p {
		p[i] = math.Exp(base[i] + theta[i] - m)
		s += p[i]
	}
	for i := range p {
		p[i] /= s
	}
	return m + math.Log(s)
}
