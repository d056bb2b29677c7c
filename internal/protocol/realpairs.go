package protocol

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/realpairs"
	"github.com/causal-tool/causal/internal/stack"
	"github.com/causal-tool/causal/pairs"
)

// RealPairsConfig scores every classical method, the embedded trees and
// the second stage on the certified real-pair collection (BENCHMARKS.md,
// "Real pairs in the loop: the second stage").
type RealPairsConfig struct {
	// Dir holds the collection's files (realpairs.PairsFile and the rest).
	Dir string
	// Cache is the folder of the scores and features, cached by content.
	Cache string
	// Methods are the classical methods scored (nil: direction.AllNames(),
	// every method of causal baseline).
	Methods []string
	// Spec is the second stage's (zero: stack.DefaultSpec).
	Spec stack.Spec
	// InnerFolds chooses each outer fold's penalty by grouped k-fold over
	// the other data sets (0: leave one data set out inside too).
	InnerFolds int
	// Gen adds the generated proxy: the trees alone and trees + the stage
	// fitted on the whole collection, on the Test parts of Tests.
	Gen   bool
	Tests corpus.Corpus
	Cores int
	Log   io.Writer
}

// RealRow is one method's row of the real-collection table, over the
// directed pairs; a metric undefined for the method is NaN (null in JSON).
type RealRow struct {
	Method           string          `json:"method"`
	WeightedAccuracy evaluate.Metric `json:"weighted_accuracy"`
	WeightedAUC      evaluate.Metric `json:"weighted_auc"`
	// At10, At25 and At50 are the weighted accuracies at decision rates
	// 10, 25 and 50 %.
	At10     evaluate.Metric `json:"accuracy_at_10"`
	At25     evaluate.Metric `json:"accuracy_at_25"`
	At50     evaluate.Metric `json:"accuracy_at_50"`
	Accuracy evaluate.Metric `json:"accuracy"`
	AUC      evaluate.Metric `json:"bidirectional_auc"`
}

// GenRow is one source of the generated proxy.
type GenRow struct {
	Source  string `json:"source"`
	Trees   Score  `json:"trees"`
	Stacked Score  `json:"trees_and_stage"`
}

// GenProxy is the generated proxy of BENCHMARKS.md's rule: the protocol's
// test sets scored by the trees alone and by trees + stage.
type GenProxy struct {
	Tests string   `json:"test_sets"`
	Rows  []GenRow `json:"sources"`
	// MeanTrees and MeanStacked are the mean AUCs (of the AUCs as printed).
	MeanTrees   float64 `json:"mean_auc_trees"`
	MeanStacked float64 `json:"mean_auc_stacked"`
}

// RealPairsResult is the real-collection table and the stage fitted on the
// whole collection.
type RealPairsResult struct {
	Collection string `json:"collection"`
	Pairs      int    `json:"pairs"`
	InnerFolds int    `json:"inner_folds"`
	// Stage is the second stage under nested leave one data set out, Trees
	// the embedded trees alone, Classical every classical method.
	Stage     RealRow   `json:"stage"`
	Trees     RealRow   `json:"trees"`
	Classical []RealRow `json:"classical"`
	// LODO are the stage's out-of-fold scores, in the collection's order.
	LODO []OutOfFold `json:"lodo_scores"`
	// Lambda is the penalty of the stage fitted on the whole collection.
	Lambda float64 `json:"lambda"`
	// Stack is that stage (causal stack fit's JSON).
	Stack     *stack.Stack `json:"-"`
	Generated *GenProxy    `json:"generated,omitempty"`
}

// OutOfFold is a pair's score by a stage fitted without its data set.
type OutOfFold struct {
	ID    string  `json:"id"`
	Score float64 `json:"score"`
}

// realFiles are the paths of a run: the collection's label files and the
// cached scores and features.
type realFiles struct {
	pairs, info, target, weights, groups string
	trees, stackFeatures                 string
}

// RealPairs scores the collection: each classical method, the embedded
// trees (never trained on it) and the second stage under nested leave one
// data set out, each by the weighted metrics of causal evaluate --weights;
// then fits the stage on the whole collection (penalty by leave one data
// set out) and, with Gen, scores the generated proxy. Every input is read
// and scored as the commands would (baseline, predict --no-stack,
// featurize, stack cv, stack fit, evaluate), through files cached by
// content in cfg.Cache.
func RealPairs(ctx context.Context, cfg RealPairsConfig) (*RealPairsResult, error) {
	if cfg.Spec.Inputs == nil {
		cfg.Spec = stack.DefaultSpec
	}
	if cfg.Methods == nil {
		cfg.Methods = direction.AllNames()
	}
	c, f, ps, err := openRealPairs(cfg)
	if err != nil {
		return nil, err
	}
	res := &RealPairsResult{Collection: cfg.Dir, Pairs: len(ps), InnerFolds: cfg.InnerFolds}
	coll, err := contentKey(f.pairs, f.info)
	if err != nil {
		return nil, err
	}
	logf(cfg.Log, "classical methods")
	for _, m := range cfg.Methods {
		row, err := classicalRow(ctx, c, f, coll, m, ps)
		if err != nil {
			return nil, err
		}
		res.Classical = append(res.Classical, row)
	}
	logf(cfg.Log, "embedded trees")
	model, err := modelKey()
	if err != nil {
		return nil, err
	}
	f.trees = filepath.Join(c.Dir, "realpairs-"+coll+"-trees-"+model+".csv")
	if err := cachedTrees(ctx, f.trees, ps, cfg.Cores); err != nil {
		return nil, err
	}
	if res.Trees, err = realRow("embedded trees", f, f.trees); err != nil {
		return nil, err
	}
	logf(cfg.Log, "second stage: features, nested leave-one-data-set-out")
	f.stackFeatures = filepath.Join(c.Dir, "realpairs-"+coll+"-stack-"+c.Plan.Hash()[:16]+".features")
	if !exists(f.stackFeatures) {
		if err := c.featurize(f.stackFeatures, ps); err != nil {
			return nil, fmt.Errorf("protocol: stack features of %s: %w", f.pairs, err)
		}
	}
	if err := res.fitStage(cfg, f); err != nil {
		return nil, err
	}
	if cfg.Gen {
		if res.Generated, err = genProxy(ctx, cfg, c, res.Stack, model); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// openRealPairs reads the collection's pairs and makes the cache, whose
// plan is the stage's features.
func openRealPairs(cfg RealPairsConfig) (*Cache, realFiles, []pairs.Pair, error) {
	in := func(name string) string { return filepath.Join(cfg.Dir, name) }
	f := realFiles{pairs: in(realpairs.PairsFile), info: in(realpairs.PublicInfoFile), target: in(realpairs.TargetFile),
		weights: in(realpairs.WeightsFile), groups: in(realpairs.GroupsFile)}
	info, err := pairio.ReadPublicInfo(f.info)
	if err != nil {
		return nil, f, nil, err
	}
	ps, err := pairio.ReadAllPairs(f.pairs, pairio.Options{Info: info})
	if err != nil {
		return nil, f, nil, err
	}
	names, err := cfg.Spec.Features()
	if err != nil {
		return nil, f, nil, err
	}
	pl, err := plan.Default().Select(names)
	if err != nil {
		return nil, f, nil, fmt.Errorf("protocol: the stage's features: %w", err)
	}
	c := &Cache{Dir: cfg.Cache, Plan: pl, Cores: cfg.Cores, Log: cfg.Log}
	return c, f, ps, c.ready()
}

// fitStage scores the stage under nested leave one data set out, then fits
// it on the whole collection.
func (r *RealPairsResult) fitStage(cfg RealPairsConfig, f realFiles) error {
	sf := stack.Files{Features: f.stackFeatures, Trees: f.trees, Target: f.target, Weights: f.weights, Groups: f.groups,
		Name: "the real-pair collection " + cfg.Dir}
	ids, scores, err := stack.CrossValidateFiles(cfg.Spec, sf, cfg.InnerFolds, cfg.Cores, cfg.Log)
	if err != nil {
		return err
	}
	r.LODO = make([]OutOfFold, len(ids))
	for i, id := range ids {
		r.LODO[i] = OutOfFold{ID: id, Score: scores[i]}
	}
	lodo := filepath.Join(filepath.Dir(f.stackFeatures), "realpairs-lodo.csv")
	if err := writeScores(lodo, ids, scores); err != nil {
		return err
	}
	if r.Stage, err = realRow("second stage", f, lodo); err != nil {
		return err
	}
	if r.Stack, err = stack.FitFiles(cfg.Spec, sf, math.NaN(), cfg.Cores, cfg.Log); err != nil {
		return err
	}
	r.Lambda = r.Stack.Lambda
	return nil
}

// classicalRow scores the pairs with one classical method (causal
// baseline: a pair where it is undefined scores 0), cached.
func classicalRow(ctx context.Context, c *Cache, f realFiles, coll, method string, ps []pairs.Pair) (RealRow, error) {
	pl, err := plan.DirectionMethod(method)
	if err != nil {
		return RealRow{}, err
	}
	path := filepath.Join(c.Dir, "realpairs-"+coll+"-baseline-"+method+"-"+pl.Hash()[:16]+".csv")
	if !exists(path) {
		ids := make([]string, 0, len(ps))
		scores := make([]float64, 0, len(ps))
		err := pl.Run(plan.SliceSource(ps), plan.RunOptions{Workers: max(c.Cores, 1), Context: ctx}, func(id string, row []float32) error {
			s := float64(row[0])
			if math.IsNaN(s) {
				s = 0
			}
			ids, scores = append(ids, id), append(scores, s)
			return nil
		})
		if err != nil {
			return RealRow{}, fmt.Errorf("protocol: %s on %s: %w", method, f.pairs, err)
		}
		if err := writeScores(path, ids, scores); err != nil {
			return RealRow{}, err
		}
	}
	return realRow(method, f, path)
}

// cachedTrees writes the embedded trees' scores of ps (causal predict
// --no-stack) to path unless it holds them.
func cachedTrees(ctx context.Context, path string, ps []pairs.Pair, cores int) error {
	if exists(path) {
		return nil
	}
	s, err := openTrees(cores)
	if err != nil {
		return err
	}
	scores, err := s.ScorePairs(ctx, ps)
	if err != nil {
		return fmt.Errorf("protocol: the embedded trees: %w", err)
	}
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return writeScores(path, ids, scores)
}

// openTrees is the embedded model without its second stage.
func openTrees(cores int) (*pairmodel.Scorer, error) {
	return pairmodel.Open(pairmodel.Source{NoStack: true}, cores)
}

// modelKey hashes the embedded model's text.
func modelKey() (string, error) {
	text, err := defaultmodel.Text()
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(text)
	return hex.EncodeToString(h[:])[:16], nil
}

// contentKey hashes the files' contents.
func contentKey(paths ...string) (string, error) {
	h := sha256.New()
	for _, p := range paths {
		fh, err := os.Open(p)
		if err != nil {
			return "", err
		}
		_, err = io.Copy(h, fh)
		fh.Close()
		if err != nil {
			return "", fmt.Errorf("protocol: %s: %w", p, err)
		}
		fmt.Fprintf(h, "|")
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// writeScores writes a predictions file (SampleID,Target).
func writeScores(path string, ids []string, scores []float64) error {
	return atomicfile.WriteFile(path, func(w io.Writer) error {
		pw := pairio.NewPredictionWriter(w)
		if err := pw.Write(ids, scores); err != nil {
			return err
		}
		return pw.Flush()
	})
}

// realRow evaluates a predictions file of the collection as causal
// evaluate --weights does.
func realRow(method string, f realFiles, preds string) (RealRow, error) {
	rep, _, _, err := evaluate.EvaluateFiles(evaluate.Files{Predictions: preds, Targets: f.target, Weights: f.weights})
	if err != nil {
		return RealRow{}, fmt.Errorf("protocol: %s: %w", method, err)
	}
	w := rep.Weighted
	row := RealRow{Method: method, WeightedAccuracy: w.Accuracy, WeightedAUC: w.AUC, Accuracy: rep.Accuracy, AUC: rep.AUC,
		At10: evaluate.Metric(math.NaN()), At25: evaluate.Metric(math.NaN()), At50: evaluate.Metric(math.NaN())}
	for _, r := range w.Rates {
		switch r.Rate {
		case 0.10:
			row.At10 = r.Accuracy
		case 0.25:
			row.At25 = r.Accuracy
		case 0.50:
			row.At50 = r.Accuracy
		}
	}
	return row, nil
}

// genProxy scores the trees alone and trees + stage on the Test parts of
// cfg.Tests.
func genProxy(ctx context.Context, cfg RealPairsConfig, c *Cache, st *stack.Stack, model string) (*GenProxy, error) {
	logf(cfg.Log, "generated proxy: the protocol's test sets")
	if err := cfg.Tests.Validate(); err != nil {
		return nil, err
	}
	parts, err := cfg.Tests.Parts(corpus.Test)
	if err != nil {
		return nil, err
	}
	g := &GenProxy{Tests: cfg.Tests.String()}
	var trees, stacked []Score
	for _, p := range parts {
		l, err := c.Part(p)
		if err != nil {
			return nil, err
		}
		treesPath := filepath.Join(c.Dir, p.Source.Name+"_test-"+c.key(p)+"-trees-"+model+".csv")
		if !exists(treesPath) {
			ss, err := p.Draw(cfg.Cores)
			if err != nil {
				return nil, err
			}
			ps := make([]pairs.Pair, len(ss))
			for i, s := range ss {
				ps[i] = s.Pair
			}
			if err := cachedTrees(ctx, treesPath, ps, cfg.Cores); err != nil {
				return nil, err
			}
		}
		row, err := genRow(p.Source.Name, l, treesPath, st)
		if err != nil {
			return nil, err
		}
		g.Rows = append(g.Rows, row)
		trees, stacked = append(trees, row.Trees), append(stacked, row.Stacked)
	}
	g.MeanTrees, g.MeanStacked = meanAUC(trees), meanAUC(stacked)
	return g, nil
}

// genRow scores one test set by the trees and by trees + stage.
func genRow(source string, l Labelled, treesPath string, st *stack.Stack) (GenRow, error) {
	ts, err := pairio.ReadTargets(l.Targets)
	if err != nil {
		return GenRow{}, err
	}
	preds, err := pairio.ReadPredictions(treesPath)
	if err != nil {
		return GenRow{}, err
	}
	byID := make(map[string]float64, len(preds))
	for _, p := range preds {
		byID[p.ID] = p.Score
	}
	row := GenRow{Source: source}
	if row.Trees, err = evaluateScores(source+" trees", ts, byID); err != nil {
		return row, err
	}
	ids, scores, err := st.ApplyFiles(l.Features, treesPath)
	if err != nil {
		return row, err
	}
	byID = make(map[string]float64, len(ids))
	for i, id := range ids {
		byID[id] = scores[i]
	}
	row.Stacked, err = evaluateScores(source+" trees + stage", ts, byID)
	return row, err
}

// Markdown prints the table of BENCHMARKS.md ("Real pairs in the loop"),
// then with the generated proxy its table.
func (r *RealPairsResult) Markdown(w io.Writer) error {
	fmt.Fprintln(w, "| method | weighted acc. | weighted AUC | acc. @10 % | @25 % | @50 % | unweighted acc. | bidir. AUC |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|")
	r.Stage.markdown(w, "**second stage** (leave one data set out)")
	r.Trees.markdown(w, "embedded trees (never trained on it)")
	for _, c := range r.Classical {
		c.markdown(w, c.Method)
	}
	g := r.Generated
	if g == nil {
		return nil
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| source | trees alone: bidir. AUC / acc. | trees + stage |")
	fmt.Fprintln(w, "|---|---|---|")
	for _, row := range g.Rows {
		fmt.Fprintf(w, "| %s | %.4f / %.4f | %.4f / %.4f |\n", row.Source, row.Trees.AUC, row.Trees.Accuracy, row.Stacked.AUC, row.Stacked.Accuracy)
	}
	_, err := fmt.Fprintf(w, "| mean AUC | %.4f | %.4f |\n", g.MeanTrees, g.MeanStacked)
	return err
}

// markdown prints the row with its label (3 decimals, "-" when undefined).
func (r RealRow) markdown(w io.Writer, label string) {
	f := func(m evaluate.Metric) string {
		if math.IsNaN(float64(m)) {
			return "-"
		}
		return fmt.Sprintf("%.3f", float64(m))
	}
	fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label, f(r.WeightedAccuracy), f(r.WeightedAUC),
		f(r.At10), f(r.At25), f(r.At50), f(r.Accuracy), f(r.AUC))
}

// JSON prints the result as indented JSON.
func (r *RealPairsResult) JSON(w io.Writer) error { return writeJSON(w, r) }
