package pairio

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"testing"
)

// BenchmarkReadPairs measures streaming parse throughput (MB/s) on
// challenge-like integer data: 20 pairs of 5,000 points.
func BenchmarkReadPairs(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	var buf bytes.Buffer
	buf.WriteString("SampleID,A,B\n")
	for p := 0; p < 20; p++ {
		fmt.Fprintf(&buf, "pair%d,", p)
		for v := 0; v < 2; v++ {
			for i := 0; i < 5000; i++ {
				fmt.Fprintf(&buf, " %d", rng.IntN(40000)-20000)
			}
			if v == 0 {
				buf.WriteByte(',')
			}
		}
		buf.WriteByte('\n')
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := NewReader("bench", bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil {
				b.Fatal(err)
			}
		}
	}
}
