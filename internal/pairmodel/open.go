package pairmodel

import (
	"fmt"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/defaultmodel"
	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/stack"
)

// Source names the model Open loads and its second stage.
type Source struct {
	// Model is a model file; "" is the embedded default model.
	Model string
	// Stack is a second stage file (causal stack fit); "" is the embedded
	// model's own stage when Model is "" and the binary embeds one.
	Stack string
	// NoStack scores with the trees alone.
	NoStack bool
}

// Open loads a model and its second stage for scoring pairs, as causal
// predict does. Files are opened as inputs (atomicfile.OpenInput), so no
// output of the command can overwrite them.
func Open(src Source, workers int) (*Scorer, error) {
	if src.NoStack && src.Stack != "" {
		return nil, fmt.Errorf("--stack and --no-stack exclude each other")
	}
	m, err := LoadModel(src.Model)
	if err != nil {
		return nil, err
	}
	s, err := NewScorer(m, workers)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ModelName(src.Model), err)
	}
	s.Name = ModelName(src.Model)
	var st *stack.Stack
	switch {
	case src.NoStack:
	case src.Stack != "":
		if st, err = stack.Load(src.Stack); err != nil {
			return nil, err
		}
	case src.Model == "":
		if st, err = defaultmodel.Stack(); err != nil {
			return nil, err
		}
	}
	if st != nil {
		if err := s.SetStack(st); err != nil {
			return nil, fmt.Errorf("second stage: %w", err)
		}
	}
	return s, nil
}

// LoadModel reads a model file as an input of the command, or with path
// "" the embedded default model.
func LoadModel(path string) (*lgbm.Model, error) {
	if path == "" {
		return defaultmodel.Model()
	}
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	return lgbm.LoadNamed(f, path)
}

// ModelName is how messages name the model of a path ("" is the embedded
// default model).
func ModelName(path string) string {
	if path == "" {
		return "the embedded default model"
	}
	return "model " + path
}
