package gbdt

import (
	"fmt"
	"math"
)

// objective computes gradients of a loss with respect to raw scores.
// Scores, gradients and hessians are row-major: rows x numClass.
type objective interface {
	// initScores returns the boost-from-average raw score of each class.
	initScores(labels []float64) []float64
	// gradients fills grad and hess for the given scores.
	gradients(labels, scores, grad, hess []float64)
	// loss returns the mean loss of the scores.
	loss(labels, scores []float64) float64
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

// mean returns the mean of xs.
func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// l2Objective is the squared error (y-s)²/2.
type l2Objective struct{}

func (l2Objective) initScores(labels []float64) []float64 { return []float64{mean(labels)} }

func (l2Objective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		grad[i] = scores[i] - y
		hess[i] = 1
	}
}

func (l2Objective) loss(labels, scores []float64) float64 {
	var s float64
	for i, y := range labels {
		d := scores[i] - y
		s += d * d / 2
	}
	return s / float64(len(labels))
}

// huberObjective is the Huber loss: d²/2 for |d| <= delta, else
// delta(|d| - delta/2). Like LightGBM, its hessian is 1 everywhere (the
// true second derivative is 0 in the linear part, which would make leaf
// values unbounded).
type huberObjective struct{ delta float64 }

func (huberObjective) initScores(labels []float64) []float64 { return []float64{mean(labels)} }

func (o huberObjective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		d := scores[i] - y
		grad[i] = max(-o.delta, min(o.delta, d))
		hess[i] = 1
	}
}

func (o huberObjective) loss(labels, scores []float64) float64 {
	var s float64
	for i, y := range labels {
		d := math.Abs(scores[i] - y)
		if d <= o.delta {
			s += d * d / 2
		} else {
			s += o.delta * (d - o.delta/2)
		}
	}
	return s / float64(len(labels))
}

// binaryObjective is the logistic loss of labels 0/1 with p = sigmoid(s).
type binaryObjective struct{}

func (binaryObjective) initScores(labels []float64) []float64 {
	p := mean(labels)
	return []float64{math.Log(p / (1 - p))}
}

func (binaryObjective) gradients(labels, scores, grad, hess []float64) {
	for i, y := range labels {
		p := 1 / (1 + math.Exp(-scores[i]))
		grad[i] = p - y
		hess[i] = max(p*(1-p), 1e-16)
	}
}

func (binaryObjective) loss(labels, scores []float64) float64 {
	var s float64
	for i, y := range labels {
		// log(1+exp(-s)) for y=1, log(1+exp(s)) for y=0, computed stably
		z := scores[i]
		if y == 1 {
			z = -z
		}
		s += softplus(z)
	}
	return s / float64(len(labels))
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

func (o multiclassObjective) initScores(labels []float64) []float64 {
	init := make([]float64, o.k)
	for _, y := range labels {
		init[int(y)]++
	}
	for c := range init {
		init[c] = math.Log(max(init[c]/float64(len(labels)), 1e-15))
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

func (o multiclassObjective) loss(labels, scores []float64) float64 {
	var s float64
	for i, y := range labels {
		row := scores[i*o.k : (i+1)*o.k]
		s += logSumExp(row) - row[int(y)]
	}
	return s / float64(len(labels))
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
