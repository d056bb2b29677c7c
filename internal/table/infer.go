package table

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/pairs"
)

// rawColumn is one column as read, before typing: text cells (a null is
// the empty cell) or, for numeric Arrow columns, numbers (NaN missing).
type rawColumn struct {
	name  string
	cells []string
	nums  []float64
}

// locator maps a 0-based data row to the place it is reported at.
type locator func(row int) (line, dataRow int)

// typer turns raw columns into typed columns by TypeRule.
type typer struct {
	file      string
	na        map[string]bool
	maxLevels int
	types     map[string]pairs.VarType
	loc       locator
	// comma reads numbers with a decimal comma ("1,5", "1.234,5").
	comma bool
}

func newTyper(file string, opt Options, loc locator) *typer {
	na := opt.NA
	if na == nil {
		na = DefaultNA
	}
	t := &typer{file: file, na: map[string]bool{}, maxLevels: opt.MaxLevels, types: opt.Types, loc: loc, comma: opt.Decimal == ','}
	for _, s := range na {
		t.na[strings.ToLower(strings.TrimSpace(s))] = true
	}
	if t.maxLevels <= 0 {
		t.maxLevels = DefaultMaxLevels
	}
	return t
}

func (t *typer) errAt(row int, col, msg string) error {
	line, dr := t.loc(row)
	return &Error{File: t.file, Line: line, Row: dr, Column: col, Msg: msg}
}

// missing reports whether a trimmed text cell is missing.
func (t *typer) missing(s string) bool { return s == "" || t.na[strings.ToLower(s)] }

// column types one raw column.
func (t *typer) column(rc rawColumn) (*Column, error) {
	c := &Column{Name: rc.name}
	var text []string
	if rc.nums != nil {
		c.Values = rc.nums
	} else {
		var err error
		c.Values, text, err = t.parse(rc)
		if err != nil {
			return nil, err
		}
	}
	if text != nil {
		_, forced := t.types[c.Name]
		if ex, ok := t.decimalCommas(text); ok && !forced {
			return nil, &Error{File: t.file, Column: c.Name, Msg: fmt.Sprintf("numbers with a decimal comma (e.g. %q) would be read as text categories: read the file with --decimal ,", ex)}
		}
		c.Values, c.Levels = codeText(text)
	}
	c.count()
	inferred := t.infer(c)
	want, forced := t.types[c.Name]
	if !forced {
		c.Type = inferred
		return c, nil
	}
	return c, t.force(c, text, want)
}

// parse converts text cells to numbers; when a present cell is not a
// number it returns the trimmed texts instead (values then unset).
func (t *typer) parse(rc rawColumn) ([]float64, []string, error) {
	vals := make([]float64, len(rc.cells))
	infRow := -1
	for i, s := range rc.cells {
		s = strings.TrimSpace(s)
		if t.missing(s) {
			vals[i] = math.NaN()
			continue
		}
		if t.comma {
			s = commaToPoint(s)
		}
		v, err := strconv.ParseFloat(s, 64)
		var ne *strconv.NumError
		switch {
		case err == nil && math.IsInf(v, 0), errors.As(err, &ne) && ne.Err == strconv.ErrRange:
			if infRow < 0 {
				infRow = i
			}
			vals[i] = math.NaN()
		case err == nil:
			vals[i] = v // a NaN spelling outside --na is missing too
		default:
			return nil, t.texts(rc), nil
		}
	}
	if infRow >= 0 {
		return nil, nil, t.errAt(infRow, rc.name, fmt.Sprintf("infinite or out-of-range number %q", strings.TrimSpace(rc.cells[infRow])))
	}
	return vals, nil, nil
}

// commaToPoint rewrites a number written with a decimal comma, and
// optionally '.' between groups of three digits ("1.234,5"), with a
// decimal point; other text is returned as is.
func commaToPoint(s string) string {
	intPart, frac, hasComma := strings.Cut(s, ",")
	if strings.Contains(frac, ",") {
		return s
	}
	if strings.Contains(intPart, ".") {
		groups := strings.Split(strings.TrimLeft(intPart, "+-"), ".")
		for i, g := range groups {
			if len(g) != 3 && !(i == 0 && len(g) >= 1 && len(g) <= 3) {
				return s
			}
		}
		intPart = strings.ReplaceAll(intPart, ".", "")
	}
	out := intPart
	if hasComma {
		out += "." + frac
	}
	if _, err := strconv.ParseFloat(out, 64); err != nil {
		return s
	}
	return out
}

// decimalCommas reports whether text cells (without --decimal ,) are
// numbers with decimal commas, with an example: every present cell parses
// as a number once its comma is a point, and some cell has a comma.
func (t *typer) decimalCommas(text []string) (string, bool) {
	if t.comma {
		return "", false
	}
	example := ""
	for _, s := range text {
		if s == "" {
			continue
		}
		if _, err := strconv.ParseFloat(commaToPoint(s), 64); err != nil {
			return "", false
		}
		if example == "" && strings.Contains(s, ",") {
			example = s
		}
	}
	return example, example != ""
}

// texts returns the trimmed cells, "" for the missing ones.
func (t *typer) texts(rc rawColumn) []string {
	out := make([]string, len(rc.cells))
	for i, s := range rc.cells {
		s = strings.TrimSpace(s)
		if !t.missing(s) {
			out[i] = s
		}
	}
	return out
}

// codeText returns the codes of the texts (NaN where missing, "") and the
// levels: the distinct texts in byte order, code i naming Levels[i].
func codeText(text []string) ([]float64, []string) {
	var levels []string
	for _, s := range text {
		if s != "" {
			levels = append(levels, s)
		}
	}
	slices.Sort(levels)
	levels = slices.Compact(levels)
	code := make(map[string]float64, len(levels))
	for i, s := range levels {
		code[s] = float64(i)
	}
	vals := make([]float64, len(text))
	for i, s := range text {
		if s == "" {
			vals[i] = math.NaN()
		} else {
			vals[i] = code[s]
		}
	}
	if levels == nil {
		levels = []string{}
	}
	return vals, levels
}

// infer applies TypeRule to a column with its values and counts set.
func (t *typer) infer(c *Column) pairs.VarType {
	switch {
	case c.Distinct == 2:
		return pairs.Binary
	case c.Levels != nil:
		return pairs.Categorical
	}
	return pairs.InferType(c.Values, t.maxLevels)
}

// allIntegers reports whether every present value is an integer.
func allIntegers(x []float64) bool {
	for _, v := range x {
		if !math.IsNaN(v) && v != math.Trunc(v) {
			return false
		}
	}
	return true
}

// force applies a --types override, checking it fits the values.
func (t *typer) force(c *Column, text []string, want pairs.VarType) error {
	bad := func(msg string) error {
		return &Error{File: t.file, Column: c.Name, Msg: "--types " + want.String() + ": " + msg}
	}
	switch {
	case want == pairs.Numerical && c.Levels != nil:
		return bad(fmt.Sprintf("the column holds text (e.g. %q), not numbers", firstText(text)))
	case want == pairs.Binary && c.Distinct > 2:
		return bad(fmt.Sprintf("the column has %d distinct values, Binary allows at most 2", c.Distinct))
	case want == pairs.Categorical && c.Levels == nil && !allIntegers(c.Values):
		c.Levels = codeNumbers(c.Values)
	}
	c.Type = want
	return nil
}

func firstText(text []string) string {
	for _, s := range text {
		if s != "" {
			return s
		}
	}
	return ""
}

// codeNumbers replaces the values by their rank among the distinct values
// (NaN stays missing) and returns the distinct values as levels.
func codeNumbers(vals []float64) []string {
	var distinct []float64
	for _, v := range vals {
		if !math.IsNaN(v) {
			distinct = append(distinct, v)
		}
	}
	slices.Sort(distinct)
	distinct = slices.Compact(distinct)
	levels := make([]string, len(distinct))
	for i, v := range distinct {
		levels[i] = strconv.FormatFloat(v, 'g', -1, 64)
	}
	for i, v := range vals {
		if !math.IsNaN(v) {
			k, _ := slices.BinarySearch(distinct, v)
			vals[i] = float64(k)
		}
	}
	return levels
}
