package pairmodel

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"

	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
)

// TrainConfig is what Train trains on and how.
type TrainConfig struct {
	// Features and Targets are the training feature file and target file.
	Features, Targets string
	// ValidFeatures and ValidTargets are an optional validation set (both
	// or neither), with the training features' columns.
	ValidFeatures, ValidTargets string
	// ValidFraction, in [0, 1), holds out a seeded fraction of the training
	// pairs for validation instead.
	ValidFraction float64
	// MinSplitPairs, when > 0, drops a ValidFraction split that would hold
	// fewer pairs: training then uses every pair for the full rounds, with
	// early stopping off, and says so on Log (causal train's default split,
	// whose AUC on a few dozen pairs would stop at noise).
	MinSplitPairs int
	// CVFolds, when >= 2, cross-validates on the training pairs (see CV)
	// before the final model is trained.
	CVFolds int
	// SkipFinal skips the final model (only the cross-validation is
	// wanted).
	SkipFinal bool
	// NoMirror turns the mirror augmentation off.
	NoMirror bool
	// Columns, when not nil, restricts training to the feature columns of
	// these names (e.g. a plan file's selection).
	Columns []string
	// WeightsFile, if not empty, gives every training pair a sample weight
	// (SampleID,Weight); a mirror row weighs as its pair.
	WeightsFile string
	// AdaptTo, if not empty, is a feature file of unlabeled pairs (a
	// user's own): the training pairs are weighted to look like them
	// (adapt.DomainWeights on the label-free features). It excludes
	// WeightsFile.
	AdaptTo string
	// AdaptBy, with AdaptTo, is a SampleID,Source file naming every
	// training pair's source: whole sources are then weighted by how close
	// their pairs are to AdaptTo's (adapt.SourceWeights) instead of each
	// pair by a domain classifier.
	AdaptBy string
	// SelectTop, when > 0, trains once, keeps the SelectTop features of
	// highest gain and their mirror partners (SelectTop) and retrains on
	// them.
	SelectTop int
	// SelectCost, in (0, 1) with SelectTop, then keeps of those features
	// only the computation units of most gain per CPU cost, within this
	// fraction of their cost (SelectByCost), before retraining.
	SelectCost float64
	// Params are the learner's parameters (Objective names the recipe's
	// lgbm.Kind; Seed also seeds the split and the folds; Cores also bins).
	Params gbdt.Params
	// Log receives notes and summaries (nil: none).
	Log io.Writer
	// Progress, if not nil, is called before each training of the given
	// number of rounds and returns its progress callback and a function to
	// call when it ends.
	Progress func(rounds int) (update func(gbdt.Progress), done func())
	// Context, if not nil, stops training between boosting rounds when it
	// is done: Train then returns its error.
	Context context.Context
}

// TrainResult is the outcome of Train.
type TrainResult struct {
	// Model and Meta are the final model and the metadata to write with it
	// (lgbm.Write); nil Model with SkipFinal.
	Model *gbdt.Model
	Meta  lgbm.Meta
	// History is the final training's history.
	History *gbdt.History
	// CV is the cross-validation result (nil without CVFolds).
	CV *CVResult
	// Train and Valid are the sets the final model was trained and
	// validated on (Valid nil without validation): their IDs, names, shape
	// and targets (Train has closed their feature file).
	Train, Valid *TrainSet
}

// Summary is the line `causal train` prints about the model it wrote to
// out: rounds, pairs, features and the validation AUC (with validation).
func (r *TrainResult) Summary(out string) string {
	hist, ts := r.History, r.Train.Features
	s := fmt.Sprintf("trained %d rounds on %d pairs x %d features -> %s", hist.BestIteration, ts.Rows, ts.Cols, out)
	if r.Valid != nil && len(hist.ValidMetric) > 0 {
		s += fmt.Sprintf("; validation bidirectional AUC %.4f on %d pairs", hist.ValidMetric[hist.BestIteration-1], r.Valid.Rows())
	}
	return s
}

// Train runs causal's training recipe: it loads and joins the sets, splits
// off the validation pairs, restricts the columns, selects the top features,
// cross-validates, and trains the final model on the pairs and their
// mirrors. Same inputs and seed give the same model whatever Params.Cores.
func Train(cfg TrainConfig) (*TrainResult, error) {
	if cfg.Context != nil {
		cfg.Params.Context = cfg.Context
	}
	p := cfg.Params
	kind, err := checkObjective(&p)
	if err != nil {
		return nil, err
	}
	ts, err := LoadTrainSet(cfg.Features, cfg.Targets)
	if err != nil {
		return nil, err
	}
	defer ts.Close() // the split and the column selections share its file
	rc, err := NewRecipe(ts.Features.Names, kind, !cfg.NoMirror)
	if err != nil {
		return nil, err
	}
	if !rc.Antisymmetric() && cfg.Log != nil {
		fmt.Fprintln(cfg.Log, "note: the features have no complete mirror map: training without mirror augmentation, scores are not antisymmetric")
	}
	weights, err := sampleWeights(&cfg, ts)
	if err != nil {
		return nil, err
	}
	var valid *TrainSet
	switch {
	case cfg.ValidFeatures != "":
		if valid, err = LoadTrainSet(cfg.ValidFeatures, cfg.ValidTargets); err != nil {
			return nil, err
		}
		defer valid.Close()
		if !slices.Equal(valid.Features.Names, ts.Features.Names) {
			return nil, fmt.Errorf("validation features %s do not have the training features' columns", cfg.ValidFeatures)
		}
	case cfg.ValidFraction > 0 && int(float64(ts.Rows())*cfg.ValidFraction) < cfg.MinSplitPairs:
		p.EarlyStopping = 0
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, "note: %d pairs are too few for the default validation split (%g of them < %d pairs): training on all of them for %d rounds (--valid-fraction holds out anyway)\n",
				ts.Rows(), cfg.ValidFraction, cfg.MinSplitPairs, p.NumIterations)
		}
	case cfg.ValidFraction > 0:
		ts, valid = ts.Split(cfg.ValidFraction, p.Seed)
	}
	if cfg.Columns != nil {
		if ts, valid, err = KeepColumns(ts, valid, cfg.Columns); err != nil {
			return nil, err
		}
		if rc, err = NewRecipe(ts.Features.Names, kind, !cfg.NoMirror); err != nil {
			return nil, err
		}
	}
	t := &trainer{cfg: &cfg, rc: rc, weights: weights}
	if cfg.SelectTop > 0 {
		if ts, valid, err = t.selectTop(p, ts, valid); err != nil {
			return nil, err
		}
	}
	res := &TrainResult{Train: ts, Valid: valid}
	if cfg.CVFolds > 0 {
		if res.CV, err = t.cv(p, ts); err != nil {
			return nil, err
		}
		if p.EarlyStopping > 0 {
			p.NumIterations, p.EarlyStopping = res.CV.MeanRounds(), 0
		}
		if cfg.SkipFinal {
			return res, nil
		}
	}
	if res.Model, res.History, err = t.train(p, ts, valid); err != nil {
		return nil, err
	}
	res.Meta = lgbm.Meta{PlanHash: ts.Features.PlanHash, Objective: kind, Mirror: t.mirror(),
		Antisymmetric: t.rc.Antisymmetric(), Params: metaParams(ts, valid, res.History)}
	if w := weightsNote(&cfg); w != "" {
		res.Meta.Params["sample_weights"] = w
	}
	return res, nil
}

// checkObjective parses p.Objective as an lgbm.Kind, sets p's objective and
// number of classes from it and validates p.
func checkObjective(p *gbdt.Params) (lgbm.Kind, error) {
	kind, err := lgbm.ParseKind(p.Objective)
	if err != nil {
		return "", err
	}
	p.Objective, p.NumClass = string(kind), kind.NumClass()
	if err := p.Validate(); err != nil {
		return "", err
	}
	return kind, nil
}

// trainer trains models of one recipe.
type trainer struct {
	cfg     *TrainConfig
	rc      *Recipe
	weights map[string]float64 // sample weight by SampleID (nil: unweighted)
}

// mirror reports whether training adds the mirror rows.
func (t *trainer) mirror() bool { return !t.cfg.NoMirror && t.rc.Antisymmetric() }

// selectTop trains once and returns the sets restricted to SelectTop's
// choice, updating the recipe to the kept columns.
func (t *trainer) selectTop(p gbdt.Params, ts, valid *TrainSet) (*TrainSet, *TrainSet, error) {
	model, _, err := t.train(p, ts, valid)
	if err != nil {
		return nil, nil, fmt.Errorf("--select-top: first training: %w", err)
	}
	names, err := SelectTop(model.GainImportance(), ts.Features.Names, t.rc.Mirror, t.cfg.SelectTop)
	if err != nil {
		return nil, nil, fmt.Errorf("--select-top: %w", err)
	}
	if f := t.cfg.SelectCost; f > 0 && f < 1 {
		if names, err = t.selectByCost(model, ts.Features.Names, names); err != nil {
			return nil, nil, err
		}
	}
	if ts, valid, err = KeepColumns(ts, valid, names); err != nil {
		return nil, nil, err
	}
	if t.cfg.Log != nil {
		fmt.Fprintf(t.cfg.Log, "--select-top %d: retraining on %d features (with mirror partners)\n", t.cfg.SelectTop, len(names))
	}
	t.rc, err = NewRecipe(ts.Features.Names, t.rc.Kind, !t.cfg.NoMirror)
	return ts, valid, err
}

// selectByCost restricts the names SelectTop kept to SelectByCost's choice
// at the configured fraction, by the first model's gains.
func (t *trainer) selectByCost(model *gbdt.Model, all, names []string) ([]string, error) {
	byName := make(map[string]float64, len(all))
	for i, g := range model.GainImportance() {
		byName[all[i]] = g
	}
	gain := make([]float64, len(names))
	for i, n := range names {
		gain[i] = byName[n]
	}
	sel, err := SelectByCost(names, gain, t.cfg.SelectCost)
	if err != nil {
		return nil, fmt.Errorf("--select-cost: %w", err)
	}
	if t.cfg.Log != nil {
		fmt.Fprintf(t.cfg.Log, "--select-cost %g: kept %d of %d features in %d of %d units: estimated %.1f of %.1f CPU ms per pair, %.1f%% of their gain\n",
			t.cfg.SelectCost, len(sel.Names), len(names), sel.Units, sel.OfUnits, sel.CostMs, sel.OfCostMs, 100*sel.GainKept/max(sel.GainTotal, 1e-300))
	}
	return sel.Names, nil
}

// datasets bins a training set (with its mirror rows when the recipe
// trains on them) and returns it with its labels.
func (t *trainer) dataset(p gbdt.Params, ts *TrainSet) (*gbdt.Dataset, []float64, error) {
	m := ts.Features
	opt := gbdt.DatasetOptions{Names: m.Names, MaxBin: p.MaxBin, Cores: p.Cores}
	if t.mirror() { // the mirror rows are binned without a float32 copy
		opt.Mirror = t.rc.Mirror
	}
	var ds *gbdt.Dataset
	var err error
	if src := ts.source(); src != nil { // a block of the file's columns at a time
		ds, err = gbdt.NewDatasetFrom(src, opt)
	} else {
		ds, err = gbdt.NewDataset(m.Data, m.Rows, m.Cols, opt)
	}
	if err != nil {
		return nil, nil, err
	}
	if t.weights != nil {
		if err := ds.SetWeights(rowWeights(t.weights, m.IDs, t.mirror())); err != nil {
			return nil, nil, err
		}
	}
	return ds, t.rc.Labels(ts.Targets, t.mirror()), nil
}

// validation bins a validation set like ds (with mirror rows when the
// scores are antisymmetric) and returns it with its labels and metric.
func (t *trainer) validation(ds *gbdt.Dataset, valid *TrainSet) (*gbdt.Dataset, []float64, func([]float64) float64, error) {
	if err := CheckBothDirections("the validation set", valid.Targets); err != nil {
		return nil, nil, nil, err
	}
	var vds *gbdt.Dataset
	var err error
	anti := t.rc.Antisymmetric()
	switch src := valid.source(); {
	case src != nil:
		var mirror gbdt.Mirror // nil: no mirror rows
		if anti {
			mirror = t.rc.Mirror
		}
		vds, err = ds.BinLikeFrom(src, mirror)
	case anti:
		vds, err = ds.BinLikeMirrored(valid.Features.Data, valid.Features.Rows, t.rc.Mirror)
	default:
		vds, err = ds.BinLike(valid.Features.Data, valid.Features.Rows)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return vds, t.rc.Labels(valid.Targets, t.rc.Antisymmetric()), t.rc.Metric(valid.Targets), nil
}

// train trains on ts and validates on valid (if not nil) with the
// bidirectional AUC of the pair scores.
func (t *trainer) train(p gbdt.Params, ts, valid *TrainSet) (*gbdt.Model, *gbdt.History, error) {
	ds, labels, err := t.dataset(p, ts)
	if err != nil {
		return nil, nil, err
	}
	var vds *gbdt.Dataset
	var vlabels []float64
	if valid != nil {
		if vds, vlabels, p.Metric, err = t.validation(ds, valid); err != nil {
			return nil, nil, err
		}
	}
	update, done := t.progress(p.NumIterations)
	model, hist, err := gbdt.Train(p, ds, labels, vds, vlabels, update)
	done()
	if err != nil {
		return nil, nil, fmt.Errorf("train: %w", err)
	}
	return model, hist, nil
}

// progress returns the progress callbacks of one training.
func (t *trainer) progress(rounds int) (func(gbdt.Progress), func()) {
	if t.cfg.Progress == nil {
		return nil, func() {}
	}
	return t.cfg.Progress(rounds)
}

// metaParams are the training facts recorded in the model file besides
// the learner's own parameters.
func metaParams(ts, valid *TrainSet, hist *gbdt.History) map[string]string {
	m := map[string]string{
		"train_pairs":    strconv.Itoa(ts.Rows()),
		"best_iteration": strconv.Itoa(hist.BestIteration),
	}
	if valid != nil {
		m["valid_pairs"] = strconv.Itoa(valid.Rows())
		if n := len(hist.ValidMetric); n > 0 {
			m["valid_bidirectional_auc"] = strconv.FormatFloat(hist.ValidMetric[hist.BestIteration-1], 'g', -1, 64)
		}
	}
	return m
}
