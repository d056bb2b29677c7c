package table

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// FuzzRead feeds arbitrary bytes to Read: it must never panic; an error
// must be an *Error or name the input, and a table must have equally long
// columns whose values match their types and counts.
func FuzzRead(f *testing.F) {
	for _, s := range []string{mixed, "a\tb\n1\t2\n3\t4\n", "a;b\n\"x;y\";2\n", "a,b\n1,2\n3\n", "a,a\n1,2\n", "x\n", "PAR1junk", "ARROW1junk",
		"\ufeffa,b\r\n\"1,5\",2\r\n3,\"4\"\"\"\r\n", "a,b\r1,2\r3,4\r", "a\tb\n\"x\ny\"\t2\n", "a,b,c\n1,2\n3,4,5,6\n", "a,b\n\"open,2\n"} {
		f.Add([]byte(s))
	}
	file, stream, parq := arrowBytes(f)
	f.Add(file)
	f.Add(stream)
	f.Add(parq)
	f.Fuzz(func(t *testing.T, data []byte) {
		Stdin = bytes.NewReader(data)
		tb, err := Read("-", Options{})
		if err != nil {
			var te *Error
			if !errors.As(err, &te) && !bytes.Contains([]byte(err.Error()), []byte("<stdin>")) {
				t.Fatalf("error %q is not an *Error and does not name the input", err)
			}
			return
		}
		for _, c := range tb.Columns {
			if len(c.Values) != tb.Rows {
				t.Fatalf("column %q has %d values, the table %d rows", c.Name, len(c.Values), tb.Rows)
			}
			missing := 0
			for _, v := range c.Values {
				switch {
				case math.IsNaN(v):
					missing++
				case math.IsInf(v, 0):
					t.Fatalf("column %q holds %v", c.Name, v)
				case c.Levels != nil && (v < 0 || int(v) >= len(c.Levels) || v != math.Trunc(v)):
					t.Fatalf("column %q: code %v outside its %d levels", c.Name, v, len(c.Levels))
				}
			}
			if missing != c.Missing || c.Type == pairs.Binary && c.Distinct > 2 {
				t.Fatalf("column %q: counts %+v", c.Name, c)
			}
		}
	})
}
