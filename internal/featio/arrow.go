package featio

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/causal-tool/causal/internal/arrowsafe"
	"github.com/causal-tool/causal/internal/atomicfile"
)

// formatVersion is the value written under MetaFormatVersion.
const formatVersion = "1"

// Batch sizing: a record batch holds at most batchValues feature values and
// at most maxBatchRows rows (at least one row), bounding the writer's memory.
const (
	batchValues  = 1 << 22
	maxBatchRows = 1024
)

// BatchRows returns the number of rows per record batch for cols features.
func BatchRows(cols int) int {
	if cols < 1 {
		return maxBatchRows
	}
	return max(1, min(maxBatchRows, batchValues/cols))
}

// schemaFor builds the Arrow schema of a header.
func schemaFor(h Header) *arrow.Schema {
	fields := make([]arrow.Field, 0, len(h.Names)+1)
	fields = append(fields, arrow.Field{Name: IDColumn, Type: arrow.BinaryTypes.String})
	for _, n := range h.Names {
		fields = append(fields, arrow.Field{Name: n, Type: arrow.PrimitiveTypes.Float32})
	}
	keys, vals := []string{MetaPlanHash, MetaFormatVersion}, []string{h.PlanHash, formatVersion}
	if h.Shard != "" {
		keys, vals = append(keys, MetaShard), append(vals, h.Shard)
	}
	md := arrow.NewMetadata(keys, vals)
	return arrow.NewSchema(fields, &md)
}

// arrowWriter buffers rows and writes them as record batches.
type arrowWriter struct {
	f      *atomicfile.File
	fw     *ipc.FileWriter
	schema *arrow.Schema
	cols   int
	ids    []string
	rows   []float32 // buffered rows, row-major
	limit  int
}

func createArrow(path string, h Header) (*Writer, error) {
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	schema := schemaFor(h)
	fw, err := ipc.NewFileWriter(f, ipc.WithSchema(schema), ipc.WithAllocator(memory.DefaultAllocator))
	if err != nil {
		f.Abort()
		return nil, fmt.Errorf("features %s: %w", path, err)
	}
	aw := &arrowWriter{f: f, fw: fw, schema: schema, cols: len(h.Names), limit: BatchRows(len(h.Names))}
	return &Writer{
		h:     h,
		write: aw.write,
		commit: func() error {
			if err := aw.flush(); err != nil {
				f.Abort()
				return fmt.Errorf("features %s: %w", path, err)
			}
			if err := fw.Close(); err != nil {
				f.Abort()
				return fmt.Errorf("features %s: %w", path, err)
			}
			return f.Commit()
		},
		abort: func() { f.Abort() },
	}, nil
}

func (w *arrowWriter) write(id string, row []float32) error {
	w.ids = append(w.ids, id)
	w.rows = append(w.rows, row...)
	if len(w.ids) >= w.limit {
		return w.flush()
	}
	return nil
}

// flush writes the buffered rows as one record batch.
func (w *arrowWriter) flush() error {
	n := len(w.ids)
	if n == 0 {
		return nil
	}
	cols := make([]arrow.Array, 0, w.cols+1)
	defer func() {
		for _, c := range cols {
			c.Release()
		}
	}()
	sb := array.NewStringBuilder(memory.DefaultAllocator)
	sb.AppendValues(w.ids, nil)
	cols = append(cols, sb.NewArray())
	sb.Release()
	// One contiguous column-major block for the whole batch.
	block := make([]float32, n*w.cols)
	for i := 0; i < n; i++ {
		row := w.rows[i*w.cols : (i+1)*w.cols]
		for j, v := range row {
			block[j*n+i] = v
		}
	}
	for j := 0; j < w.cols; j++ {
		buf := memory.NewBufferBytes(arrow.Float32Traits.CastToBytes(block[j*n : (j+1)*n]))
		data := array.NewData(arrow.PrimitiveTypes.Float32, n, []*memory.Buffer{nil, buf}, nil, 0, 0)
		cols = append(cols, array.NewFloat32Data(data))
		data.Release()
	}
	rec := array.NewRecordBatch(w.schema, cols, int64(n))
	defer rec.Release()
	if err := w.fw.Write(rec); err != nil {
		return err
	}
	w.ids = w.ids[:0]
	w.rows = w.rows[:0]
	return nil
}

// arrowReader walks the record batches of an Arrow IPC file.
type arrowReader struct {
	file  *os.File
	fr    *ipc.FileReader
	batch int
	rec   arrow.RecordBatch
	ids   *array.String
	cols  [][]float32
	nulls []arrow.Array
	row   int
}

func openArrow(f *os.File) (*Reader, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if err := arrowsafe.CheckFile(f, st.Size()); err != nil {
		return nil, err
	}
	// No buffer of a file can be larger than the file (ours are not
	// compressed).
	fr, err := ipc.NewFileReader(f, ipc.WithAllocator(arrowsafe.Allocator(st.Size()+64)))
	if err != nil {
		return nil, err
	}
	s := fr.Schema()
	if s.NumFields() < 1 || s.Field(0).Name != IDColumn || s.Field(0).Type.ID() != arrow.STRING {
		fr.Close()
		return nil, fmt.Errorf("first column must be a string %s column", IDColumn)
	}
	h := Header{Names: make([]string, s.NumFields()-1)}
	for j := 1; j < s.NumFields(); j++ {
		fd := s.Field(j)
		if fd.Type.ID() != arrow.FLOAT32 {
			fr.Close()
			return nil, fmt.Errorf("feature column %q has type %s, want float32", fd.Name, fd.Type)
		}
		h.Names[j-1] = fd.Name
	}
	md := s.Metadata()
	if i := md.FindKey(MetaPlanHash); i >= 0 {
		h.PlanHash = md.Values()[i]
	}
	if i := md.FindKey(MetaShard); i >= 0 {
		h.Shard = md.Values()[i]
	}
	ar := &arrowReader{file: f, fr: fr}
	return &Reader{h: h, next: ar.next, cl: ar.close}, nil
}

// load moves to the next non-empty record batch.
func (r *arrowReader) load() error {
	if r.rec != nil {
		r.rec.Release()
		r.rec = nil
	}
	for r.batch < r.fr.NumRecords() {
		rec, err := r.fr.RecordBatchAt(r.batch)
		r.batch++
		if err != nil {
			return fmt.Errorf("record batch %d: %w", r.batch-1, err)
		}
		if rec.NumRows() == 0 {
			rec.Release()
			continue
		}
		if err := checkBatch(rec, r.fr.Schema().NumFields()); err != nil {
			rec.Release()
			return fmt.Errorf("record batch %d: %w", r.batch-1, err)
		}
		r.rec = rec
		r.ids = rec.Column(0).(*array.String)
		r.cols = r.cols[:0]
		r.nulls = r.nulls[:0]
		for j := 1; j < int(rec.NumCols()); j++ {
			c := rec.Column(j).(*array.Float32)
			r.cols = append(r.cols, c.Float32Values())
			if c.NullN() > 0 {
				r.nulls = append(r.nulls, c)
			} else {
				r.nulls = append(r.nulls, nil)
			}
		}
		r.row = 0
		return nil
	}
	return io.EOF
}

// checkBatch validates a record batch read from a file before its values
// are touched: its columns are the schema's, each as long as the batch, the
// IDs' offsets inside their data and the values' buffers long enough.
func checkBatch(rec arrow.RecordBatch, fields int) error {
	rows := int(rec.NumRows())
	if int(rec.NumCols()) != fields {
		return fmt.Errorf("%d columns, the schema has %d", rec.NumCols(), fields)
	}
	ids, ok := rec.Column(0).(*array.String)
	if !ok || ids.Len() != rows {
		return fmt.Errorf("damaged %s column", IDColumn)
	}
	if err := ids.ValidateFull(); err != nil {
		return fmt.Errorf("damaged %s column: %w", IDColumn, err)
	}
	for j := 1; j < fields; j++ {
		c, ok := rec.Column(j).(*array.Float32)
		if !ok || c.Len() != rows {
			return fmt.Errorf("damaged column %d", j)
		}
		bufs := c.Data().Buffers()
		if len(bufs) < 2 || bufs[1] == nil || bufs[1].Len() < 4*(c.Data().Offset()+rows) {
			return fmt.Errorf("damaged column %d: values buffer too short", j)
		}
		if c.NullN() > 0 && (bufs[0] == nil || 8*bufs[0].Len() < c.Data().Offset()+rows) {
			return fmt.Errorf("damaged column %d: validity buffer too short", j)
		}
	}
	return nil
}

func (r *arrowReader) next() (string, []float32, error) {
	if r.rec == nil || r.row >= int(r.rec.NumRows()) {
		if err := r.load(); err != nil {
			return "", nil, err
		}
	}
	i := r.row
	r.row++
	row := make([]float32, len(r.cols))
	for j, c := range r.cols {
		if r.nulls[j] != nil && r.nulls[j].IsNull(i) {
			row[j] = float32(math.NaN())
		} else {
			row[j] = c[i]
		}
	}
	// Value aliases the record batch's buffer: a kept ID would keep the
	// whole batch (every feature value of its rows) alive.
	return strings.Clone(r.ids.Value(i)), row, nil
}

func (r *arrowReader) close() error {
	if r.rec != nil {
		r.rec.Release()
		r.rec = nil
	}
	r.fr.Close()
	return r.file.Close()
}
