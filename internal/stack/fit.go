package stack

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// DefaultClip bounds the scaled inputs and the standardized gates.
const DefaultClip = 3

// DefaultLambdas is the pre-registered grid of L2 penalties.
var DefaultLambdas = []float64{0.001, 0.003, 0.01, 0.03, 0.1}

// Data is a training set for a stack: per pair its raw inputs X (see
// Extractor.Raw), raw gates G, label Y (+1 for A→B, −1 for B→A, 0 for
// neither: scored by CrossValidate but never fitted on), weight W (> 0) and
// group (its data set, for leave-one-group-out).
type Data struct {
	X, G  [][]float64
	Y, W  []float64
	Group []string
}

// Len returns the number of pairs.
func (d Data) Len() int { return len(d.Y) }

// subset returns the pairs idx of d.
func (d Data) subset(idx []int) Data {
	out := Data{}
	for _, i := range idx {
		out.X = append(out.X, d.X[i])
		out.G = append(out.G, d.G[i])
		out.Y = append(out.Y, d.Y[i])
		out.W = append(out.W, d.W[i])
		out.Group = append(out.Group, d.Group[i])
	}
	return out
}

// check validates the shapes and labels of d for spec sp.
func (d Data) check(sp Spec) error {
	n := len(d.Y)
	if n == 0 {
		return errors.New("stack: no training pairs")
	}
	if len(d.X) != n || len(d.G) != n || len(d.W) != n || len(d.Group) != n {
		return errors.New("stack: inputs, gates, labels, weights and groups differ in length")
	}
	for i := range n {
		if len(d.X[i]) != len(sp.Inputs) || len(d.G[i]) != len(sp.Gates) {
			return fmt.Errorf("stack: pair %d has %d inputs and %d gates, want %d and %d", i, len(d.X[i]), len(d.G[i]), len(sp.Inputs), len(sp.Gates))
		}
		if d.Y[i] != 1 && d.Y[i] != -1 && d.Y[i] != 0 {
			return fmt.Errorf("stack: pair %d has label %v, want 1, 0 or -1", i, d.Y[i])
		}
		if !(d.W[i] > 0) || math.IsInf(d.W[i], 0) {
			return fmt.Errorf("stack: pair %d has weight %v, want a finite number > 0", i, d.W[i])
		}
	}
	return nil
}

// Fit fits a stack of spec sp on d with L2 penalty lambda: the weighted
// mean log-loss plus lambda times the sum of squared coefficients,
// minimized by L-BFGS. trained describes the data in the stack.
func Fit(sp Spec, d Data, lambda float64, trained string) (*Stack, error) {
	if err := sp.Check(); err != nil {
		return nil, err
	}
	if err := d.check(sp); err != nil {
		return nil, err
	}
	if !(lambda >= 0) {
		return nil, fmt.Errorf("stack: lambda %v is not >= 0", lambda)
	}
	hash, err := sp.planHash()
	if err != nil {
		return nil, err
	}
	return fit(sp, d, lambda, hash, trained, nil)
}

// directed returns the pairs of d with label 1 or -1.
func (d Data) directed() Data {
	var idx []int
	for i, y := range d.Y {
		if y != 0 {
			idx = append(idx, i)
		}
	}
	return d.subset(idx)
}

// fit is Fit on a checked spec and data: only the directed pairs count.
// Newton's method starts from init (nil: zero).
func fit(sp Spec, d Data, lambda float64, hash, trained string, init []float64) (*Stack, error) {
	d = d.directed()
	if d.Len() == 0 {
		return nil, errors.New("stack: no pair with label 1 or -1 to fit on")
	}
	s := &Stack{Format: Format, Inputs: sp.Inputs, Gates: sp.Gates, Clip: DefaultClip, Lambda: lambda, PlanHash: hash, Trained: trained}
	s.Scale, s.GateMean, s.GateSD = normalizers(d, len(sp.Inputs), len(sp.Gates))
	beta, err := minimize(s, d, lambda, init)
	if err != nil {
		return nil, err
	}
	ng := len(sp.Gates)
	for k := range sp.Inputs {
		s.Coef = append(s.Coef, beta[k*(ng+1):(k+1)*(ng+1)])
	}
	return s, nil
}

// normalizers returns each input's weighted root mean square and each
// gate's weighted mean and s.d., over the defined values (1, 0 and 1 when
// none is defined or the spread is zero).
func normalizers(d Data, ni, ng int) (scale, gmean, gsd []float64) {
	scale = make([]float64, ni)
	for k := range ni {
		var sw, ss float64
		for i, x := range d.X {
			if v := x[k]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				sw += d.W[i]
				ss += d.W[i] * v * v
			}
		}
		scale[k] = 1
		if sw > 0 && ss > 0 {
			scale[k] = math.Sqrt(ss / sw)
		}
	}
	gmean, gsd = make([]float64, ng), make([]float64, ng)
	for j := range ng {
		var sw, s1, s2 float64
		for i, g := range d.G {
			if v := g[j]; !math.IsNaN(v) && !math.IsInf(v, 0) {
				sw += d.W[i]
				s1 += d.W[i] * v
				s2 += d.W[i] * v * v
			}
		}
		gsd[j] = 1
		if sw > 0 {
			gmean[j] = s1 / sw
			if v := s2/sw - gmean[j]*gmean[j]; v > 1e-24 {
				gsd[j] = math.Sqrt(v)
			}
		}
	}
	return scale, gmean, gsd
}

// minimize returns the penalized weighted logistic regression coefficients
// on the design vectors of d under s's normalizers, by Newton's method (the
// loss is strictly convex for lambda > 0; a tiny ridge keeps it so at 0),
// halving a step until the loss does not rise.
func minimize(s *Stack, d Data, lambda float64, init []float64) ([]float64, error) {
	n, p := d.Len(), len(s.Inputs)*(len(s.Gates)+1)
	phi := make([][]float64, n)
	wsum := floats.Sum(d.W)
	for i := range n {
		phi[i] = make([]float64, p)
		design(d.X[i], d.G[i], s.Scale, s.Clip, s.GateMean, s.GateSD, phi[i])
	}
	ridge := max(lambda, 1e-8)
	loss := func(beta []float64) float64 {
		f := ridge * floats.Dot(beta, beta)
		for i, row := range phi {
			f += d.W[i] / wsum * softplus(-d.Y[i]*floats.Dot(row, beta))
		}
		return f
	}
	beta := make([]float64, p)
	if len(init) == p {
		copy(beta, init)
	}
	grad := make([]float64, p)
	f := loss(beta)
	for iter := 0; iter < 100; iter++ {
		for j := range grad {
			grad[j] = 2 * ridge * beta[j]
		}
		h := make([]float64, p*p) // upper triangle, row-major
		for j := range p {
			h[j*p+j] = 2 * ridge
		}
		for i, row := range phi {
			m := d.Y[i] * floats.Dot(row, beta)
			w := d.W[i] / wsum
			floats.AddScaled(grad, -w*d.Y[i]*sigmoid(-m), row)
			q := sigmoid(m)
			c := w * q * (1 - q)
			for j, rj := range row {
				if rj != 0 {
					floats.AddScaled(h[j*p+j:(j+1)*p], c*rj, row[j:])
				}
			}
		}
		var ch mat.Cholesky
		if !ch.Factorize(mat.NewSymDense(p, h)) {
			return nil, errors.New("stack: fit: the Hessian is not positive definite")
		}
		step := mat.NewVecDense(p, nil)
		if err := ch.SolveVecTo(step, mat.NewVecDense(p, grad)); err != nil {
			return nil, fmt.Errorf("stack: fit: %w", err)
		}
		if floats.Dot(grad, step.RawVector().Data) < 1e-10 {
			break // the Newton decrement: converged
		}
		next := make([]float64, p)
		t := 1.0
		var fn float64
		for ; t > 1e-10; t /= 2 {
			floats.AddScaledTo(next, beta, -t, step.RawVector().Data)
			if fn = loss(next); fn <= f {
				break
			}
		}
		if t <= 1e-10 {
			break
		}
		done := f-fn < 1e-13*(1+math.Abs(f))
		beta, f = next, fn
		if done {
			break
		}
	}
	for _, v := range beta {
		if !isFinite(v) {
			return nil, errors.New("stack: fit diverged")
		}
	}
	return beta, nil
}

// softplus is log(1 + e^x) without overflow.
func softplus(x float64) float64 {
	if x > 30 {
		return x
	}
	return math.Log1p(math.Exp(x))
}

func sigmoid(x float64) float64 { return 1 / (1 + math.Exp(-x)) }

// LogLoss is the weighted mean log-loss of s on the directed pairs of d.
func LogLoss(s *Stack, d Data) float64 {
	var f, w float64
	for i := range d.Y {
		if d.Y[i] == 0 {
			continue
		}
		f += d.W[i] * softplus(-d.Y[i]*s.Logit(d.X[i], d.G[i]))
		w += d.W[i]
	}
	return f / w
}
