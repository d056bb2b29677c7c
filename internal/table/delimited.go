package table

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/causal-tool/causal/internal/linecap"
)

// separators are the candidates of delimiter detection, in order of
// preference on ties.
var separators = []rune{',', '\t', ';', '|'}

// detectSep picks the candidate separator occurring most often outside
// quotes in the header line (',' when none occurs).
func detectSep(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size())
	if i := strings.IndexAny(string(head), "\r\n"); i >= 0 {
		head = head[:i]
	}
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(head) {
		if r == '"' {
			quoted = !quoted
		} else if !quoted {
			counts[r]++
		}
	}
	best := ','
	for _, s := range separators {
		if counts[s] > counts[best] {
			best = s
		}
	}
	return best
}

// readDelimited reads delimited text with a header row.
func readDelimited(name string, br *bufio.Reader, opt Options) (*Table, error) {
	if bom, _ := br.Peek(3); string(bom) == "\ufeff" {
		br.Discard(3) // a UTF-8 byte order mark, as spreadsheets write
	}
	sep := opt.Sep
	if sep == 0 {
		sep = detectSep(br)
	}
	r := csv.NewReader(linecap.NewBuffered(br, linecap.Header, linecap.Line, true))
	r.Comma = sep
	r.ReuseRecord = true
	r.FieldsPerRecord = -1 // ragged rows are reported below, with the header's count
	r.TrimLeadingSpace = true
	header, err := r.Read()
	if err == io.EOF {
		return nil, &Error{File: name, Msg: "empty table: no header row"}
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	if strings.Contains(strings.Join(header, ""), "\r") {
		return nil, &Error{File: name, Line: 1, Msg: "line endings are CR only (classic Mac): the whole file reads as one line; convert them to LF or CRLF"}
	}
	raws := make([]rawColumn, len(header))
	for i, h := range header {
		raws[i].name = strings.TrimSpace(h)
	}
	headerLine, _ := r.FieldPos(0)
	var lines []int
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(raws) {
			col := ""
			if len(rec) > len(raws) {
				col = fmt.Sprintf(" (extra field %d)", len(raws)+1)
			} else {
				col = fmt.Sprintf(" (column %q missing)", raws[len(rec)].name)
			}
			return nil, &Error{File: name, Line: line, Msg: fmt.Sprintf("ragged row: %d fields, the header has %d%s", len(rec), len(raws), col)}
		}
		for i, cell := range rec {
			raws[i].cells = append(raws[i].cells, cell) // csv allocates each record anew
		}
		lines = append(lines, line)
	}
	loc := func(row int) (int, int) { return lines[row], 0 }
	return build(name, raws, len(lines), opt, loc, headerLine)
}

// csvError turns an encoding/csv error into an *Error with its line.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: name, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("read %s: %w", name, err)
}
