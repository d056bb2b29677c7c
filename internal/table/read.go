package table

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/causal-tool/causal/internal/arrowsafe"
	"github.com/causal-tool/causal/internal/atomicfile"
)

// Stdin is the reader used for the path "-"; tests may replace it.
var Stdin io.Reader = os.Stdin

// Read reads the table at path ("-" for standard input), detecting its
// format from its first bytes: gzip is decompressed, then Parquet ("PAR1"),
// Arrow IPC file ("ARROW1") or stream, or else delimited text.
func Read(path string, opt Options) (*Table, error) {
	name := path
	var src io.Reader = Stdin
	if path == "-" {
		name = "<stdin>"
	} else {
		f, err := atomicfile.OpenInput(path)
		if err != nil {
			return nil, fmt.Errorf("open table: %w", err)
		}
		defer f.Close()
		src = f
	}
	br := bufio.NewReaderSize(src, 1<<20)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: gzip: %w", name, err)
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, 1<<20)
	}
	magic, _ := br.Peek(6)
	switch {
	case bytes.HasPrefix(magic, []byte("PAR1")):
		return readBinary(name, br, func(data []byte) (*Table, error) { return readParquet(name, data, opt) })
	case bytes.HasPrefix(magic, arrowsafe.Magic):
		return readBinary(name, br, func(data []byte) (*Table, error) { return readArrowFile(name, data, opt) })
	case bytes.HasPrefix(magic, []byte{0xff, 0xff, 0xff, 0xff}):
		return readBinary(name, br, func(data []byte) (*Table, error) { return readArrowStream(name, data, opt) })
	}
	return readDelimited(name, br, opt)
}

// readBinary reads a whole Parquet or Arrow input and parses it with read,
// turning a panic inside the Arrow library into an error naming the input.
func readBinary(name string, r io.Reader, read func([]byte) (*Table, error)) (*Table, error) {
	data, err := readAll(name, r)
	if err != nil {
		return nil, err
	}
	var t *Table
	err = arrowsafe.Guard(func() error {
		var err error
		t, err = read(data)
		return err
	})
	if err != nil {
		var te *Error
		if !errors.As(err, &te) && !strings.Contains(err.Error(), name) {
			err = fmt.Errorf("read %s: %w", name, err)
		}
		return nil, err
	}
	return t, nil
}

// allocLimit bounds a single buffer decoded from data: compressed columns
// may expand, but not past this.
func allocLimit(data []byte) int64 { return max(1<<30, 64*int64(len(data))) }

func readAll(name string, r io.Reader) ([]byte, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}

// build types the raw columns into a table, checking the header names.
func build(name string, raws []rawColumn, rows int, opt Options, loc locator, headerLine int) (*Table, error) {
	if err := checkNames(name, raws, headerLine, opt); err != nil {
		return nil, err
	}
	if rows == 0 {
		return nil, &Error{File: name, Msg: "the table has a header but no data rows"}
	}
	ty := newTyper(name, opt, loc)
	t := &Table{File: name, Rows: rows}
	for _, rc := range raws {
		c, err := ty.column(rc)
		if err != nil {
			return nil, err
		}
		t.Columns = append(t.Columns, c)
	}
	return t, nil
}

// checkNames rejects empty and duplicate column names, and --types names
// that are not columns.
func checkNames(name string, raws []rawColumn, line int, opt Options) error {
	seen := map[string]int{}
	for i, rc := range raws {
		if rc.name == "" {
			return &Error{File: name, Line: line, Msg: fmt.Sprintf("column %d has an empty name", i+1)}
		}
		if j, dup := seen[rc.name]; dup {
			return &Error{File: name, Line: line, Column: rc.name, Msg: fmt.Sprintf("duplicate column name (columns %d and %d)", j+1, i+1)}
		}
		seen[rc.name] = i
	}
	for n := range opt.Types {
		if _, ok := seen[n]; !ok {
			return &Error{File: name, Column: n, Msg: "--types names a column the table does not have"}
		}
	}
	return nil
}
