package table

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/causal-tool/causal/pairs"
)

// arrowRecord builds a batch with a float column (a null and a NaN), an
// int column, a bool column and a string column (a null).
func arrowRecord() arrow.RecordBatch {
	mem := memory.DefaultAllocator
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "x", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "k", Type: arrow.PrimitiveTypes.Int32},
		{Name: "on", Type: arrow.FixedWidthTypes.Boolean},
		{Name: "s", Type: arrow.BinaryTypes.String, Nullable: true},
	}, nil)
	b := array.NewRecordBuilder(mem, schema)
	defer b.Release()
	b.Field(0).(*array.Float64Builder).AppendValues([]float64{1.5, 0, math.NaN(), -2}, []bool{true, false, true, true})
	b.Field(1).(*array.Int32Builder).AppendValues([]int32{1, 2, 3, 1}, nil)
	b.Field(2).(*array.BooleanBuilder).AppendValues([]bool{true, false, false, true}, nil)
	b.Field(3).(*array.StringBuilder).AppendValues([]string{"b", "", "a", "c"}, []bool{true, false, true, true})
	return b.NewRecordBatch()
}

func checkArrowTable(t *testing.T, tb *Table) {
	t.Helper()
	if tb.Rows != 4 || len(tb.Columns) != 4 {
		t.Fatalf("rows %d cols %d", tb.Rows, len(tb.Columns))
	}
	x, k, on, s := tb.Columns[0], tb.Columns[1], tb.Columns[2], tb.Columns[3]
	if x.Missing != 2 || x.Values[0] != 1.5 || x.Values[3] != -2 || x.Type != pairs.Binary {
		t.Errorf("x %v missing %d type %v", x.Values, x.Missing, x.Type)
	}
	if !slices.Equal(k.Values, []float64{1, 2, 3, 1}) || k.Type != pairs.Numerical { // 3 integer levels in 4 rows: a count
		t.Errorf("k %v %v", k.Values, k.Type)
	}
	if !slices.Equal(on.Values, []float64{1, 0, 0, 1}) || on.Type != pairs.Binary {
		t.Errorf("on %v %v", on.Values, on.Type)
	}
	if !slices.Equal(s.Levels, []string{"a", "b", "c"}) || s.Values[0] != 1 || !math.IsNaN(s.Values[1]) || s.Type != pairs.Categorical {
		t.Errorf("s %v %q %v", s.Values, s.Levels, s.Type)
	}
}

// arrowBytes returns arrowRecord as an Arrow IPC file, an Arrow IPC
// stream and a Parquet file.
func arrowBytes(t testing.TB) (file, stream, parq []byte) {
	rec := arrowRecord()
	defer rec.Release()
	var fb bytes.Buffer
	fw, err := ipc.NewFileWriter(&fb, ipc.WithSchema(rec.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := fw.Write(rec); err != nil {
		t.Fatal(err)
	}
	fw.Close()
	var sb bytes.Buffer
	sw := ipc.NewWriter(&sb, ipc.WithSchema(rec.Schema()))
	if err := sw.Write(rec); err != nil {
		t.Fatal(err)
	}
	sw.Close()
	tbl := array.NewTableFromRecords(rec.Schema(), []arrow.RecordBatch{rec})
	defer tbl.Release()
	var pb bytes.Buffer
	if err := pqarrow.WriteTable(tbl, &pb, 2, nil, pqarrow.DefaultWriterProps()); err != nil {
		t.Fatal(err)
	}
	return fb.Bytes(), sb.Bytes(), pb.Bytes()
}

func TestArrowIPCFileAndStream(t *testing.T) {
	file, stream, _ := arrowBytes(t)
	checkArrowTable(t, mustRead(t, writeFile(t, "t.feather", file), Options{}))
	checkArrowTable(t, mustRead(t, writeFile(t, "t.arrows", stream), Options{}))
}

func TestParquet(t *testing.T) {
	_, _, parq := arrowBytes(t)
	checkArrowTable(t, mustRead(t, writeFile(t, "t.parquet", parq), Options{}))
}

// Damaged Arrow and Parquet tables are refused with an error naming the
// file, never a panic: 16 bytes flipped at every position of the last 400.
func TestDamagedBinaryTables(t *testing.T) {
	file, stream, parq := arrowBytes(t)
	for name, good := range map[string][]byte{"t.feather": file, "t.arrows": stream, "t.parquet": parq} {
		refused := 0
		for back := 16; back <= min(400, len(good)); back += 3 {
			bad := bytes.Clone(good)
			for i := range 16 {
				bad[len(bad)-back+i] ^= 0x5a
			}
			path := writeFile(t, name, bad)
			if _, err := Read(path, Options{}); err != nil {
				refused++
				if !strings.Contains(err.Error(), path) {
					t.Fatalf("%s, flip at -%d: error %q does not name the file", name, back, err)
				}
			}
		}
		if refused == 0 {
			t.Errorf("%s: no damaged copy refused", name)
		}
	}
}
