package learners

import (
	"encoding/binary"
	"math"
	"testing"
)

// FuzzLearners runs every learner (in-sample and out-of-fold) on arbitrary
// small data: no panic or hang ever, and finite outputs (valid probabilities)
// whenever the inputs are finite and of moderate size.
func FuzzLearners(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		n := min(len(data)/3, 64)
		if n == 0 {
			return
		}
		xs, ys := make([]float64, n), make([]float64, n)
		yc, codes := make([]int, n), make([]int, n)
		moderate := true
		for i := range n {
			b := data[3*i : 3*i+3]
			xs[i] = decodeValue(b[0], b[1])
			ys[i] = decodeValue(b[1], b[2])
			yc[i] = int(b[2] % 4)
			codes[i] = int(b[0] % 5)
			for _, v := range []float64{xs[i], ys[i]} {
				if !(math.Abs(v) < 1e100) {
					moderate = false
				}
			}
		}
		k := int(binary.LittleEndian.Uint16(append(data[:2:2], 0)))%5 + 1
		folds := Folds(n, k)
		for _, x := range []Input{NumericInput(xs), CategoricalInput(codes, 5)} {
			for _, r := range Regressors() {
				out := make([]float64, n)
				r.Fit(x, ys).Predict(x, out)
				if moderate {
					checkFinite(t, r.Name(), out)
				}
				OOFRegress(r, x, ys, folds, k, out)
			}
			for _, c := range Classifiers() {
				out := make([]float64, n*4)
				c.Fit(x, yc, 4).PredictProba(x, out)
				if moderate {
					checkProba(t, c.Name(), out, 4)
				}
				OOFClassify(c, x, yc, 4, folds, k, out)
			}
		}
	})
}

// decodeValue maps two bytes to a value: mostly small integers and
// fractions with ties, sometimes huge, tiny or non-finite.
func decodeValue(a, b byte) float64 {
	switch a % 16 {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1 - 2*int(b%2))
	case 2:
		return float64(int(b)-128) * 1e150
	case 3:
		return float64(b) * 1e-300
	default:
		return float64(int(b)-128) / float64(1+a%7)
	}
}
