package pairio

import (
	"bytes"
	"compress/gzip"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

const td = "../../testdata/"

func TestReadTinyPairs(t *testing.T) {
	info, err := ReadPublicInfo(td + "tiny_publicinfo.csv")
	if err != nil {
		t.Fatal(err)
	}
	ps, err := ReadAllPairs(td+"tiny_pairs.csv", Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 4 {
		t.Fatalf("got %d pairs, want 4", len(ps))
	}
	if got := ps[1].B; got[0] != 3.5 || got[1] != -2 || got[2] != 1000 {
		t.Errorf("p2.B = %v", got[:3])
	}
	if got := ps[3].A; got[0] != -1.5 || got[1] != 2.25 || got[2] != 0.03 {
		t.Errorf("p4.A = %v", got[:3])
	}
	if ps[2].TypeA != pairs.Categorical || ps[2].TypeB != pairs.Binary || ps[2].Line != 4 {
		t.Errorf("p3 = %+v", ps[2])
	}
}

func TestInferTypes(t *testing.T) {
	ps, err := ReadAllPairs(td+"tiny_pairs.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := [][2]pairs.VarType{{pairs.Numerical, pairs.Numerical}, {pairs.Binary, pairs.Numerical}, {pairs.Numerical, pairs.Binary}, {pairs.Numerical, pairs.Binary}}
	for i, p := range ps {
		if p.TypeA != want[i][0] || p.TypeB != want[i][1] {
			t.Errorf("%s: types %v,%v want %v", p.ID, p.TypeA, p.TypeB, want[i])
		}
	}
	if InferType([]float64{5, 5, 5}) != pairs.Numerical {
		t.Error("a constant variable should be Numerical")
	}
}

func TestCRLFAndGzipAndStdin(t *testing.T) {
	ps, err := ReadAllPairs(td+"crlf_pairs.csv", Options{})
	if err != nil || len(ps) != 2 || ps[1].A[2] != 9 || ps[1].B[2] != 3 {
		t.Fatalf("crlf: %v %v", ps, err)
	}
	raw, _ := os.ReadFile(td + "tiny_pairs.csv")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(raw)
	zw.Close()
	gz := filepath.Join(t.TempDir(), "p.csv.gz")
	os.WriteFile(gz, buf.Bytes(), 0o644)
	ps, err = ReadAllPairs(gz, Options{})
	if err != nil || len(ps) != 4 {
		t.Fatalf("gzip: %d pairs, %v", len(ps), err)
	}
	old := stdin
	defer func() { stdin = old }()
	stdin = bytes.NewReader(raw)
	ps, err = ReadAllPairs("-", Options{})
	if err != nil || len(ps) != 4 {
		t.Fatalf("stdin: %d pairs, %v", len(ps), err)
	}
}

func TestBadPairs(t *testing.T) {
	cases := []struct{ file, line, id, msg string }{
		{"nonnumeric.csv", ":3:", "p2", "not a number"},
		{"nan.csv", ":2:", "p1", "NaN or infinite"},
		{"inf.csv", ":2:", "p1", "NaN or infinite"},
		{"unequal.csv", ":2:", "p1", "A has 4 values but B has 3"},
		{"empty.csv", ":2:", "p1", "empty variable"},
		{"short.csv", ":2:", "p1", "2 points, want at least 3"},
		{"duplicate.csv", ":3:", "p1", "duplicate SampleID (first seen on line 2)"},
		{"columns.csv", ":2:", "p1", "4 columns, want 3"},
		{"header.csv", ":1:", "", "want SampleID,A,B"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			_, err := ReadAllPairs(td+"bad/"+c.file, Options{})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, want := range []string{c.file + c.line, c.msg} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not contain %q", msg, want)
				}
			}
			if c.id != "" && !strings.Contains(msg, "SampleID "+c.id) {
				t.Errorf("error %q does not name SampleID %s", msg, c.id)
			}
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Errorf("error is %T, want *InputError", err)
			}
		})
	}
}

func TestSkipBad(t *testing.T) {
	var skipped []error
	ps, err := ReadAllPairs(td+"bad/nonnumeric.csv", Options{SkipBad: true, OnSkip: func(e error) { skipped = append(skipped, e) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].ID != "p1" || len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "p2") {
		t.Fatalf("pairs %v skipped %v", ps, skipped)
	}
}

func TestMissingFromPublicInfo(t *testing.T) {
	info, err := ReadPublicInfo(td + "bad/info_missing.csv")
	if err != nil {
		t.Fatal(err)
	}
	_, err = ReadAllPairs(td+"crlf_pairs.csv", Options{Info: info})
	if err == nil || !strings.Contains(err.Error(), "SampleID p1: missing from publicinfo") {
		t.Fatalf("err = %v", err)
	}
}

func TestBadTables(t *testing.T) {
	if _, err := ReadPublicInfo(td + "bad/info_unknown_type.csv"); err == nil || !strings.Contains(err.Error(), `info_unknown_type.csv:2: SampleID p1: B type: unknown type "Ordinal"`) {
		t.Errorf("unknown type: %v", err)
	}
	if _, err := ReadTargets(td + "bad/target_bad.csv"); err == nil || !strings.Contains(err.Error(), "target_bad.csv:3: SampleID p2: Target") {
		t.Errorf("bad target: %v", err)
	}
	if _, err := ReadTargets(td + "bad/target_inconsistent.csv"); err == nil || !strings.Contains(err.Error(), "disagrees") {
		t.Errorf("inconsistent target: %v", err)
	}
	if _, err := ReadPublicInfo(td + "bad/nonexistent.csv"); err == nil {
		t.Error("missing file: no error")
	}
}

func TestTargetsAndPredictions(t *testing.T) {
	ts, err := ReadTargets(td + "tiny_target.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []pairs.Target{{ID: "p1", Target: 1, Details: 1}, {ID: "p2", Target: -1, Details: 2}, {ID: "p3", Target: 0, Details: 3}, {ID: "p4", Target: 0, Details: 4}}
	for i := range want {
		if ts[i] != want[i] {
			t.Errorf("target %d = %+v, want %+v", i, ts[i], want[i])
		}
	}
	ps, err := ReadPredictions(td + "tiny_predictions.csv")
	if err != nil || len(ps) != 4 || ps[1].Score != -0.5 {
		t.Fatalf("predictions %v %v", ps, err)
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	in := []pairs.Pair{
		{ID: "a", A: []float64{1, -2, 3.25, 1e-300, 12345678901234567}, B: []float64{0, 1, 0, 1, 1}, TypeA: pairs.Numerical, TypeB: pairs.Binary},
		{ID: "b", A: []float64{math.Pi, 2, 3}, B: []float64{4, 5, -0.1}, TypeA: pairs.Categorical, TypeB: pairs.Numerical},
	}
	dir := t.TempDir()
	var pb, ib, tb bytes.Buffer
	w := NewPairsWriter(&pb)
	for _, p := range in {
		if err := w.Write(p); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	WritePublicInfo(&ib, in)
	WriteTargets(&tb, []pairs.Target{{ID: "a", Target: 1, Details: 1}, {ID: "b", Target: 0, Details: 4}})
	os.WriteFile(filepath.Join(dir, "p.csv"), pb.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "i.csv"), ib.Bytes(), 0o644)
	os.WriteFile(filepath.Join(dir, "t.csv"), tb.Bytes(), 0o644)
	info, err := ReadPublicInfo(filepath.Join(dir, "i.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadAllPairs(filepath.Join(dir, "p.csv"), Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	for i := range in {
		if got[i].ID != in[i].ID || got[i].TypeA != in[i].TypeA || got[i].TypeB != in[i].TypeB {
			t.Errorf("pair %d: %+v", i, got[i])
		}
		for j := range in[i].A {
			if got[i].A[j] != in[i].A[j] || got[i].B[j] != in[i].B[j] {
				t.Errorf("pair %d value %d: %v,%v want %v,%v", i, j, got[i].A[j], got[i].B[j], in[i].A[j], in[i].B[j])
			}
		}
	}
	if ts, err := ReadTargets(filepath.Join(dir, "t.csv")); err != nil || ts[1].Details != 4 {
		t.Errorf("targets %v %v", ts, err)
	}
}

func TestAppendNumber(t *testing.T) {
	for v, want := range map[float64]string{1234567: "1234567", -20000: "-20000", 0: "0", 0.5: "0.5", 1e20: "1e+20", 1e300: "1e+300", -2.25: "-2.25"} {
		if got := string(appendNumber(nil, v)); got != want {
			t.Errorf("appendNumber(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestFastParseMatchesStrconv(t *testing.T) {
	for _, s := range []string{"0", "-0", "1", "-12345", "3.14159", "0.1", "0.000123", "123456789012345", "1234567890123456789", "9.999999999999999", "1.", ".5", "+7", "00012", "1e5", "2.5E-3"} {
		got, err := parseNumber(s)
		if err != nil {
			t.Errorf("%q: %v", s, err)
			continue
		}
		want, _ := strconvParse(s)
		if got != want || math.Signbit(got) != math.Signbit(want) {
			t.Errorf("%q: got %v want %v", s, got, want)
		}
	}
	for _, s := range []string{"x", "1..2", "--1", "", "nan", "inf", "1e400"} {
		if _, err := parseNumber(s); err == nil {
			t.Errorf("%q: no error", s)
		}
	}
}

func TestReadWeights(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "w.csv")
	if err := os.WriteFile(good, []byte("SampleID,Weight\np1,0.5\np2,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w, err := ReadWeights(good)
	if err != nil {
		t.Fatal(err)
	}
	if len(w) != 2 || w["p1"] != 0.5 || w["p2"] != 2 {
		t.Fatalf("weights %v", w)
	}
	for _, bad := range []string{"SampleID,Weight\np1,-1\n", "SampleID,Weight\np1,NaN\n", "SampleID,Weight\np1,x\n", "SampleID,Weight\np1,1\np1,2\n"} {
		path := filepath.Join(dir, "bad.csv")
		if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadWeights(path)
		var ie *InputError
		if !errors.As(err, &ie) || ie.SampleID != "p1" || ie.Line < 2 {
			t.Errorf("%q: error %v, want an InputError naming line and SampleID p1", bad, err)
		}
	}
}

func TestReadLabels(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(good, []byte("SampleID,Source\np1,sim\np2,cdt\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := ReadLabels(good)
	if err != nil || len(l) != 2 || l["p1"] != "sim" || l["p2"] != "cdt" {
		t.Fatalf("labels %v, %v", l, err)
	}
	bad := filepath.Join(dir, "bad.csv")
	if err := os.WriteFile(bad, []byte("SampleID,Source\np1, \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var ie *InputError
	if _, err := ReadLabels(bad); !errors.As(err, &ie) || ie.SampleID != "p1" {
		t.Errorf("empty label: got %v", err)
	}
}
