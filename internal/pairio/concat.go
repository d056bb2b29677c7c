package pairio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
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
func ConcatSets(ctx context.Context, out string, ins []string, suffixes []string) error {
	if len(ins) == 0 {
		return errors.New("no input pair set given")
	}
	w, err := CreateSet(out, SetOptions{NoPairs: true})
	if err != nil {
		return err
	}
	defer w.Abort()
	for _, suf := range suffixes {
		paths := make([]string, len(ins))
		for i, in := range ins {
			paths[i] = in + suf
		}
		if err := w.Table(suf, func(tw io.Writer) error { return concatTable(ctx, tw, paths) }); err != nil {
			return err
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return w.Commit()
}

// ConcatTable writes the CSV tables of paths (a SampleID first in every
// row) one after the other into w: the first header, then every row, byte
// for byte but for line breaks (written as \n). The headers must be equal,
// and no SampleID may appear twice; blank lines are left out.
func ConcatTable(w io.Writer, paths []string) error {
	return concatTable(context.Background(), w, paths)
}

// concatTable is ConcatTable, stopping when ctx is cancelled.
func concatTable(ctx context.Context, w io.Writer, paths []string) error {
	var header []byte
	seen := map[string]string{}
	for i, p := range paths {
		err := eachLine(ctx, p, func(line int, text []byte, more func(io.Writer) error) error {
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

// maxStart is the longest record start eachLine hands to its callback.
const maxStart = 1 << 20

// eachLine calls fn for every non-blank CSV record of the file, read with
// the quoting rules of encoding/csv (the reader of every other command): a
// line break inside double quotes continues the record. fn gets the
// record's first line number, its start (up to maxStart bytes, line
// breaks as \n, without the final one) and a function that copies the rest
// of a longer record to a writer (fn must call it for every record it
// keeps, and may call it with io.Discard).
func eachLine(ctx context.Context, path string, fn func(line int, start []byte, more func(io.Writer) error) error) error {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	rr := &records{r: bufio.NewReaderSize(f, 1<<20), path: path, line: 1}
	for !rr.eof {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := rr.line
		var start []byte
		ended := false
		for !ended && len(start) < maxStart {
			piece, end, err := rr.next()
			if err != nil {
				return err
			}
			start, ended = append(start, piece...), end
		}
		if ended && len(bytes.TrimSpace(start)) == 0 {
			continue
		}
		rest := func(w io.Writer) error {
			for !ended {
				piece, end, err := rr.next()
				if err != nil {
					return err
				}
				if _, err := w.Write(piece); err != nil {
					return err
				}
				ended = end
			}
			return nil
		}
		if err := fn(line, start, rest); err != nil {
			return err
		}
		if err := rest(io.Discard); err != nil { // fn may not have read it
			return err
		}
	}
	return nil
}

// records splits a CSV stream into records, piece by piece.
type records struct {
	r       *bufio.Reader
	path    string
	line    int // line where the next piece starts
	inQuote bool
	eof     bool
}

// next returns the next piece of the current record (line breaks inside
// it as \n, its own final line break dropped) and whether it ends the
// record.
func (rr *records) next() ([]byte, bool, error) {
	chunk, err := rr.r.ReadSlice('\n')
	if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
		return nil, true, fmt.Errorf("read %s: %w", rr.path, err)
	}
	if bytes.Count(chunk, []byte{'"'})%2 == 1 {
		rr.inQuote = !rr.inQuote
	}
	switch err {
	case io.EOF:
		rr.eof = true
		return chunk, true, nil
	case bufio.ErrBufferFull:
		return chunk, false, nil
	}
	rr.line++
	body := bytes.TrimRight(chunk, "\r\n")
	if rr.inQuote {
		return append(body[:len(body):len(body)], '\n'), false, nil
	}
	return body, true, nil
}

// firstField returns the SampleID of a record start: its first CSV field
// as the pairs reader reads it (encoding/csv, leading space trimmed).
func firstField(start []byte) (string, error) {
	cut := len(start)
	s := bytes.TrimLeft(start, " \t")
	if bytes.HasPrefix(s, []byte{'"'}) {
		end := -1
		for i := 1; i < len(s); i++ {
			if s[i] == '"' {
				if i+1 < len(s) && s[i+1] == '"' {
					i++
					continue
				}
				end = i
				break
			}
		}
		if end < 0 {
			return "", errors.New("unterminated quoted SampleID")
		}
		cut = len(start) - len(s) + end + 1
	} else if i := bytes.IndexByte(start, ','); i >= 0 {
		cut = i
	}
	cr := csv.NewReader(bytes.NewReader(start[:cut]))
	cr.TrimLeadingSpace = true
	rec, err := cr.Read()
	if err != nil || len(rec) == 0 {
		return "", fmt.Errorf("malformed SampleID %s", Excerpt(string(start[:cut])))
	}
	id := strings.TrimSpace(rec[0])
	if id == "" {
		return "", errors.New("empty SampleID")
	}
	return id, nil
}
