package pairio

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// TableSuffixes are the files of a pair set PREFIX, as written by `causal
// generate`: PREFIX_pairs.csv, PREFIX_publicinfo.csv, PREFIX_target.csv and
// (with --meta) PREFIX_meta.csv.
var TableSuffixes = []string{"_pairs.csv", "_publicinfo.csv", "_target.csv", "_meta.csv"}

// ConcatSets concatenates the tables of pair sets: for every suffix, the
// file in+suffix of each input prefix in turn, into out+suffix. Each table
// keeps the first input's header (every input's must be the same) and its
// lines byte for byte; a SampleID that appears twice in a table is an
// error. The outputs appear together, only when every table is complete.
func ConcatSets(out string, ins []string, suffixes []string) error {
	if len(ins) == 0 {
		return errors.New("no input pair set given")
	}
	var files []*atomicfile.File
	defer func() {
		for _, f := range files {
			f.Abort()
		}
	}()
	for _, suf := range suffixes {
		paths := make([]string, len(ins))
		for i, in := range ins {
			paths[i] = in + suf
		}
		f, err := atomicfile.Create(out + suf)
		if err != nil {
			return err
		}
		files = append(files, f)
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := ConcatTable(bw, paths); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("write %s: %w", out+suf, err)
		}
	}
	for _, f := range files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	files = nil
	return nil
}

// ConcatTable writes the CSV tables of paths (a SampleID first in every
// row) one after the other into w: the first header, then every row, byte
// for byte but for line breaks (written as \n). The headers must be equal,
// and no SampleID may appear twice; blank lines are left out.
func ConcatTable(w io.Writer, paths []string) error {
	var header []byte
	seen := map[string]string{}
	for i, p := range paths {
		err := eachLine(p, func(line int, text []byte, more func(io.Writer) error) error {
			if line == 1 {
				if header == nil {
					header = bytes.Clone(text)
				} else if !bytes.Equal(text, header) {
					return &InputError{File: p, Line: 1, Msg: fmt.Sprintf("header %s differs from %s's %s", Excerpt(string(text)), paths[0], Excerpt(string(header)))}
				}
				if i > 0 {
					return more(io.Discard)
				}
			} else {
				id, err := firstField(text)
				if err != nil {
					return &InputError{File: p, Line: line, Msg: err.Error()}
				}
				if first, dup := seen[id]; dup {
					return &InputError{File: p, Line: line, SampleID: id, Msg: "already in " + first}
				}
				seen[id] = fmt.Sprintf("%s line %d", p, line)
			}
			if _, err := w.Write(text); err != nil {
				return err
			}
			if err := more(w); err != nil {
				return err
			}
			_, err := w.Write([]byte{'\n'})
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// eachLine calls fn for every non-blank line of the file: its 1-based
// number, its start (up to 1 MB, without the line break) and a function
// that copies the rest of a longer line to a writer (fn must call it for
// every line it keeps, and may call it with io.Discard).
func eachLine(path string, fn func(line int, start []byte, more func(io.Writer) error) error) error {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	for line := 1; ; line++ {
		chunk, err := r.ReadSlice('\n')
		full := err != bufio.ErrBufferFull
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return fmt.Errorf("read %s: %w", path, err)
		}
		if len(chunk) == 0 && err == io.EOF {
			return nil
		}
		start := chunk
		if full {
			start = bytes.TrimRight(chunk, "\r\n")
		}
		if full && len(bytes.TrimSpace(start)) == 0 {
			if err == io.EOF {
				return nil
			}
			continue
		}
		start = bytes.Clone(start)
		rest := func(w io.Writer) error {
			for !full {
				chunk, err = r.ReadSlice('\n')
				full = err != bufio.ErrBufferFull
				if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
					return fmt.Errorf("read %s: %w", path, err)
				}
				if _, werr := w.Write(bytes.TrimRight(chunk, "\r\n")); werr != nil {
					return werr
				}
			}
			return nil
		}
		if err := fn(line, start, rest); err != nil {
			return err
		}
		if err := rest(io.Discard); err != nil { // fn may not have read it
			return err
		}
		if err == io.EOF {
			return nil
		}
	}
}

// firstField returns the first CSV field of a line: up to the first comma,
// or a double-quoted field with "" for a quote.
func firstField(line []byte) (string, error) {
	s := string(line)
	if !strings.HasPrefix(s, `"`) {
		id, _, _ := strings.Cut(s, ",")
		if strings.TrimSpace(id) == "" {
			return "", errors.New("empty SampleID")
		}
		return id, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '"' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '"' {
			b.WriteByte('"')
			i++
			continue
		}
		return b.String(), nil
	}
	return "", errors.New("unterminated quoted SampleID")
}
