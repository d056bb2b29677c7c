package generate

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// causeFamily draws n values of a cause (or hidden confounder).
type causeFamily struct {
	name string
	doc  string
	draw func(r *rand.Rand, n int, c *Config) []float64
}

// causeFamilies lists the cause distributions in a fixed order.
var causeFamilies = []causeFamily{
	{"gmm", "Gaussian mixture of 1..--max-components components, random means, spreads and weights", drawMixture},
	{"uniform", "uniform on an interval", func(r *rand.Rand, n int, _ *Config) []float64 {
		return fill(n, r.Float64)
	}},
	{"student-t", "heavy-tailed Student-t, 2 to 8 degrees of freedom", func(r *rand.Rand, n int, _ *Config) []float64 {
		d := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: 2 + 6*r.Float64(), Src: r}
		return fill(n, d.Rand)
	}},
	{"laplace", "heavy-tailed Laplace (double exponential)", func(r *rand.Rand, n int, _ *Config) []float64 {
		return fill(n, func() float64 {
			if r.IntN(2) == 0 {
				return -r.ExpFloat64()
			}
			return r.ExpFloat64()
		})
	}},
	{"lognormal", "skewed lognormal, log-spread 0.3 to 1.2, random sign", func(r *rand.Rand, n int, _ *Config) []float64 {
		s := 0.3 + 0.9*r.Float64()
		return randomSign(r, fill(n, func() float64 { return math.Exp(s * r.NormFloat64()) }))
	}},
	{"exponential", "skewed exponential, random sign", func(r *rand.Rand, n int, _ *Config) []float64 {
		return randomSign(r, fill(n, r.ExpFloat64))
	}},
	{"gamma", "skewed gamma, shape 0.5 to 5 (log-uniform), random sign", func(r *rand.Rand, n int, _ *Config) []float64 {
		d := distuv.Gamma{Alpha: logUniform(r, 0.5, 5), Beta: 1, Src: r}
		return randomSign(r, fill(n, d.Rand))
	}},
	{"discrete", "discrete: Poisson (mean 0.5 to 10) or 2 to 15 random support points with random weights", drawDiscrete},
}

// CauseNames lists the cause families in their fixed order.
func CauseNames() []string {
	out := make([]string, len(causeFamilies))
	for i, f := range causeFamilies {
		out[i] = f.name
	}
	return out
}

// CauseDocs returns "name: description" lines for help texts.
func CauseDocs() []string {
	out := make([]string, len(causeFamilies))
	for i, f := range causeFamilies {
		out[i] = f.name + ": " + f.doc
	}
	return out
}

func fill(n int, f func() float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = f()
	}
	return x
}

func randomSign(r *rand.Rand, x []float64) []float64 {
	if r.IntN(2) == 0 {
		for i := range x {
			x[i] = -x[i]
		}
	}
	return x
}

// logUniform draws from lo..hi uniformly on a log scale.
func logUniform(r *rand.Rand, lo, hi float64) float64 {
	return lo * math.Exp(r.Float64()*math.Log(hi/lo))
}

// dirichlet draws k weights from a flat Dirichlet distribution.
func dirichlet(r *rand.Rand, k int) []float64 {
	w := make([]float64, k)
	sum := 0.0
	for i := range w {
		w[i] = r.ExpFloat64()
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w
}

// pickWeighted returns an index drawn with probabilities proportional to
// the cumulative weights cum (cum[len-1] is the total).
func pickWeighted(cum []float64, u float64) int {
	t := u * cum[len(cum)-1]
	for i, c := range cum {
		if t < c {
			return i
		}
	}
	return len(cum) - 1
}

func cumulative(w []float64) []float64 {
	cum := make([]float64, len(w))
	s := 0.0
	for i, v := range w {
		s += v
		cum[i] = s
	}
	return cum
}

func drawMixture(r *rand.Rand, n int, c *Config) []float64 {
	k := 1 + r.IntN(c.MaxComponents)
	means := make([]float64, k)
	sds := make([]float64, k)
	for j := range means {
		means[j] = 2 * r.NormFloat64()
		sds[j] = logUniform(r, 0.1, 1.5)
	}
	cum := cumulative(dirichlet(r, k))
	return fill(n, func() float64 {
		j := pickWeighted(cum, r.Float64())
		return means[j] + sds[j]*r.NormFloat64()
	})
}

func drawDiscrete(r *rand.Rand, n int, _ *Config) []float64 {
	if r.IntN(2) == 0 {
		d := distuv.Poisson{Lambda: 0.5 + 9.5*r.Float64(), Src: r}
		return fill(n, d.Rand)
	}
	k := 2 + r.IntN(14)
	support := make([]float64, k)
	for j := range support {
		support[j] = r.NormFloat64()
	}
	cum := cumulative(dirichlet(r, k))
	return fill(n, func() float64 { return support[pickWeighted(cum, r.Float64())] })
}
