package table

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
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
		f, err := os.Open(path)
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
		data, err := readAll(name, br)
		if err != nil {
			return nil, err
		}
		return readParquet(name, bytes.NewReader(data), opt)
	case bytes.HasPrefix(magic, []byte("ARROW1")):
		data, err := readAll(name, br)
		if err != nil {
			return nil, err
		}
		return readArrowFile(name, bytes.NewReader(data), opt)
	case bytes.HasPrefix(magic, []byte{0xff, 0xff, 0xff, 0xff}):
		return readArrowStream(name, br, opt)
	}
	return readDelimited(name, br, opt)
}

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
