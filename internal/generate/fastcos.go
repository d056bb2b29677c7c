package generate

import "math"

// cosCoef holds the Taylor coefficients of cos(2*pi*t) in powers of t^2:
// cos(2*pi*t) = sum_k (-1)^k (2*pi)^(2k) / (2k)! * t^(2k).
var cosCoef = func() [10]float64 {
	var c [10]float64
	term := 1.0
	for k := range c {
		c[k] = term
		term *= -(2 * math.Pi) * (2 * math.Pi) / float64((2*k+1)*(2*k+2))
	}
	return c
}()

// roundMagic is 1.5*2^52: adding and subtracting it rounds a float64 of
// magnitude below 2^51 to the nearest integer.
const roundMagic = 6755399441055744.0

// fastCos approximates math.Cos to below 1e-8 absolute error for |x| < 1e9: the argument
// is reduced to one period and a degree-18 Taylor polynomial evaluated. A
// random Fourier feature needs no more, and it is several times faster.
func fastCos(x float64) float64 {
	t := x * (1 / (2 * math.Pi))
	t -= (t + roundMagic) - roundMagic // t - round(t), in [-0.5, 0.5]
	z := t * t
	c := &cosCoef
	return c[0] + z*(c[1]+z*(c[2]+z*(c[3]+z*(c[4]+z*(c[5]+z*(c[6]+z*(c[7]+z*(c[8]+z*c[9]))))))))
}

// cosSum returns sum_d a[d] * cos(w1[d]*x + w2[d]*u + b[d]) with the
// polynomial of fastCos written out, so the loop has no calls.
func cosSum(a, w1, w2, b *[rffFeatures]float64, x, u float64) float64 {
	c := &cosCoef
	s := 0.0
	for d := range a {
		t := (w1[d]*x + w2[d]*u + b[d]) * (1 / (2 * math.Pi))
		t -= (t + roundMagic) - roundMagic
		z := t * t
		s += a[d] * (c[0] + z*(c[1]+z*(c[2]+z*(c[3]+z*(c[4]+z*(c[5]+z*(c[6]+z*(c[7]+z*(c[8]+z*c[9])))))))))
	}
	return s
}
