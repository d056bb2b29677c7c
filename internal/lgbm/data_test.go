package lgbm

import (
	"bytes"
	"math"
	"testing"
)

func TestWriteData(t *testing.T) {
	x := []float32{0.1, float32(math.NaN()), -3, 1e-38}
	var b bytes.Buffer
	if err := WriteData(&b, x, []float64{1, -1}, 2); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "1,0.1,nan\n-1,-3,1e-38\n"; got != want {
		t.Fatalf("got %q, want %q", got, want)
	}
	b.Reset()
	if err := WriteData(&b, x[:2], nil, 2); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "0,0.1,nan\n"; got != want {
		t.Fatalf("without labels: got %q, want %q", got, want)
	}
}
