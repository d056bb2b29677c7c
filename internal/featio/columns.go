package featio

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"os"
	"slices"

	flatbuffers "github.com/google/flatbuffers/go"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// ColumnFile is a feature file opened for reading a few columns at a time,
// so that a consumer (gbdt.NewDatasetFrom) never holds the whole matrix.
// Opening reads the header, the SampleIDs and an index of where every
// record batch keeps every column; ReadColumns then reads only the bytes
// of the columns asked for. A CSV file, or an Arrow file laid out in a way
// the index does not cover (compressed or big-endian batches), is read
// whole into memory instead and served from there.
type ColumnFile struct {
	Header Header
	// IDs holds the SampleID of every row, in file order.
	IDs []string

	path    string
	f       *os.File
	batches []batchIndex
	mem     *Matrix // in-memory fallback
}

// batchIndex locates the columns of one record batch in the file.
type batchIndex struct {
	first, rows  int   // file rows [first, first+rows)
	base, stride int64 // regular layout: feature j's values at base + j*stride
	offs         []int64
	nulls        map[int]int64 // feature -> offset of its validity bitmap (features with nulls)
}

// valuesAt returns the file offset of feature j's values.
func (b *batchIndex) valuesAt(j int) int64 {
	if b.offs != nil {
		return b.offs[j]
	}
	return b.base + int64(j)*b.stride
}

// errLayout marks an Arrow file that the column index does not cover.
var errLayout = errors.New("layout not indexable")

// OpenColumns opens a feature file for column-block reading.
func OpenColumns(path string) (*ColumnFile, error) {
	r, err := Open(path)
	if err != nil {
		return nil, err
	}
	h, format := r.Header(), r.Format()
	if err := r.Close(); err != nil {
		return nil, fmt.Errorf("read features %s: %w", path, err)
	}
	if format == FormatArrow {
		c, err := openIndexed(path, h)
		if !errors.Is(err, errLayout) {
			return c, err
		}
	}
	m, err := ReadAll(path)
	if err != nil {
		return nil, err
	}
	return &ColumnFile{Header: h, IDs: m.IDs, path: path, mem: m}, nil
}

// openIndexed indexes the record batches of an Arrow IPC file.
func openIndexed(path string, h Header) (*ColumnFile, error) {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("open features: %w", err)
	}
	c := &ColumnFile{Header: h, path: path, f: f}
	if err := c.index(); err != nil {
		f.Close()
		if errors.Is(err, errLayout) {
			return nil, err
		}
		return nil, fmt.Errorf("read features %s: %w", path, err)
	}
	return c, nil
}

// NumRows returns the number of rows of the file.
func (c *ColumnFile) NumRows() int { return len(c.IDs) }

// Close releases the file.
func (c *ColumnFile) Close() error {
	if c.f == nil {
		return nil
	}
	return c.f.Close()
}

// index reads the footer and every record batch's metadata and SampleIDs.
func (c *ColumnFile) index() (err error) {
	defer func() {
		// The flatbuffers accessors panic on out-of-range offsets: a
		// corrupt file is an error, not a crash.
		if p := recover(); p != nil {
			err = fmt.Errorf("corrupt Arrow metadata: %v", p)
		}
	}()
	st, err := c.f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	tail := make([]byte, 10)
	if size < int64(len(tail))+8 {
		return errors.New("file too short for an Arrow IPC file")
	}
	if _, err := c.f.ReadAt(tail, size-10); err != nil {
		return err
	}
	flen := int64(int32(binary.LittleEndian.Uint32(tail)))
	if string(tail[4:]) != "ARROW1" || flen <= 0 || flen > size-18 {
		return errors.New("bad Arrow IPC footer")
	}
	footer := make([]byte, flen)
	if _, err := c.f.ReadAt(footer, size-10-flen); err != nil {
		return err
	}
	ft := rootTable(footer)
	o := flatbuffers.UOffsetT(ft.Offset(10)) // Footer.recordBatches
	if o == 0 {
		return nil
	}
	n, start := ft.VectorLen(o), ft.Vector(o)
	for i := range n {
		p := start + flatbuffers.UOffsetT(24*i) // Block: offset, metaDataLength, bodyLength
		off := ft.GetInt64(p)
		meta := int64(ft.GetInt32(p + 8))
		body := ft.GetInt64(p + 16)
		if off < 8 || meta <= 0 || body < 0 || off+meta+body > size {
			return fmt.Errorf("record batch %d: block outside the file", i)
		}
		if err := c.indexBatch(i, off, meta, body); err != nil {
			return fmt.Errorf("record batch %d: %w", i, err)
		}
	}
	return nil
}

// rootTable returns the root table of a flatbuffer.
func rootTable(buf []byte) *flatbuffers.Table {
	return &flatbuffers.Table{Bytes: buf, Pos: flatbuffers.GetUOffsetT(buf)}
}

// indexBatch indexes the record batch whose message starts at off.
func (c *ColumnFile) indexBatch(i int, off, metaLen, bodyLen int64) error {
	meta := make([]byte, metaLen)
	if _, err := c.f.ReadAt(meta, off); err != nil {
		return err
	}
	fb := meta[4:] // int32 length, after a 0xFFFFFFFF continuation marker in the current format
	if binary.LittleEndian.Uint32(meta) == 0xFFFFFFFF {
		fb = meta[8:]
	}
	msg := rootTable(fb)
	if o := flatbuffers.UOffsetT(msg.Offset(6)); o == 0 || msg.GetByte(o+msg.Pos) != 3 {
		return errors.New("not a record batch message")
	}
	var rb flatbuffers.Table
	if o := flatbuffers.UOffsetT(msg.Offset(8)); o == 0 {
		return errors.New("record batch message without header")
	} else {
		msg.Union(&rb, o)
	}
	if rb.Offset(10) != 0 {
		return errLayout // compressed body
	}
	rows := int64(0)
	if o := flatbuffers.UOffsetT(rb.Offset(4)); o != 0 {
		rows = rb.GetInt64(o + rb.Pos)
	}
	cols := len(c.Header.Names)
	no, bo := flatbuffers.UOffsetT(rb.Offset(6)), flatbuffers.UOffsetT(rb.Offset(8))
	if no == 0 || bo == 0 || rb.VectorLen(no) != cols+1 || rb.VectorLen(bo) != 3+2*cols {
		return fmt.Errorf("record batch has an unexpected number of columns or buffers")
	}
	nodes, bufs := rb.Vector(no), rb.Vector(bo)
	body := off + metaLen
	buffer := func(k int) (int64, int64, error) {
		p := bufs + flatbuffers.UOffsetT(16*k)
		o, n := rb.GetInt64(p), rb.GetInt64(p+8)
		if o < 0 || n < 0 || o+n > bodyLen {
			return 0, 0, fmt.Errorf("buffer %d outside the record batch body", k)
		}
		return body + o, n, nil
	}
	node := func(j int) (length, nulls int64) {
		p := nodes + flatbuffers.UOffsetT(16*j)
		return rb.GetInt64(p), rb.GetInt64(p + 8)
	}
	first := len(c.IDs)
	if rows < 0 || int64(first)+rows > math.MaxInt32 {
		return fmt.Errorf("bad row count %d", rows)
	}
	if l, nulls := node(0); l != rows || nulls != 0 {
		return fmt.Errorf("%s column has %d values (%d null) for %d rows", IDColumn, l, nulls, rows)
	}
	if err := c.readIDs(buffer, int(rows)); err != nil {
		return err
	}
	b := batchIndex{first: first, rows: int(rows)}
	vals := make([]int64, cols)
	for j := range cols {
		l, nulls := node(j + 1)
		if l != rows {
			return fmt.Errorf("column %q has %d values for %d rows", c.Header.Names[j], l, rows)
		}
		vo, vn, err := buffer(4 + 2*j)
		if err != nil {
			return err
		}
		if vn < 4*rows {
			return fmt.Errorf("column %q: values buffer of %d bytes for %d rows", c.Header.Names[j], vn, rows)
		}
		vals[j] = vo
		if nulls > 0 {
			bo, bn, err := buffer(3 + 2*j)
			if err != nil {
				return err
			}
			if bn < (rows+7)/8 {
				return fmt.Errorf("column %q: validity bitmap of %d bytes for %d rows", c.Header.Names[j], bn, rows)
			}
			if b.nulls == nil {
				b.nulls = map[int]int64{}
			}
			b.nulls[j] = bo
		}
	}
	b.offs = vals
	if cols > 0 {
		b.base = vals[0]
		if cols > 1 {
			b.stride = vals[1] - vals[0]
		}
		regular := b.stride >= 4*rows || cols == 1
		for j := 1; regular && j < cols; j++ {
			regular = vals[j] == b.base+int64(j)*b.stride
		}
		if regular {
			b.offs = nil
		}
	}
	c.batches = append(c.batches, b)
	return nil
}

// readIDs reads the SampleIDs of a batch (string buffers 1 and 2).
func (c *ColumnFile) readIDs(buffer func(int) (int64, int64, error), rows int) error {
	oo, on, err := buffer(1)
	if err != nil {
		return err
	}
	do, dn, err := buffer(2)
	if err != nil {
		return err
	}
	if on < 4*int64(rows+1) {
		return fmt.Errorf("%s offsets buffer too short", IDColumn)
	}
	offs := make([]byte, 4*(rows+1))
	if _, err := c.f.ReadAt(offs, oo); err != nil {
		return err
	}
	data := make([]byte, dn)
	if _, err := c.f.ReadAt(data, do); err != nil {
		return err
	}
	for i := range rows {
		lo, hi := binary.LittleEndian.Uint32(offs[4*i:]), binary.LittleEndian.Uint32(offs[4*i+4:])
		if lo > hi || int64(hi) > dn {
			return fmt.Errorf("%s offsets out of range", IDColumn)
		}
		c.IDs = append(c.IDs, string(data[lo:hi]))
	}
	return nil
}

// View returns the sub-matrix of the given file rows and columns (in that
// order; nil means all of them, in file order).
func (c *ColumnFile) View(rows, cols []int) *ColumnView {
	v := &ColumnView{file: c, rows: len(c.IDs), cols: cols}
	if cols == nil {
		v.ncols = len(c.Header.Names)
	} else {
		v.ncols = len(cols)
	}
	if rows != nil {
		v.rows = len(rows)
		v.pos = make([]int32, len(c.IDs))
		for i := range v.pos {
			v.pos[i] = -1
		}
		for i, r := range rows {
			v.pos[r] = int32(i)
		}
		v.order = slices.Clone(rows)
	}
	return v
}

// ColumnView is a sub-matrix of a ColumnFile (it implements
// gbdt.ColumnSource).
type ColumnView struct {
	file        *ColumnFile
	rows, ncols int
	cols        []int   // file column of each view column (nil: identity)
	pos         []int32 // view row of each file row, -1 if absent (nil: identity)
	order       []int   // file row of each view row (nil: identity)
}

// NumRows returns the number of rows of the view.
func (v *ColumnView) NumRows() int { return v.rows }

// NumCols returns the number of columns of the view.
func (v *ColumnView) NumCols() int { return v.ncols }

// fileCol returns the file column of view column j.
func (v *ColumnView) fileCol(j int) int {
	if v.cols == nil {
		return j
	}
	return v.cols[j]
}

// ReadColumns writes the view's columns cols into dst, column cols[j] at
// dst[j*stride : j*stride+NumRows()]. Safe for concurrent use.
func (v *ColumnView) ReadColumns(cols []int, dst []float32, stride int) error {
	if v.file.mem != nil {
		v.readMem(cols, dst, stride)
		return nil
	}
	// runs of consecutive file columns: [start, end) of cols
	var runs [][2]int
	for j := 0; j < len(cols); {
		k := j + 1
		for k < len(cols) && v.fileCol(cols[k]) == v.fileCol(cols[k-1])+1 {
			k++
		}
		runs = append(runs, [2]int{j, k})
		j = k
	}
	var buf []byte
	for bi := range v.file.batches {
		b := &v.file.batches[bi]
		for _, run := range runs {
			var err error
			if buf, err = v.readRun(b, cols[run[0]:run[1]], dst[run[0]*stride:], stride, buf); err != nil {
				return fmt.Errorf("read features %s: %w", v.file.path, err)
			}
		}
	}
	return nil
}

// readRun reads the columns cols (consecutive in the file) of one batch.
func (v *ColumnView) readRun(b *batchIndex, cols []int, dst []float32, stride int, buf []byte) ([]byte, error) {
	size := 4 * b.rows
	c0 := v.fileCol(cols[0])
	span := int64(size)
	contiguous := b.offs == nil
	if contiguous {
		span = int64(len(cols)-1)*b.stride + int64(size)
	}
	if int64(cap(buf)) < span {
		buf = make([]byte, span)
	}
	if contiguous {
		if _, err := v.file.f.ReadAt(buf[:span], b.valuesAt(c0)); err != nil {
			return buf, err
		}
	}
	for j := range cols {
		c := c0 + j
		vals := buf[int64(j)*b.stride:]
		if !contiguous {
			vals = buf[:size]
			if _, err := v.file.f.ReadAt(vals, b.valuesAt(c)); err != nil {
				return buf, err
			}
		}
		out := dst[j*stride:]
		for i := range b.rows {
			p := b.first + i
			if v.pos != nil {
				if p = int(v.pos[p]); p < 0 {
					continue
				}
			}
			out[p] = math.Float32frombits(binary.LittleEndian.Uint32(vals[4*i:]))
		}
		if bo, ok := b.nulls[c]; ok {
			if err := v.applyNulls(b, bo, out); err != nil {
				return buf, err
			}
		}
	}
	return buf, nil
}

// applyNulls sets the null values of one column of a batch to NaN.
func (v *ColumnView) applyNulls(b *batchIndex, at int64, out []float32) error {
	bits := make([]byte, (b.rows+7)/8)
	if _, err := v.file.f.ReadAt(bits, at); err != nil {
		return err
	}
	nan := float32(math.NaN())
	for i := range b.rows {
		if bits[i/8]>>(i%8)&1 == 1 {
			continue
		}
		p := b.first + i
		if v.pos != nil {
			if p = int(v.pos[p]); p < 0 {
				continue
			}
		}
		out[p] = nan
	}
	return nil
}

// readMem serves ReadColumns from the in-memory fallback.
func (v *ColumnView) readMem(cols []int, dst []float32, stride int) {
	m := v.file.mem
	for j, c := range cols {
		fc := v.fileCol(c)
		out := dst[j*stride : j*stride+v.rows]
		for i := range out {
			r := i
			if v.order != nil {
				r = v.order[i]
			}
			out[i] = m.Data[r*m.Cols+fc]
		}
	}
}
