// Package arrowsafe checks Arrow IPC data before Apache Arrow's Go library
// reads it. The library trusts the flatbuffer metadata of a file: a damaged
// vector length makes it allocate terabytes (a fatal error no recover can
// catch) or index out of range (a panic). Check walks the metadata of an
// Arrow file or stream and refuses every vector that does not fit in its
// buffer; Allocator bounds the buffers the library allocates; Guard turns
// any remaining panic into an error.
package arrowsafe

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow/memory"
	flatbuffers "github.com/google/flatbuffers/go"
)

// Magic opens and closes every Arrow IPC file.
var Magic = []byte("ARROW1")

// maxDepth bounds the nesting of fields (a damaged file may loop).
const maxDepth = 64

// Guard runs fn, turning a panic into an error.
func Guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("damaged Arrow data (%v)", p)
		}
	}()
	return fn()
}

// maxMeta bounds a message's metadata (Arrow's own reader default).
const maxMeta = 64 << 20

// CheckFile verifies the footer of the Arrow IPC file r of size bytes (its
// schema and the list of record batches) and the metadata of every message
// it points to. It reads the footer and the messages' metadata, not their
// bodies.
func CheckFile(r io.ReaderAt, size int64) error {
	return Guard(func() error {
		if err := checkFile(r, size); err != nil {
			return fmt.Errorf("damaged Arrow file: %w", err)
		}
		return nil
	})
}

// readAt reads n bytes at off.
func readAt(r io.ReaderAt, off, n int64) ([]byte, error) {
	buf := make([]byte, n)
	if _, err := r.ReadAt(buf, off); err != nil {
		return nil, fmt.Errorf("read %d bytes at %d: %w", n, off, err)
	}
	return buf, nil
}

// CheckStream verifies the metadata of every message of an Arrow IPC
// stream.
func CheckStream(data []byte) error {
	return Guard(func() error {
		if _, err := checkMessages(data, 0, 0); err != nil {
			return fmt.Errorf("damaged Arrow stream: %w", err)
		}
		return nil
	})
}

func checkFile(r io.ReaderAt, n int64) error {
	m := int64(len(Magic))
	if n < 2*m+8 {
		return errors.New("not an Arrow file (too short)")
	}
	head, err := readAt(r, 0, m)
	if err != nil {
		return err
	}
	tail, err := readAt(r, n-m-4, m+4)
	if err != nil {
		return err
	}
	if !bytes.Equal(head, Magic) || !bytes.Equal(tail[4:], Magic) {
		return errors.New("not an Arrow file (magic bytes missing at its start or end)")
	}
	flen := int64(int32(binary.LittleEndian.Uint32(tail)))
	end := n - m - 4
	if flen <= 0 || flen > end-8 || flen > maxMeta {
		return fmt.Errorf("footer length %d does not fit in the file", flen)
	}
	footer, err := readAt(r, end-flen, flen)
	if err != nil {
		return err
	}
	root, err := rootTable(footer)
	if err != nil {
		return fmt.Errorf("footer: %w", err)
	}
	if sch, ok, err := subTable(footer, root, 6); err != nil {
		return fmt.Errorf("footer schema: %w", err)
	} else if ok {
		if err := checkSchema(footer, sch); err != nil {
			return fmt.Errorf("footer schema: %w", err)
		}
	}
	for _, slot := range []flatbuffers.VOffsetT{8, 10} { // dictionaries, record batches
		pos, count, err := vector(footer, root, slot, 24)
		if err != nil {
			return fmt.Errorf("footer blocks: %w", err)
		}
		for i := range count {
			b := footer[pos+24*i:]
			off := int64(binary.LittleEndian.Uint64(b))
			meta := int64(int32(binary.LittleEndian.Uint32(b[8:])))
			body := int64(binary.LittleEndian.Uint64(b[16:]))
			if off < 8 || meta < 8 || meta > maxMeta || body < 0 || off > n || meta > n-off || body > n-off-meta {
				return fmt.Errorf("block %d (offset %d, metadata %d, body %d bytes) lies outside the file", i, off, meta, body)
			}
			msg, err := readAt(r, off, meta)
			if err != nil {
				return err
			}
			if _, err := checkMessages(msg, 1, body); err != nil {
				return fmt.Errorf("block %d: %w", i, err)
			}
		}
	}
	return nil
}

// checkMessages verifies up to limit encapsulated messages (0: all) from
// the start of data, returning how many it read; the last message's body
// may lie beyond data, in up to extra more bytes.
func checkMessages(data []byte, limit int, extra int64) (int, error) {
	count := 0
	for pos := 0; pos < len(data) && (limit == 0 || count < limit); count++ {
		if len(data)-pos < 4 {
			return count, fmt.Errorf("message %d: truncated", count)
		}
		size := int64(int32(binary.LittleEndian.Uint32(data[pos:])))
		pos += 4
		if size == -1 { // continuation marker, then the length
			if len(data)-pos < 4 {
				return count, fmt.Errorf("message %d: truncated", count)
			}
			size = int64(int32(binary.LittleEndian.Uint32(data[pos:])))
			pos += 4
		}
		if size == 0 { // end of stream
			return count, nil
		}
		if size < 0 || size > int64(len(data)-pos) {
			return count, fmt.Errorf("message %d: metadata length %d does not fit", count, size)
		}
		meta := data[pos : pos+int(size)]
		pos += int(size)
		body, err := checkMessage(meta)
		if err != nil {
			return count, fmt.Errorf("message %d: %w", count, err)
		}
		if body < 0 || body > int64(len(data)-pos)+extra {
			return count, fmt.Errorf("message %d: body length %d does not fit", count, body)
		}
		pos += int(body)
	}
	return count, nil
}

// checkMessage verifies a Message table and returns its body length.
func checkMessage(buf []byte) (int64, error) {
	root, err := rootTable(buf)
	if err != nil {
		return 0, err
	}
	kind := root.GetByteSlot(6, 0)
	hdr, ok, err := subTable(buf, root, 8)
	if err != nil {
		return 0, err
	}
	if ok {
		switch kind {
		case 1: // Schema
			err = checkSchema(buf, hdr)
		case 2: // DictionaryBatch: its data is a RecordBatch
			var rb flatbuffers.Table
			if rb, ok, err = subTable(buf, hdr, 6); err == nil && ok {
				err = checkRecordBatch(buf, rb)
			}
		case 3: // RecordBatch
			err = checkRecordBatch(buf, hdr)
		}
		if err != nil {
			return 0, err
		}
	}
	if err := checkKeyValues(buf, root, 12); err != nil {
		return 0, err
	}
	return root.GetInt64Slot(10, 0), nil
}

func checkRecordBatch(buf []byte, t flatbuffers.Table) error {
	if _, _, err := vector(buf, t, 6, 16); err != nil { // nodes
		return fmt.Errorf("record batch nodes: %w", err)
	}
	if _, _, err := vector(buf, t, 8, 16); err != nil { // buffers
		return fmt.Errorf("record batch buffers: %w", err)
	}
	if _, _, err := vector(buf, t, 12, 8); err != nil { // variadic buffer counts
		return fmt.Errorf("record batch buffer counts: %w", err)
	}
	return nil
}

func checkSchema(buf []byte, t flatbuffers.Table) error {
	if err := checkFields(buf, t, 6, 0); err != nil {
		return err
	}
	if _, _, err := vector(buf, t, 10, 8); err != nil { // features
		return err
	}
	return checkKeyValues(buf, t, 8)
}

// checkFields verifies the vector of Field tables at slot of t.
func checkFields(buf []byte, t flatbuffers.Table, slot flatbuffers.VOffsetT, depth int) error {
	if depth > maxDepth {
		return errors.New("fields nested too deeply")
	}
	pos, count, err := vector(buf, t, slot, 4)
	if err != nil {
		return fmt.Errorf("fields: %w", err)
	}
	for i := range count {
		f, err := indirect(buf, pos+4*i)
		if err != nil {
			return fmt.Errorf("field %d: %w", i, err)
		}
		if _, _, err := vector(buf, f, 4, 1); err != nil { // name
			return fmt.Errorf("field %d name: %w", i, err)
		}
		if typ, ok, err := subTable(buf, f, 10); err != nil {
			return fmt.Errorf("field %d type: %w", i, err)
		} else if ok && f.GetByteSlot(8, 0) == 14 { // Union: typeIds
			if _, _, err := vector(buf, typ, 6, 4); err != nil {
				return fmt.Errorf("field %d union: %w", i, err)
			}
		}
		if _, _, err := subTable(buf, f, 12); err != nil { // dictionary
			return fmt.Errorf("field %d dictionary: %w", i, err)
		}
		if err := checkFields(buf, f, 14, depth+1); err != nil {
			return fmt.Errorf("field %d: %w", i, err)
		}
		if err := checkKeyValues(buf, f, 16); err != nil {
			return fmt.Errorf("field %d: %w", i, err)
		}
	}
	return nil
}

// checkKeyValues verifies a vector of KeyValue tables (custom metadata).
func checkKeyValues(buf []byte, t flatbuffers.Table, slot flatbuffers.VOffsetT) error {
	pos, count, err := vector(buf, t, slot, 4)
	if err != nil {
		return fmt.Errorf("metadata: %w", err)
	}
	for i := range count {
		kv, err := indirect(buf, pos+4*i)
		if err != nil {
			return fmt.Errorf("metadata %d: %w", i, err)
		}
		for _, s := range []flatbuffers.VOffsetT{4, 6} {
			if _, _, err := vector(buf, kv, s, 1); err != nil {
				return fmt.Errorf("metadata %d: %w", i, err)
			}
		}
	}
	return nil
}

// rootTable returns the root table of a flatbuffer.
func rootTable(buf []byte) (flatbuffers.Table, error) {
	if len(buf) < 4 {
		return flatbuffers.Table{}, errors.New("flatbuffer too short")
	}
	return indirect(buf, 0)
}

// indirect follows the offset stored at pos to a table, checking that the
// table and its vtable lie inside buf.
func indirect(buf []byte, pos int) (flatbuffers.Table, error) {
	if pos < 0 || pos > len(buf)-4 {
		return flatbuffers.Table{}, errors.New("offset outside the buffer")
	}
	at := pos + int(binary.LittleEndian.Uint32(buf[pos:]))
	if at < 0 || at > len(buf)-4 {
		return flatbuffers.Table{}, errors.New("table outside the buffer")
	}
	vt := at - int(int32(binary.LittleEndian.Uint32(buf[at:])))
	if vt < 0 || vt > len(buf)-4 {
		return flatbuffers.Table{}, errors.New("vtable outside the buffer")
	}
	vsize, tsize := int(binary.LittleEndian.Uint16(buf[vt:])), int(binary.LittleEndian.Uint16(buf[vt+2:]))
	if vsize < 4 || vt+vsize > len(buf) || at+tsize > len(buf) {
		return flatbuffers.Table{}, errors.New("table larger than the buffer")
	}
	return flatbuffers.Table{Bytes: buf, Pos: flatbuffers.UOffsetT(at)}, nil
}

// field returns the position of slot's value in t (0 when absent).
func field(buf []byte, t flatbuffers.Table, slot flatbuffers.VOffsetT) (int, error) {
	o := int(t.Offset(slot))
	if o == 0 {
		return 0, nil
	}
	if int(t.Pos)+o > len(buf)-4 {
		return 0, errors.New("field outside the buffer")
	}
	return int(t.Pos) + o, nil
}

// subTable returns the table at slot of t, if present.
func subTable(buf []byte, t flatbuffers.Table, slot flatbuffers.VOffsetT) (flatbuffers.Table, bool, error) {
	at, err := field(buf, t, slot)
	if err != nil || at == 0 {
		return flatbuffers.Table{}, false, err
	}
	sub, err := indirect(buf, at)
	return sub, err == nil, err
}

// vector returns the start and length of the vector at slot of t (elements
// of size bytes), checking it fits in buf.
func vector(buf []byte, t flatbuffers.Table, slot flatbuffers.VOffsetT, size int) (int, int, error) {
	at, err := field(buf, t, slot)
	if err != nil || at == 0 {
		return 0, 0, err
	}
	start := at + int(binary.LittleEndian.Uint32(buf[at:]))
	if start < 0 || start > len(buf)-4 {
		return 0, 0, errors.New("vector outside the buffer")
	}
	n := int(binary.LittleEndian.Uint32(buf[start:]))
	if n < 0 || n > (len(buf)-start-4)/size {
		return 0, 0, fmt.Errorf("vector of %d elements does not fit in %d bytes", n, len(buf))
	}
	return start + 4, n, nil
}

// Allocator returns an allocator that refuses (with a panic, which Guard
// turns into an error) any single allocation larger than limit bytes: a
// damaged length can ask for terabytes.
func Allocator(limit int64) memory.Allocator {
	return capped{Allocator: memory.DefaultAllocator, limit: limit}
}

type capped struct {
	memory.Allocator
	limit int64
}

func (c capped) Allocate(size int) []byte {
	c.check(size)
	return c.Allocator.Allocate(size)
}

func (c capped) Reallocate(size int, b []byte) []byte {
	c.check(size)
	return c.Allocator.Reallocate(size, b)
}

func (c capped) check(size int) {
	if size < 0 || int64(size) > c.limit {
		panic(fmt.Sprintf("a buffer of %d bytes, more than the data can hold", size))
	}
}
