package infotheory

import (
	"math"
	"slices"

	"github.com/causal-tool/causal/featurizers/views"
	"github.com/causal-tool/causal/pairs"
)

// CDS is Fonollosa's conditional distribution similarity for x->y: x and y
// are discretized with factor 2 (13 levels); for every x level with more than
// 12 points the distribution of y within it is estimated (sorted counts
// over y's values for a non-Numerical y; for a binned Numerical y, y centred
// on the level's mean, scaled by y's overall std and binned on the 13 levels;
// for a Numerical y with few values, counts shifted to best align with
// y's marginal), and the result is the std of the column-centred matrix of
// these distributions. Low values mean p(y|x) hardly changes with x. NaN
// when no x level is large enough or the lengths differ.
func CDS(x, y []float64, tx, ty pairs.VarType) float64 {
	n := len(x)
	if n == 0 || len(y) != n || !allFinite(x) || !allFinite(y) {
		return math.NaN()
	}
	x, y = views.Tame(x), views.Tame(y)
	const ffactor, maxdev, minc = 2.0, 3.0, 12
	dx, dy := discretize(x, tx, ffactor, maxdev), discretize(y, ty, ffactor, maxdev)
	occ := make([]int, 0, dy.occ) // occupied y codes, ascending
	py := make([]float64, 0, dy.occ)
	for c, v := range dy.counts {
		if v > 0 {
			occ = append(occ, c)
			py = append(py, float64(v)/float64(n))
		}
	}
	ny := len(occ)
	pos := make([]int, dy.k) // y code -> index in occ
	for j, c := range occ {
		pos[c] = j
	}
	_, ysd := meanStd(y)
	perm, start := groups(dx)
	var rows [][]float64
	for c := 0; c < dx.k; c++ {
		if dx.counts[c] <= minc {
			continue
		}
		members := perm[start[c]:start[c+1]]
		var row []float64
		switch {
		case ty != pairs.Numerical:
			row = make([]float64, ny)
			for _, i := range members {
				row[pos[dy.codes[i]]]++
			}
			slices.Sort(row)
		case dy.disc:
			row = rebinned(members, y, ysd, ffactor, maxdev)
		default:
			row = make([]float64, ny)
			for _, i := range members {
				row[pos[dy.codes[i]]]++
			}
			row = aligned(row, py)
		}
		for j := range row {
			row[j] /= float64(len(members))
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return math.NaN()
	}
	return centredStd(rows)
}

// rebinned bins y over the members, centred on their mean and scaled by
// ysd, on the 2·ffactor·maxdev+1 levels (jarfo's discretized_sequence with
// norm=False).
func rebinned(members []int, y []float64, ysd, ffactor, maxdev float64) []float64 {
	lim := ffactor * maxdev
	row := make([]float64, int(2*lim)+1)
	var mean float64
	for _, i := range members {
		mean += y[i]
	}
	mean /= float64(len(members))
	for _, i := range members {
		q := math.RoundToEven((y[i] - mean) / ysd * ffactor)
		q = max(-lim, min(lim, q))
		row[int(q+lim)]++
	}
	return row
}

// aligned pads counts (length ny) to 3ny-2 entries, shifted to the offset
// that maximises its cross-correlation with the marginal py (first maximum).
func aligned(counts, py []float64) []float64 {
	ny := len(counts)
	padded := make([]float64, 3*ny-2)
	copy(padded[ny-1:], counts)
	imax, best := 0, math.Inf(-1)
	for i := 0; i <= 2*ny-2; i++ {
		var s float64
		for j := 0; j < ny; j++ {
			s += py[j] * padded[i+j]
		}
		if s > best {
			imax, best = i, s
		}
	}
	out := make([]float64, 3*ny-2)
	copy(out[2*ny-2-imax:], counts)
	return out
}

// centredStd subtracts each column's mean and returns the population std of
// all the entries.
func centredStd(rows [][]float64) float64 {
	cols := len(rows[0])
	mean := make([]float64, cols)
	for _, r := range rows {
		for j, v := range r {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(len(rows))
	}
	var s, ss float64
	for _, r := range rows {
		for j, v := range r {
			d := v - mean[j]
			s += d
			ss += d * d
		}
	}
	cnt := float64(len(rows) * cols)
	m := s / cnt
	return math.Sqrt(max(ss/cnt-m*m, 0))
}
