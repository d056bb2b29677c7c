package protocol

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/causal-tool/causal/internal/corpus"
)

// InDistTarget is the in-distribution target's margin: the full plan beats
// the runner-up's measures by at least this AUC on a source.
const InDistTarget = 0.02

// InDistConfig is the in-distribution comparison at a given size.
type InDistConfig struct {
	// Corpus is the corpus whose training parts are trained on, the first
	// N pairs of each source (Cache.First: make-model's corpus, read from
	// its cache when there).
	Corpus corpus.Corpus
	N      int
	// Tests are the test sets (the Test parts of this corpus, in the same
	// sources' order).
	Tests corpus.Corpus
	Cache *Cache
	// Leaves is the models' number of leaves (0: 15).
	Leaves int
	Seed   uint64
	Cores  int
	Log    io.Writer
}

// InDistRow is one source's comparison.
type InDistRow struct {
	Source   string `json:"source"`
	Full     Score  `json:"full"`
	RunnerUp Score  `json:"runnerup"`
	// Difference is full − runner-up at 4 decimals; Met says whether it
	// reaches InDistTarget.
	Difference float64 `json:"difference"`
	Met        bool    `json:"met"`
}

// InDistResult is the in-distribution table.
type InDistResult struct {
	Corpus string      `json:"corpus"`
	Tests  string      `json:"test_sets"`
	N      int         `json:"pairs_per_source"`
	Rows   []InDistRow `json:"rows"`
}

// InDistribution trains, for each source, on its first N training pairs
// with the full plan and with the runner-up's measures, and scores both on
// its test pairs (the protocol's recipe: Leaves leaves, a tenth held out).
func InDistribution(ctx context.Context, cfg InDistConfig) (*InDistResult, error) {
	train, tests, err := firstParts(cfg.Cache, cfg.Corpus, cfg.N, cfg.Tests)
	if err != nil {
		return nil, err
	}
	dir, err := scratchDir(cfg.Cache.Dir, "indist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	res := &InDistResult{Corpus: cfg.Corpus.String(), Tests: cfg.Tests.String(), N: cfg.N}
	for i, name := range cfg.Corpus.Sources {
		row := InDistRow{Source: name}
		for _, p := range []struct {
			plan string
			out  *Score
		}{{"full", &row.Full}, {"runnerup", &row.RunnerUp}} {
			logf(cfg.Log, "%s: train on %d pairs, plan %s", name, cfg.N, p.plan)
			lc := LOSOConfig{Leaves: cfg.Leaves, Seed: cfg.Seed, Cores: cfg.Cores, ctx: ctx}
			if lc.columns, err = PlanColumns(p.plan, cfg.Cache.Plan.Names()); err != nil {
				return nil, err
			}
			model, err := lc.fit(dir, name+"."+p.plan, train[i:i+1])
			if err != nil {
				return nil, err
			}
			if *p.out, err = ScoreModel(ctx, model, tests[i], cfg.Cores); err != nil {
				return nil, err
			}
		}
		row.Difference = round4(round4(row.Full.AUC) - round4(row.RunnerUp.AUC))
		row.Met = row.Difference >= InDistTarget
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// firstParts returns the features of the first n training pairs of every
// source of cp and of every source's test pairs (the Test parts of tests,
// which must name the same sources).
func firstParts(c *Cache, cp corpus.Corpus, n int, tests corpus.Corpus) (train, test []Labelled, err error) {
	if err := cp.Validate(); err != nil {
		return nil, nil, err
	}
	if err := tests.Validate(); err != nil {
		return nil, nil, err
	}
	if fmt.Sprint(cp.Sources) != fmt.Sprint(tests.Sources) {
		return nil, nil, fmt.Errorf("protocol: training sources %v, test sources %v", cp.Sources, tests.Sources)
	}
	parts, err := cp.Parts(corpus.Train)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range parts {
		l, err := c.First(p, n)
		if err != nil {
			return nil, nil, err
		}
		train = append(train, l)
	}
	if test, err = c.Parts(tests, corpus.Test); err != nil {
		return nil, nil, err
	}
	return train, test, nil
}

// Markdown prints the table of BENCHMARKS.md ("In-distribution at the
// issue's size").
func (r *InDistResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Trained on %d pairs of each source of corpus `%s`; test sets `%s`:\n\n", r.N, r.Corpus, r.Tests)
	fmt.Fprintln(w, "| source | full plan: AUC / acc. | runner-up's measures: AUC / acc. | full − runner-up | target (≥ +0.02) |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	for _, row := range r.Rows {
		met := "not met"
		if row.Met {
			met = "met"
		}
		if _, err := fmt.Fprintf(w, "| %s | %.4f / %.4f | %.4f / %.4f | %+.4f | %s |\n", row.Source, row.Full.AUC, row.Full.Accuracy,
			row.RunnerUp.AUC, row.RunnerUp.Accuracy, row.Difference, met); err != nil {
			return err
		}
	}
	return nil
}

// JSON prints the result as indented JSON.
func (r *InDistResult) JSON(w io.Writer) error { return writeJSON(w, r) }
