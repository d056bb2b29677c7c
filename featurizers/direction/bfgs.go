package direction

import "math"

// bfgs3 minimizes f over three parameters by BFGS with a backtracking
// Armijo line search, from t for at most maxIter iterations; it returns the
// best point seen (t when f is not finite there). f returns the value and
// a function computing the gradient there, which is called only at the
// start and at accepted points (the line search's rejected trial points
// need only the value).
func bfgs3(f func(gpTheta) (float64, func() gpTheta), t gpTheta, maxIter int) gpTheta {
	v, gradAt := f(t)
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return t
	}
	g := gradAt()
	H := [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
	for range maxIter {
		var d gpTheta
		for i := range 3 {
			for j := range 3 {
				d[i] -= H[i][j] * g[j]
			}
		}
		slope := dot3(d, g)
		if slope >= 0 { // not a descent direction: restart from steepest descent
			H = [3][3]float64{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}
			d = gpTheta{-g[0], -g[1], -g[2]}
			slope = dot3(d, g)
		}
		if math.Sqrt(dot3(g, g)) < 1e-6 {
			break
		}
		step, accepted := 1.0, false
		var tn gpTheta
		var vn float64
		var gn gpTheta
		for range 30 {
			for i := range 3 {
				tn[i] = t[i] + step*d[i]
			}
			vn, gradAt = f(tn)
			if vn <= v+1e-4*step*slope {
				accepted = true
				gn = gradAt()
				break
			}
			step /= 2
		}
		if !accepted {
			break
		}
		var s, y gpTheta
		for i := range 3 {
			s[i], y[i] = tn[i]-t[i], gn[i]-g[i]
		}
		done := v-vn < 1e-10*(math.Abs(v)+1)
		t, v, g = tn, vn, gn
		if done {
			break
		}
		if sy := dot3(s, y); sy > 1e-12 {
			bfgsUpdate(&H, s, y, sy)
		}
	}
	return t
}

// bfgsUpdate applies the BFGS inverse-Hessian update for step s and
// gradient change y (sy = s·y > 0).
func bfgsUpdate(H *[3][3]float64, s, y gpTheta, sy float64) {
	var Hy gpTheta
	for i := range 3 {
		for j := range 3 {
			Hy[i] += H[i][j] * y[j]
		}
	}
	yHy := dot3(y, Hy)
	for i := range 3 {
		for j := range 3 {
			H[i][j] += (sy+yHy)*s[i]*s[j]/(sy*sy) - (Hy[i]*s[j]+s[i]*Hy[j])/sy
		}
	}
}

func dot3(a, b gpTheta) float64 { return a[0]*b[0] + a[1]*b[1] + a[2]*b[2] }
