package generate

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// Grid of the exact Gaussian-process draws: an even grid over each input's
// range with gpSpacing lengthscales between nodes (at least 2 and at most
// gpAxisCap nodes an axis, at most gpGridCap nodes in all).
const (
	gpSpacing = 0.25
	gpAxisCap = 512
	gpGridCap = 1 << 17
)

// gpNodeJitter is the white-noise variance added to the grid's Gram
// matrices so that their Cholesky factorization is stable; it is grown
// tenfold until the factorization succeeds.
const gpNodeJitter = 1e-9

// gpPrior returns one draw of a zero-mean Gaussian process with the
// squared-exponential ARD kernel k(u, v) = exp(-1/2 sum_d (u_d - v_d)^2 /
// ls_d^2) (unit output variance) at the n points whose coordinates are
// inputs[d][i], plus white noise of standard deviation jitter: the
// randgp(X, ls, 1, jitter) of Mooij et al.'s cep code (reference A1), and
// the exact GP draws of CDT (A3) and bQCD (A2) with jitter 0.
//
// The draw is exact on an even grid over the inputs' ranges and
// multilinearly interpolated between its nodes (interpolation error about
// gpSpacing^2/8 of the output's standard deviation). The kernel is a
// product over inputs, so the grid's Gram matrix is the Kronecker product
// of one matrix per axis, and a draw is white noise with each axis's
// Cholesky factor applied along that axis: a few small factorizations
// instead of one O(n^3) factorization over the points.
func gpPrior(r *rand.Rand, ls []float64, jitter float64, inputs ...[]float64) []float64 {
	dims := len(inputs)
	n := len(inputs[0])
	lo, step := make([]float64, dims), make([]float64, dims)
	size := make([]int, dims)
	for d, in := range inputs {
		l, h := slices.Min(in), slices.Max(in)
		lo[d] = l
		size[d] = 1
		if h > l {
			size[d] = min(gpAxisCap, max(2, 1+int(math.Ceil((h-l)/(gpSpacing*ls[d])))))
		}
	}
	for total(size) > gpGridCap {
		d := slices.Index(size, slices.Max(size))
		size[d] = max(2, size[d]*4/5)
	}
	for d, in := range inputs {
		if size[d] > 1 {
			step[d] = (slices.Max(in) - lo[d]) / float64(size[d]-1)
		}
	}
	grid := fill(total(size), r.NormFloat64)
	stride := 1
	for d := dims - 1; d >= 0; d-- {
		if size[d] > 1 {
			applyAlongAxis(grid, gridFactor(size[d], step[d]/ls[d]), size[d], stride)
		}
		stride *= size[d]
	}
	out := make([]float64, n)
	idx, frac := make([]int, dims), make([]float64, dims)
	for i := range out {
		out[i] = interpolateGrid(grid, size, lo, step, inputs, i, idx, frac) + jitter*r.NormFloat64()
	}
	return out
}

func total(size []int) int {
	t := 1
	for _, s := range size {
		t *= s
	}
	return t
}

// gridFactor returns the lower Cholesky factor (row-major, g x g) of the
// unit squared-exponential Gram matrix of g evenly spaced nodes whose
// spacing is h lengthscales.
func gridFactor(g int, h float64) []float64 {
	k := mat.NewSymDense(g, nil)
	for jitter := gpNodeJitter; ; jitter *= 10 {
		for i := range g {
			for j := i; j < g; j++ {
				d := float64(j-i) * h
				v := math.Exp(-d * d / 2)
				if i == j {
					v += jitter
				}
				k.SetSym(i, j, v)
			}
		}
		var c mat.Cholesky
		if c.Factorize(k) {
			var l mat.TriDense
			c.LTo(&l)
			out := make([]float64, g*g)
			for i := range g {
				for j := 0; j <= i; j++ {
					out[i*g+j] = l.At(i, j)
				}
			}
			return out
		}
	}
}

// applyAlongAxis multiplies every fiber of the flattened grid along one
// axis (g nodes, the given stride) by the lower-triangular l, in place.
func applyAlongAxis(grid, l []float64, g, stride int) {
	block := g * stride
	for base := 0; base < len(grid); base += block {
		for in := range stride {
			off := base + in
			for j := g - 1; j >= 0; j-- { // descending: x_k for k <= j still unchanged
				s := 0.0
				for k := 0; k <= j; k++ {
					s += l[j*g+k] * grid[off+k*stride]
				}
				grid[off+j*stride] = s
			}
		}
	}
}

// interpolateGrid returns the multilinear interpolation of the grid at
// point i of the inputs; idx and frac are scratch space, one per axis.
func interpolateGrid(grid []float64, size []int, lo, step []float64, inputs [][]float64, i int, idx []int, frac []float64) float64 {
	dims := len(size)
	for d := range dims {
		idx[d], frac[d] = 0, 0
		if size[d] == 1 {
			continue
		}
		t := (inputs[d][i] - lo[d]) / step[d]
		j := min(max(int(t), 0), size[d]-2)
		idx[d], frac[d] = j, t-float64(j)
	}
	v := 0.0
	for corner := range 1 << dims {
		w, flat := 1.0, 0
		for d := range dims {
			j := idx[d]
			if corner>>d&1 == 1 {
				if size[d] == 1 {
					w = 0
					break
				}
				j++
				w *= frac[d]
			} else {
				w *= 1 - frac[d]
			}
			flat = flat*size[d] + j
		}
		if w != 0 {
			v += w * grid[flat]
		}
	}
	return v
}

// randMonoInc maps u through the cumulative trapezoidal integral of
// exp(F) along the sorted u, F = gpPrior(u; w, jitter): a random monotone
// increasing map, the randmonoinc(u, w, 1, jitter) of Mooij et al.'s cep
// code (reference A1). The result keeps u's order.
func randMonoInc(r *rand.Rand, u []float64, w, jitter float64) []float64 {
	f := gpPrior(r, []float64{w}, jitter, u)
	order := make([]int, len(u))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(u[a], u[b]); c != 0 {
			return c
		}
		return a - b // ties by index: the same order on every run
	})
	out := make([]float64, len(u))
	for k := 1; k < len(order); k++ {
		i, j := order[k-1], order[k]
		out[j] = out[i] + (u[j]-u[i])*(math.Exp(f[i])+math.Exp(f[j]))/2
	}
	return out
}
