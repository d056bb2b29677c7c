package scan

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// Header is the header of a scores CSV file.
var Header = []string{"A", "B", "score", "direction", "rows", "typeA", "typeB"}

// WriteCSV writes the scored results (already sorted) as CSV with Header;
// names are quoted where needed.
func WriteCSV(w io.Writer, scored []Result, threshold float64) error {
	cw := csv.NewWriter(w)
	cw.Write(Header)
	for _, r := range scored {
		cw.Write([]string{r.A, r.B, formatScore(r.Score), Direction(r.Score, threshold),
			strconv.Itoa(r.Rows), r.TypeA.String(), r.TypeB.String()})
	}
	cw.Flush()
	return cw.Error()
}

func formatScore(s float64) string { return strconv.FormatFloat(s, 'g', -1, 64) }

// Report is the --json output: the table's columns, the scored pairs and
// the skipped ones.
type Report struct {
	File      string       `json:"file"`
	Rows      int          `json:"rows"`
	Threshold float64      `json:"threshold"`
	Columns   []ColumnInfo `json:"columns"`
	Pairs     []PairJSON   `json:"pairs"`
	Skipped   []SkipJSON   `json:"skipped"`
	// Shard identifies a --shard run's output (absent otherwise).
	Shard *ShardInfo `json:"shard,omitempty"`
}

// ColumnInfo describes one column of the table.
type ColumnInfo struct {
	Name    string   `json:"name"`
	Type    string   `json:"type"`
	Missing int      `json:"missing"`
	Levels  []string `json:"levels,omitempty"`
	Problem string   `json:"problem,omitempty"`
}

// PairJSON is one scored pair.
type PairJSON struct {
	A         string  `json:"a"`
	B         string  `json:"b"`
	Score     float64 `json:"score"`
	Direction string  `json:"direction"`
	Rows      int     `json:"rows"`
	TypeA     string  `json:"type_a"`
	TypeB     string  `json:"type_b"`
}

// SkipJSON is one skipped pair and why.
type SkipJSON struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Rows   int    `json:"rows"`
	Reason string `json:"reason"`
}

// NewReport gathers the --json report.
func NewReport(t *table.Table, scored, skipped []Result, threshold float64) Report {
	rep := Report{File: t.File, Rows: t.Rows, Threshold: threshold, Pairs: []PairJSON{}, Skipped: []SkipJSON{}}
	for _, c := range t.Columns {
		rep.Columns = append(rep.Columns, ColumnInfo{Name: c.Name, Type: c.Type.String(), Missing: c.Missing, Levels: c.Levels, Problem: c.Problem()})
	}
	for _, r := range scored {
		rep.Pairs = append(rep.Pairs, PairJSON{r.A, r.B, r.Score, Direction(r.Score, threshold), r.Rows, r.TypeA.String(), r.TypeB.String()})
	}
	for _, r := range skipped {
		rep.Skipped = append(rep.Skipped, SkipJSON{r.A, r.B, r.Rows, r.Skipped})
	}
	return rep
}

// WriteJSON writes the report, indented.
func WriteJSON(w io.Writer, rep Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}

// MergeCSV merges scores CSV files written by shards of one scan into the
// file one run would have written: their rows, sorted as Sort sorts.
func MergeCSV(w io.Writer, names []string, open func(string) (io.ReadCloser, error)) error {
	type row struct {
		rec   []string
		score float64
	}
	var rows []row
	infos := make([]*ShardInfo, len(names))
	recsOf := make([][][]string, len(names))
	for k, name := range names {
		info, recs, err := readScores(name, open)
		if err != nil {
			return err
		}
		infos[k], recsOf[k] = info, recs
	}
	if err := checkShards(names, infos); err != nil {
		return err
	}
	for k, name := range names {
		recs := recsOf[k]
		for i, rec := range recs {
			s, err := strconv.ParseFloat(rec[2], 64)
			if err != nil {
				return &table.Error{File: name, Line: i + 3, Column: "score", Msg: fmt.Sprintf("bad score %q", rec[2])}
			}
			rows = append(rows, row{rec, s})
		}
	}
	slices.SortStableFunc(rows, func(x, y row) int { return compare(x.score, y.score, x.rec[0], y.rec[0], x.rec[1], y.rec[1]) })
	cw := csv.NewWriter(w)
	cw.Write(Header)
	for _, r := range rows {
		cw.Write(r.rec)
	}
	cw.Flush()
	return cw.Error()
}

// readScores reads the shard line (nil if none) and the records of one
// scores CSV file after its header.
func readScores(name string, open func(string) (io.ReadCloser, error)) (*ShardInfo, [][]string, error) {
	f, err := open(name)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	br := linecap.NewBuffered(f, linecap.Header, linecap.Line, true)
	info, err := readShardLine(name, br)
	if err != nil {
		return nil, nil, err
	}
	recs, err := readRecords(name, br, info != nil)
	return info, recs, err
}

// readRecords reads the header and records of a scores CSV file; after a
// shard line, line numbers start at 2.
func readRecords(name string, br io.Reader, shifted bool) ([][]string, error) {
	shift := 0
	if shifted {
		shift = 1
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = len(Header)
	recs, err := cr.ReadAll()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, &table.Error{File: name, Line: pe.Line + shift, Msg: pe.Err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], Header) {
		return nil, &table.Error{File: name, Line: 1 + shift, Msg: "not a scores file: want the header " + strings.Join(Header, ",")}
	}
	return recs[1:], nil
}

// ReadCSV reads a scores CSV file written by WriteCSV (or MergeCSV).
func ReadCSV(path string) ([]Result, error) {
	open := func(name string) (io.ReadCloser, error) { return atomicfile.OpenInput(name) }
	info, recs, err := readScores(path, open)
	if err != nil {
		return nil, err
	}
	shift := 0
	if info != nil {
		shift = 1
	}
	out := make([]Result, len(recs))
	for i, rec := range recs {
		s, err1 := strconv.ParseFloat(rec[2], 64)
		n, err2 := strconv.Atoi(rec[4])
		ta, err3 := pairs.ParseVarType(rec[5])
		tb, err4 := pairs.ParseVarType(rec[6])
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, &table.Error{File: path, Line: i + 2 + shift, Msg: fmt.Sprintf("bad scores row: %v", err)}
		}
		out[i] = Result{A: rec[0], B: rec[1], Score: s, Rows: n, TypeA: ta, TypeB: tb}
	}
	return out, nil
}
