// Package table reads a user's data table — one column per variable, one
// row per observation — for `causal scan`: delimited text (CSV, TSV, any
// one-byte separator, detected from the header line), gzip-compressed or
// not, from a file or standard input ("-"), and Arrow IPC (Feather v2, file
// or stream) and Parquet files through the Apache Arrow Go library.
//
// Every column gets a challenge type (Numerical, Categorical or Binary) by
// TypeRule, overridable per column; text categories get stable codes (the
// rank of the text among the column's distinct texts in byte order).
// Missing cells become NaN. Every bad input is an *Error naming the file,
// the line (or row) and the column.
package table

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/causal-tool/causal/pairs"
)

// DefaultMaxLevels is the default largest number of distinct integer values
// of a numeric column read as Categorical.
const DefaultMaxLevels = pairs.DefaultMaxLevels

// DefaultNA lists the default spellings of a missing cell, matched after
// trimming spaces and ignoring case (the empty cell is always missing).
var DefaultNA = []string{"NA", "NaN", "null"}

// TypeRule is the type inference rule, as printed by `causal scan --help`.
const TypeRule = `Column types: a cell is missing when it is empty or, ignoring case and
surrounding spaces, one of the --na spellings (default NA, NaN, null); Arrow
and Parquet nulls and floating-point NaNs are missing too. A column whose
present cells all parse as finite numbers is numeric, typed by the rule
causal predict, featurize and validate use without --info:
` + pairs.NumberTypeRule + `
Any other column is text: Binary with two distinct texts, Categorical
otherwise, coded 0, 1, ... in the byte order of its distinct texts. A column
with one distinct value (constant) or none (all missing), or text with a
different value in every row (an identifier, 20 rows or more) is reported
and its pairs skipped. --types name=Categorical,... overrides the rule for
the named columns (text cannot be Numerical; Binary needs at most two
values; a numeric column forced to Categorical keeps integer values and
otherwise is coded like text, in numeric order).`

// Options control how a table is read.
type Options struct {
	// Sep is the field separator of delimited text (0: detect it from the
	// header line among ',', '\t', ';' and '|').
	Sep rune
	// NA lists the spellings of a missing cell (nil: DefaultNA).
	NA []string
	// MaxLevels is the largest number of distinct integer values of a
	// numeric column inferred as Categorical (0: DefaultMaxLevels).
	MaxLevels int
	// Types overrides the inferred type of the named columns.
	Types map[string]pairs.VarType
	// Decimal is the decimal mark of delimited text: '.' (0 too) or ','.
	Decimal rune
}

// Column is one variable of a table.
type Column struct {
	// Name is the column's header.
	Name string
	// Type is its challenge type.
	Type pairs.VarType
	// Values holds one value per row, NaN where the cell is missing. Text
	// columns hold their category codes.
	Values []float64
	// Levels names the categories of a text column: code i is Levels[i]
	// (nil for a numeric column).
	Levels []string
	// Missing is the number of missing cells.
	Missing int
	// Distinct is the number of distinct present values.
	Distinct int
	// ID marks a column the user named an identifier: not a variable.
	ID bool
}

// Problem returns why the column cannot be scored ("" when it can): it is
// all missing, constant, or text with a different value in every row (an
// identifier, at least minIdentifier rows).
func (c *Column) Problem() string {
	present := len(c.Values) - c.Missing
	switch {
	case c.ID:
		return "an identifier (--id)"
	case c.Distinct == 0:
		return "all values missing"
	case c.Distinct == 1:
		return "constant (one distinct value)"
	case c.Levels != nil && c.Type == pairs.Categorical && c.Distinct == present && present >= minIdentifier:
		return fmt.Sprintf("text with a different value in each of its %d rows (an identifier?)", present)
	}
	return ""
}

// minIdentifier is the least number of rows of a text column with all
// values distinct for it to be taken for an identifier.
const minIdentifier = 20

// Table is a read table: equally long columns.
type Table struct {
	// File is the input's display name ("<stdin>" for "-").
	File string
	// Rows is the number of data rows.
	Rows    int
	Columns []*Column
}

// Index returns the position of the named column, or -1.
func (t *Table) Index(name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// Usable returns the indices of the columns without a Problem.
func (t *Table) Usable() []int {
	var out []int
	for i, c := range t.Columns {
		if c.Problem() == "" {
			out = append(out, i)
		}
	}
	return out
}

// Subsample keeps n rows drawn uniformly without replacement (seeded; the
// kept rows stay in table order) when the table has more than n rows.
// Types and codes stay those of the full table; Missing and Distinct are
// recounted.
func (t *Table) Subsample(n int, seed uint64) {
	if n <= 0 || t.Rows <= n {
		return
	}
	rows := rand.New(rand.NewPCG(seed, 0x7ab1e5)).Perm(t.Rows)[:n]
	slices.Sort(rows)
	for _, c := range t.Columns {
		kept := make([]float64, n)
		for i, r := range rows {
			kept[i] = c.Values[r]
		}
		c.Values = kept
		c.count()
	}
	t.Rows = n
}

// count sets Missing and Distinct from Values.
func (c *Column) count() {
	c.Missing = 0
	seen := map[float64]bool{}
	for _, v := range c.Values {
		if math.IsNaN(v) {
			c.Missing++
		} else {
			seen[v] = true
		}
	}
	c.Distinct = len(seen)
}

// Pair returns the rows where both columns a and b are present, as a pair
// with the columns' types.
func (t *Table) Pair(id string, a, b int) pairs.Pair { return t.PairKept(id, a, b, nil) }

// PairKept is Pair on the rows keep keeps (all rows when keep is nil).
func (t *Table) PairKept(id string, a, b int, keep []bool) pairs.Pair {
	ca, cb := t.Columns[a], t.Columns[b]
	var xa, xb []float64
	for i, va := range ca.Values {
		vb := cb.Values[i]
		if keep != nil && !keep[i] || math.IsNaN(va) || math.IsNaN(vb) {
			continue
		}
		xa = append(xa, va)
		xb = append(xb, vb)
	}
	return pairs.Pair{ID: id, A: xa, B: xb, TypeA: ca.Type, TypeB: cb.Type}
}

// PairRows returns the number of rows where both columns are present.
func (t *Table) PairRows(a, b int) int {
	n := 0
	vb := t.Columns[b].Values
	for i, va := range t.Columns[a].Values {
		if !math.IsNaN(va) && !math.IsNaN(vb[i]) {
			n++
		}
	}
	return n
}

// Error is a problem with one place of an input table: the file, the
// 1-based line (delimited text) or data row (Arrow, Parquet), and the
// column when known.
type Error struct {
	File   string
	Line   int
	Row    int
	Column string
	Msg    string
}

// Error formats the error as `file:line: column "name": message`.
func (e *Error) Error() string {
	s := e.File
	switch {
	case e.Line > 0:
		s += fmt.Sprintf(":%d", e.Line)
	case e.Row > 0:
		s += fmt.Sprintf(": row %d", e.Row)
	}
	if e.Column != "" {
		s += fmt.Sprintf(": column %q", e.Column)
	}
	return s + ": " + e.Msg
}
