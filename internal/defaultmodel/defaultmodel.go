// Package defaultmodel holds causal's built-in model, made by `make model`
// (causal lab make-model) and embedded in the binary, so that
// `causal predict pairs.csv` works without --model.
package defaultmodel

import (
	"bytes"
	"compress/gzip"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/stack"
)

//go:embed data
var data embed.FS

// File is the path of the gzipped model inside the embedded folder.
const File = "data/model.txt.gz"

// ErrNone is returned when the binary was built without a default model.
var ErrNone = errors.New("this causal was built without a default model (run `make model`, or pass --model)")

// Text returns the default model's LightGBM text.
func Text() ([]byte, error) {
	gz, err := data.ReadFile(File)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNone
	}
	if err != nil {
		return nil, fmt.Errorf("default model: %w", err)
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("default model: %w", err)
	}
	text, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("default model: %w", err)
	}
	return text, nil
}

// StackFile is the path of the default model's second stage inside the
// embedded folder (see internal/stack); absent until one is accepted.
const StackFile = "data/stack.json"

// StackText returns the JSON text of the default model's second stage, or
// nil when the binary embeds none (the trees alone then score).
func StackText() ([]byte, error) {
	text, err := data.ReadFile(StackFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("default second stage: %w", err)
	}
	return text, nil
}

// Model returns the default model, parsed.
func Model() (*lgbm.Model, error) {
	text, err := Text()
	if err != nil {
		return nil, err
	}
	m, err := lgbm.LoadReader(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("embedded default model: %w", err)
	}
	return m, nil
}

// Stack returns the default model's second stage, parsed, or nil when the
// binary embeds none.
func Stack() (*stack.Stack, error) {
	text, err := StackText()
	if text == nil || err != nil {
		return nil, err
	}
	return stack.Parse("embedded in causal", text)
}
