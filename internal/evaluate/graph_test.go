package evaluate

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestCompareGraph(t *testing.T) {
	// Truth: a->b->c, d->c.
	truth := []Edge{{"a", "b"}, {"b", "c"}, {"d", "c"}}
	learnt := []GraphEdge{
		{"a", "b", true},  // right
		{"c", "b", true},  // reversed
		{"a", "c", true},  // extra (indirect)
		{"e", "a", false}, // extra, undirected
	}
	// d->c missing.
	rep := CompareGraph(learnt, truth)
	want := GraphReport{TrueEdges: 3, Edges: 4, Undirected: 1, Found: 2, Missing: 1, Extra: 2, Reversed: 1,
		SkeletonPrecision: 0.5, SkeletonRecall: Metric(2.0 / 3), OrientationAccuracy: 0.5, SHD: 4}
	if rep != want {
		t.Errorf("report %+v, want %+v", rep, want)
	}
	// The true graph itself: SHD 0; all undirected: one per edge, accuracy ½.
	if rep := CompareGraph([]GraphEdge{{"a", "b", true}, {"b", "c", true}, {"d", "c", true}}, truth); rep.SHD != 0 || rep.OrientationAccuracy != 1 {
		t.Errorf("truth vs itself: %+v", rep)
	}
	if rep := CompareGraph([]GraphEdge{{"b", "a", false}, {"b", "c", false}, {"c", "d", false}}, truth); rep.SHD != 3 || rep.OrientationAccuracy != 0.5 || rep.SkeletonRecall != 1 {
		t.Errorf("undirected skeleton: %+v", rep)
	}
	if rep := CompareGraph(nil, truth); rep.SHD != 3 || !math.IsNaN(float64(rep.SkeletonPrecision)) || !math.IsNaN(float64(rep.OrientationAccuracy)) {
		t.Errorf("empty graph: %+v", rep)
	}
}

func TestParseGraph(t *testing.T) {
	got, err := parseGraph("g.csv", strings.NewReader("cause,effect,score,low,high,p_value,edge,oriented_by\na,b,0.5,,,0.001,directed,score\nc,b,,,,0.01,undirected,none\n"))
	if err != nil || !slices.Equal(got, []GraphEdge{{"a", "b", true}, {"c", "b", false}}) {
		t.Fatalf("%v %v", got, err)
	}
	if got, err := parseGraph("g.csv", strings.NewReader("cause,effect\na,b\n")); err != nil || !slices.Equal(got, []GraphEdge{{"a", "b", true}}) {
		t.Fatalf("without edge column: %v %v", got, err)
	}
	for data, want := range map[string]string{
		"a,b\n":                          "g.csv:1: want a header",
		"cause,effect\na,a\n":            "g.csv:2: a causes itself",
		"cause,effect\na,b\nb,a":         "g.csv:3: edge b,a repeats line 2",
		"cause,effect,edge\na,b,maybe\n": `g.csv:2: edge "maybe"`,
		"cause,effect\na\n":              "g.csv:2",
	} {
		if _, err := parseGraph("g.csv", strings.NewReader(data)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
}
