package gbdt

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"strconv"
)

// Params holds the training parameters. Names follow LightGBM's parameters.
// Start from DefaultParams and change what you need.
type Params struct {
	// Objective is "regression" (L2), "huber", "binary" (logistic, labels
	// 0/1) or "multiclass" (softmax, labels 0..NumClass-1).
	Objective string
	// NumClass is the number of classes for "multiclass" (>= 2); ignored
	// otherwise.
	NumClass int
	// HuberDelta is the Huber loss's transition point (LightGBM's alpha).
	HuberDelta float64

	NumIterations int     // boosting rounds (>= 1)
	LearningRate  float64 // shrinkage, > 0
	NumLeaves     int     // maximum leaves per tree, >= 2
	MaxDepth      int     // maximum depth of a leaf; <= 0 means no limit
	MaxBin        int     // used by callers building the Dataset: bins per feature incl. the NaN bin, 2..255

	MinDataInLeaf       int     // minimum training rows in a leaf
	MinSumHessianInLeaf float64 // minimum sum of hessians in a leaf
	LambdaL1            float64 // L1 regularisation of leaf values
	LambdaL2            float64 // L2 regularisation of leaf values
	MinGainToSplit      float64 // minimum gain of a split

	FeatureFraction       float64 // fraction of features sampled per tree, (0, 1]
	FeatureFractionByNode float64 // fraction of the tree's features sampled per split, (0, 1]
	BaggingFraction       float64 // fraction of rows sampled, (0, 1]
	BaggingFreq           int     // resample rows every BaggingFreq rounds; 0 disables bagging

	// EarlyStopping stops training after this many rounds without
	// improvement of the validation metric (0 disables it). The model is
	// truncated to the best iteration. Ignored without a validation set.
	EarlyStopping int
	// Metric, if not nil, scores the validation set's raw scores (row-major,
	// rows x NumClass) each round; higher is better. It drives early
	// stopping instead of the objective's loss when set.
	Metric func(rawScores []float64) float64

	// Cores is the number of goroutines; <= 0 means runtime.NumCPU(). The
	// model does not depend on it.
	Cores int
	// Seed drives feature sampling and bagging.
	Seed uint64
	// Context, if not nil, is checked before every round: when it is done
	// Train stops with its error. The model does not depend on it.
	Context context.Context
}

// DefaultParams returns LightGBM's defaults for the L2 objective.
func DefaultParams() Params {
	return Params{
		Objective:             "regression",
		NumClass:              1,
		HuberDelta:            0.9,
		NumIterations:         100,
		LearningRate:          0.1,
		NumLeaves:             31,
		MaxDepth:              -1,
		MaxBin:                255,
		MinDataInLeaf:         20,
		MinSumHessianInLeaf:   1e-3,
		FeatureFraction:       1,
		FeatureFractionByNode: 1,
		BaggingFraction:       1,
		Cores:                 0,
		Seed:                  0,
	}
}

// numClass returns the number of trees per iteration.
func (p *Params) numClass() int {
	if p.Objective == "multiclass" {
		return p.NumClass
	}
	return 1
}

// cores returns the effective number of goroutines.
func (p *Params) cores() int {
	if p.Cores <= 0 {
		return runtime.NumCPU()
	}
	return p.Cores
}

// Validate reports the first invalid parameter.
func (p *Params) Validate() error {
	fraction := func(name string, v float64) error {
		if !(v > 0 && v <= 1) {
			return fmt.Errorf("gbdt: %s must be in (0, 1], got %v", name, v)
		}
		return nil
	}
	switch p.Objective {
	case "regression", "binary":
	case "huber":
		if !(p.HuberDelta > 0) || math.IsInf(p.HuberDelta, 0) {
			return fmt.Errorf("gbdt: HuberDelta must be a positive number, got %v", p.HuberDelta)
		}
	case "multiclass":
		if p.NumClass < 2 {
			return fmt.Errorf("gbdt: multiclass needs NumClass >= 2, got %d", p.NumClass)
		}
	default:
		return fmt.Errorf("gbdt: unknown objective %q (want regression, huber, binary or multiclass)", p.Objective)
	}
	switch {
	case p.NumIterations < 1:
		return fmt.Errorf("gbdt: NumIterations must be >= 1, got %d", p.NumIterations)
	case !(p.LearningRate > 0) || math.IsInf(p.LearningRate, 0):
		return fmt.Errorf("gbdt: LearningRate must be a positive number, got %v", p.LearningRate)
	case p.NumLeaves < 2:
		return fmt.Errorf("gbdt: NumLeaves must be >= 2, got %d", p.NumLeaves)
	case p.MaxBin < 2 || p.MaxBin > 255:
		return fmt.Errorf("gbdt: MaxBin must be in [2, 255], got %d", p.MaxBin)
	case p.MinDataInLeaf < 1:
		return fmt.Errorf("gbdt: MinDataInLeaf must be >= 1, got %d", p.MinDataInLeaf)
	case !(p.MinSumHessianInLeaf >= 0):
		return fmt.Errorf("gbdt: MinSumHessianInLeaf must be >= 0, got %v", p.MinSumHessianInLeaf)
	case !(p.LambdaL1 >= 0) || !(p.LambdaL2 >= 0):
		return fmt.Errorf("gbdt: LambdaL1 and LambdaL2 must be >= 0, got %v and %v", p.LambdaL1, p.LambdaL2)
	case !(p.MinGainToSplit >= 0):
		return fmt.Errorf("gbdt: MinGainToSplit must be >= 0, got %v", p.MinGainToSplit)
	case p.BaggingFreq < 0:
		return fmt.Errorf("gbdt: BaggingFreq must be >= 0, got %d", p.BaggingFreq)
	case p.EarlyStopping < 0:
		return fmt.Errorf("gbdt: EarlyStopping must be >= 0, got %d", p.EarlyStopping)
	}
	if err := fraction("FeatureFraction", p.FeatureFraction); err != nil {
		return err
	}
	if err := fraction("FeatureFractionByNode", p.FeatureFractionByNode); err != nil {
		return err
	}
	return fraction("BaggingFraction", p.BaggingFraction)
}

// errEmpty is returned for a dataset without rows or columns.
var errEmpty = errors.New("gbdt: empty data (no rows or no columns)")

// objectiveString returns LightGBM's objective line for the model.
func (p *Params) objectiveString() string {
	switch p.Objective {
	case "binary":
		return "binary sigmoid:1"
	case "multiclass":
		return "multiclass num_class:" + strconv.Itoa(p.NumClass)
	}
	return p.Objective
}

// LightGBM returns the parameters as LightGBM-named strings (the model
// file's parameters section, a LightGBM configuration).
func (p *Params) LightGBM() map[string]string { return p.asMap() }

// asMap records the parameters as LightGBM-named strings.
func (p *Params) asMap() map[string]string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	i := strconv.Itoa
	m := map[string]string{
		"objective":               p.Objective,
		"num_iterations":          i(p.NumIterations),
		"learning_rate":           f(p.LearningRate),
		"num_leaves":              i(p.NumLeaves),
		"max_depth":               i(p.MaxDepth),
		"max_bin":                 i(p.MaxBin),
		"min_data_in_leaf":        i(p.MinDataInLeaf),
		"min_sum_hessian_in_leaf": f(p.MinSumHessianInLeaf),
		"lambda_l1":               f(p.LambdaL1),
		"lambda_l2":               f(p.LambdaL2),
		"min_gain_to_split":       f(p.MinGainToSplit),
		"feature_fraction":        f(p.FeatureFraction),
		"feature_fraction_bynode": f(p.FeatureFractionByNode),
		"bagging_fraction":        f(p.BaggingFraction),
		"bagging_freq":            i(p.BaggingFreq),
		"early_stopping_round":    i(p.EarlyStopping),
		"seed":                    strconv.FormatUint(p.Seed, 10),
	}
	switch p.Objective {
	case "huber":
		m["alpha"] = f(p.HuberDelta)
	case "multiclass":
		m["num_class"] = i(p.NumClass)
	}
	return m
}

// nan returns a quiet NaN.
func nan() float64 { return math.NaN() }
