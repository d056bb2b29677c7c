package protocol

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/csvout"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// A TestSet is a labelled set a model is scored on: a generated source's
// test pairs, or one data set of a real collection (scored the same way,
// held out by data set instead of by source).
type TestSet = Labelled

// Score is a model's result on a test set.
type Score struct {
	AUC      float64 `json:"bidirectional_auc"`
	Accuracy float64 `json:"accuracy"`
	Pairs    int     `json:"pairs"`
}

// ScoreModel scores the model file on a test set's feature rows, as
// `causal predict` and `causal evaluate` would (scores as printed).
func ScoreModel(ctx context.Context, model string, ts TestSet, cores int) (Score, error) {
	byID, err := modelScores(ctx, model, ts, cores)
	if err != nil {
		return Score{}, err
	}
	targets, err := pairio.ReadTargets(ts.Targets)
	if err != nil {
		return Score{}, err
	}
	return evaluateScores(ts.Name, targets, byID)
}

// modelScores scores a set's feature rows with the model file, by
// SampleID.
func modelScores(ctx context.Context, model string, ts Labelled, cores int) (map[string]float64, error) {
	m, err := lgbm.Load(model)
	if err != nil {
		return nil, err
	}
	s, err := pairmodel.NewScorer(m, cores)
	if err != nil {
		return nil, err
	}
	r, err := featio.Open(ts.Features)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	byID := map[string]float64{}
	err = s.ScoreFeatureStream(ctx, ts.Features, r, func(ids []string, scores []float64) error {
		for i, id := range ids {
			byID[id] = scores[i]
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("protocol: score %s: %w", ts.Name, err)
	}
	return byID, nil
}

// printedScore is a score as causal predict prints it.
func printedScore(v float64) float64 {
	f, _ := strconv.ParseFloat(string(csvout.AppendScore(nil, v)), 64)
	return f
}

// evaluateScores scores the targets' pairs by their scores as causal
// predict prints them.
func evaluateScores(name string, targets []pairs.Target, byID map[string]float64) (Score, error) {
	scores := make([]float64, len(targets))
	for i, t := range targets {
		v, ok := byID[t.ID]
		if !ok {
			return Score{}, fmt.Errorf("protocol: %s: no score for SampleID %s", name, t.ID)
		}
		scores[i] = printedScore(v)
	}
	rep, err := evaluate.Evaluate(targets, scores, nil)
	if err != nil {
		return Score{}, fmt.Errorf("protocol: evaluate on %s: %w", name, err)
	}
	return Score{AUC: float64(rep.AUC), Accuracy: float64(rep.Accuracy), Pairs: rep.N}, nil
}

// LOSOConfig is a leave-one-source-out run.
type LOSOConfig struct {
	// Corpus gives the sources, their training pairs (PerSource) and test
	// pairs (TunePerSource: the held-out draw, seed + 500).
	Corpus corpus.Corpus
	Cache  *Cache
	// Plan names the protocol's feature plan trained on (PlanColumns; ""
	// is full).
	Plan string
	// Leaves is the models' number of leaves (0: 15, the protocol's).
	Leaves  int
	columns []string
	// ctx cancels the training (LOSO's, or its caller's).
	ctx context.Context
	// Own adds the model trained on each source alone (the in-distribution
	// comparison).
	Own   bool
	Seed  uint64
	Cores int
	Log   io.Writer
}

// LOSORow is one source's result.
type LOSORow struct {
	Source string `json:"source"`
	// HeldOut is the model trained on every other source, InDist the model
	// trained on every source, Own the model trained on this source alone
	// (with Own set), all on this source's test pairs.
	HeldOut Score  `json:"held_out"`
	InDist  Score  `json:"in_distribution"`
	Own     *Score `json:"own,omitempty"`
}

// LOSOResult is a leave-one-source-out table.
type LOSOResult struct {
	Corpus string    `json:"corpus"`
	Plan   string    `json:"plan"`
	Rows   []LOSORow `json:"rows"`
	// Mean and Worst summarize the held-out AUCs (Worst names its source).
	Mean      float64 `json:"mean_held_out_auc"`
	Worst     float64 `json:"worst_held_out_auc"`
	WorstName string  `json:"worst_source"`
}

// LOSO runs leave one source out: for each source, a model trained on the
// other sources' training pairs and the model trained on all of them,
// scored on its test pairs, with causal train's recipe, Leaves leaves and
// 10 % of the training pairs held out for early stopping.
func LOSO(ctx context.Context, cfg LOSOConfig) (*LOSOResult, error) {
	if err := cfg.Corpus.Validate(); err != nil {
		return nil, err
	}
	if len(cfg.Corpus.Sources) < 2 {
		return nil, fmt.Errorf("protocol: leave one source out needs two sources or more, got %v", cfg.Corpus.Sources)
	}
	if cfg.Plan == "" {
		cfg.Plan = "full"
	}
	cfg.ctx = ctx
	var err error
	if cfg.columns, err = PlanColumns(cfg.Plan, cfg.Cache.Plan.Names()); err != nil {
		return nil, err
	}
	train, err := cfg.Cache.Parts(cfg.Corpus, corpus.Train)
	if err != nil {
		return nil, err
	}
	tests, err := cfg.Cache.Parts(cfg.Corpus, corpus.Test)
	if err != nil {
		return nil, err
	}
	dir, err := scratchDir(cfg.Cache.Dir, "loso-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	all, err := cfg.fit(dir, "all", train)
	if err != nil {
		return nil, err
	}
	res := &LOSOResult{Corpus: cfg.Corpus.String(), Plan: cfg.Plan, Worst: math.Inf(1)}
	for i, name := range cfg.Corpus.Sources {
		logf(cfg.Log, "hold out %s", name)
		others := append(append([]Labelled{}, train[:i]...), train[i+1:]...)
		held, err := cfg.fit(dir, "without-"+name, others)
		if err != nil {
			return nil, err
		}
		row := LOSORow{Source: name}
		if row.HeldOut, err = ScoreModel(ctx, held, tests[i], cfg.Cores); err != nil {
			return nil, err
		}
		if row.InDist, err = ScoreModel(ctx, all, tests[i], cfg.Cores); err != nil {
			return nil, err
		}
		if cfg.Own {
			own, err := cfg.fit(dir, "only-"+name, train[i:i+1])
			if err != nil {
				return nil, err
			}
			sc, err := ScoreModel(ctx, own, tests[i], cfg.Cores)
			if err != nil {
				return nil, err
			}
			row.Own = &sc
		}
		res.Rows = append(res.Rows, row)
		res.Mean += row.HeldOut.AUC / float64(len(cfg.Corpus.Sources))
		if row.HeldOut.AUC < res.Worst {
			res.Worst, res.WorstName = row.HeldOut.AUC, name
		}
	}
	return res, nil
}

// fit trains a model on the joined sets and returns its file; opts
// change the recipe (e.g. adaptation weights).
func (cfg *LOSOConfig) fit(dir, name string, sets []Labelled, opts ...func(*pairmodel.TrainConfig)) (string, error) {
	l, err := Join(dir, name, sets)
	if err != nil {
		return "", err
	}
	nl := cfg.Leaves
	if nl == 0 {
		nl = 15
	}
	columns := func(tc *pairmodel.TrainConfig) { tc.Columns = cfg.columns }
	return trainRecipe(cfg.ctx, l, filepath.Join(dir, name+".txt"), nl, cfg.Seed, cfg.Cores, append([]func(*pairmodel.TrainConfig){columns}, opts...)...)
}

// trainRecipe trains causal train's recipe with --valid-fraction 0.1 (a
// tenth held out, whatever the set's size) and nl leaves on a labelled set
// and writes the model to path.
func trainRecipe(ctx context.Context, l Labelled, path string, nl int, seed uint64, cores int, opts ...func(*pairmodel.TrainConfig)) (string, error) {
	tc := pairmodel.Defaults()
	tc.Features, tc.Targets, tc.Context, tc.MinSplitPairs = l.Features, l.Targets, ctx, 0
	tc.Params.NumLeaves, tc.Params.Seed, tc.Params.Cores = nl, seed, cores
	for _, o := range opts {
		o(&tc)
	}
	tr, err := pairmodel.Train(tc)
	if err != nil {
		return "", fmt.Errorf("protocol: train %s: %w", filepath.Base(path), err)
	}
	return path, atomicfile.WriteFile(path, func(w io.Writer) error { return lgbm.Write(w, tr.Model, tr.Meta) })
}

// Markdown prints the table of BENCHMARKS.md ("Generalization: leave one
// source out"): held-out and in-distribution AUC and accuracy per source,
// then the mean and the worst held-out AUC.
func (r *LOSOResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Plan `%s`, corpus `%s`:\n\n", r.Plan, r.Corpus)
	own := len(r.Rows) > 0 && r.Rows[0].Own != nil
	head, rule := "| held-out source | held-out: bidir. AUC | accuracy | in-dist. (all sources): AUC | accuracy |", "|---|---|---|---|---|"
	if own {
		head, rule = head+" own source only: AUC | accuracy |", rule+"---|---|"
	}
	fmt.Fprintln(w, head)
	fmt.Fprintln(w, rule)
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s | %.4f | %.4f | %.4f | %.4f |", row.Source, row.HeldOut.AUC, row.HeldOut.Accuracy, row.InDist.AUC, row.InDist.Accuracy)
		if row.Own != nil {
			fmt.Fprintf(w, " %.4f | %.4f |", row.Own.AUC, row.Own.Accuracy)
		}
		fmt.Fprintln(w)
	}
	_, err := fmt.Fprintf(w, "\nHeld-out mean AUC %.4f, worst %.4f (%s).\n", r.Mean, r.Worst, r.WorstName)
	return err
}

// JSON prints the result as indented JSON.
func (r *LOSOResult) JSON(w io.Writer) error { return writeJSON(w, r) }
