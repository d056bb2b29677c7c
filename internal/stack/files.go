package stack

import (
	"fmt"
	"io"
	"math"

	"github.com/causal-tool/causal/internal/pairio"
)

// Files are the inputs of `causal stack fit` and `cv`: a feature file, the
// trees' predictions of its pairs, their targets and, optionally, weights
// and groups (each SampleID,Value).
type Files struct {
	Features, Trees, Target, Weights, Groups string
	// Name describes the pairs in a fitted stack's record (default: the
	// feature file's path).
	Name string
}

// Load reads the files and returns the pairs and the labelled data of
// spec sp.
func (f Files) Load(sp Spec) (*Inputs, Data, error) {
	in, err := ReadInputs(f.Features, f.Trees)
	if err != nil {
		return nil, Data{}, err
	}
	var lb Labels
	if lb.Targets, err = pairio.ReadTargets(f.Target); err != nil {
		return nil, Data{}, err
	}
	if f.Weights != "" {
		if lb.Weights, err = pairio.ReadWeights(f.Weights); err != nil {
			return nil, Data{}, err
		}
	}
	if f.Groups != "" {
		if lb.Groups, err = pairio.ReadLabels(f.Groups); err != nil {
			return nil, Data{}, err
		}
	}
	d, err := in.Data(sp, lb)
	if err != nil {
		return nil, Data{}, fmt.Errorf("%s with %s: %w", f.Features, f.Target, err)
	}
	return in, d, nil
}

// FitFiles fits spec sp on the files with L2 penalty lambda or, when
// lambda is NaN, the penalty of DefaultLambdas chosen by
// leave-one-group-out log-loss over f.Groups (then required), reported on
// log (nil: not reported).
func FitFiles(sp Spec, f Files, lambda float64, workers int, log io.Writer) (*Stack, error) {
	if math.IsNaN(lambda) && f.Groups == "" {
		return nil, fmt.Errorf("stack fit: --groups is required to choose the penalty (or give --lambda)")
	}
	_, d, err := f.Load(sp)
	if err != nil {
		return nil, err
	}
	if math.IsNaN(lambda) {
		var losses []float64
		if lambda, losses, err = SelectLambda(sp, d, DefaultLambdas, 0, workers); err != nil {
			return nil, err
		}
		if log != nil {
			fmt.Fprintf(log, "leave-one-group-out log-loss by lambda %v: %.5f -> lambda %g\n", DefaultLambdas, losses, lambda)
		}
	}
	name := f.Name
	if name == "" {
		name = f.Features
	}
	return Fit(sp, d, lambda, fmt.Sprintf("%d pairs of %s", d.Len(), name))
}

// CrossValidateFiles returns the leave-one-group-out scores of the pairs
// of the files (CrossValidate over DefaultLambdas; f.Groups is required),
// with their SampleIDs, and reports the penalties chosen on log (nil: not
// reported).
func CrossValidateFiles(sp Spec, f Files, innerFolds, workers int, log io.Writer) ([]string, []float64, error) {
	if f.Groups == "" {
		return nil, nil, fmt.Errorf("stack cv: --groups is required")
	}
	in, d, err := f.Load(sp)
	if err != nil {
		return nil, nil, err
	}
	scores, folds, err := CrossValidate(sp, d, DefaultLambdas, innerFolds, workers)
	if err != nil {
		return nil, nil, err
	}
	if log != nil {
		count := map[float64]int{}
		for _, fo := range folds {
			count[fo.Lambda]++
		}
		fmt.Fprintf(log, "%d folds; lambda chosen (lambda: folds): %v\n", len(folds), count)
	}
	return in.IDs, scores, nil
}

// ApplyFiles scores the pairs of a feature file with the stack over the
// trees' predictions of the same pairs, returning their SampleIDs and
// scores: what causal predict --stack gives, without featurizing again.
func (s *Stack) ApplyFiles(featPath, treesPath string) ([]string, []float64, error) {
	in, err := ReadInputs(featPath, treesPath)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.Bind(in.Names)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", featPath, err)
	}
	scores := make([]float64, len(in.IDs))
	for i := range scores {
		scores[i] = b.Score(in.Trees[i], in.Rows[i])
	}
	return in.IDs, scores, nil
}
