package featio

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeArrowSample writes a small real feature file (two record batches,
// NaNs, odd IDs) and returns its bytes.
func writeArrowSample(t testing.TB, rows int) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "s.features")
	w, err := Create(path, FormatArrow, Header{Names: []string{"f1", "f2", "f3"}, PlanHash: "abc", Shard: "1/2"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range rows {
		v := float32(rng.NormFloat64())
		if i%7 == 0 {
			v = float32(nan())
		}
		if err := w.Write(strings.Repeat("p\n,", i%3)+string(rune('a'+i%26)), []float32{v, float32(i), -v}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func nan() float64 { var z float64; return z / z }

// readFeatureFile opens and reads every row of the file at path.
func readFeatureFile(path string) error {
	r, err := Open(path)
	if err != nil {
		return err
	}
	defer r.Close()
	for {
		_, row, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if len(row) != len(r.Header().Names) {
			return errors.New("short row")
		}
	}
}

// FuzzReadArrow feeds damaged Arrow feature files to the reader: every
// failure, including one inside the Arrow library, is an error naming the
// file, never a panic. The corpus is real feature files with bytes flipped
// near the end (where the footer and the last record batch lie).
func FuzzReadArrow(f *testing.F) {
	good := writeArrowSample(f, 40)
	f.Add(good)
	for _, back := range []int{30, 64, 120, 200, 400} {
		if back+16 <= len(good) {
			bad := bytes.Clone(good)
			for i := range 16 {
				bad[len(bad)-back+i] ^= 0xff
			}
			f.Add(bad)
		}
	}
	f.Add(good[:len(good)/2])
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.features")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := readFeatureFile(path); err != nil && !strings.Contains(err.Error(), path) {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// Every 16-byte flip in the last 400 bytes of a real feature file is read
// or refused with an error naming the file (issue 21, class 1).
func TestDamagedArrowNeverPanics(t *testing.T) {
	good := writeArrowSample(t, 40)
	dir := t.TempDir()
	path := filepath.Join(dir, "d.features")
	refused := 0
	for back := 16; back <= 400 && back <= len(good); back++ {
		bad := bytes.Clone(good)
		for i := range 16 {
			bad[len(bad)-back+i] ^= 0xa5
		}
		os.WriteFile(path, bad, 0o644)
		if err := readFeatureFile(path); err != nil {
			refused++
			if !strings.Contains(err.Error(), path) {
				t.Fatalf("flip at -%d: error %q does not name the file", back, err)
			}
		}
	}
	if refused == 0 {
		t.Fatal("no damaged file was refused")
	}
}
