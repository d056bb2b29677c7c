package pairio

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/causal-tool/causal/internal/csvout"
	"github.com/causal-tool/causal/pairs"
)

// PairsWriter writes a pairs CSV file, one pair at a time.
type PairsWriter struct {
	w      *bufio.Writer
	buf    []byte
	header bool
}

// NewPairsWriter returns a writer that emits the header before the first pair.
func NewPairsWriter(w io.Writer) *PairsWriter {
	return &PairsWriter{w: bufio.NewWriterSize(w, 1<<16)}
}

// Write appends one pair in the challenge layout: "id, a1 a2 ..., b1 b2 ...".
func (pw *PairsWriter) Write(p pairs.Pair) error {
	if !pw.header {
		pw.header = true
		if _, err := pw.w.WriteString("SampleID,A,B\n"); err != nil {
			return err
		}
	}
	b := csvout.AppendField(pw.buf[:0], p.ID)
	b = append(b, ',')
	b = appendSample(b, p.A)
	b = append(b, ',')
	b = appendSample(b, p.B)
	b = append(b, '\n')
	pw.buf = b
	_, err := pw.w.Write(b)
	return err
}

func appendSample(b []byte, x []float64) []byte {
	for _, v := range x {
		b = append(b, ' ')
		b = appendNumber(b, v)
	}
	return b
}

// Flush writes any buffered data (and the header if no pair was written).
func (pw *PairsWriter) Flush() error {
	if !pw.header {
		pw.header = true
		if _, err := pw.w.WriteString("SampleID,A,B\n"); err != nil {
			return err
		}
	}
	return pw.w.Flush()
}

// WritePublicInfo writes the publicinfo file of the given pairs.
func WritePublicInfo(w io.Writer, ps []pairs.Pair) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "SampleID,A type,B type")
	for _, p := range ps {
		csvout.Row(bw, p.ID, p.TypeA.String(), p.TypeB.String())
	}
	return bw.Flush()
}

// WriteTargets writes a target file with the challenge's header.
func WriteTargets(w io.Writer, ts []pairs.Target) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, "SampleID,Target [1 for A->B; -1 otherwise],Details [1 for A->B; 2 for A<-B; 3 for A-B; 4 for A|B]")
	for _, t := range ts {
		csvout.Row(bw, t.ID, strconv.Itoa(t.Target), strconv.Itoa(t.Details))
	}
	return bw.Flush()
}

// WritePredictions writes a submission file (SampleID,Target).
func WritePredictions(w io.Writer, ps []pairs.Prediction) error {
	pw := NewPredictionWriter(w)
	for _, p := range ps {
		pw.Write([]string{p.ID}, []float64{p.Score})
	}
	return pw.Flush()
}

// PredictionWriter streams a predictions file: the header SampleID,Target,
// then one line per pair, the SampleID quoted as CSV needs it and the
// score in the shortest form that reads back exactly.
type PredictionWriter struct {
	bw *bufio.Writer
	b  []byte
}

// NewPredictionWriter returns a writer of predictions to w (buffered: call
// Flush at the end).
func NewPredictionWriter(w io.Writer) *PredictionWriter {
	pw := &PredictionWriter{bw: bufio.NewWriterSize(w, 1<<16)}
	pw.bw.WriteString("SampleID,Target\n")
	return pw
}

// Write adds the scores of the pairs ids (one score each, in order).
func (pw *PredictionWriter) Write(ids []string, scores []float64) error {
	for i, id := range ids {
		pw.b = csvout.AppendField(pw.b[:0], id)
		pw.b = append(pw.b, ',')
		pw.b = csvout.AppendScore(pw.b, scores[i])
		pw.b = append(pw.b, '\n')
		if _, err := pw.bw.Write(pw.b); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes out the buffered lines.
func (pw *PredictionWriter) Flush() error { return pw.bw.Flush() }
