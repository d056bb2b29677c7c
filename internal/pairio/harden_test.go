package pairio

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// Every file this package writes quotes SampleIDs with a comma, a quote or
// a line break, and reads them back unchanged.
func TestWritersQuoteOddIDs(t *testing.T) {
	ids := []string{"p,1", `q"2`, "r\n3", "s\r\n4", "plain"}
	dir := t.TempDir()
	var ps []pairs.Pair
	var ts []pairs.Target
	var preds []pairs.Prediction
	var metas []pairs.Meta
	for i, id := range ids {
		ps = append(ps, pairs.Pair{ID: id, A: []float64{1, 2, 3.5}, B: []float64{3, 1, float64(i)}, TypeA: pairs.Numerical, TypeB: pairs.Numerical})
		ts = append(ts, pairs.Target{ID: id, Target: 1, Details: 1})
		preds = append(preds, pairs.Prediction{ID: id, Score: 0.25 * float64(i)})
		metas = append(metas, pairs.Meta{ID: id, Simulator: "challenge", Causes: []string{"gmm"}, Mechanisms: []string{"linear"}})
	}
	var pb bytes.Buffer
	pw := NewPairsWriter(&pb)
	for _, p := range ps {
		if err := pw.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	pw.Flush()
	files := map[string]func() []byte{
		"pairs.csv":  func() []byte { return pb.Bytes() },
		"info.csv":   func() []byte { var b bytes.Buffer; WritePublicInfo(&b, ps); return b.Bytes() },
		"target.csv": func() []byte { var b bytes.Buffer; WriteTargets(&b, ts); return b.Bytes() },
		"pred.csv":   func() []byte { var b bytes.Buffer; WritePredictions(&b, preds); return b.Bytes() },
		"meta.csv":   func() []byte { var b bytes.Buffer; WriteMeta(&b, metas); return b.Bytes() },
	}
	for name, content := range files {
		os.WriteFile(filepath.Join(dir, name), content(), 0o644)
	}
	path := func(n string) string { return filepath.Join(dir, n) }
	var got []string
	r, err := OpenPairs(path("pairs.csv"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for {
		p, err := r.Next()
		if err != nil {
			break
		}
		got = append(got, p.ID)
	}
	check := func(what string, got []string) {
		t.Helper()
		// A CRLF inside a quoted field reads back as LF (encoding/csv).
		want := slices.Clone(ids)
		want[3] = "s\n4"
		if !slices.Equal(got, want) {
			t.Errorf("%s: IDs %q, want %q", what, got, want)
		}
	}
	check("pairs", got)
	info, err := ReadPublicInfo(path("info.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, id := range ids {
		if _, ok := info[strings.ReplaceAll(id, "\r\n", "\n")]; ok {
			got = append(got, strings.ReplaceAll(id, "\r\n", "\n"))
		}
	}
	check("publicinfo", got)
	tg, err := ReadTargets(path("target.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for _, x := range tg {
		got = append(got, x.ID)
	}
	check("target", got)
	pr, err := ReadPredictions(path("pred.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got = got[:0]
	for i, x := range pr {
		got = append(got, x.ID)
		if x.Score != preds[i].Score {
			t.Errorf("score %v, want %v", x.Score, preds[i].Score)
		}
	}
	check("predictions", got)
	meta, err := ReadMeta(path("meta.csv"))
	if err != nil || len(meta) != len(ids) {
		t.Fatalf("meta: %d rows, %v", len(meta), err)
	}
}

// Only README's number syntax is a number; Go-only forms are refused with
// a message quoting the token, NaN and infinities with their own.
func TestNumberSyntax(t *testing.T) {
	cases := []struct {
		tok  string
		want float64
		err  string
	}{
		{"12", 12, ""}, {"-3.25", -3.25, ""}, {"+.5", 0.5, ""}, {"5.", 5, ""}, {"1e3", 1000, ""}, {"-2.5E-2", -0.025, ""},
		{"1234567890123456789", 1234567890123456789, ""}, {"0.1", 0.1, ""},
		{"0x1p-2", 0, "is not a number"}, {"0X10", 0, "is not a number"}, {"0x10", 0, "is not a number"},
		{"1_000", 0, "is not a number"}, {"0b1", 0, "is not a number"}, {"1e", 0, "is not a number"},
		{".", 0, "is not a number"}, {"e5", 0, "is not a number"}, {"1,5", 0, "is not a number"}, {"١", 0, "is not a number"},
		{"NaN", 0, "is NaN or infinite"}, {"-inf", 0, "is NaN or infinite"}, {"Infinity", 0, "is NaN or infinite"},
		{"1e400", 0, "is NaN or infinite"},
	}
	for _, c := range cases {
		got, err := parseSample("1 " + c.tok + " 2")
		switch {
		case c.err == "" && (err != nil || got[1] != c.want):
			t.Errorf("%q: %v %v, want %v", c.tok, got, err, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err) || !strings.Contains(err.Error(), "value 2")):
			t.Errorf("%q: error %v, want %q", c.tok, err, c.err)
		}
	}
}

// A bad header is quoted in at most ~100 bytes; CR-only line endings are
// named as such.
func TestHeaderMessages(t *testing.T) {
	long := "SampleID," + strings.Repeat("é", 3000) + ",B\n"
	_, err := NewReader("f.csv", strings.NewReader(long), Options{})
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "... (6011 bytes)") {
		t.Errorf("long header: %v", err)
	}
	_, err = NewReader("f.csv", strings.NewReader("SampleID,A,B\rp1,1 2 3,1 2 3\r"), Options{})
	if err == nil || !strings.Contains(err.Error(), "f.csv:1: line endings are CR only") {
		t.Errorf("CR only: %v", err)
	}
	_, err = ReadTargets(filepath.Join(t.TempDir(), "missing.csv"))
	if err == nil || strings.Count(err.Error(), "missing.csv") != 1 {
		t.Errorf("missing file: %v", err)
	}
}

// Prediction scores follow the same number syntax.
func TestPredictionScoreSyntax(t *testing.T) {
	dir := t.TempDir()
	for tok, ok := range map[string]bool{"0.25": true, "-1.5e-07": true, "1e+06": true, "0x1p-2": false, "1_0": false, "NaN": false} {
		p := filepath.Join(dir, "p.csv")
		os.WriteFile(p, []byte("SampleID,Target\np1,"+tok+"\n"), 0o644)
		_, err := ReadPredictions(p)
		if (err == nil) != ok || err != nil && !strings.Contains(err.Error(), "p.csv:2: SampleID p1: score") {
			t.Errorf("score %q: %v", tok, err)
		}
	}
}
