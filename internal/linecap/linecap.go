// Package linecap bounds the memory a line reader can take: a Reader passes
// its input through and fails, with an error naming the line, once the
// header or a line is longer than its cap, instead of letting a line
// reader (encoding/csv, bufio) grow its buffer without end on an input
// with no line break (/dev/zero, a binary file, a damaged upload).
package linecap

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// Caps of the readers of the project (documented in the README).
const (
	// Header caps the header line of a pairs file, a publicinfo, target,
	// edges or scores file and a table.
	Header = 1 << 20
	// FeatureHeader caps the header of a CSV feature file (tens of
	// thousands of feature names).
	FeatureHeader = 16 << 20
	// PairLine caps a line of a pairs file (both variables' samples).
	PairLine = 1 << 30
	// Line caps a line of every other CSV input.
	Line = 64 << 20
)

// Error is a line longer than its cap.
type Error struct {
	Line   int   // 1-based line where the overlong record starts
	Cap    int64 // bytes allowed
	Header bool  // the line is the header
}

func (e *Error) Error() string {
	what := "line"
	if e.Header {
		what = "header line"
	}
	return fmt.Sprintf("line %d: %s longer than %s (the cap of a %s): is this the right file?", e.Line, what, size(e.Cap), what)
}

// size writes a byte count in binary units.
func size(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// Reader passes r through, failing once a record is longer than its cap.
type Reader struct {
	r            io.Reader
	header, line int64
	quotes       bool  // a line break inside double quotes continues the record (CSV)
	n            int64 // bytes of the current record so far
	start, at    int   // line where the current record starts; current line
	inQuote      bool
	err          error
}

// New returns a Reader over r with the given caps for the first record
// (header) and every other. With quotes, a line break inside double
// quotes does not end a record (CSV quoting).
func New(r io.Reader, header, line int64, quotes bool) *Reader {
	return &Reader{r: r, header: header, line: line, quotes: quotes, start: 1, at: 1}
}

// NewBuffered returns New's Reader behind a 1 MiB buffer, ready for
// encoding/csv (which would otherwise add a 4 KiB one).
func NewBuffered(r io.Reader, header, line int64, quotes bool) *bufio.Reader {
	return bufio.NewReaderSize(New(r, header, line, quotes), 1<<20)
}

// Read implements io.Reader.
func (l *Reader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	if cerr := l.scan(p[:n]); cerr != nil {
		l.err = cerr
		return n, cerr
	}
	return n, err
}

// scan follows the records of buf.
func (l *Reader) scan(buf []byte) error {
	for len(buf) > 0 {
		i := bytes.IndexByte(buf, '\n')
		seg := buf
		if i >= 0 {
			seg = buf[:i+1]
		}
		if l.quotes && bytes.Count(seg, []byte{'"'})%2 == 1 {
			l.inQuote = !l.inQuote
		}
		l.n += int64(len(seg))
		if l.n > l.capNow() {
			return &Error{Line: l.start, Cap: l.capNow(), Header: l.start == 1}
		}
		buf = buf[len(seg):]
		if i >= 0 {
			l.at++
			if !l.inQuote {
				l.n, l.start = 0, l.at
			}
		}
	}
	return nil
}

// capNow is the cap of the current record.
func (l *Reader) capNow() int64 {
	if l.start == 1 {
		return l.header
	}
	return l.line
}
