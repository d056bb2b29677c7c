package pairio

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// numberSyntax is README's number: integers, decimals, exponents, an
// optional sign.
var numberSyntax = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)

func strconvParse(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// FuzzPairs feeds arbitrary bytes to the pairs reader: it must never panic,
// and every pair it returns must satisfy the format's invariants.
func FuzzPairs(f *testing.F) {
	for _, name := range []string{"tiny_pairs.csv", "crlf_pairs.csv", "bad/nonnumeric.csv", "bad/unequal.csv", "bad/duplicate.csv"} {
		b, err := os.ReadFile(filepath.Join(td, name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	// Number syntax outside README's: each must make its pair bad.
	for _, tok := range []string{"0x1p-2", "1_000", "0x10", "NaN", "-Inf", "1e400", "+.5e-3", "5."} {
		f.Add([]byte("SampleID,A,B\np1,1 2 " + tok + ",4 5 6\np2,1 2 3,4 5 6\n"))
	}
	f.Add([]byte("SampleID,A,B\rp1,1 2 3,4 5 6\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader("fuzz", bytes.NewReader(data), Options{SkipBad: true})
		if err != nil {
			return
		}
		for {
			p, err := r.Next()
			if err != nil {
				if err != io.EOF && err.Error() == "" {
					t.Fatal("empty error message")
				}
				return
			}
			if len(p.A) != len(p.B) || len(p.A) < MinPoints || p.ID == "" {
				t.Fatalf("invalid pair accepted: %+v", p)
			}
		}
	})
}

// FuzzNumber checks the fast number parser against strconv on any token.
func FuzzNumber(f *testing.F) {
	for _, s := range []string{"1", "-2.5", "0.001", "1e3", "123456789012345", "x", ".", "-0",
		// Go-only syntax strconv takes but README's numbers exclude.
		"0x1p-2", "0X1P4", "1_000", "0x10", "0b101", "0o17", "1__0", "_1", "1_",
		// NaN and infinities, and out of range.
		"NaN", "-inf", "+Infinity", "1e400", "-1e400",
		// Edge forms of the documented syntax.
		"+.5", "5.", "-.5e-3", "1E+2", "1e", "e5", ".e1", "+", "1e+", "00012", "9007199254740993", "4.9e-324"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseNumber(s)
		want, werr := strconv.ParseFloat(s, 64)
		if err == nil && (werr != nil || got != want) {
			t.Fatalf("%q: got %v, strconv %v (%v)", s, got, want, werr)
		}
		documented := numberSyntax.MatchString(s) && werr == nil
		if (err == nil) != documented {
			t.Fatalf("%q: parseNumber error %v, but documented syntax with a finite value: %v", s, err, documented)
		}
		if strings.ContainsAny(s, " \t\r\n\v\f") {
			return
		}
		vals, serr := parseSample(s)
		if (serr == nil) != (err == nil) || (serr == nil && (len(vals) != 1 || vals[0] != got)) {
			t.Fatalf("%q: parseSample %v %v, parseNumber %v %v", s, vals, serr, got, err)
		}
	})
}

// FuzzTables feeds arbitrary content to the small-table readers (in
// memory: no file per input).
func FuzzTables(f *testing.F) {
	for _, name := range []string{"tiny_publicinfo.csv", "tiny_target.csv", "tiny_predictions.csv"} {
		b, _ := os.ReadFile(filepath.Join(td, name))
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, s string) {
		if tb, err := newTable("fuzz", strings.NewReader(s)); err == nil {
			tb.publicInfo()
		}
		if tb, err := newTable("fuzz", strings.NewReader(s)); err == nil {
			if ts, err := tb.targets(); err == nil {
				for _, x := range ts {
					if x.Target < -1 || x.Target > 1 {
						t.Fatalf("bad target accepted: %+v", x)
					}
				}
			}
		}
		if tb, err := newTable("fuzz", strings.NewReader(s)); err == nil {
			if ps, err := tb.predictions(); err == nil {
				for _, p := range ps {
					if math.IsNaN(p.Score) || math.IsInf(p.Score, 0) {
						t.Fatalf("non-finite score accepted: %+v", p)
					}
				}
			}
		}
	})
}

// FuzzSample checks the single-pass cell parser against splitting on
// whitespace and parsing each token with strconv, restricted to the
// accepted syntax (sign, digits, point, exponent: strconv also takes
// underscores after a leading 0, hex floats, "inf" and "nan").
func FuzzSample(f *testing.F) {
	for _, s := range []string{" 1 2 3", " -0.5 1e3 0007 .5", "1 x", " 99999999999999999999 0.000123", "\t-12\r\n+4 ", "1..2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, cell string) {
		got, err := parseSample(cell)
		var want []float64
		var werr error
		for _, tok := range strings.Fields(cell) {
			v, e := strconv.ParseFloat(tok, 64)
			if e != nil || math.IsNaN(v) || math.IsInf(v, 0) || strings.Trim(tok, "0123456789+-.eE") != "" {
				werr = errors.New("bad token")
				break
			}
			want = append(want, v)
		}
		if werr == nil && len(want) == 0 {
			werr = errors.New("empty")
		}
		if (err == nil) != (werr == nil) {
			// strings.Fields also splits on Unicode spaces, which the
			// challenge format does not use; only compare ASCII input.
			for _, r := range cell {
				if r > 127 {
					return
				}
			}
			t.Fatalf("%q: err %v, reference %v", cell, err, werr)
		}
		if err == nil && !slices.Equal(got, want) {
			t.Fatalf("%q: got %v, want %v", cell, got, want)
		}
	})
}
