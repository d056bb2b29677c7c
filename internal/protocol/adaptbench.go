package protocol

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// The adaptation methods AdaptBench judges.
const (
	// AdaptDraw is causal adapt (corpus.AdaptModel) against its uniform
	// control.
	AdaptDraw = "draw"
	// AdaptPairs is the held-out model trained with train --adapt-to
	// (pairs weighted by a domain classifier) against the unweighted one.
	AdaptPairs = "pairs"
	// AdaptSources is the same with whole sources weighted (--adapt-by).
	AdaptSources = "sources"
)

// AdaptMethods lists the adaptation methods.
func AdaptMethods() []string { return []string{AdaptDraw, AdaptPairs, AdaptSources} }

// AdaptBenchConfig is the leave-one-source-out judgment of an adaptation.
type AdaptBenchConfig struct {
	// Corpus gives the sources, the training pairs of methods pairs and
	// sources (PerSource) and every source's test pairs (TunePerSource,
	// the held-out draw).
	Corpus corpus.Corpus
	// Held are the sources held out (nil: every source of Corpus).
	Held   []string
	Method string
	// N and Probe are causal adapt's --n and --probe (method draw).
	N, Probe int
	// Cache featurizes (its Plan is causal adapt's plan too).
	Cache *Cache
	// Leaves is the held-out models' number of leaves (methods pairs and
	// sources; 0: 15).
	Leaves int
	Seed   uint64
	Cores  int
	Log    io.Writer
}

// AdaptRow is one held-out source's adapted model against its control.
type AdaptRow struct {
	Source  string `json:"source"`
	Adapted Score  `json:"adapted"`
	Control Score  `json:"control"`
	// Difference is adapted − control at 4 decimals.
	Difference float64 `json:"difference"`
	// Drawn is the mix causal adapt drew (method draw).
	Drawn string `json:"drawn,omitempty"`
}

// AdaptBenchResult is the adaptation table and the rule's verdict.
type AdaptBenchResult struct {
	Method  string     `json:"method"`
	Corpus  string     `json:"corpus"`
	Rows    []AdaptRow `json:"rows"`
	Verdict Verdict    `json:"verdict"`
}

// AdaptBench holds out each source in turn, trains the adapted model and
// its unadapted control on the other sources, scores both on the held-out
// source's test pairs, and judges the adaptation by AdaptationRule.
func AdaptBench(ctx context.Context, cfg AdaptBenchConfig) (*AdaptBenchResult, error) {
	if !slices.Contains(AdaptMethods(), cfg.Method) {
		return nil, fmt.Errorf("protocol: no adaptation method %q (methods: %v)", cfg.Method, AdaptMethods())
	}
	if err := cfg.Corpus.Validate(); err != nil {
		return nil, err
	}
	held := cfg.Held
	if held == nil {
		held = cfg.Corpus.Sources
	}
	for _, h := range held {
		if !slices.Contains(cfg.Corpus.Sources, h) {
			return nil, fmt.Errorf("protocol: held-out source %q is not among %v", h, cfg.Corpus.Sources)
		}
	}
	if len(cfg.Corpus.Sources) < 2 {
		return nil, fmt.Errorf("protocol: leave one source out needs two sources or more, got %v", cfg.Corpus.Sources)
	}
	dir, err := scratchDir(cfg.Cache.Dir, "adapt-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	b := &adaptBench{cfg: cfg, dir: dir}
	res := &AdaptBenchResult{Method: cfg.Method, Corpus: cfg.Corpus.String()}
	var adapted, control CandidateScores
	adapted.Name, control.Name = "adapted", "control"
	for _, h := range held {
		logf(cfg.Log, "hold out %s (%s)", h, cfg.Method)
		row, err := b.run(ctx, slices.Index(cfg.Corpus.Sources, h))
		if err != nil {
			return nil, err
		}
		row.Difference = round4(round4(row.Adapted.AUC) - round4(row.Control.AUC))
		res.Rows = append(res.Rows, row)
		adapted.Scores, control.Scores = append(adapted.Scores, row.Adapted), append(control.Scores, row.Control)
	}
	if res.Verdict, err = AdaptationRule.Judge(held, control, adapted); err != nil {
		return nil, err
	}
	return res, nil
}

// adaptBench runs one held-out source.
type adaptBench struct {
	cfg AdaptBenchConfig
	dir string
}

func (b *adaptBench) run(ctx context.Context, i int) (AdaptRow, error) {
	if b.cfg.Method == AdaptDraw {
		return b.draw(ctx, i)
	}
	return b.weighted(ctx, i)
}

// others returns the corpus's sources but the i-th.
func (b *adaptBench) others(i int) []string {
	s := b.cfg.Corpus.Sources
	return append(append([]string{}, s[:i]...), s[i+1:]...)
}

// draw trains causal adapt on the held-out source's unlabeled test pairs
// and its uniform control, and scores both on those pairs.
func (b *adaptBench) draw(ctx context.Context, i int) (AdaptRow, error) {
	parts, err := b.cfg.Corpus.Parts(corpus.Test)
	if err != nil {
		return AdaptRow{}, err
	}
	p := parts[i]
	set, err := p.Draw(b.cfg.Cores)
	if err != nil {
		return AdaptRow{}, err
	}
	user := make([]pairs.Pair, len(set))
	for k, s := range set {
		user[k] = s.Pair
	}
	row := AdaptRow{Source: p.Source.Name}
	for _, kind := range []struct {
		uniform bool
		out     *Score
	}{{false, &row.Adapted}, {true, &row.Control}} {
		tc := pairmodel.Defaults()
		tc.SelectTop, tc.SelectCost = pairmodel.DefaultSelectTop, pairmodel.DefaultSelectCost
		tc.Params.Cores, tc.Params.Seed = b.cfg.Cores, b.cfg.Seed
		ac := corpus.AdaptConfig{User: user, Sources: b.others(i), Uniform: kind.uniform, N: b.cfg.N, Probe: b.cfg.Probe,
			Plan: b.cfg.Cache.Plan, Train: tc, Seed: b.cfg.Seed, Cores: b.cfg.Cores, Context: ctx}
		if kind.uniform {
			ac.Coarse = []float64{0.2}
		}
		r, err := corpus.AdaptModel(ac)
		if err != nil {
			return row, fmt.Errorf("protocol: adapt to %s: %w", p.Source.Name, err)
		}
		if !kind.uniform {
			row.Drawn = r.Note
		}
		path := filepath.Join(b.dir, fmt.Sprintf("%s.uniform-%v.txt", p.Source.Name, kind.uniform))
		if err := atomicfile.WriteFile(path, func(w io.Writer) error { return lgbm.Write(w, r.Model.Model, r.Model.Meta) }); err != nil {
			return row, err
		}
		if *kind.out, err = scoreFile(ctx, path, p.Source.Name+" test pairs", set, b.cfg.Cores); err != nil {
			return row, err
		}
	}
	return row, nil
}

// scoreFile scores drawn pairs with a model file.
func scoreFile(ctx context.Context, path, name string, set []generate.Sample, cores int) (Score, error) {
	s, err := OpenScorer(path, cores)
	if err != nil {
		return Score{}, err
	}
	return scorePairs(ctx, s, name, set)
}

// weighted trains the held-out model of leave one source out with and
// without adaptation weights toward the source's test features.
func (b *adaptBench) weighted(ctx context.Context, i int) (AdaptRow, error) {
	train, err := b.cfg.Cache.Parts(b.cfg.Corpus, corpus.Train)
	if err != nil {
		return AdaptRow{}, err
	}
	tests, err := b.cfg.Cache.Parts(b.cfg.Corpus, corpus.Test)
	if err != nil {
		return AdaptRow{}, err
	}
	name := b.cfg.Corpus.Sources[i]
	others := append(append([]Labelled{}, train[:i]...), train[i+1:]...)
	lc := LOSOConfig{Leaves: b.cfg.Leaves, Seed: b.cfg.Seed, Cores: b.cfg.Cores, ctx: ctx}
	row := AdaptRow{Source: name}
	control, err := lc.fit(b.dir, "without-"+name, others)
	if err != nil {
		return row, err
	}
	bySource := ""
	if b.cfg.Method == AdaptSources {
		if bySource, err = b.sourceLabels(name, others, b.others(i)); err != nil {
			return row, err
		}
	}
	adapted, err := lc.fit(b.dir, "adapted-"+name, others, func(tc *pairmodel.TrainConfig) {
		tc.AdaptTo, tc.AdaptBy = tests[i].Features, bySource
	})
	if err != nil {
		return row, err
	}
	if row.Control, err = ScoreModel(ctx, control, tests[i], b.cfg.Cores); err != nil {
		return row, err
	}
	row.Adapted, err = ScoreModel(ctx, adapted, tests[i], b.cfg.Cores)
	return row, err
}

// sourceLabels writes the SampleID,Source file of the training sets (train
// --adapt-by).
func (b *adaptBench) sourceLabels(held string, sets []Labelled, names []string) (string, error) {
	path := filepath.Join(b.dir, "sources-without-"+held+".csv")
	var ids, labels []string
	for k, s := range sets {
		ts, err := pairio.ReadTargets(s.Targets)
		if err != nil {
			return "", err
		}
		for _, t := range ts {
			ids, labels = append(ids, t.ID), append(labels, names[k])
		}
	}
	return path, atomicfile.WriteFile(path, func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"SampleID", "Source"})
		for k, id := range ids {
			cw.Write([]string{id, labels[k]})
		}
		cw.Flush()
		return cw.Error()
	})
}

// Markdown prints the adaptation table (BENCHMARKS.md, "causal adapt,
// pre-registered") and the rule's verdict.
func (r *AdaptBenchResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Adaptation `%s`, corpus `%s`:\n\n", r.Method, r.Corpus)
	fmt.Fprintln(w, "| held-out source | adapted: AUC / acc. | control: AUC / acc. | difference | adapt drew (candidate, pairs) |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s | %.4f / %.4f | %.4f / %.4f | %+.4f | %s |\n", row.Source, row.Adapted.AUC, row.Adapted.Accuracy,
			row.Control.AUC, row.Control.Accuracy, row.Difference, row.Drawn)
	}
	fmt.Fprintln(w)
	return r.Verdict.Markdown(w)
}

// JSON prints the result as indented JSON.
func (r *AdaptBenchResult) JSON(w io.Writer) error { return writeJSON(w, r) }
