package featio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/csvout"
	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/internal/pairio"
)

func createCSV(path string, h Header) (*Writer, error) {
	f, err := atomicfile.Create(path)
	if err != nil {
		return nil, err
	}
	f.WriteString(IDColumn)
	for _, n := range h.Names {
		f.WriteByte(',')
		f.WriteString(n)
	}
	f.WriteByte('\n')
	var num []byte
	return &Writer{
		h: h,
		write: func(id string, row []float32) error {
			f.WriteString(csvout.Field(id))
			for _, v := range row {
				f.WriteByte(',')
				num = appendFloat32(num[:0], v)
				f.Write(num)
			}
			return f.WriteByte('\n')
		},
		commit: f.Commit,
		abort:  f.Abort,
	}, nil
}

// appendFloat32 appends v in its shortest round-tripping form ("NaN" for NaN).
func appendFloat32(b []byte, v float32) []byte {
	if v != v {
		return append(b, "NaN"...)
	}
	return strconv.AppendFloat(b, float64(v), 'g', -1, 32)
}

// openCSV reads a CSV feature file from src; closer releases it.
func openCSV(src io.Reader, closer func() error) (*Reader, error) {
	cr := csv.NewReader(linecap.NewBuffered(src, linecap.FeatureHeader, linecap.Line, true))
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("empty file (want a %s,<names...> header)", IDColumn)
	}
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if len(head) == 3 && strings.EqualFold(strings.TrimSpace(head[1]), "A") && strings.EqualFold(strings.TrimSpace(head[2]), "B") {
		return nil, errors.New("this is a pairs file (header SampleID,A,B), not a feature file: give it as pairs (no --features), or featurize it first")
	}
	if strings.Contains(strings.Join(head, ","), "\r") {
		return nil, errors.New("line endings are CR only (classic Mac): the whole file reads as one line; convert them to LF or CRLF")
	}
	if len(head) < 1 || strings.TrimPrefix(head[0], "\ufeff") != IDColumn {
		return nil, fmt.Errorf("first column is %s, want %s", pairio.Excerpt(head[0]), IDColumn)
	}
	h := Header{Names: append([]string(nil), head[1:]...)}
	next := func() (string, []float32, error) {
		rec, err := cr.Read()
		if err == io.EOF {
			return "", nil, io.EOF
		}
		if err != nil {
			return "", nil, fmt.Errorf("features: %w", err)
		}
		line, _ := cr.FieldPos(0)
		row := make([]float32, len(rec)-1)
		for j, s := range rec[1:] {
			if s == "" {
				row[j] = float32(math.NaN())
				continue
			}
			v, err := strconv.ParseFloat(s, 32)
			if err != nil {
				return "", nil, fmt.Errorf("features line %d column %s: bad number %s", line, h.Names[j], pairio.Excerpt(s))
			}
			row[j] = float32(v)
		}
		return rec[0], row, nil
	}
	return &Reader{h: h, next: next, cl: closer}, nil
}
