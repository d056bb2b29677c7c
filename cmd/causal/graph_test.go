package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// generate --table -> graph (any --cores, CSV, JSON, DOT) -> evaluate
// --edges: byte-identical outputs, a complete report, no indirect edges
// beyond what a 12-column table allows.
func TestGraphCoresJSONDOTEvaluate(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	prefix := filepath.Join(dir, "ex")
	mustRun(t, "generate", "--table", "--columns", "12", "--rows", "600", "--max-missing", "0.1", "-o", prefix, "--quiet")
	var first []byte
	for _, cores := range []string{"1", "3"} {
		out := filepath.Join(dir, "g"+cores+".csv")
		mustRun(t, "graph", prefix+"_table.csv", "-o", out, "--dot", filepath.Join(dir, "g"+cores+".dot"), "--cores", cores, "--quiet")
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if first == nil {
			first = b
		} else if string(b) != string(first) {
			t.Errorf("--cores %s output differs:\n%s\nvs\n%s", cores, b, first)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(first)), "\n")
	if lines[0] != "cause,effect,score,low,high,p_value,edge,oriented_by" || len(lines) < 4 {
		t.Fatalf("graph output:\n%s", first)
	}
	dot, _ := os.ReadFile(filepath.Join(dir, "g1.dot"))
	if !strings.Contains(string(dot), "digraph causal") || strings.Count(string(dot), "->") != len(lines)-1 {
		t.Errorf("DOT has not one edge per row:\n%s", dot)
	}
	out := mustRun(t, "evaluate", filepath.Join(dir, "g1.csv"), "--edges", prefix+"_edges.csv", "--json")
	var rep struct {
		TrueEdges, Edges, SHD int
		Precision             float64 `json:"skeleton_precision"`
		Recall                float64 `json:"skeleton_recall"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if rep.Edges != len(lines)-1 || rep.Precision < 0.6 || rep.Recall < 0.5 {
		t.Errorf("report %s", out)
	}
	js := mustRun(t, "graph", prefix+"_table.csv", "--json", "--quiet")
	var g struct {
		Alpha float64 `json:"alpha"`
		Edges []struct {
			Cause string   `json:"cause"`
			Low   *float64 `json:"low"`
		} `json:"edges"`
	}
	if err := json.Unmarshal([]byte(js), &g); err != nil || g.Alpha != 1e-4 || len(g.Edges) != len(lines)-1 || g.Edges[0].Low != nil {
		t.Errorf("JSON %v:\n%s", err, js)
	}
}

func TestGraphErrorsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	tab := filepath.Join(dir, "t.csv")
	os.WriteFile(tab, []byte("a,b\n1,2\n2,3\n3,5\n"), 0o644)
	out := filepath.Join(dir, "out.csv")
	for _, args := range [][]string{
		{"--alpha", "0"}, {"--alpha", "1"}, {"--max-depth", "-1"}, {"--min-rows", "2"},
	} {
		if _, _, err := runCLI(t, append([]string{"graph", tab, "-o", out}, args...)...); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	os.WriteFile(tab, []byte("a,b\n1,1\n1,1\n"), 0o644)
	if _, _, err := runCLI(t, "graph", tab, "-o", out); err == nil || !strings.Contains(err.Error(), "usable") {
		t.Errorf("constant table: %v", err)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("an output was written: %v", err)
	}
}

// Prior knowledge: nothing points into an --exogenous column, an --id
// column is left out, a --require'd edge is present, an unknown name is an
// error.
func TestGraphPrior(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	prefix := filepath.Join(dir, "ex")
	mustRun(t, "generate", "--table", "--columns", "8", "--rows", "400", "-o", prefix, "--quiet")
	req := filepath.Join(dir, "req.csv")
	os.WriteFile(req, []byte("cause,effect\nV1,V2\n"), 0o644)
	out := mustRun(t, "graph", prefix+"_table.csv", "--exogenous", "V3,V4", "--id", "V5", "--require", req, "--quiet")
	lines := strings.Split(strings.TrimSpace(out), "\n")[1:]
	found := false
	for _, l := range lines {
		f := strings.Split(l, ",")
		if f[1] == "V3" || f[1] == "V4" || f[0] == "V5" || f[1] == "V5" {
			t.Errorf("edge %s breaks the prior", l)
		}
		if f[0] == "V1" && f[1] == "V2" {
			found = true
			if f[6] != "directed" || f[7] != "prior" {
				t.Errorf("required edge %s", l)
			}
		}
	}
	if !found {
		t.Errorf("required edge V1->V2 missing:\n%s", out)
	}
	if _, _, err := runCLI(t, "graph", prefix+"_table.csv", "--exogenous", "nope", "--quiet"); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Errorf("unknown --exogenous column: %v", err)
	}
}
