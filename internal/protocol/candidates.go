package protocol

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// SmallLOSO is the protocol's corpus at SIZE=small (make
// bench-generalization): 400 training and 200 test pairs (TunePerSource:
// the held-out draw, seed 5000 + 1000·i + 500) of each of the six sources,
// 100–1,000 points, the challenge's types, a fifth of the Numerical
// variables coarse.
func SmallLOSO() corpus.Corpus {
	return corpus.Corpus{Sources: corpus.SourceNames(), PerSource: 400, TunePerSource: 200, MinPoints: 100, MaxPoints: 1000,
		TypeMix: corpus.TypeMix, Coarse: 0.2, Seed: 5000}
}

// TestSets is the corpus of the protocol's test sets, the replacement
// rule's yardstick: SmallLOSO's test pairs and no training pair. 1,000
// pairs per source and 8,000 points give SIZE=full's.
func TestSets() corpus.Corpus {
	c := SmallLOSO()
	c.PerSource = 0
	return c
}

// A Candidate is a model scored by Candidates.
type Candidate struct {
	// Name labels the model's column.
	Name string `json:"name"`
	// Path is the model file; "" is the embedded default model, with its
	// second stage when it has one (as causal predict scores).
	Path string `json:"path"`
}

// CandidatesConfig scores candidate default models.
type CandidatesConfig struct {
	// Tests are the test sets: the Test parts of this corpus.
	Tests  corpus.Corpus
	Models []Candidate
	// Rule judges every model after the first against the first (zero:
	// ReplacementRule).
	Rule  Rule
	Cores int
	Log   io.Writer
}

// CandidateScores is one model's column.
type CandidateScores struct {
	Candidate
	// Scores are by source, in the test corpus's order.
	Scores []Score `json:"scores"`
	// Mean is the mean AUC over the sources, of the AUCs as printed (4
	// decimals).
	Mean float64 `json:"mean_auc"`
}

// CandidatesResult is the replacement rule's table.
type CandidatesResult struct {
	Tests   string            `json:"test_sets"`
	Sources []string          `json:"sources"`
	Models  []CandidateScores `json:"models"`
	// Verdicts judge every model after the first against the first, the
	// incumbent.
	Verdicts []Verdict `json:"verdicts,omitempty"`
}

// Candidates scores each model on every source's test pairs, predicting
// from the raw pairs so that a model's own feature plan and selection
// apply, as causal predict does.
func Candidates(ctx context.Context, cfg CandidatesConfig) (*CandidatesResult, error) {
	if len(cfg.Models) == 0 {
		return nil, fmt.Errorf("protocol: no candidate models")
	}
	if cfg.Rule == (Rule{}) {
		cfg.Rule = ReplacementRule
	}
	sets, err := drawTests(cfg.Tests, cfg.Cores, cfg.Log)
	if err != nil {
		return nil, err
	}
	res := &CandidatesResult{Tests: cfg.Tests.String(), Sources: cfg.Tests.Sources}
	for _, m := range cfg.Models {
		logf(cfg.Log, "score %s on %d test sets", m.Name, len(sets))
		s, err := OpenScorer(m.Path, cfg.Cores)
		if err != nil {
			return nil, err
		}
		col := CandidateScores{Candidate: m}
		for i, set := range sets {
			sc, err := scorePairs(ctx, s, cfg.Tests.Sources[i]+" test pairs", set)
			if err != nil {
				return nil, fmt.Errorf("protocol: %s: %w", m.Name, err)
			}
			col.Scores = append(col.Scores, sc)
		}
		col.Mean = meanAUC(col.Scores)
		res.Models = append(res.Models, col)
	}
	for _, m := range res.Models[1:] {
		v, err := cfg.Rule.Judge(res.Sources, res.Models[0], m)
		if err != nil {
			return nil, err
		}
		res.Verdicts = append(res.Verdicts, v)
	}
	return res, nil
}

// drawTests draws the Test parts of a corpus.
func drawTests(tests corpus.Corpus, cores int, log io.Writer) ([][]generate.Sample, error) {
	if err := tests.Validate(); err != nil {
		return nil, err
	}
	parts, err := tests.Parts(corpus.Test)
	if err != nil {
		return nil, err
	}
	out := make([][]generate.Sample, len(parts))
	for i, p := range parts {
		logf(log, "source %s: draw %d test pairs", p.Source.Name, p.N)
		if out[i], err = p.Draw(cores); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// WriteTestSets writes the Test parts of tests as challenge file sets,
// DIR/<source>_test_{pairs,publicinfo,target}.csv (for scripts and peers
// scoring on the protocol's test pairs), and returns their prefixes.
func WriteTestSets(tests corpus.Corpus, dir string, cores int, log io.Writer) ([]string, error) {
	sets, err := drawTests(tests, cores, log)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var out []string
	for i, set := range sets {
		prefix := filepath.Join(dir, tests.Sources[i]+"_test")
		ps := make([]pairs.Pair, len(set))
		ts := make([]pairs.Target, len(set))
		for k, x := range set {
			ps[k], ts[k] = x.Pair, x.Target
		}
		if err := pairio.WriteSet(prefix, ps, ts, pairio.SetOptions{Target: true}); err != nil {
			return nil, err
		}
		out = append(out, prefix)
	}
	return out, nil
}

// OpenScorer loads a model file for scoring pairs, or with path "" the
// embedded default model and its second stage (as causal predict does).
func OpenScorer(path string, cores int) (*pairmodel.Scorer, error) {
	s, err := pairmodel.Open(pairmodel.Source{Model: path}, cores)
	if err != nil {
		return nil, fmt.Errorf("protocol: %w", err)
	}
	return s, nil
}

// scorePairs scores drawn pairs with s and evaluates the scores.
func scorePairs(ctx context.Context, s *pairmodel.Scorer, name string, set []generate.Sample) (Score, error) {
	if err := ctx.Err(); err != nil {
		return Score{}, err
	}
	ps := make([]pairs.Pair, len(set))
	ts := make([]pairs.Target, len(set))
	for i, x := range set {
		ps[i], ts[i] = x.Pair, x.Target
	}
	scores, err := s.ScorePairs(ctx, ps)
	if err != nil {
		return Score{}, fmt.Errorf("%s: %w", name, err)
	}
	byID := make(map[string]float64, len(ps))
	for i, p := range ps {
		byID[p.ID] = scores[i]
	}
	return evaluateScores(name, ts, byID)
}

// meanAUC is the mean of the AUCs as printed (4 decimals), as a reader of
// the table recomputes it.
func meanAUC(ss []Score) float64 {
	if len(ss) == 0 {
		return math.NaN()
	}
	var sum float64
	for _, s := range ss {
		sum += round4(s.AUC)
	}
	return sum / float64(len(ss))
}

// Markdown prints the table of BENCHMARKS.md ("The default model"): AUC /
// accuracy per source and model, the mean AUC, then the rule's verdicts.
func (r *CandidatesResult) Markdown(w io.Writer) error {
	head, rule := "| source |", "|---|"
	for _, m := range r.Models {
		head, rule = head+" "+m.Name+" |", rule+"---|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for i, src := range r.Sources {
		row := "| " + src + " |"
		for _, m := range r.Models {
			row += fmt.Sprintf(" %.4f / %.4f |", m.Scores[i].AUC, m.Scores[i].Accuracy)
		}
		fmt.Fprintln(w, row)
	}
	row := "| mean AUC |"
	for _, m := range r.Models {
		row += fmt.Sprintf(" %.4f |", m.Mean)
	}
	_, err := fmt.Fprintln(w, row)
	if len(r.Verdicts) > 0 {
		fmt.Fprintln(w)
	}
	for _, v := range r.Verdicts {
		if err := v.Markdown(w); err != nil {
			return err
		}
	}
	return err
}

// JSON prints the result as indented JSON.
func (r *CandidatesResult) JSON(w io.Writer) error { return writeJSON(w, r) }

// A Rule is a pre-registered rule for replacing an incumbent by a
// candidate scored on the same test sets: the candidate's mean AUC must be
// at least MinMeanGain above the incumbent's, and no set's AUC more than
// MaxLoss below the incumbent's. Differences are taken at 4 decimals, the
// precision of the tables (BENCHMARKS.md).
type Rule struct {
	Name        string  `json:"name"`
	MinMeanGain float64 `json:"min_mean_gain"`
	MaxLoss     float64 `json:"max_loss"`
	// Pass and Fail are the verdict's verbs ("replaces").
	Pass string `json:"pass"`
	Fail string `json:"fail"`
}

// The project's rules (BENCHMARKS.md).
var (
	// ReplacementRule replaces the embedded default model ("The default
	// model: corpus v3 against v4"): mean AUC over the protocol's six test
	// sets at least the incumbent's + 0.01, no source more than 0.03 below.
	ReplacementRule = Rule{Name: "default model", MinMeanGain: 0.01, MaxLoss: 0.03, Pass: "replaces", Fail: "does not replace"}
	// AdaptationRule recommends an adaptation over its unadapted control
	// (rule 2 of "Generalization: leave one source out", and causal
	// adapt's): mean held-out AUC + 0.02, no source more than 0.03 below.
	AdaptationRule = Rule{Name: "adaptation", MinMeanGain: 0.02, MaxLoss: 0.03, Pass: "is recommended over", Fail: "is not recommended over"}
)

// A Verdict is a rule applied to one candidate.
type Verdict struct {
	Rule      Rule   `json:"rule"`
	Incumbent string `json:"incumbent"`
	Candidate string `json:"candidate"`
	// MeanGain is the candidate's mean AUC minus the incumbent's;
	// WorstDiff the lowest per-set difference, on WorstSource.
	MeanGain    float64 `json:"mean_gain"`
	WorstDiff   float64 `json:"worst_difference"`
	WorstSource string  `json:"worst_source"`
	Passes      bool    `json:"passes"`
}

// Judge applies the rule to a candidate's and an incumbent's scores on the
// same sets (named by sources).
func (r Rule) Judge(sources []string, incumbent, candidate CandidateScores) (Verdict, error) {
	if len(incumbent.Scores) != len(sources) || len(candidate.Scores) != len(sources) || len(sources) == 0 {
		return Verdict{}, fmt.Errorf("protocol: rule %s: %d sets, scores %d and %d", r.Name, len(sources), len(incumbent.Scores), len(candidate.Scores))
	}
	v := Verdict{Rule: r, Incumbent: incumbent.Name, Candidate: candidate.Name, WorstDiff: math.Inf(1)}
	v.MeanGain = round4(meanAUC(candidate.Scores) - meanAUC(incumbent.Scores))
	for i, src := range sources {
		if d := round4(round4(candidate.Scores[i].AUC) - round4(incumbent.Scores[i].AUC)); d < v.WorstDiff {
			v.WorstDiff, v.WorstSource = d, src
		}
	}
	v.Passes = v.MeanGain >= r.MinMeanGain && v.WorstDiff >= -r.MaxLoss
	return v, nil
}

// Markdown states the verdict in one line.
func (v Verdict) Markdown(w io.Writer) error {
	word := v.Rule.Fail
	if v.Passes {
		word = v.Rule.Pass
	}
	_, err := fmt.Fprintf(w, "Rule (%s: mean AUC ≥ +%.2f, no set below −%.2f): %s − %s mean %+.4f, worst %+.4f (%s): **%s %s %s**.\n",
		v.Rule.Name, v.Rule.MinMeanGain, v.Rule.MaxLoss, v.Candidate, v.Incumbent, v.MeanGain, v.WorstDiff, v.WorstSource,
		v.Candidate, word, v.Incumbent)
	return err
}
