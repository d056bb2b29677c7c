package scan

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/prior"
	"github.com/causal-tool/causal/internal/table"
)

// noisyTable is a table of n rows: x, y = 2x + noise, z independent.
func noisyTable(n int) *table.Table {
	r := rand.New(rand.NewPCG(1, 2))
	x, y, z := make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		x[i] = r.NormFloat64()
		y[i] = 2*x[i] + r.NormFloat64()
		z[i] = r.NormFloat64()
	}
	col := func(name string, v []float64) *table.Column {
		return &table.Column{Name: name, Values: v, Distinct: n}
	}
	return &table.Table{File: "n.csv", Rows: n, Columns: []*table.Column{col("x", x), col("y", y), col("z", z)}}
}

// permuted returns t with its rows in the order perm.
func permuted(t *table.Table, perm []int) *table.Table {
	out := &table.Table{File: t.File, Rows: t.Rows}
	for _, c := range t.Columns {
		v := make([]float64, len(perm))
		for i, p := range perm {
			v[i] = c.Values[p]
		}
		cc := *c
		cc.Values = v
		out.Columns = append(out.Columns, &cc)
	}
	return out
}

// The bootstrap's intervals are the same for any batch size and any row
// order, and the resamples keep about half the rows.
func TestBootstrapDeterministic(t *testing.T) {
	tb := noisyTable(200)
	run := func(tb *table.Table, batch int) []Result {
		rs, err := Run(context.Background(), tb, AllPairs(tb), &meanScorer{}, Options{Batch: batch, Bootstrap: 25, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		return rs
	}
	base := run(tb, 1)
	perm := rand.New(rand.NewPCG(3, 4)).Perm(tb.Rows)
	same := run(tb, 64)
	for i := range base {
		if *base[i].Interval != *same[i].Interval || base[i].Score != same[i].Score {
			t.Errorf("batch 64, pair %d: %+v vs %+v", i, *base[i].Interval, *same[i].Interval)
		}
	}
	// the mean's sum changes in the last bits with the row order
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-12 }
	for i, r := range run(permuted(tb, perm), 5) {
		b, o := base[i].Interval, r.Interval
		if !near(b.Median, o.Median) || !near(b.Low, o.Low) || !near(b.High, o.High) || b.Agree != o.Agree {
			t.Errorf("rows permuted, pair %d: %+v vs %+v", i, *b, *o)
		}
	}
	rs := newResamples(tb, 25, 7)
	for b, d := range rs.dropped {
		if len(d) < 70 || len(d) > 130 {
			t.Errorf("resample %d drops %d of 200 rows", b, len(d))
		}
	}
	if slices.Equal(rs.dropped[0], rs.dropped[1]) {
		t.Error("two resamples drop the same rows")
	}
	iv := base[0].Interval // x,y: mean(x)-mean(y) over half-samples
	if iv.Resamples != 25 || !(iv.Low <= iv.Median && iv.Median <= iv.High) || iv.Low == iv.High {
		t.Errorf("interval %+v", *iv)
	}
}

func TestSummarize(t *testing.T) {
	iv := summarize(1, []float64{math.NaN(), 5, 1, 2, -1, 3, 4})
	want := Interval{Resamples: 6, Median: 2.5, Low: -1 + 0.25*2, High: 4 + 0.75*1, Agree: 5.0 / 6}
	if iv != want {
		t.Errorf("summarize %+v, want %+v", iv, want)
	}
	if iv := summarize(1, []float64{math.NaN()}); iv.Resamples != 0 || !math.IsNaN(iv.Median) {
		t.Errorf("no resample: %+v", iv)
	}
}

func TestDecide(t *testing.T) {
	k, err := prior.Build(prior.Spec{Exogenous: "sex", Order: "x;y"})
	if err != nil {
		t.Fatal(err)
	}
	iv := func(med, lo, hi float64) *Interval { return &Interval{Resamples: 10, Median: med, Low: lo, High: hi} }
	for _, c := range []struct {
		name      string
		r         Result
		want, why string
	}{
		{"no bootstrap, above", Result{A: "a", B: "b", Score: 0.5}, AToB, ""},
		{"no bootstrap, below", Result{A: "a", B: "b", Score: -0.5}, BToA, ""},
		{"no bootstrap, small", Result{A: "a", B: "b", Score: 0.1}, None, ""},
		{"interval excludes zero", Result{A: "a", B: "b", Score: 0.5, Interval: iv(0.4, 0.1, 0.7)}, AToB, ""},
		{"interval holds zero", Result{A: "a", B: "b", Score: 0.5, Interval: iv(0.4, -0.1, 0.7)}, Uncertain, ""},
		{"interval within the threshold", Result{A: "a", B: "b", Score: 0.5, Interval: iv(0.1, 0.05, 0.2)}, None, ""},
		{"median small, interval wide", Result{A: "a", B: "b", Score: -0.6, Interval: iv(-0.1, -0.8, 0.3)}, Uncertain, ""},
		{"above zero, median small", Result{A: "a", B: "b", Score: 0.5, Interval: iv(0.15, 0.05, 0.3)}, Uncertain, ""},
		{"median sign rules", Result{A: "a", B: "b", Score: 0.3, Interval: iv(-0.4, -0.6, -0.3)}, BToA, ""},
		{"no resample", Result{A: "a", B: "b", Score: 0.5, Interval: iv(math.NaN(), math.NaN(), math.NaN())}, Uncertain, ""},
		{"exogenous flips", Result{A: "a", B: "sex", Score: 0.5}, BToA, `was A->B: "sex" is exogenous`},
		{"exogenous agrees", Result{A: "sex", B: "a", Score: 0.5}, AToB, "agrees"},
		{"exogenous resolves uncertain", Result{A: "sex", B: "a", Score: 0.5, Interval: iv(0.4, -0.1, 0.7)}, AToB, "was uncertain"},
		{"exogenous keeps none", Result{A: "sex", B: "a", Score: 0.1}, None, "allows A->B only"},
		{"tiers flip", Result{A: "y", B: "x", Score: 0.9}, BToA, `"y" (tier 2) comes after "x" (tier 1)`},
	} {
		rs := []Result{c.r}
		Decide(rs, 0.2, k)
		if rs[0].Direction != c.want || !strings.Contains(rs[0].Prior, c.why) || (c.why == "") != (rs[0].Prior == "") {
			t.Errorf("%s: %s %q, want %s %q", c.name, rs[0].Direction, rs[0].Prior, c.want, c.why)
		}
		if rs[0].Score != c.r.Score {
			t.Errorf("%s: the score changed", c.name)
		}
	}
}
