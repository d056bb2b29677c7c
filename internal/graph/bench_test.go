package graph

import (
	"testing"

	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/table"
)

// generated returns a generate --table table (mixed types, up to 10 %
// missing cells) as a table.Table.
func generated(b *testing.B, cols int) *table.Table {
	cfg := generate.DefaultTableConfig()
	cfg.Columns, cfg.MaxMissing, cfg.Base.Seed = cols, 0.1, 1
	g, err := generate.GenerateTable(cfg)
	if err != nil {
		b.Fatal(err)
	}
	t := &table.Table{File: "generated", Rows: cfg.Rows}
	for i, v := range g.Values {
		c := &table.Column{Name: g.Names[i], Type: g.Types[i], Values: v}
		seen := map[float64]bool{}
		for _, x := range v {
			if x != x {
				c.Missing++
			} else {
				seen[x] = true
			}
		}
		c.Distinct = len(seen)
		t.Columns = append(t.Columns, c)
	}
	return t
}

// BenchmarkLearn50 times the skeleton search alone (no pair scores) on a
// 50-column, 2,000-row generated table, on one worker: compare with PC's
// CPU time in make bench-graph.
func BenchmarkLearn50(b *testing.B) {
	t := generated(b, 50)
	for b.Loop() {
		if _, err := Learn(t, Options{Workers: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
