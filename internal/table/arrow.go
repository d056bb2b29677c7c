package table

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/causal-tool/causal/internal/arrowsafe"
)

// readParquet reads a Parquet file through pqarrow.
func readParquet(name string, data []byte, opt Options) (*Table, error) {
	mem := arrowsafe.Allocator(allocLimit(data))
	tbl, err := pqarrow.ReadTable(context.Background(), bytes.NewReader(data), parquet.NewReaderProperties(mem),
		pqarrow.ArrowReadProperties{}, mem)
	if err != nil {
		return nil, fmt.Errorf("read %s: parquet: %w", name, err)
	}
	defer tbl.Release()
	raws := make([]rawColumn, tbl.NumCols())
	for i := range raws {
		col := tbl.Column(i)
		raws[i].name = col.Name()
		for _, chunk := range col.Data().Chunks() {
			if err := appendArrow(name, &raws[i], chunk); err != nil {
				return nil, err
			}
		}
	}
	return buildArrow(name, raws, int(tbl.NumRows()), opt)
}

// corruptArrow turns a panic of the Arrow library's flatbuffers accessors
// (out-of-range offsets in a corrupt file) into an error naming the file.
func corruptArrow(name string, err *error) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("read %s: corrupt Arrow metadata: %v", name, p)
	}
}

// readArrowFile reads an Arrow IPC file (Feather v2).
func readArrowFile(name string, data []byte, opt Options) (t *Table, err error) {
	defer corruptArrow(name, &err)
	if err := arrowsafe.CheckFile(bytes.NewReader(data), int64(len(data))); err != nil {
		return nil, fmt.Errorf("read %s: arrow: %w", name, err)
	}
	fr, err := ipc.NewFileReader(bytes.NewReader(data), ipc.WithAllocator(arrowsafe.Allocator(allocLimit(data))))
	if err != nil {
		return nil, fmt.Errorf("read %s: arrow: %w", name, err)
	}
	defer fr.Close()
	raws := arrowColumns(fr.Schema())
	rows := 0
	for i := range fr.NumRecords() {
		rec, err := fr.RecordBatch(i)
		if err != nil {
			return nil, fmt.Errorf("read %s: arrow batch %d: %w", name, i, err)
		}
		if err := appendBatch(name, raws, rec); err != nil {
			return nil, err
		}
		rows += int(rec.NumRows())
	}
	return buildArrow(name, raws, rows, opt)
}

// readArrowStream reads an Arrow IPC stream.
func readArrowStream(name string, data []byte, opt Options) (t *Table, err error) {
	defer corruptArrow(name, &err)
	if err := arrowsafe.CheckStream(data); err != nil {
		return nil, fmt.Errorf("read %s: arrow stream: %w", name, err)
	}
	sr, err := ipc.NewReader(bytes.NewReader(data), ipc.WithAllocator(arrowsafe.Allocator(allocLimit(data))))
	if err != nil {
		return nil, fmt.Errorf("read %s: arrow stream: %w", name, err)
	}
	defer sr.Release()
	raws := arrowColumns(sr.Schema())
	rows := 0
	for sr.Next() {
		rec := sr.RecordBatch()
		if err := appendBatch(name, raws, rec); err != nil {
			return nil, err
		}
		rows += int(rec.NumRows())
	}
	if err := sr.Err(); err != nil && err != io.EOF {
		return nil, fmt.Errorf("read %s: arrow stream: %w", name, err)
	}
	return buildArrow(name, raws, rows, opt)
}

func arrowColumns(s *arrow.Schema) []rawColumn {
	raws := make([]rawColumn, s.NumFields())
	for i, f := range s.Fields() {
		raws[i].name = f.Name
	}
	return raws
}

func appendBatch(name string, raws []rawColumn, rec arrow.RecordBatch) error {
	for i := range raws {
		if err := appendArrow(name, &raws[i], rec.Column(i)); err != nil {
			return err
		}
	}
	return nil
}

// buildArrow types Arrow columns; errors name the data row.
func buildArrow(name string, raws []rawColumn, rows int, opt Options) (*Table, error) {
	for i := range raws {
		if raws[i].cells == nil && raws[i].nums == nil {
			raws[i].nums = []float64{} // no rows
		}
	}
	return build(name, raws, rows, opt, func(row int) (int, int) { return 0, row + 1 }, 0)
}

// appendArrow appends one array's values to a raw column: numbers and
// booleans (1/0) as numbers, strings (and dictionaries of strings) as text;
// nulls are missing.
func appendArrow(name string, rc *rawColumn, a arrow.Array) error {
	if d, ok := a.(*array.Dictionary); ok {
		return appendDictionary(name, rc, d)
	}
	if get, ok := numberGetter(a); ok {
		if rc.cells != nil {
			return &Error{File: name, Column: rc.name, Msg: "column chunks mix text and numbers"}
		}
		if rc.nums == nil {
			rc.nums = []float64{}
		}
		for i := range a.Len() {
			v := math.NaN()
			if a.IsValid(i) {
				v = get(i)
			}
			rc.nums = append(rc.nums, v)
		}
		return nil
	}
	get, ok := textGetter(a)
	if !ok {
		return &Error{File: name, Column: rc.name, Msg: fmt.Sprintf("Arrow type %s is not supported (numbers, booleans, strings and dictionaries of strings are)", a.DataType())}
	}
	if rc.nums != nil {
		return &Error{File: name, Column: rc.name, Msg: "column chunks mix text and numbers"}
	}
	for i := range a.Len() {
		s := ""
		if a.IsValid(i) {
			s = get(i)
		}
		rc.cells = append(rc.cells, s)
	}
	return nil
}

// appendDictionary appends a dictionary-encoded column through its values.
func appendDictionary(name string, rc *rawColumn, d *array.Dictionary) error {
	dict := d.Dictionary()
	get, ok := textGetter(dict)
	if !ok {
		if num, isNum := numberGetter(dict); isNum {
			get, ok = func(i int) string { return fmt.Sprint(num(i)) }, true
		}
	}
	if !ok {
		return &Error{File: name, Column: rc.name, Msg: fmt.Sprintf("Arrow dictionary of %s is not supported", dict.DataType())}
	}
	for i := range d.Len() {
		s := ""
		if d.IsValid(i) && dict.IsValid(d.GetValueIndex(i)) {
			s = get(d.GetValueIndex(i))
		}
		rc.cells = append(rc.cells, s)
	}
	return nil
}

// numberGetter returns a float64 accessor for numeric and boolean arrays.
func numberGetter(a arrow.Array) (func(int) float64, bool) {
	switch x := a.(type) {
	case *array.Float64:
		return x.Value, true
	case *array.Float32:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Float16:
		return func(i int) float64 { return float64(x.Value(i).Float32()) }, true
	case *array.Int8:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Int16:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Int32:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Int64:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Uint8:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Uint16:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Uint32:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Uint64:
		return func(i int) float64 { return float64(x.Value(i)) }, true
	case *array.Boolean:
		return func(i int) float64 {
			if x.Value(i) {
				return 1
			}
			return 0
		}, true
	}
	return nil, false
}

// textGetter returns a string accessor for string arrays.
func textGetter(a arrow.Array) (func(int) string, bool) {
	switch x := a.(type) {
	case *array.String:
		return x.Value, true
	case *array.LargeString:
		return x.Value, true
	case *array.StringView:
		return x.Value, true
	}
	return nil, false
}
