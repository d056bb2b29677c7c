package protocol

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/evaluate"
	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/pairs"
)

// QualityMethods are the classical single scores the quality table scores
// directly (baselines).
var QualityMethods = []string{"igci_slope_uniform", "igci_entropy_gauss", "anm_hsic", "reci", "cds", "slope_mdl"}

// QualityBench is what the quality benchmarks share: models retrained on
// make-model's training corpus and scored on a generated test set and
// Tübingen (measured only).
type QualityBench struct {
	// Corpus is the training corpus (make-model's; its Train parts are
	// read from Cache when make model cached them, else drawn), Cache its
	// features (and the test sets', cached by content).
	Corpus corpus.Corpus
	Cache  *Cache
	// Model is the default model ("" is the embedded model's trees); its
	// num_leaves are the retrained models' unless Leaves is set.
	Model  string
	Leaves int
	// Tuebingen is the folder of the Tübingen pairs (pairs.csv,
	// publicinfo.csv, target.csv): a test set, only measured on.
	Tuebingen string
	// NTest generated test pairs (seed 202, other noise levels, mixtures
	// and coarse fraction).
	NTest int
	Seed  uint64
	Cores int
	Log   io.Writer
}

// QualityConfig is the quality benchmark: the default model, models
// retrained on plan subsets and classical methods, scored on the generated
// test set, Tübingen and the SIM simulators.
type QualityConfig struct {
	QualityBench
	// NSim pairs of each SIM simulator (seed 303, 1,000 points).
	NSim    int
	Methods []string
}

// An evalSet is a test set: its pairs (for the classical methods), its
// features (for the models) and, for the SIM pairs, each simulator's
// SampleIDs.
type evalSet struct {
	Scored
	features Labelled
	parts    [][]pairs.Target
	meta     map[string]pairs.Meta
}

// QualityRow is one method's or model's scores on the three test sets.
type QualityRow struct {
	Name      string  `json:"name"`
	Generated Score   `json:"generated"`
	Tuebingen Score   `json:"tuebingen"`
	Sim       Score   `json:"sim"`
	PerSim    []Score `json:"per_simulator"`
	// Key names the row in the per-simulator table.
	Key string `json:"key"`
}

// QualityResult is the quality tables.
type QualityResult struct {
	Corpus string       `json:"corpus"`
	Leaves int          `json:"num_leaves"`
	Rows   []QualityRow `json:"rows"`
	// ByMeta is the default model's evaluation on the generated test set
	// by cause family and mechanism (causal evaluate --meta).
	ByMeta *evaluate.Report `json:"generated_by_meta"`
}

// QualityTable trains the runner-up's measures and the winner's families
// on make-model's training corpus with the default model's hyper-parameters
// (causal train's recipe, a tenth held out), and scores them, the default
// model and each classical method on the generated test set, Tübingen and
// the SIM simulators (BENCHMARKS.md, "Quality").
func QualityTable(ctx context.Context, cfg QualityConfig) (*QualityResult, error) {
	if err := checkMethods(cfg.Methods); err != nil {
		return nil, err
	}
	dir, err := scratchDir(cfg.Cache.Dir, "quality-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	model, leaves, err := cfg.model(dir)
	if err != nil {
		return nil, err
	}
	sets, err := cfg.testSets()
	if err != nil {
		return nil, err
	}
	sim, err := simSet(cfg.Cache, cfg.NSim, cfg.Cores, cfg.Log)
	if err != nil {
		return nil, err
	}
	sets = append(sets, sim)
	res := &QualityResult{Corpus: cfg.Corpus.String(), Leaves: leaves}
	for _, m := range cfg.Methods {
		logf(cfg.Log, "baseline: %s", m)
		row := QualityRow{Name: "baseline: " + m, Key: m}
		err := row.fill(sets, func(s evalSet) (map[string]float64, error) {
			byID, _, err := methodScores(ctx, m, s.Scored, cfg.Cores)
			return byID, err
		})
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row)
	}
	train, err := trainParts(cfg.Cache, cfg.Corpus, dir)
	if err != nil {
		return nil, err
	}
	for _, v := range []struct{ plan, name string }{{"runnerup", "runner-up's measures (2013 #2)"}, {"winner", "winner's families, in-sample fits (2013 #1)"}} {
		cols, err := PlanColumns(v.plan, cfg.Cache.Plan.Names())
		if err != nil {
			return nil, err
		}
		logf(cfg.Log, "train: %s (%d features)", v.plan, len(cols))
		path, err := trainRecipe(ctx, train, filepath.Join(dir, v.plan+".txt"), leaves, cfg.Seed, cfg.Cores, func(tc *pairmodel.TrainConfig) { tc.Columns = cols })
		if err != nil {
			return nil, err
		}
		row := QualityRow{Name: v.name, Key: v.plan}
		if err := row.fill(sets, modelScorer(ctx, path, cfg.Cores)); err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row)
	}
	row := QualityRow{Name: "full default plan (the default model)", Key: "full"}
	var gen map[string]float64
	full := modelScorer(ctx, model, cfg.Cores)
	err = row.fill(sets, func(s evalSet) (map[string]float64, error) {
		m, err := full(s)
		if s.meta != nil {
			gen = m
		}
		return m, err
	})
	if err != nil {
		return nil, err
	}
	res.Rows = append(res.Rows, row)
	res.ByMeta = byMeta(sets[0], gen)
	return res, nil
}

// model is the default model's file (the embedded model's trees written
// to dir when Model is "") and the retrained models' number of leaves.
func (cfg QualityBench) model(dir string) (string, int, error) {
	path := cfg.Model
	if path == "" {
		text, err := defaultmodel.Text()
		if err != nil {
			return "", 0, err
		}
		path = filepath.Join(dir, "embedded-model.txt")
		if err := atomicfile.WriteFile(path, func(w io.Writer) error { _, err := w.Write(text); return err }); err != nil {
			return "", 0, err
		}
	}
	if cfg.Leaves > 0 {
		return path, cfg.Leaves, nil
	}
	m, err := lgbm.Load(path)
	if err != nil {
		return "", 0, err
	}
	nl, err := strconv.Atoi(m.Meta.Params["num_leaves"])
	if err != nil || nl < 2 {
		return "", 0, fmt.Errorf("protocol: %s records no num_leaves (%q)", path, m.Meta.Params["num_leaves"])
	}
	return path, nl, nil
}

// trainParts joins the corpus's training parts (make-model's corpus_train).
func trainParts(c *Cache, cp corpus.Corpus, dir string) (Labelled, error) {
	parts, err := c.Parts(cp, corpus.Train)
	if err != nil {
		return Labelled{}, err
	}
	return Join(dir, "corpus_train", parts)
}

// fill scores the row on the three sets and on each simulator.
func (r *QualityRow) fill(sets []evalSet, score func(evalSet) (map[string]float64, error)) error {
	for i, out := range []*Score{&r.Generated, &r.Tuebingen, &r.Sim} {
		byID, err := score(sets[i])
		if err != nil {
			return err
		}
		if *out, err = evaluateScores(sets[i].Name, sets[i].Targets, byID); err != nil {
			return err
		}
		for j, ts := range sets[i].parts {
			s, err := evaluateScores(SimNames[j], ts, byID)
			if err != nil {
				return err
			}
			r.PerSim = append(r.PerSim, s)
		}
	}
	return nil
}

// modelScorer scores a set's feature rows with the model file.
func modelScorer(ctx context.Context, model string, cores int) func(evalSet) (map[string]float64, error) {
	return func(s evalSet) (map[string]float64, error) { return modelScores(ctx, model, s.features, cores) }
}

// byMeta evaluates the generated test set's scores by cause family and
// mechanism (the A->B and B->A pairs).
func byMeta(s evalSet, byID map[string]float64) *evaluate.Report {
	if s.meta == nil || byID == nil {
		return nil
	}
	scores := make([]float64, len(s.Targets))
	for i, t := range s.Targets {
		scores[i] = printedScore(byID[t.ID])
	}
	rep := &evaluate.Report{}
	rep.AddMeta(s.Targets, scores, s.meta)
	return rep
}

// testSets draws and featurizes the generated test set (with each pair's
// meta) and reads and featurizes Tübingen (features cached by content).
func (cfg QualityBench) testSets() ([]evalSet, error) {
	in := func(name string) string { return filepath.Join(cfg.Tuebingen, name) }
	tueb, err := ReadScored("Tübingen", in("pairs.csv"), in("publicinfo.csv"), in("target.csv"))
	if err != nil {
		return nil, err
	}
	gc := generate.DefaultConfig()
	gc.N, gc.Seed, gc.IDPrefix = cfg.NTest, 202, "test"
	gc.NoiseMin, gc.NoiseMax, gc.MaxComponents, gc.CoarseFraction = 0.05, 1.5, 3, 0.35
	logf(cfg.Log, "generate: test %d pairs (seed 202, other noise levels, mixtures and coarse fraction)", cfg.NTest)
	meta := map[string]pairs.Meta{}
	test, err := draw("generated test", gc, cfg.Cores, meta)
	if err != nil {
		return nil, err
	}
	sets := []evalSet{{Scored: test, meta: meta}, {Scored: tueb}}
	for i := range sets {
		if sets[i].features, err = cfg.Cache.scoredFeatures(sets[i].Scored); err != nil {
			return nil, err
		}
	}
	return sets, nil
}

// simSet draws and featurizes n pairs of each SIM simulator (seed 303,
// 1,000 points), one set with each simulator's part.
func simSet(c *Cache, n, cores int, log io.Writer) (evalSet, error) {
	logf(log, "generate: %d pairs of each SIM simulator (seed 303, 1,000 points)", n)
	sims, err := DrawSims(n, 303, 1000, "", cores)
	if err != nil {
		return evalSet{}, err
	}
	sim := evalSet{Scored: Scored{Name: "SIM simulators"}}
	for _, s := range sims {
		sim.Pairs, sim.Targets = append(sim.Pairs, s.Pairs...), append(sim.Targets, s.Targets...)
		sim.parts = append(sim.parts, s.Targets)
	}
	sim.features, err = c.scoredFeatures(sim.Scored)
	return sim, err
}

// scoredFeatures featurizes a set's pairs with the cache's plan, cached
// under a hash of the pairs, their types and targets and the plan.
func (c *Cache) scoredFeatures(s Scored) (Labelled, error) {
	h := sha256.New()
	for _, p := range s.Pairs {
		fmt.Fprintf(h, "%s|%d|%d|%v|%v\n", p.ID, p.TypeA, p.TypeB, p.A, p.B)
	}
	for _, t := range s.Targets {
		fmt.Fprintf(h, "%s|%d|%d\n", t.ID, t.Target, t.Details)
	}
	fmt.Fprint(h, c.Plan.Hash())
	stem := filepath.Join(c.Dir, "scored-"+hex.EncodeToString(h.Sum(nil))[:16])
	l := Labelled{Name: s.Name, Features: stem + ".features", Targets: stem + "_target.csv"}
	if l.cached() {
		return l, nil
	}
	if err := c.ready(); err != nil {
		return l, err
	}
	logf(c.Log, "featurize %s (%d pairs)", s.Name, len(s.Pairs))
	if err := c.featurize(l.Features, s.Pairs); err != nil {
		return l, fmt.Errorf("protocol: %s: %w", s.Name, err)
	}
	return l, pairio.WriteSet(stem, nil, s.Targets, pairio.SetOptions{NoPairs: true, Target: true})
}

// Markdown prints the tables of BENCHMARKS.md ("Quality"): the three test
// sets, the SIM column per simulator, and the default model on the
// generated test set by cause family and mechanism.
func (r *QualityResult) Markdown(w io.Writer) error {
	fmt.Fprintln(w, "| method | generated test: bidir. AUC | accuracy | Tübingen: bidir. AUC | accuracy | SIM simulators: bidir. AUC | accuracy |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|")
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |\n", row.Name, row.Generated.AUC, row.Generated.Accuracy,
			row.Tuebingen.AUC, row.Tuebingen.Accuracy, row.Sim.AUC, row.Sim.Accuracy)
	}
	fmt.Fprintf(w, "\n| method | %s |\n|---%s|\n", strings.Join(SimNames, " | "), strings.Repeat("|---", len(SimNames)))
	for _, row := range r.Rows {
		fmt.Fprintf(w, "| %s |", row.Key)
		for _, s := range row.PerSim {
			fmt.Fprintf(w, " %s |", aucAcc(s, 4))
		}
		fmt.Fprintln(w)
	}
	if r.ByMeta == nil {
		return nil
	}
	// causal evaluate --meta's text from its by-family tables on.
	var b strings.Builder
	r.ByMeta.WriteText(&b)
	text := b.String()
	i := strings.Index(text, "A->B and B->A pairs by cause family")
	if i < 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\n%s", text[i:])
	return err
}

// JSON prints the result as indented JSON.
func (r *QualityResult) JSON(w io.Writer) error { return writeJSON(w, r) }
