package featio

import (
	"errors"
	"io"
	"math"
	"strings"
	"testing"
)

// FuzzReadCSV feeds arbitrary text to the CSV feature-file reader: rows come
// back with exactly one value per column, or an error; never a panic.
func FuzzReadCSV(f *testing.F) {
	f.Add("SampleID,a,b\np1,1,2\np2,NaN,\n")
	f.Add("SampleID,a\np1,1e400\n")
	f.Add("SampleID,a,b\np1,1\n")
	f.Add("x,y\n")
	f.Fuzz(func(t *testing.T, text string) {
		r, err := openCSV(strings.NewReader(text), func() error { return nil })
		if err != nil {
			return
		}
		defer r.Close()
		cols := len(r.Header().Names)
		for {
			_, row, err := r.Next()
			if err != nil {
				if !errors.Is(err, io.EOF) && err.Error() == "" {
					t.Fatal("empty error message")
				}
				return
			}
			if len(row) != cols {
				t.Fatalf("row of %d values for %d columns", len(row), cols)
			}
			for _, v := range row {
				if math.IsInf(float64(v), 0) {
					t.Fatalf("infinite value accepted: %v", row)
				}
			}
		}
	})
}
