package featio

import (
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// writeSample writes rows x cols random values (NaNs, a constant column)
// in the given format, in record batches of at most batch rows for Arrow.
func writeSample(t *testing.T, path, format string, rows, cols int) *Matrix {
	t.Helper()
	h, ids, _ := sample(rows, cols)
	r := rand.New(rand.NewPCG(1, 2))
	m := &Matrix{IDs: ids, Names: h.Names, PlanHash: h.PlanHash, Rows: rows, Cols: cols}
	w, err := Create(path, format, h)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	for i := range rows {
		row := make([]float32, cols)
		for j := range row {
			switch {
			case j == 2:
				row[j] = 7 // constant column
			case r.IntN(8) == 0:
				row[j] = float32(math.NaN())
			default:
				row[j] = float32(r.NormFloat64())
			}
		}
		m.Data = append(m.Data, row...)
		if err := w.Write(ids[i], row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	return m
}

// checkView compares ReadColumns of a view with the matrix.
func checkView(t *testing.T, c *ColumnFile, m *Matrix, rows, cols []int) {
	t.Helper()
	v := c.View(rows, cols)
	want := func(i, j int) float32 {
		r, col := i, j
		if rows != nil {
			r = rows[i]
		}
		if cols != nil {
			col = cols[j]
		}
		return m.Data[r*m.Cols+col]
	}
	// every column, in a scrambled order, with a stride larger than the rows
	order := rand.New(rand.NewPCG(5, 6)).Perm(v.NumCols())
	stride := v.NumRows() + 3
	dst := make([]float32, stride*len(order))
	if err := v.ReadColumns(order, dst, stride); err != nil {
		t.Fatal(err)
	}
	for j, col := range order {
		for i := range v.NumRows() {
			if got := dst[j*stride+i]; !same(got, want(i, col)) {
				t.Fatalf("view row %d column %d: got %v, want %v", i, col, got, want(i, col))
			}
		}
	}
}

func TestColumnFile(t *testing.T) {
	const rows, cols = 2100, 37 // BatchRows(37) = 1024: three record batches
	for _, format := range []string{FormatArrow, FormatCSV} {
		path := filepath.Join(t.TempDir(), "f."+format)
		m := writeSample(t, path, format, rows, cols)
		c, err := OpenColumns(path)
		if err != nil {
			t.Fatal(err)
		}
		if format == FormatArrow && (c.mem != nil || len(c.batches) != 3) {
			t.Fatalf("arrow file not indexed (%d batches)", len(c.batches))
		}
		wantHash := m.PlanHash
		if format == FormatCSV {
			wantHash = "" // a CSV file carries no plan hash
		}
		if !slices.Equal(c.IDs, m.IDs) || !slices.Equal(c.Header.Names, m.Names) || c.Header.PlanHash != wantHash {
			t.Fatalf("%s: header or IDs differ", format)
		}
		checkView(t, c, m, nil, nil)
		var sub []int
		for r := range rows {
			if r%3 != 1 {
				sub = append(sub, r)
			}
		}
		checkView(t, c, m, sub, []int{3, 4, 5, 0, 36, 2})
		checkView(t, c, m, []int{2099, 5, 1500}, nil)
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestColumnFileNulls checks that Arrow nulls (from other writers) read as
// NaN, as Reader.Next reads them.
func TestColumnFileNulls(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nulls.arrow")
	schema := arrow.NewSchema([]arrow.Field{
		{Name: IDColumn, Type: arrow.BinaryTypes.String},
		{Name: "AB.x", Type: arrow.PrimitiveTypes.Float32, Nullable: true},
		{Name: "AB.y", Type: arrow.PrimitiveTypes.Float32},
	}, nil)
	f, err := atomicfile.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	fw, err := ipc.NewFileWriter(f, ipc.WithSchema(schema))
	if err != nil {
		t.Fatal(err)
	}
	b := array.NewRecordBuilder(memory.DefaultAllocator, schema)
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"a", "b", "c"}, nil)
	b.Field(1).(*array.Float32Builder).AppendValues([]float32{1, 2, 3}, []bool{true, false, true})
	b.Field(2).(*array.Float32Builder).AppendValues([]float32{4, 5, 6}, nil)
	rec := b.NewRecordBatch()
	if err := fw.Write(rec); err != nil {
		t.Fatal(err)
	}
	rec.Release()
	b.Release()
	if err := fw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	m, err := ReadAll(path)
	if err != nil {
		t.Fatal(err)
	}
	c, err := OpenColumns(path)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.mem != nil {
		t.Fatal("not indexed")
	}
	if !math.IsNaN(float64(m.Data[2])) {
		t.Fatalf("ReadAll: null read as %v", m.Data[2])
	}
	checkView(t, c, m, nil, nil)
}
