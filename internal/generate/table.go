package generate

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"

	"github.com/causal-tool/causal/pairs"
)

// TableConfig holds the parameters of a generated table: columns drawn
// from a random DAG of the challenge simulator's causes and mechanisms.
type TableConfig struct {
	// Base supplies the seed and the cause, mechanism and noise families,
	// noise range, mixture size, coarse fraction and level range.
	Base Config
	// Columns and Rows give the table's shape.
	Columns, Rows int
	// MaxParents is the largest number of parents of a column.
	MaxParents int
	// RootFraction is the probability that a column (after the first) has
	// no parents.
	RootFraction float64
	// MaxMissing is the largest fraction of missing cells of a column (each
	// column's fraction is uniform in [0, MaxMissing]).
	MaxMissing float64
	// TypeWeights are the relative weights of Numerical, Categorical and
	// Binary columns.
	TypeWeights [3]float64
}

// DefaultTableConfig returns the defaults of `causal generate --table`.
func DefaultTableConfig() TableConfig {
	return TableConfig{Base: DefaultConfig(), Columns: 12, Rows: 2000, MaxParents: 2,
		RootFraction: 0.3, MaxMissing: 0.05, TypeWeights: [3]float64{70, 15, 15}}
}

// Validate checks the parameters.
func (c TableConfig) Validate() error {
	switch {
	case c.Columns < 2:
		return fmt.Errorf("--columns must be at least 2, got %d", c.Columns)
	case c.Rows < 10:
		return fmt.Errorf("--rows must be at least 10, got %d", c.Rows)
	case c.MaxParents < 1:
		return fmt.Errorf("max parents must be at least 1, got %d", c.MaxParents)
	case !(c.RootFraction >= 0 && c.RootFraction < 1):
		return fmt.Errorf("root fraction must be in [0, 1), got %v", c.RootFraction)
	case !(c.MaxMissing >= 0 && c.MaxMissing < 0.5):
		return fmt.Errorf("missing fraction must be in [0, 0.5), got %v", c.MaxMissing)
	}
	if err := checkWeights(c.TypeWeights[:], "type weights"); err != nil {
		return err
	}
	if s := c.Base.Simulator; s != "" && s != SimChallenge {
		return fmt.Errorf("tables are drawn with the challenge simulator, not %s", c.Base.Simulator)
	}
	return c.Base.Validate()
}

// Table is a generated table and its true causal graph.
type Table struct {
	Names []string
	Types []pairs.VarType
	// Values holds each column's values (NaN where missing); Categorical
	// columns hold codes, written as labels "L<code>".
	Values [][]float64
	// Edges are the true direct causes: Edges[k] = {cause, effect} column
	// indices, in the order the effects were drawn.
	Edges [][2]int
}

// GenerateTable draws a table: the columns, in a random causal order, get
// 0..MaxParents parents among the columns before them; a root is drawn from
// a random cause family, any other column is the standardized sum of one
// random mechanism (with its own noise) per parent, each applied to the
// parent's standardized value (its category for Categorical and Binary
// parents); then every column is quantized to its type as in the pair
// simulator and a random share of its cells is blanked. The column names
// V1..Vn are in a random order unrelated to the causal order. It depends
// only on the configuration.
func GenerateTable(c TableConfig) (*Table, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Base.Simulator, c.Base.N = SimChallenge, 1
	g, err := New(c.Base)
	if err != nil {
		return nil, err
	}
	r := rand.New(rand.NewPCG(c.Base.Seed, 0x7ab1e))
	order := r.Perm(c.Columns) // order[k] is the column drawn k-th
	typeCum := cumulative(c.TypeWeights[:])
	t := &Table{Names: make([]string, c.Columns), Types: make([]pairs.VarType, c.Columns), Values: make([][]float64, c.Columns)}
	in := make([][]float64, c.Columns)
	for k, col := range order {
		t.Names[col] = "V" + strconv.Itoa(col+1)
		t.Types[col] = pairs.AllTypes[pickWeighted(typeCum, r.Float64())]
		parents := drawParents(r, order[:k], c)
		out, std, err := drawColumn(g, r, c.Rows, t.Types[col], parents, in)
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", t.Names[col], err)
		}
		t.Values[col], in[col] = out, std
		for _, p := range parents {
			t.Edges = append(t.Edges, [2]int{p, col})
		}
	}
	for col := range t.Values {
		blank(r, t.Values[col], c.MaxMissing*r.Float64())
	}
	return t, nil
}

// drawParents picks the parents of the next column among those drawn.
func drawParents(r *rand.Rand, before []int, c TableConfig) []int {
	if len(before) == 0 || r.Float64() < c.RootFraction {
		return nil
	}
	k := 1 + r.IntN(min(c.MaxParents, len(before)))
	idx := r.Perm(len(before))[:k]
	out := make([]int, k)
	for i, j := range idx {
		out[i] = before[j]
	}
	return out
}

// drawColumn draws one column of type t from its parents' standardized
// values, redrawing (up to maxAttempts) when it comes out unusable.
func drawColumn(g *Generator, r *rand.Rand, n int, t pairs.VarType, parents []int, in [][]float64) (out, std []float64, err error) {
	for range maxAttempts {
		d := &drawer{g: g, r: r, n: n, ok: true}
		var v []float64
		if len(parents) == 0 {
			v = d.rawCause()
		} else {
			v = make([]float64, n)
			for _, p := range parents {
				for i, y := range standardize(d.effect(in[p])) {
					v[i] += y
				}
			}
		}
		out, std, ok := finalize(r, v, t, &g.cfg)
		if ok {
			if t == pairs.Numerical {
				for i := range out {
					out[i] /= numericalScale
				}
			}
			return out, std, nil
		}
	}
	return nil, nil, fmt.Errorf("no usable draw in %d attempts", maxAttempts)
}

// blank sets a random fraction f of x to NaN.
func blank(r *rand.Rand, x []float64, f float64) {
	for i := range x {
		if r.Float64() < f {
			x[i] = math.NaN()
		}
	}
}

// WriteCSV writes the table as CSV: Numerical values as decimals,
// Categorical codes as labels "L<code>", Binary values as 0/1, missing
// cells alternately empty and "NA".
func (t *Table) WriteCSV(w io.Writer) error {
	var b []byte
	for i, n := range t.Names {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, n...)
	}
	b = append(b, '\n')
	missing := 0
	for row := range t.Values[0] {
		for col, x := range t.Values {
			if col > 0 {
				b = append(b, ',')
			}
			v := x[row]
			switch {
			case math.IsNaN(v):
				if missing%2 == 1 {
					b = append(b, "NA"...)
				}
				missing++
			case t.Types[col] == pairs.Categorical:
				b = append(b, 'L')
				b = strconv.AppendInt(b, int64(v), 10)
			default:
				b = strconv.AppendFloat(b, v, 'g', -1, 64)
			}
		}
		b = append(b, '\n')
		if len(b) > 1<<16 {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	_, err := w.Write(b)
	return err
}

// WriteEdges writes the true edges as CSV: cause,effect by column name.
func (t *Table) WriteEdges(w io.Writer) error {
	b := []byte("cause,effect\n")
	for _, e := range t.Edges {
		b = append(b, t.Names[e[0]]...)
		b = append(b, ',')
		b = append(b, t.Names[e[1]]...)
		b = append(b, '\n')
	}
	_, err := w.Write(b)
	return err
}
