package protocol

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/causal-tool/causal/internal/pairmodel"
)

// SelectTopConfig is the feature-selection trade-off: models retrained on
// make-model's training corpus with --select-top K, scored on the quality
// benchmark's generated test set and Tübingen.
type SelectTopConfig struct {
	QualityBench
	// Ks are the numbers of features kept (0: no selection).
	Ks []int
}

// SelectTopRow is one K's model.
type SelectTopRow struct {
	// K is the number of features kept (0: all, no selection).
	K        int `json:"k"`
	Features int `json:"features"`
	// TrainSeconds is the wall time of training, PredictSeconds of
	// scoring the generated test pairs from raw pairs (featurizing the
	// model's features).
	TrainSeconds   float64 `json:"train_seconds"`
	Generated      Score   `json:"generated"`
	Tuebingen      Score   `json:"tuebingen"`
	PredictSeconds float64 `json:"predict_seconds"`
}

// SelectTopResult is the trade-off table.
type SelectTopResult struct {
	Corpus string         `json:"corpus"`
	Leaves int            `json:"num_leaves"`
	Rows   []SelectTopRow `json:"rows"`
}

// SelectTopTable trains, for each K, causal train's recipe (a tenth held
// out) with the default model's number of leaves and --select-top K on
// make-model's training corpus, and reports the model's features, training
// time, quality on the generated test set and Tübingen and the time to
// predict the generated test pairs from raw pairs (BENCHMARKS.md, the
// --select-top trade-off).
func SelectTopTable(ctx context.Context, cfg SelectTopConfig) (*SelectTopResult, error) {
	dir, err := scratchDir(cfg.Cache.Dir, "select-top-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	_, leaves, err := cfg.model(dir)
	if err != nil {
		return nil, err
	}
	sets, err := cfg.testSets()
	if err != nil {
		return nil, err
	}
	train, err := trainParts(cfg.Cache, cfg.Corpus, dir)
	if err != nil {
		return nil, err
	}
	res := &SelectTopResult{Corpus: cfg.Corpus.String(), Leaves: leaves}
	for _, k := range cfg.Ks {
		row, err := selectTopRow(ctx, cfg.QualityBench, sets, train, dir, k, leaves)
		if err != nil {
			return nil, err
		}
		res.Rows = append(res.Rows, row)
	}
	return res, nil
}

// selectTopRow trains and scores one K's model.
func selectTopRow(ctx context.Context, cfg QualityBench, sets []evalSet, train Labelled, dir string, k, leaves int) (SelectTopRow, error) {
	row := SelectTopRow{K: k}
	logf(cfg.Log, "train: --select-top %s", kName(k))
	start := time.Now()
	path, err := trainRecipe(ctx, train, filepath.Join(dir, "top"+kName(k)+".txt"), leaves, cfg.Seed, cfg.Cores, func(tc *pairmodel.TrainConfig) { tc.SelectTop = k })
	if err != nil {
		return row, err
	}
	row.TrainSeconds = time.Since(start).Seconds()
	m, err := pairmodel.LoadModel(path)
	if err != nil {
		return row, err
	}
	row.Features = len(m.FeatureNames)
	for i, out := range []*Score{&row.Generated, &row.Tuebingen} {
		byID, err := modelScores(ctx, path, sets[i].features, cfg.Cores)
		if err != nil {
			return row, err
		}
		if *out, err = evaluateScores(sets[i].Name, sets[i].Targets, byID); err != nil {
			return row, err
		}
	}
	start = time.Now()
	if err := predictRaw(ctx, path, sets[0].Scored, cfg.Cores); err != nil {
		return row, err
	}
	row.PredictSeconds = time.Since(start).Seconds()
	return row, nil
}

// predictRaw scores a set's raw pairs with the model file, as causal
// predict does from a pairs file (loading the model, featurizing only its
// features).
func predictRaw(ctx context.Context, model string, set Scored, cores int) error {
	s, err := OpenScorer(model, cores)
	if err != nil {
		return err
	}
	if _, err := s.ScorePairs(ctx, set.Pairs); err != nil {
		return fmt.Errorf("protocol: predict %s from raw pairs: %w", set.Name, err)
	}
	return nil
}

// kName names a K ("all": no selection).
func kName(k int) string {
	if k == 0 {
		return "all"
	}
	return strconv.Itoa(k)
}

// Markdown prints the trade-off as BENCHMARKS.md's table.
func (r *SelectTopResult) Markdown(w io.Writer) error {
	fmt.Fprintln(w, "| K | features | train s | generated AUC / acc. | Tübingen AUC / acc. | predict raw pairs s |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, row := range r.Rows {
		if _, err := fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %.1f |\n", kName(row.K), row.Features, row.TrainSeconds,
			aucAcc(row.Generated, 4), aucAcc(row.Tuebingen, 4), row.PredictSeconds); err != nil {
			return err
		}
	}
	return nil
}

// JSON prints the result as indented JSON.
func (r *SelectTopResult) JSON(w io.Writer) error { return writeJSON(w, r) }
