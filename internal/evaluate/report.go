package evaluate

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"

	"github.com/causal-tool/causal/pairs"
)

// Metric is a float that encodes NaN as null in JSON.
type Metric float64

// MarshalJSON writes NaN and infinities as null.
func (m Metric) MarshalJSON() ([]byte, error) {
	f := float64(m)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return json.Marshal(f)
}

// UnmarshalJSON reads null as NaN.
func (m *Metric) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*m = Metric(math.NaN())
		return nil
	}
	return json.Unmarshal(b, (*float64)(m))
}

// Group is the metric over one subset of the pairs. AUC and Accuracy are
// NaN (null in JSON) when undefined for the subset.
type Group struct {
	Name      string `json:"name"`
	N         int    `json:"n"`
	AUC       Metric `json:"bidirectional_auc"`
	Accuracy  Metric `json:"accuracy"`
	MeanScore Metric `json:"mean_score"`
}

// Report is the full evaluation of a predictions file.
type Report struct {
	N         int     `json:"n"`
	AUC       Metric  `json:"bidirectional_auc"`
	AUCFwd    Metric  `json:"auc_a_to_b"`
	AUCBwd    Metric  `json:"auc_b_to_a"`
	Accuracy  Metric  `json:"accuracy"`
	NDirected int     `json:"n_directed"`
	ByTypes   []Group `json:"by_types,omitempty"`
	ByDetails []Group `json:"by_details,omitempty"`
	// ByCause and ByMechanism break the A->B and B->A pairs down by the
	// generator's cause and mechanism family (see AddMeta).
	ByCause     []Group `json:"by_cause,omitempty"`
	ByMechanism []Group `json:"by_mechanism,omitempty"`
	// Weighted holds the weighted metrics (see AddWeights).
	Weighted *Weighted `json:"weighted,omitempty"`
}

// AddMeta adds the breakdowns of the A->B and B->A pairs (Details 1 and 2)
// by cause family and by mechanism, from `causal generate --meta`; pairs of
// other classes or without meta are left out of them.
func (r *Report) AddMeta(targets []pairs.Target, scores []float64, meta map[string]pairs.Meta) {
	family := func(pick func(m pairs.Meta) []string) func(pairs.Target) (string, bool) {
		return func(t pairs.Target) (string, bool) {
			m, ok := meta[t.ID]
			if !ok || (t.Details != 1 && t.Details != 2) || len(pick(m)) == 0 {
				return "", false
			}
			return pick(m)[0], true
		}
	}
	r.ByCause = breakdownWhere(targets, scores, family(func(m pairs.Meta) []string { return m.Causes }))
	r.ByMechanism = breakdownWhere(targets, scores, family(func(m pairs.Meta) []string { return m.Mechanisms }))
}

// DetailsName names a Details class.
func DetailsName(d int) string {
	switch d {
	case 1:
		return "A->B"
	case 2:
		return "B->A"
	case 3:
		return "confounded"
	case 4:
		return "independent"
	}
	return "unknown"
}

// Join matches predictions to targets by SampleID, in the order of the
// targets. Every prediction needs a target and every target a prediction;
// otherwise the error names (up to five of) the unmatched IDs.
func Join(preds []pairs.Prediction, targets []pairs.Target) ([]float64, error) {
	ids := make([]string, len(preds))
	for i, p := range preds {
		ids[i] = p.ID
	}
	idx, err := pairs.JoinTargets(ids, targets, "prediction")
	if err != nil {
		return nil, err
	}
	scores := make([]float64, len(targets))
	for i, j := range idx {
		scores[j] = preds[i].Score
	}
	return scores, nil
}

// Evaluate computes the report for scores aligned with targets. info, when
// non-nil, gives the types for the breakdown by type combination.
func Evaluate(targets []pairs.Target, scores []float64, info map[string]pairs.Types) (*Report, error) {
	if len(targets) == 0 {
		return nil, fmt.Errorf("no pairs to evaluate")
	}
	tg := make([]int, len(targets))
	for i, t := range targets {
		tg[i] = t.Target
	}
	auc, err := BidirectionalAUC(tg, scores)
	if err != nil {
		return nil, fmt.Errorf("cannot compute the challenge metric: %w (it needs pairs with Target 1 and with Target -1, and pairs outside each)", err)
	}
	r := &Report{N: len(targets), AUC: Metric(auc)}
	fwd, bwd := directional(tg, scores)
	r.AUCFwd, r.AUCBwd = Metric(fwd), Metric(bwd)
	acc, n, ok := SignAccuracy(tg, scores)
	r.Accuracy, r.NDirected = Metric(acc), n
	if !ok {
		r.Accuracy = Metric(math.NaN())
	}
	if info != nil {
		r.ByTypes = breakdown(targets, scores, func(t pairs.Target) string {
			ty := info[t.ID]
			return ty.A.Letter() + ty.B.Letter()
		})
	}
	if targets[0].Details != 0 {
		r.ByDetails = breakdown(targets, scores, func(t pairs.Target) string { return DetailsName(t.Details) })
	}
	return r, nil
}

func directional(tg []int, scores []float64) (fwd, bwd float64) {
	l1 := make([]bool, len(tg))
	l2 := make([]bool, len(tg))
	neg := make([]float64, len(tg))
	for i, t := range tg {
		l1[i], l2[i], neg[i] = t == 1, t == -1, -scores[i]
	}
	a, err := AUC(l1, scores)
	if err != nil {
		a = math.NaN()
	}
	b, err := AUC(l2, neg)
	if err != nil {
		b = math.NaN()
	}
	return a, b
}

func breakdown(targets []pairs.Target, scores []float64, key func(pairs.Target) string) []Group {
	return breakdownWhere(targets, scores, func(t pairs.Target) (string, bool) { return key(t), true })
}

// breakdownWhere groups the pairs for which key reports true by its key.
func breakdownWhere(targets []pairs.Target, scores []float64, key func(pairs.Target) (string, bool)) []Group {
	idx := map[string][]int{}
	for i, t := range targets {
		if k, ok := key(t); ok {
			idx[k] = append(idx[k], i)
		}
	}
	names := make([]string, 0, len(idx))
	for k := range idx {
		names = append(names, k)
	}
	sort.Strings(names)
	out := make([]Group, 0, len(names))
	for _, k := range names {
		g := Group{Name: k, N: len(idx[k]), AUC: Metric(math.NaN()), Accuracy: Metric(math.NaN())}
		tg := make([]int, len(idx[k]))
		sc := make([]float64, len(idx[k]))
		sum := 0.0
		for j, i := range idx[k] {
			tg[j], sc[j] = targets[i].Target, scores[i]
			sum += scores[i]
		}
		g.MeanScore = Metric(sum / float64(len(sc)))
		if a, err := BidirectionalAUC(tg, sc); err == nil {
			g.AUC = Metric(a)
		}
		if acc, _, ok := SignAccuracy(tg, sc); ok {
			g.Accuracy = Metric(acc)
		}
		out = append(out, g)
	}
	return out
}
