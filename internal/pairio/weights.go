package pairio

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// ReadWeights reads a sample-weight file (SampleID,Weight): every weight a
// finite number >= 0.
func ReadWeights(path string) (map[string]float64, error) {
	var out map[string]float64
	err := readTable(path, func(t *table) (err error) { out, err = t.weights(); return err })
	return out, err
}

func (t *table) weights() (map[string]float64, error) {
	out := map[string]float64{}
	err := t.each(2, 2, func(line int, id string, rec []string) error {
		v, err := strconv.ParseFloat(strings.TrimSpace(rec[1]), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return &InputError{File: t.name, Line: line, SampleID: id, Msg: fmt.Sprintf("weight %q is not a finite number >= 0", rec[1])}
		}
		out[id] = v
		return nil
	})
	return out, err
}

// ReadLabels reads a two-column SampleID,Label file (e.g. each training
// pair's source): every label non-empty.
func ReadLabels(path string) (map[string]string, error) {
	out := map[string]string{}
	err := readTable(path, func(t *table) error {
		return t.each(2, 2, func(line int, id string, rec []string) error {
			l := strings.TrimSpace(rec[1])
			if l == "" {
				return &InputError{File: t.name, Line: line, SampleID: id, Msg: "empty label"}
			}
			out[id] = l
			return nil
		})
	})
	return out, err
}
