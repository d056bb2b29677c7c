package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/csvout"
	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairs"
)

func init() { register(newPredictCmd) }

// predictBatch is the number of pairs featurized and scored together.
const predictBatch = 256

// predictOptions are the flags of `causal predict`.
type predictOptions struct {
	info, model, out string
	features         bool
	skipBad          bool
}

func newPredictCmd(g *globalOptions) *cobra.Command {
	o := &predictOptions{}
	cmd := &cobra.Command{
		Use:   "predict pairs.csv [--info publicinfo.csv] --model model.txt [-o predictions.csv]",
		Short: "Score pairs with a model",
		Long: `Score cause-effect pairs with a LightGBM text model and write the challenge
submission format SampleID,Target (stdout without -o): a positive score for
A->B, negative for B->A, near zero for neither.

The input is a pairs file (streamed; only the features the model splits on,
and their mirror partners, are computed) or an already featurized file: use
--features, or name it *.features, *.arrow or *.feather (a feature file may
have more columns than the model; they are matched by name).

Any LightGBM v2/v3/v4 text model whose feature names belong to the feature
plan is accepted, e.g. one trained by LightGBM on exported features. A model
written by causal train carries its recipe; for other models the objective
comes from their objective= line and scores are antisymmetric when every
feature's mirror partner is among the model's features: the score is then
computed from the pair's row and its mirror row, so that swapping A and B
negates it exactly (for pairs input this relies on the featurizer computing
the mirror row of (A, B) for (B, A), which it does by construction).`,
		Example: "  causal predict test_pairs.csv --info test_publicinfo.csv --model model.txt -o predictions.csv\n" +
			"  causal predict test.features --model model.txt > predictions.csv",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPredict(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.info, "info", "", "publicinfo file with the variable types (inferred from the data if absent)")
	f.StringVar(&o.model, "model", "", "LightGBM text model (required until a default model is embedded)")
	f.BoolVar(&o.features, "features", false, "the input is a feature file, not a pairs file")
	f.BoolVar(&o.skipBad, "skip-bad", false, "skip malformed pairs (reported on stderr) instead of failing")
	f.StringVarP(&o.out, "output", "o", "", "predictions file (default stdout)")
	return cmd
}

// isFeatureFile reports whether path names a feature file by its extension.
func isFeatureFile(path string) bool {
	for _, ext := range []string{".features", ".arrow", ".feather"} {
		if strings.HasSuffix(strings.ToLower(path), ext) {
			return true
		}
	}
	return false
}

// scorer predicts pair scores from feature rows in the model's columns.
type scorer struct {
	m       *lgbm.Model
	name    string // the model's file, for errors
	anti    bool
	perm    []int
	sign    []float32
	threads int
}

// loadPredictModel reads --model, or the embedded default model.
func loadPredictModel(path string) (*lgbm.Model, error) {
	if path != "" {
		return lgbm.Load(path)
	}
	text, err := defaultmodel.Text()
	if err != nil {
		return nil, err
	}
	m, err := lgbm.LoadReader(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("embedded default model: %w", err)
	}
	return m, nil
}

// newScorer decides the recipe for a loaded model: the recorded one, or,
// for a model without causal metadata, antisymmetric when the mirror map
// covers its features.
func newScorer(m *lgbm.Model, threads int) (*scorer, error) {
	s := &scorer{m: m, threads: threads}
	perm, sign, err := plan.MirrorMap(m.FeatureNames)
	switch {
	case m.HasMeta && m.Meta.Antisymmetric && err != nil:
		return nil, fmt.Errorf("model says antisymmetric but its features have no complete mirror map: %w", err)
	case m.HasMeta && !m.Meta.Antisymmetric, err != nil:
		return s, nil
	}
	s.anti, s.perm, s.sign = true, perm, sign
	return s, nil
}

// checkPlanNames fails when a model feature is not a feature of the plan,
// listing a few unknown names.
func checkPlanNames(m *lgbm.Model, pl *plan.Plan) error {
	known := make(map[string]bool, pl.Len())
	for _, n := range pl.Names() {
		known[n] = true
	}
	var unknown []string
	for _, n := range m.FeatureNames {
		if !known[n] {
			unknown = append(unknown, n)
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("the model uses %d features that this causal cannot compute (not in the feature plan): %s",
			len(unknown), fewIDs(unknown))
	}
	return nil
}

// score returns the pair scores of n rows (row-major, model columns).
func (s *scorer) score(rows []float64, n int) ([]float64, error) {
	cols := len(s.m.FeatureNames)
	all := rows
	if s.anti {
		all = make([]float64, 2*n*cols)
		copy(all, rows)
		mir := all[n*cols:]
		for i, j := range s.perm {
			sg := float64(s.sign[i])
			for r := range n {
				mir[r*cols+i] = sg * rows[r*cols+j]
			}
		}
	}
	total := n
	if s.anti {
		total = 2 * n
	}
	raw, err := s.m.PredictRaw(all, total, s.threads)
	if err != nil {
		return nil, err
	}
	rc := &recipe{kind: s.m.Kind, anti: s.anti, sigmoid: s.m.Sigmoid}
	return rc.scores(raw, n), nil
}

func runPredict(cmd *cobra.Command, g *globalOptions, o *predictOptions, path string) error {
	m, err := loadPredictModel(o.model)
	if err != nil {
		return err
	}
	s, err := newScorer(m, g.Cores)
	if err != nil {
		return fmt.Errorf("model %s: %w", modelName(o.model), err)
	}
	s.name = modelName(o.model)
	write := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		fmt.Fprintln(bw, "SampleID,Target")
		var err error
		if o.features || isFeatureFile(path) {
			err = predictFeatures(cmd.Context(), s, path, bw)
		} else {
			err = predictPairs(cmd, g, o, s, path, bw)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	}
	return writeOutput(cmd, o.out, write)
}

// modelName names the --model file in errors.
func modelName(path string) string {
	if path == "" {
		return "the embedded default model"
	}
	return path
}

// writeScores writes one SampleID,Target line per pair.
func writeScores(w *bufio.Writer, ids []string, scores []float64) {
	var b []byte
	for i, id := range ids {
		b = csvout.AppendField(b[:0], id)
		b = append(b, ',')
		b = csvout.AppendScore(b, scores[i])
		b = append(b, '\n')
		w.Write(b)
	}
}

// predictFeatures scores the rows of a feature file, matching the model's
// features to its columns by name.
func predictFeatures(ctx context.Context, s *scorer, path string, w *bufio.Writer) error {
	r, err := featio.Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	h := r.Header()
	col := make(map[string]int, len(h.Names))
	for i, n := range h.Names {
		col[n] = i
	}
	names := s.m.FeatureNames
	src := make([]int, len(names))
	var missing []string
	for i, n := range names {
		j, ok := col[n]
		if !ok {
			missing = append(missing, n)
		}
		src[i] = j
	}
	if len(missing) > 0 {
		return fmt.Errorf("%s lacks %d of the features of model %s: %s", path, len(missing), s.name, fewIDs(missing))
	}
	if ph := s.m.Meta.PlanHash; ph != "" && h.PlanHash != "" && ph != h.PlanHash && slices.Equal(h.Names, names) {
		return fmt.Errorf("%s was computed by feature plan %s but model %s was trained on plan %s (same names, different computations): refeaturize", path, h.PlanHash, s.name, ph)
	}
	var ids []string
	var rows []float64
	flush := func() error {
		if len(ids) == 0 {
			return nil
		}
		sc, err := s.score(rows, len(ids))
		if err != nil {
			return err
		}
		writeScores(w, ids, sc)
		ids, rows = ids[:0], rows[:0]
		return nil
	}
	for ctx.Err() == nil {
		id, row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		ids = append(ids, id)
		for _, j := range src {
			rows = append(rows, float64(row[j]))
		}
		if len(ids) == predictBatch*max(1, s.threads) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return flush()
}

// pairFeaturizer computes the model's columns for pairs, evaluating only
// the features the model splits on and their mirror partners.
type pairFeaturizer struct {
	sel  *plan.Plan
	dst  []int // per selected feature: model column
	cols int
}

// newPairFeaturizer checks the model against the default plan and selects
// the features to compute.
func newPairFeaturizer(s *scorer) (*pairFeaturizer, error) {
	full := plan.Default()
	m := s.m
	if err := checkPlanNames(m, full); err != nil {
		return nil, err
	}
	if ph := m.Meta.PlanHash; ph != "" {
		sel, err := full.Select(m.FeatureNames)
		if err != nil {
			return nil, err
		}
		if sel.Hash() != ph {
			return nil, fmt.Errorf("the model was trained on feature plan %s but this causal computes its features with plan %s (plan version or parameters changed): retrain the model or use the matching causal", ph, sel.Hash())
		}
	}
	need := map[string]bool{}
	for i, imp := range m.Importance {
		if imp.Splits == 0 {
			continue
		}
		need[m.FeatureNames[i]] = true
		if s.anti {
			need[m.FeatureNames[s.perm[i]]] = true
		}
	}
	pf := &pairFeaturizer{cols: len(m.FeatureNames)}
	if len(need) == 0 {
		return pf, nil
	}
	var pats []string
	for _, n := range m.FeatureNames {
		if need[n] {
			pats = append(pats, n)
		}
	}
	sel, err := full.Select(pats)
	if err != nil {
		return nil, err
	}
	idx := make(map[string]int, len(m.FeatureNames))
	for i, n := range m.FeatureNames {
		idx[n] = i
	}
	pf.sel = sel
	for _, n := range sel.Names() {
		pf.dst = append(pf.dst, idx[n])
	}
	return pf, nil
}

// rows featurizes the pairs into model rows with the given number of
// goroutines (one pair at a time each).
func (pf *pairFeaturizer) rows(ps []pairs.Pair, workers int) []float64 {
	out := make([]float64, len(ps)*pf.cols)
	for i := range out {
		out[i] = math.NaN()
	}
	if pf.sel == nil {
		return out
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, len(ps)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]float32, pf.sel.Len())
			for i := range next {
				pf.sel.Featurize(ps[i], buf)
				row := out[i*pf.cols : (i+1)*pf.cols]
				for k, c := range pf.dst {
					row[c] = float64(buf[k])
				}
			}
		}()
	}
	for i := range ps {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

// predictPairs streams a pairs file, featurizes and scores it in batches.
func predictPairs(cmd *cobra.Command, g *globalOptions, o *predictOptions, s *scorer, path string, w *bufio.Writer) error {
	pf, err := newPairFeaturizer(s)
	if err != nil {
		return fmt.Errorf("model %s: %w", s.name, err)
	}
	r, err := openPairs(cmd, path, o.info, o.skipBad)
	if err != nil {
		return err
	}
	defer r.Close()
	batch := make([]pairs.Pair, 0, predictBatch)
	scored := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		scored += len(batch)
		sc, err := s.score(pf.rows(batch, g.Cores), len(batch))
		if err != nil {
			return err
		}
		ids := make([]string, len(batch))
		for i, p := range batch {
			ids[i] = p.ID
		}
		writeScores(w, ids, sc)
		batch = batch[:0]
		return nil
	}
	for {
		if err := cmd.Context().Err(); err != nil {
			return err
		}
		p, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		batch = append(batch, p)
		if len(batch) == predictBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return checkSkipped(cmd, r, path, scored)
}
