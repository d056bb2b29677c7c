package metrics

import (
	"math"
	"slices"
	"sync"

	"github.com/causal-tool/causal/featurizers/stats"
)

// perClassMetrics are the one-vs-rest metrics reduced over classes.
var perClassMetrics = []string{"auc", "average_precision", "f1", "precision", "recall", "mcc", "hinge"}

// reductions reduce a per-class metric over the classes present in y.
var reductions = []string{"mean", "sum", "max"}

// classificationNames are the values Classification writes, in order.
var classificationNames = func() []string {
	names := []string{"accuracy", "balanced_accuracy", "log_loss"}
	for _, m := range perClassMetrics {
		for _, r := range reductions {
			names = append(names, m+"_"+r)
		}
	}
	return names
}()

// ClassificationNames returns the names of the values Classification writes.
func ClassificationNames() []string { return append([]string(nil), classificationNames...) }

// uintPool recycles the sort keys of the per-class rankings (two halves:
// keys and radix scratch).
var uintPool = sync.Pool{New: func() any { s := make([]uint32, 0, 4096); return &s }}

// Classification writes the classification metrics of class probabilities
// proba (row-major n x k, row i for sample i) against the true codes y
// (0..k-1) into dst (room for len(ClassificationNames()) values). The
// predicted label is the row's argmax (ties to the lowest class).
//   - accuracy, balanced_accuracy (mean recall over the classes present in
//     y), log_loss (mean -log p(true class), each row normalized to sum 1
//     and p clipped to [1e-15, 1-1e-15], as sklearn).
//   - per class c, one-vs-rest: auc (ROC AUC of proba[:, c], ties count
//     half), average_precision (sklearn's step-wise AP of proba[:, c]), f1,
//     precision, recall, mcc (of the predicted labels; 0 where sklearn's
//     zero-division convention gives 0), hinge (mean max(0, 1 - t(2p - 1))
//     with t = ±1 the indicator of c and p = proba[:, c]).
//
// Each per-class metric is reduced by its mean, sum and max over the
// classes present in y; auc and average_precision are NaN for a class when
// every sample is of that class, and a reduction over no defined value is
// NaN. All values are NaN when the shapes disagree or a code is out of
// range.
func Classification(y []int, k int, proba []float64, dst []float64) {
	ClassificationSome(y, k, proba, dst, nil)
}

// ClassificationSome is Classification computing only the values marked in
// need (indexed like ClassificationNames; nil: all): the others are NaN. It
// skips the per-class rankings when no auc or average_precision value is
// needed. A value is the same whether or not the others are computed.
func ClassificationSome(y []int, k int, proba []float64, dst []float64, need []bool) {
	dst = dst[:len(classificationNames)]
	if need != nil {
		defer func() {
			for i, ok := range need[:len(dst)] {
				if !ok {
					dst[i] = math.NaN()
				}
			}
		}()
	}
	fill(dst, math.NaN())
	n := len(y)
	if n == 0 || k <= 0 || len(proba) != n*k {
		return
	}
	ip := intPool.Get().(*[]int)
	defer intPool.Put(ip)
	if cap(*ip) < n+3*k {
		*ip = make([]int, n+3*k)
	}
	pred, count, predCount, tp := (*ip)[:n], (*ip)[n:n+k], (*ip)[n+k:n+2*k], (*ip)[n+2*k:n+3*k]
	clear((*ip)[n : n+3*k])
	logLoss := 0.0
	for i, c := range y {
		if c < 0 || c >= k {
			return
		}
		row := proba[i*k : i*k+k]
		best, sum := 0, 0.0
		for j, p := range row {
			if p > row[best] {
				best = j
			}
			sum += p
		}
		pred[i] = best
		count[c]++
		predCount[best]++
		if best == c {
			tp[c]++
		}
		p := row[c]
		if sum > 0 {
			p /= sum
		}
		logLoss -= math.Log(math.Max(1e-15, math.Min(1-1e-15, p)))
	}
	correct, recallSum, present := 0, 0.0, 0
	for c := 0; c < k; c++ {
		correct += tp[c]
		if count[c] > 0 {
			recallSum += float64(tp[c]) / float64(count[c])
			present++
		}
	}
	fn := float64(n)
	dst[0] = float64(correct) / fn
	dst[1] = recallSum / float64(present)
	dst[2] = stats.Finite(logLoss / fn)
	// The values of auc and average_precision follow accuracy,
	// balanced_accuracy and log_loss, one per reduction each.
	nr := len(reductions)
	rank := need == nil || slices.Contains(need[3:3+2*nr], true)
	perClass(y, k, proba, count, predCount, tp, dst[3:], rank)
}

// perClass computes the one-vs-rest metrics of every class present in y and
// writes their mean, sum and max into dst (auc and average_precision NaN
// unless rank).
func perClass(y []int, k int, proba []float64, count, predCount, tp []int, dst []float64, rank bool) {
	nm := len(perClassMetrics)
	var acc [7]reducer
	n := len(y)
	kp := uintPool.Get().(*[]uint32)
	defer uintPool.Put(kp)
	if cap(*kp) < 2*n {
		*kp = make([]uint32, 2*n)
	}
	keys, scratch := (*kp)[:n], (*kp)[n:2*n]
	for c := 0; c < k; c++ {
		if count[c] == 0 {
			continue
		}
		var v [7]float64
		v[0], v[1], v[6] = rankingMetrics(y, c, k, proba, count[c], keys, scratch, rank)
		t, fp, fnn := float64(tp[c]), float64(predCount[c]-tp[c]), float64(count[c]-tp[c])
		tn := float64(n) - t - fp - fnn
		if t+fp > 0 {
			v[3] = t / (t + fp)
		}
		v[4] = t / (t + fnn)
		v[2] = 2 * t / (2*t + fp + fnn)
		if den := (t + fp) * (t + fnn) * (tn + fp) * (tn + fnn); den > 0 {
			v[5] = (t*tn - fp*fnn) / math.Sqrt(den)
		}
		for m := 0; m < nm; m++ {
			acc[m].add(v[m])
		}
	}
	for m := 0; m < nm; m++ {
		dst[3*m], dst[3*m+1], dst[3*m+2] = acc[m].result()
	}
}

// reducer accumulates the mean, sum and max of the defined values.
type reducer struct {
	sum, max float64
	n        int
}

// add includes v unless it is NaN.
func (r *reducer) add(v float64) {
	if math.IsNaN(v) {
		return
	}
	if r.n == 0 || v > r.max {
		r.max = v
	}
	r.sum += v
	r.n++
}

// result returns the mean, sum and max, NaN without any value.
func (r *reducer) result() (mean, sum, max float64) {
	if r.n == 0 {
		return math.NaN(), math.NaN(), math.NaN()
	}
	return r.sum / float64(r.n), r.sum, r.max
}

// rankingMetrics returns the one-vs-rest ROC AUC (ties half), sklearn's
// average precision and the hinge loss of class c's probability column.
// Scores are ranked at float32 precision (relative 2^-23; closer scores
// count as ties), which lets a 3-pass radix sort rank them. keys and
// scratch have len n. AUC and AP are NaN when every sample is of class c,
// or when rank is false (then only the hinge loss is computed).
func rankingMetrics(y []int, c, k int, proba []float64, pos int, keys, scratch []uint32, rank bool) (auc, ap, hinge float64) {
	n := len(y)
	h := 0.0
	for i, yc := range y {
		p := proba[i*k+c]
		if !(p > 0) {
			p = 0
		}
		// Key: the probability's float32 bits (non-negative floats sort as
		// their bits) with the lowest bit replaced by the label, so one
		// sort gives the ranking with labels attached.
		key := math.Float32bits(float32(p)) &^ 1
		if yc == c {
			key |= 1
			if p < 1 {
				h += 2 * (1 - p) // max(0, 1 - (2p - 1))
			}
		} else if p > 0 {
			h += 2 * p // max(0, 1 + (2p - 1))
		}
		keys[i] = key
	}
	hinge = stats.Finite(h / float64(n))
	neg := n - pos
	if neg == 0 || !rank {
		return math.NaN(), math.NaN(), hinge
	}
	radixSort32(keys, scratch)
	// One walk over the tie blocks from the highest score down: the
	// positives' mid-rank sum for the AUC and the step-wise AP.
	rankSum, tpc, prevRecall, fpos := 0.0, 0, 0.0, float64(pos)
	for e := n; e > 0; {
		top := keys[e-1] >> 1
		s, p := e, 0
		for s > 0 && keys[s-1]>>1 == top {
			s--
			p += int(keys[s] & 1)
		}
		rankSum += float64(p) * float64(s+e+1) / 2
		tpc += p
		recall := float64(tpc) / fpos
		ap += (recall - prevRecall) * float64(tpc) / float64(n-s)
		prevRecall = recall
		e = s
	}
	auc = (rankSum - fpos*(fpos+1)/2) / (fpos * float64(neg))
	return auc, ap, hinge
}

// radixSort32 sorts keys ascending with an 11-bit LSD radix sort (3
// passes, skipping digits all keys share); scratch has len(keys).
func radixSort32(keys, scratch []uint32) {
	n := len(keys)
	if n < 2 {
		return
	}
	var hist [3][2048]int32
	for _, k := range keys {
		hist[0][k&2047]++
		hist[1][(k>>11)&2047]++
		hist[2][k>>22]++
	}
	src, dst := keys, scratch
	for p := 0; p < 3; p++ {
		shift := uint(11 * p)
		h := &hist[p]
		if int(h[(src[0]>>shift)&2047]) == n {
			continue
		}
		var s int32
		for d := range h {
			c := h[d]
			h[d] = s
			s += c
		}
		for _, k := range src {
			d := (k >> shift) & 2047
			dst[h[d]] = k
			h[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}
