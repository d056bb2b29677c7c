package generate

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// noiseFamily draws n noise values of zero mean and unit variance.
type noiseFamily struct {
	name string
	doc  string
	draw func(r *rand.Rand, n int) []float64
}

// noiseFamilies lists the noise distributions in a fixed order.
var noiseFamilies = []noiseFamily{
	{"gaussian", "standard normal", func(r *rand.Rand, n int) []float64 {
		return fill(n, r.NormFloat64)
	}},
	{"uniform", "uniform on [-sqrt 3, sqrt 3]", func(r *rand.Rand, n int) []float64 {
		return fill(n, func() float64 { return math.Sqrt(3) * (2*r.Float64() - 1) })
	}},
	{"laplace", "Laplace of unit variance", func(r *rand.Rand, n int) []float64 {
		return fill(n, func() float64 {
			e := r.ExpFloat64() / math.Sqrt2
			if r.IntN(2) == 0 {
				return -e
			}
			return e
		})
	}},
	{"student-t", "Student-t, 3 to 10 degrees of freedom, scaled to unit variance", func(r *rand.Rand, n int) []float64 {
		nu := 3 + 7*r.Float64()
		d := distuv.StudentsT{Mu: 0, Sigma: math.Sqrt((nu - 2) / nu), Nu: nu, Src: r}
		return fill(n, d.Rand)
	}},
}

// NoiseNames lists the noise families in their fixed order.
func NoiseNames() []string {
	out := make([]string, len(noiseFamilies))
	for i, f := range noiseFamilies {
		out[i] = f.name
	}
	return out
}

// NoiseDocs returns "name: description" lines for help texts.
func NoiseDocs() []string {
	out := make([]string, len(noiseFamilies))
	for i, f := range noiseFamilies {
		out[i] = f.name + ": " + f.doc
	}
	return out
}
