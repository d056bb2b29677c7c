package scan

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// Header is the header of a scores CSV file.
var Header = []string{"A", "B", "score", "direction", "rows", "typeA", "typeB", "median", "low", "high", "agree", "method", "prior"}

// WriteCSV writes the scored results (already sorted and decided) as CSV
// with Header; names are quoted where needed. The interval columns are
// empty without a bootstrap.
func WriteCSV(w io.Writer, scored []Result, method string) error {
	cw := csv.NewWriter(w)
	cw.Write(Header)
	for _, r := range scored {
		med, lo, hi, agree := "", "", "", ""
		if iv := r.Interval; iv != nil {
			med, lo, hi, agree = formatScore(iv.Median), formatScore(iv.Low), formatScore(iv.High), formatScore(iv.Agree)
		}
		cw.Write([]string{r.A, r.B, formatScore(r.Score), r.Direction,
			strconv.Itoa(r.Rows), r.TypeA.String(), r.TypeB.String(), med, lo, hi, agree, method, r.Prior})
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
	Method    string       `json:"method"`
	Threshold float64      `json:"threshold"`
	Bootstrap int          `json:"bootstrap"`
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
	A         string        `json:"a"`
	B         string        `json:"b"`
	Score     float64       `json:"score"`
	Direction string        `json:"direction"`
	Rows      int           `json:"rows"`
	TypeA     string        `json:"type_a"`
	TypeB     string        `json:"type_b"`
	Interval  *IntervalJSON `json:"interval,omitempty"`
	Prior     string        `json:"prior,omitempty"`
}

// IntervalJSON is a pair's bootstrap summary (null where undefined).
type IntervalJSON struct {
	Resamples int      `json:"resamples"`
	Median    *float64 `json:"median"`
	Low       *float64 `json:"low"`
	High      *float64 `json:"high"`
	Agree     *float64 `json:"agree"`
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

// SkipJSON is one skipped pair and why.
type SkipJSON struct {
	A      string `json:"a"`
	B      string `json:"b"`
	Rows   int    `json:"rows"`
	Reason string `json:"reason"`
}

// NewReport gathers the --json report of decided results.
func NewReport(t *table.Table, scored, skipped []Result, method string, threshold float64, bootstrap int) Report {
	rep := Report{File: t.File, Rows: t.Rows, Method: method, Threshold: threshold, Bootstrap: bootstrap, Pairs: []PairJSON{}, Skipped: []SkipJSON{}}
	for _, c := range t.Columns {
		rep.Columns = append(rep.Columns, ColumnInfo{Name: c.Name, Type: c.Type.String(), Missing: c.Missing, Levels: c.Levels, Problem: c.Problem()})
	}
	for _, r := range scored {
		pj := PairJSON{r.A, r.B, r.Score, r.Direction, r.Rows, r.TypeA.String(), r.TypeB.String(), nil, r.Prior}
		if iv := r.Interval; iv != nil {
			pj.Interval = &IntervalJSON{iv.Resamples, finite(iv.Median), finite(iv.Low), finite(iv.High), finite(iv.Agree)}
		}
		rep.Pairs = append(rep.Pairs, pj)
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
	cr.FieldsPerRecord = 0 // the header's
	recs, err := cr.ReadAll()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, &table.Error{File: name, Line: pe.Line + shift, Msg: pe.Err.Error()}
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], Header) && !slices.Equal(recs[0], Header[:len(legacyHeader)]) {
		return nil, &table.Error{File: name, Line: 1 + shift, Msg: "not a scores file: want the header " + strings.Join(Header, ",")}
	}
	out := recs[1:] // a legacy file's rows are padded with empty fields
	for i := range out {
		out[i] = append(out[i], make([]string, len(Header)-len(out[i]))...)
	}
	return out, nil
}

// legacyHeader is the header of scores files written before the bootstrap
// columns (read as having none).
var legacyHeader = []string{"A", "B", "score", "direction", "rows", "typeA", "typeB"}

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
		out[i] = Result{A: rec[0], B: rec[1], Score: s, Direction: rec[3], Rows: n, TypeA: ta, TypeB: tb, Prior: rec[12]}
		if rec[7] != "" {
			out[i].Interval = parseInterval(rec[7:11])
		}
	}
	return out, nil
}

// parseInterval reads the median, low, high and agree fields (NaN where
// unreadable).
func parseInterval(f []string) *Interval {
	v := make([]float64, 4)
	for i, s := range f {
		var err error
		if v[i], err = strconv.ParseFloat(s, 64); err != nil {
			v[i] = math.NaN()
		}
	}
	return &Interval{Median: v[0], Low: v[1], High: v[2], Agree: v[3]}
}
