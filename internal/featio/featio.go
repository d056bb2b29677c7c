// Package featio writes and reads feature files: one row per pair, a
// SampleID column followed by one float32 column per feature.
//
// The default format is the Apache Arrow IPC file format (Feather v2), read
// directly by pandas.read_feather, polars.read_ipc and pyarrow. Rows are
// written in record batches of a bounded number of rows, so writing streams
// with bounded memory. The schema carries the feature names (one Float32
// field per feature, after the Utf8 SampleID field) and its metadata carries
// the plan hash under the key MetaPlanHash.
//
// The CSV format (for small cases) has the header "SampleID,<names...>", one
// line per pair, values in the shortest float32 notation and missing values
// written as "NaN" (pandas and polars read it as NaN; an empty field is read
// back as NaN too). A CSV file carries no plan hash: Header().PlanHash is "".
//
// Feature values are never Arrow nulls: a missing feature is a float NaN.
// Outputs are written atomically (temporary file renamed on Commit).
package featio

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// Supported formats.
const (
	FormatArrow = "arrow"
	FormatCSV   = "csv"
)

// IDColumn is the name of the first column, holding the pair identifier.
const IDColumn = "SampleID"

// MetaPlanHash is the Arrow schema metadata key holding the plan hash.
const MetaPlanHash = "causal.plan_hash"

// MetaShard is the Arrow schema metadata key holding "i/n" in the output of
// featurize --shard i/n (absent otherwise), so that merge can check the
// order of its shards.
const MetaShard = "causal.shard"

// MetaFormatVersion is the Arrow schema metadata key holding the version of
// this file layout (currently "1").
const MetaFormatVersion = "causal.features_version"

// arrowMagic opens every Arrow IPC file.
var arrowMagic = []byte("ARROW1")

// Header describes the columns of a feature file.
type Header struct {
	// Names are the feature names, in column order (SampleID excluded).
	Names []string
	// PlanHash identifies the plan that computed the features ("" if unknown).
	PlanHash string
	// Shard is "i/n" for shard i of n of featurize --shard ("" otherwise, and
	// always in CSV files).
	Shard string
}

// Matrix is a whole feature file in memory.
type Matrix struct {
	IDs      []string
	Names    []string
	PlanHash string
	// Data holds Rows x Cols values, row-major.
	Data       []float32
	Rows, Cols int
}

// Row returns row i of the matrix (sharing its storage).
func (m *Matrix) Row(i int) []float32 { return m.Data[i*m.Cols : (i+1)*m.Cols] }

// ValidateFormat checks a --format value.
func ValidateFormat(format string) error {
	if format != FormatArrow && format != FormatCSV {
		return fmt.Errorf("unknown feature file format %q (want %s or %s)", format, FormatArrow, FormatCSV)
	}
	return nil
}

// checkHeader rejects names that would break the file formats.
func checkHeader(h Header) error {
	seen := make(map[string]bool, len(h.Names))
	for _, n := range h.Names {
		if n == "" || n == IDColumn || strings.ContainsAny(n, ",\"\r\n") {
			return fmt.Errorf("invalid feature name %q", n)
		}
		if seen[n] {
			return fmt.Errorf("duplicate feature name %q", n)
		}
		seen[n] = true
	}
	return nil
}

// Reader reads a feature file row by row.
type Reader struct {
	path   string
	h      Header
	format string
	next   func() (string, []float32, error)
	cl     func() error
}

// Open opens a feature file, detecting its format from its first bytes.
func Open(path string) (*Reader, error) {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("open features: %w", err)
	}
	magic := make([]byte, len(arrowMagic))
	n, _ := io.ReadFull(f, magic)
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("open features %s: %w", path, err)
	}
	format := FormatCSV
	if bytes.Equal(magic[:n], arrowMagic) {
		format = FormatArrow
	}
	r, err := guarded(func() (*Reader, error) {
		if format == FormatArrow {
			return openArrow(f)
		}
		return openCSV(f, f.Close)
	})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read features %s: %w", path, err)
	}
	r.format = format
	r.path = path
	return r, nil
}

// guarded runs open, turning a panic inside the Arrow library (a damaged
// file can make it index out of range) into an error.
func guarded[T any](open func() (T, error)) (v T, err error) {
	defer func() {
		if p := recover(); p != nil {
			var zero T
			v, err = zero, fmt.Errorf("damaged file (%v)", p)
		}
	}()
	return open()
}

// Header returns the feature names and plan hash of the file.
func (r *Reader) Header() Header { return r.h }

// Format returns the file's format (FormatArrow or FormatCSV).
func (r *Reader) Format() string { return r.format }

// Next returns the next row (a fresh slice the caller may keep), or io.EOF.
// Errors name the file; a damaged file is an error, never a panic.
func (r *Reader) Next() (id string, row []float32, err error) {
	defer func() {
		if p := recover(); p != nil {
			id, row, err = "", nil, fmt.Errorf("read features %s: damaged file (%v)", r.path, p)
		}
	}()
	id, row, err = r.next()
	if err != nil && err != io.EOF {
		err = fmt.Errorf("read features %s: %w", r.path, err)
	}
	return id, row, err
}

// Close releases the file.
func (r *Reader) Close() error { return r.cl() }

// ReadAll reads a whole feature file into memory.
func ReadAll(path string) (*Matrix, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	h := r.Header()
	m := &Matrix{Names: h.Names, PlanHash: h.PlanHash, Cols: len(h.Names)}
	if st, err := os.Stat(path); err == nil && r.Format() == FormatArrow && len(h.Names) > 0 {
		// Every value takes at least 4 bytes of an Arrow file: the file size
		// bounds the values, so the matrix never regrows (a regrowth copies
		// gigabytes and leaves up to a quarter of slack).
		rows := st.Size() / 4 / int64(len(h.Names))
		m.Data = make([]float32, 0, rows*int64(len(h.Names)))
		m.IDs = make([]string, 0, rows)
	}
	for {
		id, row, err := r.Next()
		if err == io.EOF {
			return m, nil
		}
		if err != nil {
			return nil, err
		}
		m.IDs = append(m.IDs, id)
		m.Data = append(m.Data, row...)
		m.Rows++
	}
}

// WriteAll writes m as a feature file in the given format (FormatArrow or
// FormatCSV), atomically: the inverse of ReadAll.
func WriteAll(path, format string, m *Matrix) error {
	if len(m.IDs) != m.Rows || len(m.Data) != m.Rows*m.Cols || len(m.Names) != m.Cols {
		return fmt.Errorf("write features %s: %d IDs, %d values and %d names do not make %d rows x %d columns",
			path, len(m.IDs), len(m.Data), len(m.Names), m.Rows, m.Cols)
	}
	w, err := Create(path, format, Header{Names: m.Names, PlanHash: m.PlanHash})
	if err != nil {
		return err
	}
	defer w.Abort()
	for i, id := range m.IDs {
		if err := w.Write(id, m.Row(i)); err != nil {
			return err
		}
	}
	return w.Commit()
}

// Writer writes a feature file. Call Commit to publish it; Abort (safe after
// Commit, so usable with defer) discards it.
type Writer struct {
	h      Header
	write  func(id string, row []float32) error
	commit func() error
	abort  func()
	done   bool
}

// Create starts writing a feature file in the given format (FormatArrow or
// FormatCSV). Nothing appears at path until Commit succeeds.
func Create(path, format string, h Header) (*Writer, error) {
	if err := ValidateFormat(format); err != nil {
		return nil, err
	}
	if err := checkHeader(h); err != nil {
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	if format == FormatCSV {
		return createCSV(path, h)
	}
	return createArrow(path, h)
}

// Header returns the header the writer was created with.
func (w *Writer) Header() Header { return w.h }

// Write appends one row; row must hold one value per feature name.
func (w *Writer) Write(id string, row []float32) error {
	if w.done {
		return fmt.Errorf("write features: writer already closed")
	}
	if len(row) != len(w.h.Names) {
		return fmt.Errorf("write features of %q: got %d values, want %d", id, len(row), len(w.h.Names))
	}
	return w.write(id, row)
}

// Commit finishes the file and publishes it atomically.
func (w *Writer) Commit() error {
	if w.done {
		return fmt.Errorf("commit features: writer already closed")
	}
	w.done = true
	return w.commit()
}

// Abort discards the output. It is a no-op after Commit.
func (w *Writer) Abort() {
	if w.done {
		return
	}
	w.done = true
	w.abort()
}
