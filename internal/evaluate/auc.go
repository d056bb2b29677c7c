// Package evaluate scores predictions with the cause-effect challenge's
// metric, the bidirectional AUC, and breaks the score down by type
// combination and by Details class.
package evaluate

import (
	"errors"
	"sort"
)

// ErrOneClass is returned when an AUC is undefined because the labels hold
// a single class.
var ErrOneClass = errors.New("AUC undefined: the labels hold a single class")

// AUC returns the area under the ROC curve of scores for the binary labels,
// counting ties between a positive and a negative as one half (the
// trapezoidal ROC, Mann-Whitney U / (P*N)). It returns ErrOneClass when
// there is no positive or no negative.
func AUC(labels []bool, scores []float64) (float64, error) {
	if len(labels) != len(scores) {
		return 0, errors.New("AUC: labels and scores differ in length")
	}
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	var pos, neg, rankSum float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			j++
		}
		avgRank := float64(i+j+1) / 2 // ranks i+1..j averaged
		for _, k := range idx[i:j] {
			if labels[k] {
				pos++
				rankSum += avgRank
			} else {
				neg++
			}
		}
		i = j
	}
	if pos == 0 || neg == 0 {
		return 0, ErrOneClass
	}
	return (rankSum - pos*(pos+1)/2) / (pos * neg), nil
}

// BidirectionalAUC is the challenge metric:
// ½·[AUC(Target==1, score) + AUC(Target==-1, −score)], where pairs of every
// other class count as negatives in both terms. targets hold 1, 0 or -1.
// It returns ErrOneClass (wrapped) when either term is undefined, e.g. when
// no pair has Target 1, no pair has Target -1, or every pair has the same
// target.
func BidirectionalAUC(targets []int, scores []float64) (float64, error) {
	if len(targets) != len(scores) {
		return 0, errors.New("bidirectional AUC: targets and scores differ in length")
	}
	fwd := make([]bool, len(targets))
	bwd := make([]bool, len(targets))
	neg := make([]float64, len(scores))
	for i, t := range targets {
		fwd[i] = t == 1
		bwd[i] = t == -1
		neg[i] = -scores[i]
	}
	a1, err := AUC(fwd, scores)
	if err != nil {
		return 0, errors.Join(errors.New("AUC(Target==1)"), err)
	}
	a2, err := AUC(bwd, neg)
	if err != nil {
		return 0, errors.Join(errors.New("AUC(Target==-1)"), err)
	}
	return (a1 + a2) / 2, nil
}

// SignAccuracy is the fraction of pairs with Target ≠ 0 whose score has the
// target's sign (a zero score counts as wrong). It returns ok=false when no
// pair has a nonzero target.
func SignAccuracy(targets []int, scores []float64) (acc float64, n int, ok bool) {
	right := 0
	for i, t := range targets {
		if t == 0 {
			continue
		}
		n++
		if (t > 0 && scores[i] > 0) || (t < 0 && scores[i] < 0) {
			right++
		}
	}
	if n == 0 {
		return 0, 0, false
	}
	return float64(right) / float64(n), n, true
}
