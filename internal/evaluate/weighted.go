package evaluate

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"github.com/causal-tool/causal/pairs"
)

// DecisionRates are the fractions of the directed pairs, most confident
// first, at which Weighted reports the accuracy (Mooij et al. 2016 plot the
// accuracy against the decision rate).
var DecisionRates = []float64{0.10, 0.25, 0.50, 1.00}

// RateAccuracy is the weighted accuracy over the most confident pairs that
// make up Rate of the total weight.
type RateAccuracy struct {
	Rate     float64 `json:"rate"`
	Accuracy Metric  `json:"accuracy"`
}

// Weighted holds the metrics the Tübingen literature reports, each pair
// counting with its weight, over the directed pairs (Target 1 or -1).
type Weighted struct {
	// N is the number of directed pairs with a positive weight; Weight their
	// total weight.
	N      int     `json:"n"`
	Weight float64 `json:"total_weight"`
	// Accuracy is Σ w·[sign(score) = Target] / Σ w (a zero score is
	// wrong, as in SignAccuracy).
	Accuracy Metric `json:"weighted_accuracy"`
	// AUC is the weighted ROC AUC of the score for Target 1 (positives)
	// against Target -1 (negatives): Σ w_i·w_j·([s_i > s_j] + ½[s_i = s_j])
	// over positives i and negatives j, divided by W₊·W₋. NaN when either
	// class has no weight.
	AUC Metric `json:"weighted_auc"`
	// Rates is the weighted accuracy at each of DecisionRates.
	Rates []RateAccuracy `json:"decision_rates"`
}

// ErrNoWeight is returned when no directed pair has a positive weight.
var ErrNoWeight = errors.New("no pair with Target 1 or -1 has a positive weight")

// WeightedMetrics computes Weighted for scores aligned with targets (each
// 1, 0 or -1) and weights (finite, >= 0). Pairs with Target 0 are left
// out. At a decision rate r the most confident pairs (largest |score|) are
// taken until their weight reaches r of the total; pairs tied in |score|
// enter together, and a tied block that straddles the cut counts with the
// fraction of its weight that fits, so that the result does not depend on
// row order.
func WeightedMetrics(targets []int, scores, weights []float64, rates []float64) (Weighted, error) {
	if len(targets) != len(scores) || len(scores) != len(weights) {
		return Weighted{}, errors.New("weighted metrics: targets, scores and weights differ in length")
	}
	var idx []int
	for i, t := range targets {
		w := weights[i]
		if math.IsNaN(w) || math.IsInf(w, 0) || w < 0 {
			return Weighted{}, fmt.Errorf("weighted metrics: weight %v is not a finite number >= 0", w)
		}
		if (t == 1 || t == -1) && w > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return Weighted{}, ErrNoWeight
	}
	r := Weighted{N: len(idx)}
	right := 0.0
	for _, i := range idx {
		r.Weight += weights[i]
		right += weights[i] * correct(targets[i], scores[i])
	}
	r.Accuracy = Metric(right / r.Weight)
	r.AUC = Metric(weightedAUC(idx, targets, scores, weights))
	for _, rate := range rates {
		r.Rates = append(r.Rates, RateAccuracy{Rate: rate, Accuracy: Metric(accuracyAtRate(idx, targets, scores, weights, rate))})
	}
	return r, nil
}

// correct is 1 when score has target's sign, else 0.
func correct(target int, score float64) float64 {
	if (target > 0 && score > 0) || (target < 0 && score < 0) {
		return 1
	}
	return 0
}

// weightedAUC is the weighted Mann-Whitney statistic over the pairs idx,
// ties counting half, by one pass over the scores in ascending order.
func weightedAUC(idx []int, targets []int, scores, weights []float64) float64 {
	ord := append([]int(nil), idx...)
	sort.SliceStable(ord, func(a, b int) bool { return scores[ord[a]] < scores[ord[b]] })
	var negBelow, wPos, wNeg, sum float64
	for i := 0; i < len(ord); {
		j := i
		var pos, neg float64
		for j < len(ord) && scores[ord[j]] == scores[ord[i]] {
			if targets[ord[j]] == 1 {
				pos += weights[ord[j]]
			} else {
				neg += weights[ord[j]]
			}
			j++
		}
		sum += pos * (negBelow + neg/2)
		negBelow += neg
		wPos += pos
		wNeg += neg
		i = j
	}
	if wPos == 0 || wNeg == 0 {
		return math.NaN()
	}
	return sum / (wPos * wNeg)
}

// accuracyAtRate is the weighted accuracy of the most confident pairs of
// idx making up rate of their weight (see WeightedMetrics).
func accuracyAtRate(idx []int, targets []int, scores, weights []float64, rate float64) float64 {
	if !(rate > 0) {
		return math.NaN()
	}
	ord := append([]int(nil), idx...)
	conf := func(i int) float64 { return math.Abs(scores[i]) }
	sort.SliceStable(ord, func(a, b int) bool { return conf(ord[a]) > conf(ord[b]) })
	total := 0.0
	for _, i := range ord {
		total += weights[i]
	}
	budget := math.Min(rate, 1) * total
	var taken, right float64
	for i := 0; i < len(ord) && taken < budget; {
		j := i
		var w, ok float64
		for j < len(ord) && conf(ord[j]) == conf(ord[i]) {
			w += weights[ord[j]]
			ok += weights[ord[j]] * correct(targets[ord[j]], scores[ord[j]])
			j++
		}
		frac := math.Min(1, (budget-taken)/w)
		taken += frac * w
		right += frac * ok
		i = j
	}
	return right / taken
}

// JoinWeights returns the weight of each target, in the order of targets;
// every target needs a weight and every weight a target (the error names up
// to five unmatched SampleIDs).
func JoinWeights(targets []pairs.Target, weights map[string]float64) ([]float64, error) {
	out := make([]float64, len(targets))
	var missing []string
	for i, t := range targets {
		w, ok := weights[t.ID]
		if !ok {
			missing = append(missing, t.ID)
		}
		out[i] = w
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%d target pairs have no weight: %s", len(missing), pairs.FewIDs(missing))
	}
	if len(weights) > len(targets) {
		known := make(map[string]bool, len(targets))
		for _, t := range targets {
			known[t.ID] = true
		}
		var extra []string
		for id := range weights {
			if !known[id] {
				extra = append(extra, id)
			}
		}
		sort.Strings(extra)
		return nil, fmt.Errorf("%d weighted pairs have no target: %s", len(extra), pairs.FewIDs(extra))
	}
	return out, nil
}

// AddWeights adds the weighted metrics (Weighted, at DecisionRates) to the
// report.
func (r *Report) AddWeights(targets []pairs.Target, scores, weights []float64) error {
	tg := make([]int, len(targets))
	for i, t := range targets {
		tg[i] = t.Target
	}
	w, err := WeightedMetrics(tg, scores, weights, DecisionRates)
	if err != nil {
		return err
	}
	r.Weighted = &w
	return nil
}
