package learners

import (
	"math"
	"testing"
)

// TestLinearExactLine checks that linear recovers y = 3 + 2x exactly, in
// sample and at new points, and that ridge shrinks the slope by n/(n+alpha)
// on standardized x: pred = mean(y) + 2 n/(n+1) (x - mean(x)).
func TestLinearExactLine(t *testing.T) {
	x := []float64{5, 0, 7, 1, 2}
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = 3 + 2*v
	}
	in := NumericInput(x)
	assertClose(t, "linear", fitPredict(linear{}, in, y), y, 1e-12)
	assertClose(t, "linear new", predictAt(linear{}.Fit(in, y), -10, 100), []float64{-17, 203}, 1e-10)
	// mean x = 3, mean y = 9, shrink 5/6
	want := make([]float64, len(x))
	for i, v := range x {
		want[i] = 9 + 2*5.0/6*(v-3)
	}
	assertClose(t, "ridge", fitPredict(ridge{alpha: 1}, in, y), want, 1e-12)
}

// TestLinearCategorical checks the one-hot forms: category means (linear)
// and means shrunk toward the global mean (ridge), unseen codes get the mean.
func TestLinearCategorical(t *testing.T) {
	x := CategoricalInput([]int{0, 0, 1, 1, 1, 2}, 4)
	y := []float64{1, 3, 4, 5, 6, 11}
	// global mean 5; means 2, 5, 11
	q := CategoricalInput([]int{0, 1, 2, 3, -1}, 4)
	out := make([]float64, 5)
	linear{}.Fit(x, y).Predict(q, out)
	assertClose(t, "linear", out, []float64{2, 5, 11, 5, 5}, 1e-12)
	ridge{alpha: 1}.Fit(x, y).Predict(q, out)
	// (sum + mean) / (n + 1): (4+5)/3, (15+5)/4, (11+5)/2
	assertClose(t, "ridge", out, []float64{3, 5, 8, 5, 5}, 1e-12)
}

// TestPolyExactCubic checks that degrees 3 to 5 reproduce an exact cubic,
// also at new points, while degree 2 cannot.
func TestPolyExactCubic(t *testing.T) {
	f := func(v float64) float64 { return 1 - v + 0.5*v*v*v }
	x := make([]float64, 25)
	y := make([]float64, 25)
	for i := range x {
		x[i] = -3 + 0.25*float64((i*7)%25) // unsorted
		y[i] = f(x[i])
	}
	in := NumericInput(x)
	for d := 3; d <= 5; d++ {
		p := poly{degree: d}
		assertClose(t, p.Name(), fitPredict(p, in, y), y, 1e-9)
		assertClose(t, p.Name()+" new", predictAt(p.Fit(in, y), -1.1, 0.3, 4), []float64{f(-1.1), f(0.3), f(4)}, 1e-8)
	}
	p2 := fitPredict(poly{degree: 2}, in, y)
	worst := 0.0
	for i := range y {
		worst = math.Max(worst, math.Abs(p2[i]-y[i]))
	}
	if worst < 0.5 {
		t.Errorf("poly2 fits a cubic within %v: the degree is not limited", worst)
	}
}

// TestPolyFewDistinctValues checks that a degree above the number of
// distinct values interpolates the per-value means.
func TestPolyFewDistinctValues(t *testing.T) {
	x := NumericInput([]float64{0, 1, 2, 0, 1, 2})
	y := []float64{1, 5, 2, 3, 7, 4}
	// means 2, 6, 3: a parabola through them
	assertClose(t, "poly5", fitPredict(poly{degree: 5}, x, y), []float64{2, 6, 3, 2, 6, 3}, 1e-9)
}

// TestTreeStep checks the exact splits and leaf values of a depth-3 tree on
// a three-level step function (thresholds at midpoints 2.5 and 6.5).
func TestTreeStep(t *testing.T) {
	x := []float64{9, 0, 8, 1, 7, 2, 6, 3, 5, 4}
	y := make([]float64, len(x))
	for i, v := range x {
		switch {
		case v <= 2:
			y[i] = 1
		case v <= 6:
			y[i] = 5
		default:
			y[i] = 9
		}
	}
	m := regTree{depth: 3}.Fit(NumericInput(x), y)
	got := predictAt(m, -5, 2.5, 2.51, 6.49, 6.5, 6.51, 100)
	assertClose(t, "tree3", got, []float64{1, 1, 5, 5, 5, 9, 9}, 1e-12)
}

// TestTreeDepthOne checks a stump against the best split computed by hand:
// y = 0,0,0,10,12 on x = 1..5 splits at 3.5 into means 0 and 11.
func TestTreeDepthOne(t *testing.T) {
	x := NumericInput([]float64{1, 2, 3, 4, 5})
	y := []float64{0, 0, 0, 10, 12}
	assertClose(t, "stump", fitPredict(regTree{depth: 1}, x, y), []float64{0, 0, 0, 11, 11}, 1e-12)
	m := regTree{depth: 2}.Fit(x, y)
	assertClose(t, "depth2", predictAt(m, 3.4, 3.6, 4.4, 4.6), []float64{0, 10, 10, 12}, 1e-12)
}

// TestTreeFull checks that the unpruned tree predicts the per-value means
// with midpoint thresholds.
func TestTreeFull(t *testing.T) {
	x := NumericInput([]float64{0, 0, 1, 3})
	y := []float64{1, 3, 5, 7}
	m := regTree{}.Fit(x, y)
	assertClose(t, "in", fitPredict(regTree{}, x, y), []float64{2, 2, 5, 7}, 1e-12)
	assertClose(t, "new", predictAt(m, -1, 0.5, 0.51, 2, 2.01, 9), []float64{2, 2, 5, 5, 7, 7}, 1e-12)
}

// TestTreeCategorical checks that categories are ordered by mean before
// splitting: a stump separates {b, d} (low) from {a, c} (high).
func TestTreeCategorical(t *testing.T) {
	x := CategoricalInput([]int{0, 1, 2, 3, 0, 1, 2, 3}, 5)
	y := []float64{10, 1, 12, 2, 10, 1, 12, 2}
	q := CategoricalInput([]int{0, 1, 2, 3, 4}, 5)
	out := make([]float64, 5)
	regTree{depth: 1}.Fit(x, y).Predict(q, out)
	assertClose(t, "stump", out, []float64{11, 1.5, 11, 1.5, 6.25}, 1e-12)
}

// TestIsotonicPAVA checks the increasing fit against PAVA by hand, the
// linear interpolation between distinct values, and clipping outside.
func TestIsotonicPAVA(t *testing.T) {
	x := NumericInput([]float64{1, 2, 3, 4, 5, 6})
	y := []float64{1, 3, 2, 4, 3, 5}
	m := isotonic{}.Fit(x, y)
	assertClose(t, "up", fitPredict(isotonic{}, x, y), []float64{1, 2.5, 2.5, 3.5, 3.5, 5}, 1e-12)
	assertClose(t, "interp", predictAt(m, 0, 1.5, 3.5, 5.5, 9), []float64{1, 1.75, 3, 4.25, 5}, 1e-12)
	down := []float64{5, 4, 6, 2, 1, 0}
	assertClose(t, "down", fitPredict(isotonic{}, x, down), []float64{5, 5, 5, 2, 1, 0}, 1e-12)
	// tied x share one value: means 2 (x=1) and 1 (x=2) violate increasing;
	// decreasing fits exactly
	tied := NumericInput([]float64{1, 1, 2, 2})
	assertClose(t, "ties", fitPredict(isotonic{}, tied, []float64{1, 3, 0, 2}), []float64{2, 2, 1, 1}, 1e-12)
}

// TestSplineLinearAndSmooth checks that the spline reproduces a line (no
// penalty on linear functions) and follows a smooth curve closely.
func TestSplineLinearAndSmooth(t *testing.T) {
	x := make([]float64, 200)
	lin := make([]float64, 200)
	curve := make([]float64, 200)
	for i := range x {
		x[i] = float64((i*37)%200) / 20
		lin[i] = 2 - 3*x[i]
		curve[i] = math.Sin(x[i])
	}
	in := NumericInput(x)
	assertClose(t, "line", fitPredict(spline{}, in, lin), lin, 1e-8)
	assertClose(t, "sin", fitPredict(spline{}, in, curve), curve, 1e-3)
	m := spline{}.Fit(in, curve)
	assertClose(t, "clip", predictAt(m, -5, 20), predictAt(m, 0, 9.95), 1e-12)
}

// TestKernelRidgeSmooth checks that kernel ridge follows a smooth function
// closely with many rows (binned) and with few (exact), and that the
// interpolated predictions match exact evaluation.
func TestKernelRidgeSmooth(t *testing.T) {
	for _, n := range []int{50, 2000} {
		x := make([]float64, n)
		y := make([]float64, n)
		for i := range x {
			x[i] = 4 * float64((i*7919)%n) / float64(n)
			y[i] = math.Sin(x[i])
		}
		in := NumericInput(x)
		pred := fitPredict(kernelRidge{}, in, y)
		assertClose(t, "sin", pred, y, 0.03)
		m := kernelRidge{}.Fit(in, y).(kernelModel)
		for i, v := range x {
			f, _, _ := m.at((v - m.mx) / m.sx)
			if d := math.Abs(m.center + m.sd*f - pred[i]); d > 1e-8 {
				t.Fatalf("n=%d row %d: interpolated %v differs from exact by %v", n, i, pred[i], d)
			}
		}
	}
}

// TestMedianDistance checks the bisection median of pairwise distances
// (for 0, 1, 3 the distances are 1, 2, 3 with median 2) and the fallback
// width 1 when most pairs are tied.
func TestMedianDistance(t *testing.T) {
	x := NumericInput([]float64{3, 0, 1})
	if d := medianDistance(x, 0, 1); math.Abs(d-2) > 1e-9 {
		t.Errorf("median distance %v, want 2", d)
	}
	x = NumericInput([]float64{0, 0, 0, 5})
	if d := medianDistance(x, 0, 1); d != 1 {
		t.Errorf("median distance of mostly ties %v, want the fallback 1", d)
	}
}

// TestBoostTwoValues checks boosting against its closed form: with two
// distinct x values holding constant y and every stage sampling both, each
// stage removes 10% of the residual, so pred = mean + (1-0.9^10)(y - mean).
func TestBoostTwoValues(t *testing.T) {
	n := 100
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range x {
		x[i] = float64(i % 2)
		y[i] = 4 * float64(i%2)
	}
	got := predictAt(regBoost{stages: 10}.Fit(NumericInput(x), y), 0, 1)
	shrink := 1 - math.Pow(0.9, 10)
	assertClose(t, "boost", got, []float64{2 - 2*shrink, 2 + 2*shrink}, 1e-12)
	xc := make([]int, n)
	for i := range xc {
		xc[i] = i % 2
	}
	out := make([]float64, 2)
	regBoost{stages: 10}.Fit(CategoricalInput(xc, 2), y).Predict(CategoricalInput([]int{0, 1}, 2), out)
	assertClose(t, "boost categorical", out, []float64{2 - 2*shrink, 2 + 2*shrink}, 1e-12)
}

// TestForestTwoValues checks that every bootstrap tree predicts the per-value
// target when y is constant within each distinct x.
func TestForestTwoValues(t *testing.T) {
	x := make([]float64, 60)
	y := make([]float64, 60)
	for i := range x {
		x[i] = float64(i % 3)
		y[i] = float64(i%3) * 7
	}
	got := predictAt(regForest{trees: 10}.Fit(NumericInput(x), y), 0, 1, 2, 0.4, 0.6)
	assertClose(t, "forest", got, []float64{0, 7, 14, 0, 7}, 1e-12)
}

// TestForestAveragesBootstrapTrees checks the forest against the mean of its
// trees rebuilt from the same bootstrap counts.
func TestForestAveragesBootstrapTrees(t *testing.T) {
	xs, y := noisy(50, 11)
	x := NumericInput(xs)
	got := fitPredict(regForest{trees: 10}, x, y)
	want := make([]float64, len(y))
	rw := make([]float64, len(y))
	g := x.groups()
	for tr := range 10 {
		bootstrap(rw, uint64(tr))
		// per-value bootstrap means; rows of absent values take the nearest
		// present value (midpoint rule)
		w := make([]float64, len(g.ux))
		s := make([]float64, len(g.ux))
		for r, gi := range g.gid {
			w[gi] += rw[r]
			s[gi] += rw[r] * y[r]
		}
		for r := range y {
			best, bestD := -1, math.Inf(1)
			for gi := range g.ux {
				if w[gi] == 0 {
					continue
				}
				d := math.Abs(g.ux[gi] - xs[r])
				if d < bestD || (d == bestD && g.ux[gi] < xs[r]) {
					best, bestD = gi, d
				}
			}
			want[r] += s[best] / w[best] / 10
		}
	}
	assertClose(t, "forest", got, want, 1e-9)
}
