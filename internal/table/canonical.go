package table

import (
	"cmp"
	"math"
	"slices"
	"strconv"

	"github.com/causal-tool/causal/pairs"
)

// Canonicalize puts the table into a form that depends neither on the
// order of the input's rows nor on how a category's levels are labelled,
// so that no score does: the codes of every Categorical and Binary column
// are renumbered 0, 1, ... by decreasing frequency (levels equally frequent
// keep their label order), Levels following; then the rows are sorted by
// their values, column by column (missing first). Rows that sort equal are
// identical, so their order cannot matter.
func (t *Table) Canonicalize() {
	for _, c := range t.Columns {
		if c.Type != pairs.Numerical {
			c.recodeByFrequency()
		}
	}
	rows := make([]int, t.Rows)
	for i := range rows {
		rows[i] = i
	}
	slices.SortStableFunc(rows, func(i, j int) int {
		for _, c := range t.Columns {
			if d := compareNaNFirst(c.Values[i], c.Values[j]); d != 0 {
				return d
			}
		}
		return 0
	})
	for _, c := range t.Columns {
		v := make([]float64, len(rows))
		for i, r := range rows {
			v[i] = c.Values[r]
		}
		c.Values = v
	}
}

func compareNaNFirst(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return -1
	case bn:
		return 1
	}
	return cmp.Compare(a, b)
}

// recodeByFrequency renumbers the column's values by decreasing frequency
// (pairs.CanonicalCodes), setting Levels to the labels in code order: the
// texts of a text column, the numbers of a numeric one.
func (c *Column) recodeByFrequency() {
	vals := pairs.CanonicalCodes(c.Values)
	levels := make([]string, len(vals))
	for i, v := range vals {
		if c.Levels != nil {
			levels[i] = c.Levels[int(v)]
		} else {
			levels[i] = strconv.FormatFloat(v, 'g', -1, 64)
		}
	}
	c.Levels = levels
}
