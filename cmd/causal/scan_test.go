package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// writeScanTable writes a mixed table: numbers with a nonlinear effect,
// text categories, a binary column, missing cells, a constant column and
// a column name holding a comma.
func writeScanTable(t *testing.T, dir string, rows int) string {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 9))
	var b strings.Builder
	b.WriteString("x,y,\"kind, text\",flag,noise,const\n")
	for i := range rows {
		x := rng.NormFloat64()
		y := math.Tanh(2*x) + 0.2*rng.NormFloat64()
		kind := []string{"low", "mid", "high"}[max(0, min(2, int(math.Floor(y+1.5))))]
		flag := "no"
		if x+0.5*rng.NormFloat64() > 0 {
			flag = "yes"
		}
		ys := strconv.FormatFloat(y, 'g', 6, 64)
		if i%17 == 3 {
			ys = "NA"
		}
		fmt.Fprintf(&b, "%.5f,%s,%s,%s,%.4f,3\n", x, ys, kind, flag, rng.Float64())
	}
	p := filepath.Join(dir, "table.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

type scanJSON struct {
	Pairs []struct {
		A, B      string
		Score     float64
		Rows      int
		Direction string
	}
	Skipped []struct{ A, B, Reason string }
}

func decodeScan(t *testing.T, out string) scanJSON {
	t.Helper()
	var rep scanJSON
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("scan --json: %v\n%s", err, out)
	}
	return rep
}

// Each scan score equals causal predict's score of the same pair written
// as a pairs file; scanning the pairs the other way round negates it.
func TestScanMatchesPredictAndIsAntisymmetric(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	tablePath := writeScanTable(t, dir, 120)
	rep := decodeScan(t, mustRun(t, "scan", tablePath, "--json", "--quiet", "--bootstrap", "0"))
	if len(rep.Pairs) != 10 || len(rep.Skipped) != 5 {
		t.Fatalf("%d pairs scored, %d skipped; want 10 and 5 (the constant column's)", len(rep.Pairs), len(rep.Skipped))
	}
	tb, err := table.Read(tablePath, table.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tb.Canonicalize() // as scan does
	var pb, ib, reversed bytes.Buffer
	var ps []pairs.Pair
	pw := pairio.NewPairsWriter(&pb)
	reversed.WriteString("A,B\n")
	for i, r := range rep.Pairs {
		p := tb.Pair("p"+strconv.Itoa(i), tb.Index(r.A), tb.Index(r.B))
		if len(p.A) != r.Rows {
			t.Errorf("%s,%s: %d rows, scan says %d", r.A, r.B, len(p.A), r.Rows)
		}
		ps = append(ps, p)
		pw.Write(p)
		fmt.Fprintf(&reversed, "%q,%q\n", r.B, r.A)
	}
	pw.Flush()
	pairio.WritePublicInfo(&ib, ps)
	pairsPath, infoPath, revPath := filepath.Join(dir, "p.csv"), filepath.Join(dir, "i.csv"), filepath.Join(dir, "rev.csv")
	os.WriteFile(pairsPath, pb.Bytes(), 0o644)
	os.WriteFile(infoPath, ib.Bytes(), 0o644)
	os.WriteFile(revPath, reversed.Bytes(), 0o644)
	_, scores := readScores(t, mustRun(t, "predict", pairsPath, "--info", infoPath))
	rev := decodeScan(t, mustRun(t, "scan", tablePath, "--pairs", revPath, "--json", "--quiet", "--bootstrap", "0"))
	revScore := map[string]float64{}
	for _, r := range rev.Pairs {
		revScore[r.A+"|"+r.B] = r.Score
	}
	for i, r := range rep.Pairs {
		if scores[i] != r.Score {
			t.Errorf("%s,%s: scan %v, predict %v", r.A, r.B, r.Score, scores[i])
		}
		if got, ok := revScore[r.B+"|"+r.A]; !ok || got != -r.Score {
			t.Errorf("%s,%s: %v, reversed %v", r.A, r.B, r.Score, got)
		}
	}
}

// Outputs, bootstrap intervals included, are byte-identical for any
// --cores, and shards merge into the output of one run.
func TestScanCoresAndShards(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	tablePath := writeScanTable(t, dir, 80)
	one := mustRun(t, "scan", tablePath, "--cores", "1", "--quiet", "--bootstrap", "4")
	three := mustRun(t, "scan", tablePath, "--cores", "3", "--quiet", "--bootstrap", "4")
	if one != three {
		t.Fatalf("--cores 1 and 3 differ:\n%s\n%s", one, three)
	}
	var parts []string
	for k := range 3 {
		part := filepath.Join(dir, fmt.Sprintf("part%d.csv", k))
		mustRun(t, "scan", tablePath, "--shard", fmt.Sprintf("%d/3", k), "-o", part, "--quiet", "--bootstrap", "4")
		parts = append(parts, part)
	}
	merged := mustRun(t, append([]string{"scan", "merge"}, parts...)...)
	if merged != one {
		t.Fatalf("merged shards differ from one run:\n%s\n%s", merged, one)
	}
	recs, err := csv.NewReader(strings.NewReader(one)).ReadAll()
	if err != nil || len(recs) != 11 || strings.Join(recs[0], ",") != "A,B,score,direction,rows,typeA,typeB,median,low,high,agree,method,prior" {
		t.Fatalf("output %v:\n%s", err, one)
	}
	for _, r := range recs[1:] {
		lo, err1 := strconv.ParseFloat(r[8], 64)
		hi, err2 := strconv.ParseFloat(r[9], 64)
		if err1 != nil || err2 != nil || lo > hi || r[11] != "model" {
			t.Errorf("pair %s,%s: interval %s..%s, method %s", r[0], r[1], r[8], r[9], r[11])
		}
	}
}

// Skipped pairs are reported with reasons and counted; --with and
// --min-rows choose and skip pairs.
func TestScanSkipsAndWith(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	tablePath := writeScanTable(t, dir, 60)
	out, stderr, err := runCLI(t, "scan", tablePath, "--with", "x", "--min-rows", "58", "--types", `"kind, text=Categorical",flag=Binary`, "--bootstrap", "0")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`skipped pair x,const: column "const": constant`, "skipped pair x,y: 56 rows with both present, fewer than --min-rows 58", "3 pairs scored by the embedded default model, 2 skipped"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Count(out, "\n") != 4 || strings.Contains(out, "const") || strings.Contains(out, "x,y") {
		t.Errorf("output:\n%s", out)
	}
}

// Bad input fails naming the file, line and column, and writes nothing.
func TestScanErrorsWriteNothing(t *testing.T) {
	dir := t.TempDir()
	good := writeScanTable(t, dir, 30)
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(data), 0o644)
		return p
	}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{write("ragged.csv", "a,b\n1,2\n3,4,5\n")}, "ragged.csv:3: ragged row"},
		{[]string{write("dup.csv", "a,b,a\n1,2,3\n")}, `dup.csv:1: column "a": duplicate column name`},
		{[]string{write("empty.csv", "a,\n1,2\n")}, "empty.csv:1: column 2 has an empty name"},
		{[]string{write("head.csv", "a,b\n")}, "head.csv: the table has a header but no data rows"},
		{[]string{write("one.csv", "a,b\n1,5\n2,5\n")}, `one.csv: 1 usable column(s), need at least 2 (column "b": constant`},
		{[]string{good, "--with", "nope"}, `table.csv: column "nope": --with names a column`},
		{[]string{good, "--pairs", write("pl.csv", "x,y\nx,zz\n")}, `pl.csv:2: column "zz": not a column of`},
		{[]string{good, "--types", `"kind, text=Numerical"`}, `column "kind, text": --types Numerical: the column holds text`},
		{[]string{good, "--types", "x=Numeric"}, `--types "x=Numeric": want name=`},
		{[]string{good, "--min-rows", "0"}, "--min-rows must be at least 3"},
	}
	for _, c := range cases {
		out := filepath.Join(dir, "scores.csv")
		_, _, err := runCLI(t, append(append([]string{"scan"}, c.args...), "-o", out)...)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: error %v, want %q", c.args, err, c.want)
		}
		if _, statErr := os.Stat(out); statErr == nil {
			t.Errorf("%v: wrote %s", c.args, out)
		}
	}
}

// generate --table, scan and evaluate --edges chain: the files exist, the
// report is complete, and --table refuses pair-only flags.
func TestGenerateTableScanEvaluate(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	prefix := filepath.Join(dir, "ex")
	mustRun(t, "generate", "--table", "--columns", "5", "--rows", "150", "-o", prefix, "--quiet")
	scores := filepath.Join(dir, "scores.csv")
	mustRun(t, "scan", prefix+"_table.csv", "-o", scores, "--quiet")
	out := mustRun(t, "evaluate", "--edges", prefix+"_edges.csv", scores, "--json")
	var rep struct {
		Pairs, Edges int
		Scored       int      `json:"edges_scored"`
		Accuracy     *float64 `json:"direction_accuracy"`
		AUC          *float64 `json:"edge_auc"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if rep.Pairs != 10 || rep.Edges == 0 || rep.Scored != rep.Edges || rep.Accuracy == nil {
		t.Errorf("report %s", out)
	}
	for _, args := range [][]string{{"--table", "--n", "5"}, {"--columns", "4"}} {
		if _, _, err := runCLI(t, append(append([]string{"generate"}, args...), "-o", filepath.Join(dir, "bad"))...); err == nil {
			t.Errorf("generate %v accepted", args)
		}
	}
}

// --max-rows draws the same rows for a seed (and others for another),
// --json reports skipped pairs, --plot writes the pictures and the graph.
func TestScanMaxRowsJSONPlot(t *testing.T) {
	requireDefaultModel(t)
	dir := t.TempDir()
	tablePath := writeScanTable(t, dir, 150)
	a := mustRun(t, "scan", tablePath, "--max-rows", "60", "--with", "x", "--quiet", "--bootstrap", "0")
	b := mustRun(t, "scan", tablePath, "--max-rows", "60", "--with", "x", "--quiet", "--bootstrap", "0")
	c := mustRun(t, "scan", tablePath, "--max-rows", "60", "--with", "x", "--quiet", "--seed", "2", "--bootstrap", "0")
	if a != b || a == c {
		t.Errorf("--max-rows: seed 1 twice equal %v, seed 2 differs %v:\n%s", a == b, a != c, a)
	}
	recs, err := csv.NewReader(strings.NewReader(a)).ReadAll()
	if err != nil || len(recs) != 5 {
		t.Fatalf("%v:\n%s", err, a)
	}
	for _, r := range recs[1:] {
		if n, _ := strconv.Atoi(r[4]); n > 60 || n < 50 {
			t.Errorf("--max-rows 60: pair %s,%s has %d rows", r[0], r[1], n)
		}
	}
	plots := filepath.Join(dir, "plots")
	rep := decodeScan(t, mustRun(t, "scan", tablePath, "--json", "--quiet", "--plot", plots, "--threshold", "0.05", "--bootstrap", "3"))
	if len(rep.Skipped) != 5 || !strings.Contains(rep.Skipped[0].Reason, "constant") {
		t.Errorf("skipped %+v", rep.Skipped)
	}
	for _, f := range []string{"heatmap.png", "heatmap.svg", "graph.dot"} {
		if st, err := os.Stat(filepath.Join(plots, f)); err != nil || st.Size() == 0 {
			t.Errorf("--plot %s: %v", f, err)
		}
	}
	dot, _ := os.ReadFile(filepath.Join(plots, "graph.dot"))
	for _, p := range rep.Pairs {
		from, to := p.A, p.B
		if p.Score < 0 {
			from, to = to, from
		}
		if p.Direction == "B->A" {
			from, to = p.B, p.A
		}
		edge := strconv.Quote(from) + " -> " + strconv.Quote(to)
		if drawn := strings.Contains(string(dot), edge); drawn != (p.Direction != "none") {
			t.Errorf("%s,%s score %v, %s: edge drawn %v", p.A, p.B, p.Score, p.Direction, drawn)
		}
	}
}
