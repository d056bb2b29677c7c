package views

import (
	"math"
)

// percentiles returns numpy-style (linear interpolation) percentiles of the
// sorted sample s, for each p in 0..100.
func percentiles(s []float64, ps ...float64) []float64 {
	out := make([]float64, len(ps))
	if len(s) == 0 {
		return out
	}
	for i, p := range ps {
		pos := p / 100 * float64(len(s)-1)
		lo := int(math.Floor(pos))
		if lo >= len(s)-1 {
			out[i] = s[len(s)-1]
			continue
		}
		frac := pos - float64(lo)
		out[i] = s[lo] + frac*(s[lo+1]-s[lo])
	}
	return out
}

// binByCuts gives each value the number of (ascending) cut points it strictly
// exceeds, then relabels the non-empty bins 0..K-1 in order. idx and s are
// the sorting permutation and sorted values of x.
func binByCuts(idx []int32, s, cuts []float64) Cat {
	codes := make([]int, len(s))
	c := 0
	for j, v := range s {
		for c < len(cuts) && cuts[c] < v {
			c++
		}
		codes[idx[j]] = c
	}
	k := compact(codes, len(cuts)+1)
	return Cat{Codes: codes, K: k}
}

// equalWidth bins x into nb equal-width bins over [min, max] (s is x sorted).
func equalWidth(x, s []float64, nb int) Cat {
	codes := make([]int, len(x))
	if len(s) == 0 {
		return Cat{Codes: codes}
	}
	lo, hi := s[0], s[len(s)-1]
	w := hi - lo
	if w > 0 && !math.IsInf(w, 0) {
		for i, v := range x {
			c := int((v - lo) / w * float64(nb))
			codes[i] = min(max(c, 0), nb-1)
		}
	}
	return Cat{Codes: codes, K: compact(codes, nb)}
}

// compact relabels codes in 0..m-1 so that the used ones become 0..K-1 in
// order, and returns K.
func compact(codes []int, m int) int {
	idx := make([]int, m)
	for _, c := range codes {
		idx[c] = 1
	}
	k := 0
	for j := range idx {
		if idx[j] == 1 {
			idx[j] = k
			k++
		}
	}
	for i, c := range codes {
		codes[i] = idx[c]
	}
	return k
}
