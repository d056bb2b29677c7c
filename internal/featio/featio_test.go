package featio

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func sample(rows, cols int) (Header, []string, [][]float32) {
	h := Header{PlanHash: "abc123"}
	for j := 0; j < cols; j++ {
		h.Names = append(h.Names, "AB.f"+string(rune('a'+j%26))+"."+strings.Repeat("x", j/26))
	}
	ids := make([]string, rows)
	data := make([][]float32, rows)
	for i := range data {
		ids[i] = "pair" + string(rune('A'+i%26)) + strings.Repeat("z", i/26)
		data[i] = make([]float32, cols)
		for j := range data[i] {
			data[i][j] = float32(i)*0.1 - float32(j)*1e-3
		}
		if cols > 1 {
			data[i][1] = float32(math.NaN())
		}
	}
	if rows > 2 {
		ids[2] = `odd,"id"`
	}
	return h, ids, data
}

func same(a, b float32) bool {
	return a == b || (a != a && b != b)
}

func roundTrip(t *testing.T, format string, rows, cols int) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "f."+format)
	h, ids, data := sample(rows, cols)
	w, err := Create(path, format, h)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ids {
		if err := w.Write(ids[i], data[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	w.Abort() // no-op after Commit
	m, err := ReadAll(path)
	if err != nil {
		t.Fatal(err)
	}
	if m.Rows != rows || m.Cols != cols || len(m.IDs) != rows {
		t.Fatalf("%s: got %dx%d, want %dx%d", format, m.Rows, m.Cols, rows, cols)
	}
	wantHash := h.PlanHash
	if format == FormatCSV {
		wantHash = ""
	}
	if m.PlanHash != wantHash {
		t.Errorf("%s: plan hash %q, want %q", format, m.PlanHash, wantHash)
	}
	for j, n := range h.Names {
		if m.Names[j] != n {
			t.Fatalf("%s: name %d = %q, want %q", format, j, m.Names[j], n)
		}
	}
	for i := range ids {
		if m.IDs[i] != ids[i] {
			t.Errorf("%s: id %d = %q, want %q", format, i, m.IDs[i], ids[i])
		}
		for j := range data[i] {
			if !same(m.Row(i)[j], data[i][j]) {
				t.Fatalf("%s: [%d][%d] = %v, want %v", format, i, j, m.Row(i)[j], data[i][j])
			}
		}
	}
}

func TestRoundTripArrow(t *testing.T) {
	roundTrip(t, FormatArrow, 5, 3)
	roundTrip(t, FormatArrow, 0, 4)
	// Several record batches: more rows than one batch holds.
	cols := 5000
	roundTrip(t, FormatArrow, BatchRows(cols)*2+3, cols)
}

func TestRoundTripCSV(t *testing.T) {
	roundTrip(t, FormatCSV, 5, 3)
	roundTrip(t, FormatCSV, 0, 4)
}

func TestCSVLayout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.csv")
	w, err := Create(path, FormatCSV, Header{Names: []string{"a", "b"}})
	if err != nil {
		t.Fatal(err)
	}
	w.Write("p1", []float32{0.1, float32(math.NaN())})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "SampleID,a,b\np1,0.1,NaN\n"; string(got) != want {
		t.Errorf("csv = %q, want %q", got, want)
	}
}

func TestArrowIsFeather(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.arrow")
	w, _ := Create(path, FormatArrow, Header{Names: []string{"a"}, PlanHash: "h"})
	w.Write("p", []float32{1})
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "ARROW1") || !strings.HasSuffix(string(b), "ARROW1") {
		t.Errorf("not an Arrow IPC file: starts %q ends %q", b[:8], b[len(b)-8:])
	}
}

func TestStreamingNext(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.arrow")
	h, ids, data := sample(3, 2)
	w, _ := Create(path, FormatArrow, h)
	for i := range ids {
		w.Write(ids[i], data[i])
	}
	w.Commit()
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Header().PlanHash != "abc123" || len(r.Header().Names) != 2 {
		t.Fatalf("header %+v", r.Header())
	}
	for i := 0; i < 3; i++ {
		id, row, err := r.Next()
		if err != nil || id != ids[i] || row[0] != data[i][0] {
			t.Fatalf("row %d: %q %v %v", i, id, row, err)
		}
	}
	if _, _, err := r.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("after last row: %v, want io.EOF", err)
	}
}

func TestAtomicity(t *testing.T) {
	dir := t.TempDir()
	for _, format := range []string{FormatArrow, FormatCSV} {
		path := filepath.Join(dir, "out."+format)
		w, err := Create(path, format, Header{Names: []string{"a", "b"}})
		if err != nil {
			t.Fatal(err)
		}
		w.Write("p", []float32{1, 2})
		if err := w.Write("q", []float32{1}); err == nil {
			t.Errorf("%s: short row accepted", format)
		}
		w.Abort()
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Errorf("%s: output exists after Abort: %v", format, err)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(filepath.Join(dir, "x"), "parquet", Header{}); err == nil {
		t.Error("unknown format accepted")
	}
	if _, err := Create(filepath.Join(dir, "x"), FormatCSV, Header{Names: []string{"a", "a"}}); err == nil {
		t.Error("duplicate names accepted")
	}
	if _, err := Create(filepath.Join(dir, "x"), FormatCSV, Header{Names: []string{"a,b"}}); err == nil {
		t.Error("comma in name accepted")
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("id,a\np,1\n"), 0o644)
	if _, err := Open(bad); err == nil {
		t.Error("CSV without SampleID accepted")
	}
	os.WriteFile(bad, []byte("SampleID,a\np,zz\n"), 0o644)
	if _, err := ReadAll(bad); err == nil || !strings.Contains(err.Error(), "zz") {
		t.Errorf("bad number: %v", err)
	}
	os.WriteFile(bad, []byte("SampleID,a\np,\n"), 0o644)
	m, err := ReadAll(bad)
	if err != nil || !math.IsNaN(float64(m.Data[0])) {
		t.Errorf("empty field: %v %v, want NaN", m, err)
	}
	if _, err := Open(filepath.Join(dir, "missing")); err == nil {
		t.Error("missing file accepted")
	}
}

// TestReadAllKeepsNoRecordBatches: the matrix ReadAll returns must not keep
// the Arrow record batches it was copied from alive (an ID string aliasing
// a batch's buffer once did, doubling the memory of a large training set).
func TestReadAllKeepsNoRecordBatches(t *testing.T) {
	const rows, cols = 3000, 2000 // 24 MB of values
	path := filepath.Join(t.TempDir(), "big.arrow")
	h, ids, _ := sample(rows, 1)
	h.Names = nil
	for j := range cols {
		h.Names = append(h.Names, "AB.f"+strings.Repeat("x", j%7)+string(rune('a'+j%26))+"_"+strings.Repeat("y", j/26))
	}
	w, err := Create(path, FormatArrow, h)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]float32, cols)
	for i := range ids {
		for j := range row {
			row[j] = float32(i*cols + j)
		}
		if err := w.Write(ids[i], row); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m, err := ReadAll(path)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	matrix := int64(4 * cap(m.Data))
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("matrix %d MB, live heap grew %d MB", matrix>>20, grown>>20)
	if grown > matrix+matrix/2 {
		t.Errorf("live heap grew %d MB for a %d MB matrix: record batches are kept alive", grown>>20, matrix>>20)
	}
	runtime.KeepAlive(m)
}

// TestWriteAllInvertsReadAll checks that a matrix written by WriteAll reads
// back the same in both formats, and that a bad matrix publishes nothing.
func TestWriteAllInvertsReadAll(t *testing.T) {
	h, ids, data := sample(7, 4)
	m := &Matrix{Names: h.Names, PlanHash: h.PlanHash, IDs: ids, Rows: len(ids), Cols: len(h.Names)}
	for _, row := range data {
		m.Data = append(m.Data, row...)
	}
	for _, format := range []string{FormatArrow, FormatCSV} {
		path := filepath.Join(t.TempDir(), "w."+format)
		if err := WriteAll(path, format, m); err != nil {
			t.Fatal(err)
		}
		got, err := ReadAll(path)
		if err != nil {
			t.Fatal(err)
		}
		if got.Rows != m.Rows || got.Cols != m.Cols || strings.Join(got.IDs, "|") != strings.Join(ids, "|") {
			t.Fatalf("%s: %dx%d %v", format, got.Rows, got.Cols, got.IDs)
		}
		for k := range m.Data {
			if !same(got.Data[k], m.Data[k]) {
				t.Fatalf("%s: value %d = %v, want %v", format, k, got.Data[k], m.Data[k])
			}
		}
	}
	short := *m
	short.Data = m.Data[:len(m.Data)-1] // the last row lacks a value
	path := filepath.Join(t.TempDir(), "short.features")
	if err := WriteAll(path, FormatArrow, &short); err == nil {
		t.Fatal("a matrix with a short row written")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a failed WriteAll left %s", path)
	}
}
