package linecap

import (
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

// endless is an io.Reader that never ends, filled with one byte.
type endless byte

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(e)
	}
	return len(p), nil
}

// An endless line fails fast at its cap, through encoding/csv.
func TestEndlessLine(t *testing.T) {
	for _, c := range []struct {
		name string
		src  io.Reader
		line int
	}{
		{"header", endless(0), 1},
		{"record", io.MultiReader(strings.NewReader("a,b\n1,2\n"), endless('x')), 3},
		{"quoted line breaks", io.MultiReader(strings.NewReader("a,b\n\""), endless('\n')), 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			cr := csv.NewReader(NewBuffered(c.src, 1<<16, 1<<20, true))
			var err error
			for err == nil {
				_, err = cr.Read()
			}
			var le *Error
			if !errors.As(err, &le) || le.Line != c.line {
				t.Fatalf("err %v, want a cap error at line %d", err, c.line)
			}
			if time.Since(start) > 5*time.Second {
				t.Errorf("took %v", time.Since(start))
			}
		})
	}
}

// Records within their caps pass through unchanged, quoted line breaks
// included.
func TestWithinCaps(t *testing.T) {
	text := "h1,h2\n\"a\nb\",\"c\"\"d\"\n" + strings.Repeat("x", 90) + ",1\n"
	got, err := io.ReadAll(New(strings.NewReader(text), 6, 100, true))
	if err != nil || string(got) != text {
		t.Fatalf("%q %v", got, err)
	}
	_, err = io.ReadAll(New(strings.NewReader(text), 5, 100, true))
	if le := (*Error)(nil); !errors.As(err, &le) || !le.Header || !strings.Contains(err.Error(), "header line longer than 5 bytes") {
		t.Fatalf("header cap: %v", err)
	}
}
