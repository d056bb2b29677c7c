package gbdt

import (
	"fmt"
	"math"
)

// objective computes gradients of a loss with respect to raw scores.
// Scores, gradients and hessians are row-major: rows x numClass.
type objective interface {
	// initScores returns the boost-from-average raw score of each class,
	// weighted by w (nil: every row weighs 1).
	initScores(labels, w []float64) []float64
	// gradients fills grad and hess for the given scores (unweighted;
	// the booster multiplies them by the row weights).
	gradients(labels, scores, grad, hess []float64)
	// loss returns the mean loss of the scores, weighted by w (nil: every
	// row weighs 1).
	loss(labels, scores, w []float64) float64
}

// newObjective checks the labels and returns the objective of p.
func newObjective(p *Params, labels []float64) (objective, error) {
	for i, y := range labels {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return nil, fmt.Errorf("gbdt: label %d is %v", i, y)
		}
	}
	switch p.Objective {
	case "regression":
		return l2Objective{}, nil
	case "huber":
		return huberObjective{delta: p.HuberDelta}, nil
	case "binary":
		var pos int
		for i, y := range labels {
			if y != 0 && y != 1 {
				return nil, fmt.Errorf("gbdt: binary label %d is %v, want 0 or 1", i, y)
			}
			pos += int(y)
		}
		if pos == 0 || pos == len(labels) {
			return nil, fmt.Errorf("gbdt: binary labels hold a single class (%d of %d positive)", pos, len(labels))
		}
		return binaryObjective{}, nil
	case "multiclass":
		for i, y := range labels {
			if y != math.Trunc(y) || y < 0 || y >= float64(p.NumClass) {
				return nil, fmt.Errorf("gbdt: multiclass label %d is %v, want an integer in [0, %d)", i, y, p.NumClass)
			}
		}
		return multiclassObjective{k: p.NumClass}, nil
	}
	return nil, fmt.Errorf("gbdt: unknown objective %q", p.Objective)
}

// mean returns the mean of xs weighted by w (nil: the plain mean).
func mean(xs, w []float64) float64 {
	var s float64
	if w == nil {
		for _, x := range xs {
			s += x
		}
		return s / float64(len(xs))
	}
	var sw float64
	for i, x := range xs {
		s += w[i] * x
		sw += w[i]
	}
	return s / sw
}

// meanLoss returns the mean of l(i) over n rows, weighted by w (nil: the
// plain mean).
func meanLoss(n int, w []float64, l func(i int) float64) float64 {
	var s, sw float64
	for i := range n {
		if w == nil {
			s += l(i)
			continue
		}
		s += w[i] * l(i)
		sw += w[i]
	}
	if w == nil {
		return s / float64(n)
	}
	return s / sw
}

// l2Objective is the squared error (y-s)²/2.
type l2Objective struct{}

func (l2Objective) initScores(labels, w []float64) []float64 { return []float64{mean(labels, w)} }

func (l2Objective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		grad[i] = scores[i] - y
		hess[i] = 1
	}
}

func (l2Objective) loss(labels, scores, w []float64) float64 {
	return meanLoss(len(labels), w, func(i int) float64 {
		d := scores[i] - labels[i]
		return d * d / 2
	})
}

// huberObjective is the Huber loss: d²/2 for |d| <= delta, else
// delta(|d| - delta/2). Like LightGBM, its hessian is 1 everywhere (the
// true second derivative is 0 in the linear part, which would make leaf
// values unbounded).
type huberObjective struct{ delta float64 }

func (huberObjective) initScores(labels, w []float64) []float64 { return []float64{mean(labels, w)} }

func (o huberObjective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		d := scores[i] - y
		grad[i] = max(-o.delta, min(o.delta, d))
		hess[i] = 1
	}
}

func (o huberObjective) loss(labels, scores, w []float64) float64 {
	return meanLoss(len(labels), w, func(i int) float64 {
		d := math.Abs(scores[i] - labels[i])
		if d <= o.delta {
			return d * d / 2
		}
		return o.delta * (d - o.delta/2)
	})
}

// binaryObjective is the logistic loss of labels 0/1 with p = sigmoid(s).
type binaryObjective struct{}

func (binaryObjective) initScores(labels, w []float64) []float64 {
	p := mean(labels, w)
	return []float64{math.Log(p / (1 - p))}
}

func (binaryObjective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		p := 1 / (1 + math.Exp(-scores[i]))
		grad[i] = p - y
		hess[i] = max(p*(1-p), 1e-16)
	}
}

func (binaryObjective) loss(labels, scores, w []float64) float64 {
	return meanLoss(len(labels), w, func(i int) float64 {
		// log(1+exp(-s)) for y=1, log(1+exp(s)) for y=0, computed stably
		z := scores[i]
		if labels[i] == 1 {
			z = -z
		}
		return softplus(z)
	})
}

// softplus returns log(1+exp(z)) without overflow.
func softplus(z float64) float64 {
	if z > 0 {
		return z + math.Log1p(math.Exp(-z))
	}
	return math.Log1p(math.Exp(z))
}

// multiclassObjective is the softmax cross-entropy over k classes. Its
// hessian is the diagonal p(1-p) of the true hessian.
type multiclassObjective struct{ k int }

func (o multiclassObjective) initScores(labels, w []float64) []float64 {
	init := make([]float64, o.k)
	total := float64(len(labels))
	for i, y := range labels {
		if w == nil {
			init[int(y)]++
		} else {
			init[int(y)] += w[i]
		}
	}
	if w != nil {
		total = 0
		for _, v := range init {
			total += v
		}
	}
	for c := range init {
		init[c] = math.Log(max(init[c]/total, 1e-15))
	}
	return init
}

func (o multiclassObjective) gradients(labels, scores, grad, hess []float64) {
	p := make([]float64, o.k)
	for i, y := range labels {
		softmax(scores[i*o.k:(i+1)*o.k], p)
		for c, pc := range p {
			g := pc
			if c == int(y) {
				g--
			}
			grad[i*o.k+c] = g
			hess[i*o.k+c] = max(pc*(1-pc), 1e-16)
		}
	}
}

func (o multiclassObjective) loss(labels, scores, w []float64) float64 {
	return meanLoss(len(labels), w, func(i int) float64 {
		row := scores[i*o.k : (i+1)*o.k]
		return logSumExp(row) - row[int(labels[i])]
	})
}

// logSumExp returns log(sum(exp(x))) without overflow.
func logSumExp(x []float64) float64 {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	var s float64
	for _, v := range x {
		s += math.Exp(v - m)
	}
	return m + math.Log(s)
}

// softmax writes the softmax of x into p.
func softmax(x, p []float64) {
	m := math.Inf(-1)
	for _, v := range x {
		m = max(m, v)
	}
	var s float64
	for c, v := range x {
		p[c] = math.Exp(v - m)
		s += p[c]
	}
	for c := range p {
		p[c] /= s
	}
}
