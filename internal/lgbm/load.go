package lgbm

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/dmitryikh/leaves"
)

// Importance is the use of one feature by a model.
type Importance struct {
	Splits int     // number of splits on the feature
	Gain   float64 // total gain of those splits
}

// Model is a loaded model, ready to predict with leaves.
type Model struct {
	// FeatureNames are the model's inputs, in column order.
	FeatureNames []string
	// Objective is the header's objective line, e.g. "binary sigmoid:1".
	Objective string
	// Kind is the objective family.
	Kind Kind
	// NumClass is the number of raw outputs per row.
	NumClass int
	// Sigmoid is the binary objective's sigmoid parameter (1 otherwise).
	Sigmoid float64
	// NumTrees is the number of trees (iterations x NumClass).
	NumTrees int
	// HasMeta reports whether the file carries causal metadata; when false,
	// Meta.Objective is Kind and the recipe flags are false.
	HasMeta bool
	// Meta is the causal metadata (Params holds every other parameter line).
	Meta Meta
	// Importance is indexed like FeatureNames.
	Importance []Importance

	ens *leaves.Ensemble
}

// MaxModelBytes caps the size of a model file read (a model of 10,000
// trees of 255 leaves takes about 400 MB).
const MaxModelBytes = 4 << 30

// Load reads a LightGBM text model file (format v2, v3 or v4).
func Load(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	defer f.Close()
	return LoadNamed(f, path)
}

// LoadNamed reads a LightGBM text model from r; errors name the file.
func LoadNamed(r io.Reader, name string) (*Model, error) {
	data, err := readCapped(r)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	m, err := parseModel(data)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	return m, nil
}

// maxFirstLine caps the first line of a model file ("tree" in LightGBM's
// format): a file without a line break early on is refused at once.
const maxFirstLine = 64 << 10

// readCapped reads r whole, refusing more than MaxModelBytes and a first
// line longer than maxFirstLine.
func readCapped(r io.Reader) ([]byte, error) {
	br := bufio.NewReaderSize(r, maxFirstLine)
	if head, err := br.Peek(maxFirstLine); err == nil && bytes.IndexByte(head, '\n') < 0 {
		return nil, fmt.Errorf("line 1 longer than %d KiB: not a LightGBM text model", maxFirstLine>>10)
	}
	data, err := io.ReadAll(io.LimitReader(br, MaxModelBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxModelBytes {
		return nil, fmt.Errorf("larger than %d GiB (the cap of a model file): not a model file", MaxModelBytes>>30)
	}
	return data, nil
}

// LoadReader reads a LightGBM text model from r.
func LoadReader(r io.Reader) (*Model, error) {
	data, err := readCapped(r)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	m, err := parseModel(data)
	if err != nil {
		return nil, fmt.Errorf("load model: %w", err)
	}
	return m, nil
}

// parseModel validates data, reads the metadata and loads the trees with
// leaves (raw scores; links are applied in Go).
func parseModel(data []byte) (*Model, error) {
	tm, err := parseText(data)
	if err != nil {
		return nil, err
	}
	if err := tm.checkTrees(); err != nil {
		return nil, err
	}
	m := &Model{
		FeatureNames: strings.Fields(tm.header["feature_names"]),
		Objective:    strings.TrimSpace(tm.header["objective"]),
		NumTrees:     len(tm.trees),
	}
	m.NumClass, _ = strconv.Atoi(tm.header["num_class"])
	if err := m.parseObjective(); err != nil {
		return nil, err
	}
	if err := m.readMeta(tm); err != nil {
		return nil, err
	}
	m.Importance = textImportances(tm.trees, len(m.FeatureNames))
	if tm.header["version"] == "v4" {
		// leaves accepts only v2/v3; the layout is otherwise the same.
		fixed := make([]byte, 0, len(data))
		fixed = append(fixed, data[:tm.versionPos]...)
		fixed = append(fixed, "v3"...)
		data = append(fixed, data[tm.versionEnd:]...)
	}
	if m.ens, err = leavesLoad(data); err != nil {
		return nil, err
	}
	if got := m.ens.NRawOutputGroups(); got != m.NumClass {
		return nil, fmt.Errorf("leaves read %d outputs per row, want %d", got, m.NumClass)
	}
	return m, nil
}

// leavesLoad runs leaves' parser, turning a panic into an error.
func leavesLoad(data []byte) (ens *leaves.Ensemble, err error) {
	defer func() {
		if r := recover(); r != nil {
			ens, err = nil, fmt.Errorf("corrupt model: %v", r)
		}
	}()
	ens, err = leaves.LGEnsembleFromReader(bufio.NewReader(bytes.NewReader(data)), false)
	if err != nil {
		return nil, fmt.Errorf("leaves: %w", err)
	}
	return ens, nil
}

// parseObjective sets Kind and Sigmoid from the objective line.
func (m *Model) parseObjective() error {
	tok := strings.Fields(m.Objective)
	if len(tok) == 0 {
		return fmt.Errorf("empty objective")
	}
	m.Sigmoid = 1
	opts := map[string]string{}
	for _, t := range tok[1:] {
		k, v, _ := strings.Cut(t, ":")
		opts[k] = v
	}
	switch tok[0] {
	case "regression", "regression_l2":
		m.Kind = Regression
	case "huber":
		m.Kind = Huber
	case "binary":
		m.Kind = Binary
		if s, ok := opts["sigmoid"]; ok {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || !(v > 0) || !isFinite(v) {
				return fmt.Errorf("objective %q: bad sigmoid parameter", m.Objective)
			}
			m.Sigmoid = v
		}
	case "multiclass":
		m.Kind = Multiclass
		if k, err := strconv.Atoi(opts["num_class"]); err != nil || k != m.NumClass {
			return fmt.Errorf("objective %q does not match num_class=%d", m.Objective, m.NumClass)
		}
		if m.NumClass != MulticlassClasses {
			return fmt.Errorf("objective %q: causal's multiclass recipe needs %d classes (A->B, B->A, neither)", m.Objective, MulticlassClasses)
		}
	default:
		return fmt.Errorf("unsupported objective %q (causal serves regression, huber, binary and 3-class multiclass models)", m.Objective)
	}
	if m.Kind != Multiclass && m.NumClass != 1 {
		return fmt.Errorf("objective %q with num_class=%d", m.Objective, m.NumClass)
	}
	return nil
}

// readMeta reads the causal keys of the parameters section.
func (m *Model) readMeta(tm *textModel) error {
	m.Meta = Meta{Objective: m.Kind, Params: map[string]string{}}
	for k, v := range tm.params {
		if !strings.HasPrefix(k, "causal_") {
			m.Meta.Params[k] = v
		}
	}
	recipe, ok := tm.params[keyRecipe]
	if !ok {
		return nil
	}
	m.HasMeta = true
	m.Meta.PlanHash = tm.params[keyPlanHash]
	if obj, ok := tm.params[keyObjective]; ok {
		k, err := ParseKind(obj)
		if err != nil {
			return fmt.Errorf("parameter %s: %w", keyObjective, err)
		}
		if k != m.Kind {
			return fmt.Errorf("wrong objective: metadata says %s but the header says %q", k, m.Objective)
		}
	}
	for _, f := range strings.Fields(recipe) {
		k, v, _ := strings.Cut(f, "=")
		if v != "0" && v != "1" {
			return fmt.Errorf("parameter %s: bad value %q", keyRecipe, f)
		}
		switch k {
		case "mirror":
			m.Meta.Mirror = v == "1"
		case "antisymmetric":
			m.Meta.Antisymmetric = v == "1"
		default:
			return fmt.Errorf("parameter %s: unknown field %q", keyRecipe, k)
		}
	}
	return nil
}

// textImportances sums split counts and gains per feature from the trees.
func textImportances(trees []map[string]string, nf int) []Importance {
	imp := make([]Importance, nf)
	for _, kv := range trees {
		feat := strings.Fields(kv["split_feature"])
		gain := strings.Fields(kv["split_gain"])
		for j, s := range feat {
			f, _ := strconv.Atoi(s)
			imp[f].Splits++
			if j < len(gain) {
				g, _ := strconv.ParseFloat(gain[j], 64)
				imp[f].Gain += g
			}
		}
	}
	return imp
}

// PredictRaw returns the raw scores (rows x NumClass, row-major) of a
// row-major matrix with one column per feature name, using threads
// goroutines.
func (m *Model) PredictRaw(data []float64, rows, threads int) ([]float64, error) {
	cols := len(m.FeatureNames)
	if rows < 0 || len(data) != rows*cols {
		return nil, fmt.Errorf("predict: %d values is not %d rows x %d features", len(data), rows, cols)
	}
	out := make([]float64, rows*m.NumClass)
	if rows == 0 {
		return out, nil
	}
	if err := m.ens.PredictDense(data, rows, cols, out, 0, threads); err != nil {
		return nil, fmt.Errorf("predict: %w", err)
	}
	return out, nil
}
