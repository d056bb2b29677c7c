package evaluate

import (
	"math"
	"slices"
	"strings"
	"testing"
)

func TestEdges(t *testing.T) {
	edges := []Edge{{"x", "y"}, {"z", "y"}, {"w", "x"}}
	scored := []ScoredPair{
		{"x", "y", 0.9},  // edge, right
		{"y", "z", 0.5},  // edge z->y written the other way: wrong sign
		{"x", "z", 0.1},  // no edge
		{"w", "z", -0.6}, // no edge
	}
	rep := Edges(scored, edges)
	if rep.Edges != 3 || rep.Scored != 2 || !slices.Equal(rep.Unscored, []string{"w->x"}) {
		t.Fatalf("report %+v", rep)
	}
	if rep.DirectionAccuracy != 0.5 {
		t.Errorf("accuracy %v, want 0.5", rep.DirectionAccuracy)
	}
	// |score| of edges 0.9, 0.5 vs non-edges 0.1, 0.6: 3 of 4 orderings right.
	if rep.EdgeAUC != 0.75 {
		t.Errorf("edge AUC %v, want 0.75", rep.EdgeAUC)
	}
	if rep := Edges(scored[2:], edges); rep.Scored != 0 || !math.IsNaN(float64(rep.DirectionAccuracy)) || !math.IsNaN(float64(rep.EdgeAUC)) {
		t.Errorf("no edges scored: %+v", rep)
	}
}

func TestParseEdges(t *testing.T) {
	got, err := parseEdges("e.csv", strings.NewReader("cause,effect\na,b\nc,b\n"))
	if err != nil || !slices.Equal(got, []Edge{{"a", "b"}, {"c", "b"}}) {
		t.Fatalf("%v %v", got, err)
	}
	for data, want := range map[string]string{
		"a,b\n":                  "e.csv:1: want the header",
		"cause,effect\na,a\n":    "e.csv:2: a causes itself",
		"cause,effect\na,b\nb,a": "e.csv:3: edge b,a repeats line 2",
		"cause,effect\na\n":      "e.csv:2",
	} {
		if _, err := parseEdges("e.csv", strings.NewReader(data)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", data, err, want)
		}
	}
}
