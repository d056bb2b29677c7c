package graph

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// numeric, category and binary build columns; frac of cells are blanked.
func column(name string, typ pairs.VarType, v []float64, r *rand.Rand, frac float64) *table.Column {
	c := &table.Column{Name: name, Type: typ, Values: slices.Clone(v)}
	seen := map[float64]bool{}
	for i := range c.Values {
		if r.Float64() < frac {
			c.Values[i] = math.NaN()
			c.Missing++
		} else {
			seen[c.Values[i]] = true
		}
	}
	c.Distinct = len(seen)
	return c
}

// structure draws 1500 rows of three columns A, B, C: a chain A -> B -> C,
// a fork A <- B -> C or a collider A -> C <- B. B is Categorical (4 ordered
// levels, coded in a scrambled order), A Numerical through a monotone
// nonlinear map, C Binary in the chain; 5 % of cells are missing.
func structure(kind string, seed uint64) *table.Table {
	r := rand.New(rand.NewPCG(seed, 1))
	n := 1500
	a, b, c := make([]float64, n), make([]float64, n), make([]float64, n)
	level := func(x float64) float64 { return math.Floor(math.Max(0, math.Min(3, x+2))) }
	for i := range n {
		e := [3]float64{r.NormFloat64(), r.NormFloat64(), r.NormFloat64()}
		switch kind {
		case "chain":
			a[i] = e[0]
			b[i] = level(a[i] + 0.7*e[1])
			c[i] = b[i] + 0.7*e[2]
		case "fork":
			b[i] = level(1.2 * e[1])
			a[i] = b[i] + 0.7*e[0]
			c[i] = b[i] + 0.7*e[2]
		case "collider":
			a[i], b[i] = e[0], level(1.2*e[1])
			c[i] = a[i] + b[i] + 0.7*e[2]
		}
		a[i] = math.Exp(a[i]) // monotone, far from Gaussian
		b[i] = []float64{2, 0, 3, 1}[int(b[i])]
		if kind == "chain" {
			c[i] = float64(int(math.Max(0, math.Copysign(1, c[i]-1.5))))
		}
	}
	cType := pairs.Numerical
	if kind == "chain" {
		cType = pairs.Binary
	}
	return &table.Table{File: kind, Rows: n, Columns: []*table.Column{
		column("A", pairs.Numerical, a, r, 0.05),
		column("B", pairs.Categorical, b, r, 0.05),
		column("C", cType, c, r, 0.05),
	}}
}

func linkNames(t *table.Table, sk *Skeleton) []string {
	var out []string
	for _, l := range sk.Links {
		out = append(out, t.Columns[l.A].Name+"-"+t.Columns[l.B].Name)
	}
	return out
}

func TestSkeletonChainForkCollider(t *testing.T) {
	for kind, want := range map[string][]string{
		"chain":    {"A-B", "B-C"},
		"fork":     {"A-B", "B-C"},
		"collider": {"A-C", "B-C"},
	} {
		for seed := range uint64(3) {
			tb := structure(kind, seed)
			sk, err := Learn(tb, Options{Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if got := linkNames(tb, sk); !slices.Equal(got, want) {
				t.Errorf("%s seed %d: skeleton %v, want %v", kind, seed, got, want)
			}
			for _, l := range sk.Links {
				if !(l.P < DefaultAlpha) {
					t.Errorf("%s: kept link p %v not below alpha", kind, l.P)
				}
			}
		}
	}
}

// TestRelabelAndTransform: recoding a category's levels, a monotone
// transformation of a number and the worker count leave the p-values
// unchanged.
func TestRelabelAndTransform(t *testing.T) {
	tb := structure("fork", 7)
	p := func(tb *table.Table) []float64 {
		ci := newCITest([]block{embed(tb.Columns[0], 16, 5), embed(tb.Columns[1], 16, 5), embed(tb.Columns[2], 16, 5)}, 2, 3)
		return []float64{ci.pValue(0, 2, nil), ci.pValue(0, 2, []int{1}), ci.pValue(0, 1, []int{2})}
	}
	want := p(tb)
	b := tb.Columns[1]
	for i, v := range b.Values {
		if !math.IsNaN(v) {
			b.Values[i] = []float64{7, 3, 11, 5}[int(v)]
		}
	}
	for i, v := range tb.Columns[2].Values {
		tb.Columns[2].Values[i] = math.Pow(v, 3) + 2
	}
	got := p(tb)
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-9*math.Max(1, math.Abs(want[i])) {
			t.Errorf("p-value %d: %v after relabelling, %v before", i, got[i], want[i])
		}
	}
}

// wide builds a 10-column linear-Gaussian chain with side branches and
// missing cells.
func wide(seed uint64) *table.Table {
	r := rand.New(rand.NewPCG(seed, 2))
	n := 800
	cols := make([][]float64, 10)
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	for i := range n {
		for j := range cols {
			cols[j][i] = r.NormFloat64()
			if j > 0 {
				cols[j][i] += 0.8 * cols[j-1][i]
			}
			if j > 2 {
				cols[j][i] += 0.5 * cols[j-3][i]
			}
		}
	}
	tb := &table.Table{File: "wide", Rows: n}
	for j, v := range cols {
		tb.Columns = append(tb.Columns, column(string(rune('a'+j)), pairs.Numerical, v, r, 0.1))
	}
	return tb
}

func TestSkeletonSameForAnyWorkers(t *testing.T) {
	tb := wide(3)
	one, err := Learn(tb, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []int{2, 7} {
		got, _ := Learn(tb, Options{Workers: w})
		if !slices.Equal(got.Links, one.Links) || got.Tests != one.Tests {
			t.Errorf("%d workers: %v (%d tests), 1 worker: %v (%d tests)", w, got.Links, got.Tests, one.Links, one.Tests)
		}
	}
	if len(one.Links) < 9 {
		t.Errorf("only %d links on a 10-column chain: %v", len(one.Links), linkNames(tb, one))
	}
}

// testPrior is a test Constraints: forbidden and required cause->effect pairs.
type testPrior struct{ forbid, require map[string]bool }

func (p testPrior) Allowed(c, e string) bool  { return !p.forbid[c+">"+e] }
func (p testPrior) Required(c, e string) bool { return p.require[c+">"+e] }

func TestOrient(t *testing.T) {
	tb := &table.Table{Columns: []*table.Column{{Name: "a"}, {Name: "b"}, {Name: "c"}, {Name: "d"}}}
	sk := &Skeleton{Columns: []int{0, 1, 2, 3}, Links: []Link{{A: 0, B: 1, P: 0.001}, {A: 1, B: 2}, {A: 0, B: 2}, {A: 2, B: 3}}}
	// a->b (0.9), b->c (0.8), then c->a (0.5 for a-c written a,c: -0.5)
	// would close a cycle: it is turned to a->c. c-d has no score.
	g, err := Orient(tb, sk, []float64{0.9, 0.8, -0.5, math.NaN()}, nil, nil, nil, false)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range g.Edges {
		got = append(got, e.Cause+">"+e.Effect+":"+e.By)
	}
	want := []string{"a>b:score", "b>c:score", "a>c:acyclic", "c>d:none"}
	if !slices.Equal(got, want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	if g.Edges[2].Score != -0.5 || g.Edges[3].Directed {
		t.Errorf("edge a>c score %v (want -0.5, the score of a->c), c-d directed %v", g.Edges[2].Score, g.Edges[3].Directed)
	}
	// Prior: b may not cause a; d -> c required.
	pr := testPrior{forbid: map[string]bool{"a>b": true}, require: map[string]bool{"d>c": true}}
	g, err = Orient(tb, sk, []float64{0.9, 0.8, -0.5, math.NaN()}, nil, nil, pr, false)
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, e := range g.Edges {
		got = append(got, e.Cause+">"+e.Effect+":"+e.By)
	}
	want = []string{"b>a:prior", "b>c:score", "c>a:score", "d>c:prior"}
	if !slices.Equal(got, want) {
		t.Errorf("with prior: edges %v, want %v", got, want)
	}
	// Required directions forming a cycle are an error.
	pr = testPrior{require: map[string]bool{"a>b": true, "b>c": true, "c>a": true}}
	if _, err := Orient(tb, sk, []float64{0, 0, 0, 0}, nil, nil, pr, false); err == nil || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("cyclic prior: %v", err)
	}
}

// A collider a -> c <- b (a, b separated by the empty set) is directed
// without scores; with c in the separating set it is not.
func TestOrientColliders(t *testing.T) {
	tb := &table.Table{Columns: []*table.Column{{Name: "a"}, {Name: "b"}, {Name: "c"}}}
	sk := &Skeleton{Columns: []int{0, 1, 2}, Links: []Link{{A: 0, B: 2}, {A: 1, B: 2}}, Sep: map[[2]int][]int{{0, 1}: {}}}
	nan := []float64{math.NaN(), -0.3}
	g, err := Orient(tb, sk, nan, nil, nil, nil, true)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range g.Edges {
		if e.Effect != "c" || e.By != ByCollider {
			t.Errorf("edge %+v, want into c by collider", e)
		}
	}
	sk.Sep[[2]int{0, 1}] = []int{2}
	g, _ = Orient(tb, sk, nan, nil, nil, nil, true)
	if g.Edges[0].Cause != "c" || g.Edges[0].By != ByScore || g.Edges[1].Directed {
		t.Errorf("c separates a and b: edges %+v", g.Edges)
	}
}

func TestLearnPriorSkeleton(t *testing.T) {
	tb := structure("chain", 1)
	// A and B may not be joined; A - C is required though independent given B.
	pr := testPrior{forbid: map[string]bool{"A>B": true, "B>A": true}, require: map[string]bool{"A>C": true}}
	sk, err := Learn(tb, Options{Constraints: pr})
	if err != nil {
		t.Fatal(err)
	}
	if got := linkNames(tb, sk); !slices.Equal(got, []string{"A-C", "B-C"}) {
		t.Errorf("skeleton %v, want [A-C B-C]", got)
	}
	if _, err := Learn(tb, Options{Alpha: 1.5}); err == nil {
		t.Error("alpha 1.5 accepted")
	}
}
