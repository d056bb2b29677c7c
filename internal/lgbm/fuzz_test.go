package lgbm

import (
	"bytes"
	"os"
	"testing"
)

// FuzzLoadReader feeds arbitrary model text to the loader: it must return a
// model or an error, never panic, and a model it accepts must predict.
func FuzzLoadReader(f *testing.F) {
	golden, err := os.ReadFile("testdata/golden.txt")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(golden)
	f.Add(bytes.Replace(golden, []byte("version=v3"), []byte("version=v4"), 1))
	f.Add(golden[:len(golden)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := LoadReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		row := make([]float64, len(m.FeatureNames))
		if _, err := m.PredictRaw(row, 1, 1); err != nil {
			t.Fatalf("accepted model cannot predict: %v", err)
		}
	})
}
