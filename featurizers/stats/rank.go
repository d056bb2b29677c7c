package stats

// ranked holds the sort of one numeric vector, shared by every rank-based
// statistic computed on it.
type ranked struct {
	sorted []float64 // ascending values
	order  []int     // order[k] is the index of the k-th smallest value
	rank   []float64 // 1-based average (mid) rank of each original value
	dense  []int     // 0-based dense rank (tie-block number) of each value
}

// rankInto sorts x into r using the provided scratch (each of len(x)).
func rankInto(r *ranked, x, sorted []float64, order []int, rank []float64, dense []int) {
	n := len(x)
	argsortFloats(x, order, sorted)
	block := 0
	for s := 0; s < n; {
		e := s + 1
		for e < n && sorted[e] == sorted[s] {
			e++
		}
		mid := float64(s+e+1) / 2 // average of 1-based ranks s+1..e
		for k := s; k < e; k++ {
			rank[order[k]] = mid
			dense[order[k]] = block
		}
		block++
		s = e
	}
	*r = ranked{sorted: sorted, order: order, rank: rank, dense: dense}
}

// tieSums returns, over the tie blocks of ascending data, Σ t(t-1)/2,
// Σ t(t-1)(t-2), Σ t(t-1)(2t+5) and Σ (t³ - t).
func tieSums(sorted []float64) (pairs, c1, c2, cube float64) {
	n := len(sorted)
	for s := 0; s < n; {
		e := s + 1
		for e < n && sorted[e] == sorted[s] {
			e++
		}
		if t := float64(e - s); t > 1 {
			pairs += t * (t - 1) / 2
			c1 += t * (t - 1) * (t - 2)
			c2 += t * (t - 1) * (2*t + 5)
			cube += t*t*t - t
		}
		s = e
	}
	return
}

// medianSorted returns the median of ascending data (mean of the two middle
// values for even n).
func medianSorted(s []float64) float64 {
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pooledBlocks walks the merge of two ascending samples and records, for
// every tie block of the pooled sample, how many values come from a (ca)
// and from b (cb). It returns the number of blocks.
func pooledBlocks(a, b []float64, ca, cb []int) int {
	i, j, k := 0, 0, 0
	for i < len(a) || j < len(b) {
		var v float64
		switch {
		case j >= len(b) || (i < len(a) && a[i] <= b[j]):
			v = a[i]
		default:
			v = b[j]
		}
		na, nb := 0, 0
		for i < len(a) && a[i] == v {
			i++
			na++
		}
		for j < len(b) && b[j] == v {
			j++
			nb++
		}
		ca[k], cb[k] = na, nb
		k++
	}
	return k
}

// absDevSorted writes |s[i] - med| in ascending order into dst, for
// ascending s, by merging the two monotone halves around the median.
func absDevSorted(s []float64, med float64, dst []float64) {
	p := 0
	for p < len(s) && s[p] < med {
		p++
	}
	l, r := p-1, p
	for k := range dst {
		if r >= len(s) || (l >= 0 && med-s[l] <= s[r]-med) {
			dst[k] = med - s[l]
			l--
		} else {
			dst[k] = s[r] - med
			r++
		}
	}
}
