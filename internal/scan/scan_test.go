package scan

import (
	"bytes"
	"context"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/table"
)

func testTable() *table.Table {
	nan := math.NaN()
	col := func(name string, v ...float64) *table.Column {
		c := &table.Column{Name: name, Values: v}
		seen := map[float64]bool{}
		for _, x := range v {
			if x == x {
				seen[x] = true
			} else {
				c.Missing++
			}
		}
		c.Distinct = len(seen)
		return c
	}
	return &table.Table{File: "t.csv", Rows: 4, Columns: []*table.Column{
		col("a", 1, 2, 3, 4), col("b", 4, 3, nan, 1), col("c", 5, 5, 5, 5), col("d,e", 1, 1, 2, nan),
	}}
}

// meanScorer scores a pair by mean(A) - mean(B): antisymmetric and
// distinct per pair.
type meanScorer struct{ calls int }

func (m *meanScorer) Score(_ context.Context, ps []Pair) ([]float64, error) {
	m.calls++
	out := make([]float64, len(ps))
	for i, p := range ps {
		for k := range p.A {
			out[i] += (p.A[k] - p.B[k]) / float64(len(p.A))
		}
	}
	return out, nil
}

func TestSelectPairs(t *testing.T) {
	tb := testTable()
	if got := AllPairs(tb); len(got) != 6 || got[0] != (Job{0, 1}) || got[5] != (Job{2, 3}) {
		t.Errorf("all pairs %v", got)
	}
	with, err := WithPairs(tb, []string{"d,e", "b"})
	if err != nil || len(with) != 5 || with[0] != (Job{1, 0}) || with[4] != (Job{3, 2}) {
		t.Errorf("with %v %v", with, err)
	}
	if _, err := WithPairs(tb, []string{"zz"}); err == nil || !strings.Contains(err.Error(), `column "zz"`) {
		t.Errorf("unknown --with: %v", err)
	}
	jobs, err := parsePairs("p.csv", strings.NewReader("A,B\nb,a\n\"d,e\",c\n"), tb)
	if err != nil || len(jobs) != 2 || jobs[0] != (Job{1, 0}) || jobs[1] != (Job{3, 2}) {
		t.Errorf("pairs %v %v", jobs, err)
	}
	for data, want := range map[string]string{
		"a,b\nb,a\n": "p.csv:2: pair b,a already listed on line 1",
		"a,a\n":      `p.csv:1: column "a": a column paired with itself`,
		"a,b,c\n":    "p.csv:1: 3 fields",
		"a,q\n":      `p.csv:1: column "q": not a column of t.csv`,
		"":           "no pairs listed",
	} {
		if _, err := parsePairs("p.csv", strings.NewReader(data), tb); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
	if got := Shard(AllPairs(tb), 1, 4); len(got) != 2 || got[0] != (Job{0, 2}) || got[1] != (Job{2, 3}) {
		t.Errorf("shard 1/4 %v", got)
	}
}

func TestRunSkipsSortsAndMerges(t *testing.T) {
	tb := testTable()
	s := &meanScorer{}
	rs, err := Run(context.Background(), tb, AllPairs(tb), s, Options{MinRows: 3, Batch: 1})
	if err != nil {
		t.Fatal(err)
	}
	scored, skipped := Split(rs)
	if len(scored) != 2 || len(skipped) != 4 || s.calls != 2 {
		t.Fatalf("scored %v skipped %v calls %d", scored, skipped, s.calls)
	}
	if scored[0].A != "a" || scored[0].B != "d,e" || scored[0].Score != 2.0/3 || scored[1].Score > -0.33 || scored[1].Rows != 3 {
		t.Errorf("scored %+v", scored)
	}
	if !strings.Contains(skipped[0].Skipped, `column "c": constant`) || !strings.Contains(skipped[2].Skipped, "2 rows with both present") {
		t.Errorf("skipped %+v", skipped)
	}
	Decide(scored, 0.5, nil)
	var all bytes.Buffer
	if err := WriteCSV(&all, scored, "mean"); err != nil {
		t.Fatal(err)
	}
	if want := "A,B,score,direction,rows,typeA,typeB,median,low,high,agree,method,prior\na,\"d,e\",0.6666666666666666,A->B,3,Numerical,Numerical,,,,,mean,\na,b,-0.33333333333333326,none,3,Numerical,Numerical,,,,,mean,\n"; all.String() != want {
		t.Errorf("CSV:\n%s\nwant\n%s", all.String(), want)
	}
	var p0, p1, merged bytes.Buffer
	info := NewShardInfo(tb, AllPairs(tb), "", 0, 2)
	WriteShardLine(&p0, info)
	WriteCSV(&p0, scored[1:], "mean")
	info.Index = 1
	WriteShardLine(&p1, info)
	WriteCSV(&p1, scored[:1], "mean")
	files := map[string]*bytes.Buffer{"p0": &p0, "p1": &p1}
	open := func(n string) (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(files[n].Bytes())), nil }
	if err := MergeCSV(&merged, []string{"p0", "p1"}, open); err != nil || merged.String() != all.String() {
		t.Errorf("merged %v:\n%s", err, merged.String())
	}
}

func TestSortTiesByNames(t *testing.T) {
	rs := []Result{{A: "b", B: "a", Score: 0.5}, {A: "a", B: "c", Score: -0.5}, {A: "a", B: "b", Score: 0.5}, {A: "z", B: "y", Score: 0.9}}
	Sort(rs)
	got := ""
	for _, r := range rs {
		got += r.A + r.B + " "
	}
	if got != "zy ab ac ba " {
		t.Errorf("order %q", got)
	}
}

func TestPlotsAndDOT(t *testing.T) {
	names := []string{"a", "b", "c,d"}
	scored := []Result{{A: "a", B: "b", Score: 0.8}, {A: "c,d", B: "b", Score: 0.5}, {A: "a", B: "c,d", Score: 0.1}}
	scored[2].Interval = &Interval{Median: 0.1, Low: -0.1, High: 0.3}
	Decide(scored, 0.05, nil)
	m := NewMatrix(names, scored)
	if m.Score[0][1] != 0.8 || !math.IsNaN(m.Score[1][0]) || m.Score[1][2] != -0.5 || !math.IsNaN(m.Score[1][1]) || !m.Uncertain[0][2] {
		t.Errorf("matrix %v", m.Score)
	}
	if c, r := m.Dims(); c != 2 || r != 2 || m.Z(0, 1) != 0.8 || m.Z(1, 0) != -0.5 || !math.IsNaN(m.Z(0, 0)) {
		t.Errorf("grid: dims %d %d, Z(0, 1) = %v", c, r, m.Z(0, 1))
	}
	text, err := DOT(names, scored)
	if err != nil {
		t.Fatal(err)
	}
	s := string(text)
	for _, want := range []string{`"a" -> "b"`, `"c,d" -> "b"`, `label="0.50"`, `label="0.10 [-0.10, 0.30]"`, `style=dashed`} {
		if !strings.Contains(s, want) {
			t.Errorf("DOT lacks %s:\n%s", want, s)
		}
	}
	if strings.Count(s, "dashed") != 1 {
		t.Errorf("want one dashed (uncertain) edge:\n%s", s)
	}
	dir := t.TempDir()
	if err := WritePlots(dir, names, scored, "test", io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"heatmap.png", "heatmap.svg", "graph.dot"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
}

// A column's cache is shared by its pairs with the same rows and dropped
// after its last pair.
func TestCacheSetSharing(t *testing.T) {
	tb := testTable() // b misses row 2, d,e row 3; a and c are complete
	jobs := AllPairs(tb)
	var tasks []task
	for i := range jobs {
		tasks = append(tasks, task{i, 0})
	}
	cs := newCacheSet(tb, jobs, tasks, &resamples{})
	get := func(a, b int) [2]*plan.VarCache {
		for i, j := range jobs {
			if j == (Job{a, b}) {
				return cs.get(i)
			}
		}
		t.Fatalf("no job %d,%d", a, b)
		return [2]*plan.VarCache{}
	}
	ab, ac, ad := get(0, 1), get(0, 2), get(0, 3)
	if ab[0] == ac[0] || ac[0] == ad[0] {
		t.Error("a shares a cache between pairs with different rows")
	}
	bc := get(1, 2)
	if ab[1] != bc[0] {
		t.Error("b (rows without 2) does not share its cache between a,b and b,c")
	}
	if got := union([]int{1, 5}, []int{2, 5, 9}); !slices.Equal(got, []int{1, 2, 5, 9}) {
		t.Errorf("union %v", got)
	}
	for i := range jobs {
		cs.release(i)
	}
	if len(cs.caches) != 0 || len(cs.uses) != 0 {
		t.Errorf("%d caches left after every job", len(cs.caches))
	}
}
