package generate

import (
	"bytes"
	"math"
	"testing"

	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

func smallTableConfig(seed uint64) TableConfig {
	c := DefaultTableConfig()
	c.Base.Seed, c.Columns, c.Rows, c.MaxMissing = seed, 8, 300, 0.1
	return c
}

func TestGenerateTableDAGAndTypes(t *testing.T) {
	tb, err := GenerateTable(smallTableConfig(3))
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Names) != 8 || len(tb.Edges) == 0 {
		t.Fatalf("%d columns, %d edges", len(tb.Names), len(tb.Edges))
	}
	// The edges form a DAG: repeatedly removing sources empties it.
	indeg := make([]int, 8)
	for _, e := range tb.Edges {
		indeg[e[1]]++
	}
	removed := 0
	for changed := true; changed; {
		changed = false
		for v := range indeg {
			if indeg[v] == 0 {
				indeg[v], changed = -1, true
				removed++
				for _, e := range tb.Edges {
					if e[0] == v {
						indeg[e[1]]--
					}
				}
			}
		}
	}
	if removed != 8 {
		t.Fatalf("edges %v have a cycle", tb.Edges)
	}
	var buf bytes.Buffer
	if err := tb.WriteCSV(&buf); err != nil {
		t.Fatal(err)
	}
	table.Stdin = &buf
	read, err := table.Read("-", table.Options{})
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for i, c := range read.Columns {
		if c.Type != tb.Types[i] {
			t.Errorf("%s: written %v, read back %v", c.Name, tb.Types[i], c.Type)
		}
		if c.Problem() != "" {
			t.Errorf("%s: %s", c.Name, c.Problem())
		}
		for j, v := range c.Values {
			if math.IsNaN(v) != math.IsNaN(tb.Values[i][j]) {
				t.Fatalf("%s row %d: missingness differs", c.Name, j)
			}
		}
		missing += c.Missing
	}
	if missing == 0 {
		t.Error("no missing values")
	}
}

func TestGenerateTableDeterministicAndMixed(t *testing.T) {
	write := func(seed uint64) string {
		tb, err := GenerateTable(smallTableConfig(seed))
		if err != nil {
			t.Fatal(err)
		}
		var b, e bytes.Buffer
		tb.WriteCSV(&b)
		tb.WriteEdges(&e)
		return b.String() + e.String()
	}
	if write(5) != write(5) {
		t.Fatal("same seed, different tables")
	}
	if write(5) == write(6) {
		t.Fatal("seeds 5 and 6 gave the same table")
	}
	c := smallTableConfig(1)
	c.Columns = 40
	tb, err := GenerateTable(c)
	if err != nil {
		t.Fatal(err)
	}
	count := map[pairs.VarType]int{}
	for _, ty := range tb.Types {
		count[ty]++
	}
	if count[pairs.Numerical] == 0 || count[pairs.Categorical] == 0 || count[pairs.Binary] == 0 {
		t.Errorf("types not mixed: %v", count)
	}
	bad := smallTableConfig(1)
	bad.Columns = 1
	if _, err := GenerateTable(bad); err == nil {
		t.Error("1 column accepted")
	}
}
