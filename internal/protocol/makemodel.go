package protocol

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/corpus"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairmodel"
)

// MakeModelConfig is how the default model is built.
type MakeModelConfig struct {
	Corpus corpus.Corpus
	// Cache featurizes the corpus (its Dir also receives the joined sets).
	Cache *Cache
	// Out is the model file to write.
	Out string
	// Leaves is the grid of numbers of leaves cross-validated on the tuning
	// set (nil: 15 and 63), Folds its folds (0: 3).
	Leaves []int
	Folds  int
	// SelectTop and SelectCost are the final model's feature selection
	// (pairmodel.DefaultSelectTop and DefaultSelectCost when 0).
	SelectTop  int
	SelectCost float64
	// Columns, when not nil, restricts training to these features.
	Columns []string
	// Seed seeds training (the split, folds, sampling; causal's --seed).
	Seed  uint64
	Cores int
	Log   io.Writer
}

// GridPoint is one cross-validated number of leaves.
type GridPoint struct {
	Leaves int                 `json:"num_leaves"`
	CV     *pairmodel.CVResult `json:"cv"`
}

// MakeModelResult is what MakeModel chose and trained.
type MakeModelResult struct {
	Corpus string      `json:"corpus"`
	Grid   []GridPoint `json:"grid"`
	// Chosen indexes Grid: the highest mean AUC at 4 decimals, the first
	// of equals.
	Chosen int `json:"chosen"`
	// Rounds, Features and TrainPairs describe the final model.
	Rounds     int    `json:"rounds"`
	Features   int    `json:"features"`
	TrainPairs int    `json:"train_pairs"`
	Model      string `json:"model"`
	// Seconds are the wall times of featurizing, tuning and training.
	Seconds map[string]float64 `json:"seconds"`
}

// MakeModel builds a model the way the default model is built: the
// corpus's training and tuning parts featurized (Cache), the number of
// leaves chosen by cross-validation on the tuning set, the final model
// trained on the training set with pairmodel.Defaults and the other
// parameters fixed, 10 % held out for early stopping, feature selection,
// and the corpus recorded in the model ([corpus: ...]). Same corpus, seed
// and plan give the same model bytes, whatever Cores.
func MakeModel(cfg MakeModelConfig) (*MakeModelResult, error) {
	if err := cfg.Corpus.Validate(); err != nil {
		return nil, err
	}
	leaves, folds := cfg.Leaves, cfg.Folds
	if leaves == nil {
		leaves = []int{15, 63}
	}
	if folds == 0 {
		folds = 3
	}
	res := &MakeModelResult{Corpus: cfg.Corpus.String(), Model: cfg.Out, Seconds: map[string]float64{}}
	t0 := time.Now()
	train, tune, err := corpusSets(cfg.Cache, cfg.Corpus)
	if err != nil {
		return nil, err
	}
	t1 := time.Now()
	res.Seconds["featurize"] = t1.Sub(t0).Seconds()
	best := -1.0
	for i, nl := range leaves {
		tc := cfg.trainConfig(tune, nl)
		tc.ValidFraction, tc.MinSplitPairs, tc.CVFolds, tc.SkipFinal = 0, 0, folds, true
		tr, err := pairmodel.Train(tc)
		if err != nil {
			return nil, fmt.Errorf("protocol: cross-validate %d leaves: %w", nl, err)
		}
		res.Grid = append(res.Grid, GridPoint{Leaves: nl, CV: tr.CV})
		logf(cfg.Log, "cv [--num-leaves %d]: %d-fold bidirectional AUC %.4f ± %.4f", nl, tr.CV.K, tr.CV.MeanAUC, tr.CV.SDAUC)
		if m := round4(tr.CV.MeanAUC); m > best {
			best, res.Chosen = m, i
		}
	}
	logf(cfg.Log, "chosen: --num-leaves %d (cv AUC %.4f)", leaves[res.Chosen], best)
	t2 := time.Now()
	res.Seconds["tune"] = t2.Sub(t1).Seconds()
	tc := cfg.trainConfig(train, leaves[res.Chosen])
	tc.MinSplitPairs = 0 // the held-out 10 %, whatever the corpus's size
	tc.SelectTop, tc.SelectCost = cfg.SelectTop, cfg.SelectCost
	if tc.SelectTop == 0 {
		tc.SelectTop, tc.SelectCost = pairmodel.DefaultSelectTop, pairmodel.DefaultSelectCost
	}
	tr, err := pairmodel.Train(tc)
	if err != nil {
		return nil, fmt.Errorf("protocol: train the model: %w", err)
	}
	tr.Meta.Params["corpus"] = res.Corpus
	// The chosen training flags, for retraining by hand (causal train).
	if err := os.WriteFile(filepath.Join(cfg.Cache.Dir, "params.txt"), []byte(fmt.Sprintf("--num-leaves %d\n", leaves[res.Chosen])), 0o644); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(cfg.Out, func(w io.Writer) error { return lgbm.Write(w, tr.Model, tr.Meta) }); err != nil {
		return nil, err
	}
	res.Rounds, res.Features, res.TrainPairs = tr.History.BestIteration, tr.Train.Features.Cols, tr.Train.Rows()
	res.Seconds["train"] = time.Since(t2).Seconds()
	logf(cfg.Log, "model: %d rounds on %d pairs x %d features -> %s", res.Rounds, res.TrainPairs, res.Features, cfg.Out)
	return res, nil
}

// trainConfig is the recipe (pairmodel.Defaults) on a labelled set with
// nl leaves.
func (cfg *MakeModelConfig) trainConfig(l Labelled, nl int) pairmodel.TrainConfig {
	tc := pairmodel.Defaults()
	tc.Features, tc.Targets, tc.Columns, tc.Log = l.Features, l.Targets, cfg.Columns, cfg.Log
	tc.Params.NumLeaves, tc.Params.Seed, tc.Params.Cores = nl, cfg.Seed, cfg.Cores
	return tc
}

// corpusSets featurizes a corpus's training and tuning parts and joins
// each set (DIR/corpus_train, DIR/corpus_tune).
func corpusSets(c *Cache, cp corpus.Corpus) (train, tune Labelled, err error) {
	for _, s := range []struct {
		set corpus.Set
		out *Labelled
	}{{corpus.Train, &train}, {corpus.Tune, &tune}} {
		parts, err := c.Parts(cp, s.set)
		if err != nil {
			return train, tune, err
		}
		for _, p := range parts {
			if err := linkPart(c.Dir, p); err != nil {
				return train, tune, err
			}
		}
		name := "corpus_" + []string{"train", "tune", "test"}[s.set]
		if *s.out, err = Join(c.Dir, name, parts); err != nil {
			return train, tune, err
		}
	}
	return train, tune, nil
}

// linkPart points DIR/<source>_<set>.features and _target.csv at a cached
// part: make-model's sources under readable names, for a look or a
// script (the lab's own experiments find them by content, Cache.First).
func linkPart(dir string, p Labelled) error {
	for _, l := range [][2]string{{p.Features, p.Name + ".features"}, {p.Targets, p.Name + "_target.csv"}} {
		link := filepath.Join(dir, l[1])
		if err := os.Remove(link); err != nil && !os.IsNotExist(err) {
			return err
		}
		if err := os.Symlink(filepath.Base(l[0]), link); err != nil {
			return err
		}
	}
	return nil
}

// round4 rounds to 4 decimals (differences below are noise).
func round4(v float64) float64 {
	r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'f', 4, 64), 64)
	return r
}

func logf(w io.Writer, format string, args ...any) {
	if w != nil {
		fmt.Fprintf(w, "[%s] "+format+"\n", append([]any{time.Now().UTC().Format("15:04:05")}, args...)...)
	}
}

// Markdown prints the grid and the choice as a Markdown table.
func (r *MakeModelResult) Markdown(w io.Writer) error {
	fmt.Fprintf(w, "Corpus `%s`:\n\n| num_leaves | %d-fold bidir. AUC | sd | chosen |\n|---|---|---|---|\n", r.Corpus, r.Grid[0].CV.K)
	for i, g := range r.Grid {
		mark := ""
		if i == r.Chosen {
			mark = "yes"
		}
		fmt.Fprintf(w, "| %d | %.4f | %.4f | %s |\n", g.Leaves, g.CV.MeanAUC, g.CV.SDAUC, mark)
	}
	_, err := fmt.Fprintf(w, "\nModel %s: %d rounds on %d pairs, %d features.\n", filepath.Base(r.Model), r.Rounds, r.TrainPairs, r.Features)
	return err
}

// JSON prints the result as indented JSON.
func (r *MakeModelResult) JSON(w io.Writer) error { return writeJSON(w, r) }

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
