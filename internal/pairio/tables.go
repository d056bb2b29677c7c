package pairio

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/pairs"
)

// table reads the rows of a small per-pair CSV file (publicinfo, target,
// predictions) after its header, checking column counts and unique IDs.
type table struct {
	name string
	cr   *csv.Reader
	seen map[string]int
}

// readTable opens path ("-" for stdin, gzip detected) and calls read on
// its table.
func readTable(path string, read func(t *table) error) error {
	src, closer, err := openInput(path)
	if err != nil {
		return err
	}
	defer closer.Close()
	t, err := newTable(displayName(path), src)
	if err != nil {
		return err
	}
	return read(t)
}

// newTable reads the header of a table from src; name is used in errors.
func newTable(name string, src io.Reader) (*table, error) {
	cr := csv.NewReader(linecap.NewBuffered(src, linecap.Header, linecap.Line, true))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	t := &table{name: name, cr: cr, seen: map[string]int{}}
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, &InputError{File: t.name, Line: 1, Msg: "empty file: want a header line"}
	}
	if err != nil {
		return nil, t.wrap(err)
	}
	if len(rec) == 0 || !strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff")), "SampleID") {
		return nil, &InputError{File: t.name, Line: 1, Msg: headerProblem(rec, "a first column SampleID")}
	}
	return t, nil
}

func (t *table) wrap(err error) error {
	if pe, ok := err.(*csv.ParseError); ok {
		return &InputError{File: t.name, Line: pe.Line, Msg: "malformed CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("read %s: %w", t.name, err)
}

// each calls fn for every data row with its line, ID and cells.
func (t *table) each(minCols, maxCols int, fn func(line int, id string, rec []string) error) error {
	for {
		rec, err := t.cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return t.wrap(err)
		}
		line, _ := t.cr.FieldPos(0)
		id := strings.Clone(strings.TrimSpace(rec[0]))
		if len(rec) < minCols || len(rec) > maxCols {
			want := strconv.Itoa(minCols)
			if maxCols != minCols {
				want += " or " + strconv.Itoa(maxCols)
			}
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: fmt.Sprintf("%d columns, want %s", len(rec), want)}
		}
		if id == "" {
			return &InputError{File: t.name, Line: line, Msg: "empty SampleID"}
		}
		if prev, dup := t.seen[id]; dup {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: fmt.Sprintf("duplicate SampleID (first seen on line %d)", prev)}
		}
		t.seen[id] = line
		if err := fn(line, id, rec); err != nil {
			return err
		}
	}
}

// ReadPublicInfo reads a publicinfo file (SampleID,A type,B type).
func ReadPublicInfo(path string) (map[string]pairs.Types, error) {
	var info map[string]pairs.Types
	err := readTable(path, func(t *table) (err error) { info, err = t.publicInfo(); return err })
	return info, err
}

func (t *table) publicInfo() (map[string]pairs.Types, error) {
	info := map[string]pairs.Types{}
	err := t.each(3, 3, func(line int, id string, rec []string) error {
		a, err := pairs.ParseVarType(rec[1])
		if err != nil {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: "A type: " + err.Error()}
		}
		b, err := pairs.ParseVarType(rec[2])
		if err != nil {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: "B type: " + err.Error()}
		}
		info[id] = pairs.Types{A: a, B: b}
		return nil
	})
	return info, err
}

// ReadTargets reads a target file. Columns are read by position:
// SampleID, Target (1, 0 or -1) and optionally Details (1-4), whose header
// wording varies between the challenge's files. Target and Details must agree.
func ReadTargets(path string) ([]pairs.Target, error) {
	var out []pairs.Target
	err := readTable(path, func(t *table) (err error) { out, err = t.targets(); return err })
	return out, err
}

func (t *table) targets() ([]pairs.Target, error) {
	var out []pairs.Target
	err := t.each(2, 3, func(line int, id string, rec []string) error {
		fail := func(format string, args ...any) error {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: fmt.Sprintf(format, args...)}
		}
		tg, err := strconv.Atoi(strings.TrimSpace(rec[1]))
		if err != nil || tg < -1 || tg > 1 {
			return fail("Target %s: want 1, 0 or -1", Excerpt(rec[1]))
		}
		d := 0
		if len(rec) == 3 {
			d, err = strconv.Atoi(strings.TrimSpace(rec[2]))
			if err != nil || d < 1 || d > 4 {
				return fail("Details %s: want 1, 2, 3 or 4", Excerpt(rec[2]))
			}
			if DetailsTarget(d) != tg {
				return fail("Target %d disagrees with Details %d", tg, d)
			}
		}
		out = append(out, pairs.Target{ID: id, Target: tg, Details: d})
		return nil
	})
	return out, err
}

// DetailsTarget maps a Details class to its Target value.
func DetailsTarget(details int) int {
	switch details {
	case 1:
		return 1
	case 2:
		return -1
	}
	return 0
}

// ReadPredictions reads a predictions file (SampleID,Target with a real score).
func ReadPredictions(path string) ([]pairs.Prediction, error) {
	var out []pairs.Prediction
	err := readTable(path, func(t *table) (err error) { out, err = t.predictions(); return err })
	return out, err
}

func (t *table) predictions() ([]pairs.Prediction, error) {
	var out []pairs.Prediction
	err := t.each(2, 2, func(line int, id string, rec []string) error {
		v, err := parseNumber(strings.TrimSpace(rec[1])) // README's syntax, finite
		if err != nil {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: fmt.Sprintf("score %s is not a finite number", Excerpt(rec[1]))}
		}
		out = append(out, pairs.Prediction{ID: id, Score: v})
		return nil
	})
	return out, err
}
