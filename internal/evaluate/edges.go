package evaluate

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/linecap"
)

// Edge is a true direct causal edge between two named columns.
type Edge struct{ Cause, Effect string }

// ScoredPair is one scored pair of columns of a scan: positive Score means
// A -> B.
type ScoredPair struct {
	A, B  string
	Score float64
}

// EdgeReport evaluates a scan against the true graph of a table.
type EdgeReport struct {
	// Pairs is the number of scored pairs; Edges the number of true edges,
	// of which Scored are among the scored pairs.
	Pairs  int `json:"pairs"`
	Edges  int `json:"edges"`
	Scored int `json:"edges_scored"`
	// Unscored lists the true edges scan did not score ("cause->effect").
	Unscored []string `json:"edges_unscored"`
	// DirectionAccuracy is the share of scored edges whose score has the
	// true direction's sign (a zero score counts half).
	DirectionAccuracy Metric `json:"direction_accuracy"`
	// EdgeAUC is the AUC of |score| for telling pairs joined by a true edge
	// from the other pairs (NaN when either kind is absent).
	EdgeAUC Metric `json:"edge_auc"`
}

// Edges evaluates scored pairs against the true edges.
func Edges(scored []ScoredPair, edges []Edge) EdgeReport {
	dir := map[[2]string]float64{} // unordered pair -> +1 if the key order is causal
	for _, e := range edges {
		dir[[2]string{e.Cause, e.Effect}] = 1
		dir[[2]string{e.Effect, e.Cause}] = -1
	}
	rep := EdgeReport{Pairs: len(scored), Edges: len(edges), Unscored: []string{}}
	seen := map[[2]string]bool{}
	labels := make([]bool, len(scored))
	abs := make([]float64, len(scored))
	correct := 0.0
	for i, p := range scored {
		abs[i] = math.Abs(p.Score)
		sign, isEdge := dir[[2]string{p.A, p.B}]
		labels[i] = isEdge
		if !isEdge {
			continue
		}
		seen[[2]string{p.A, p.B}], seen[[2]string{p.B, p.A}] = true, true
		rep.Scored++
		switch s := sign * p.Score; {
		case s > 0:
			correct++
		case s == 0:
			correct += 0.5
		}
	}
	for _, e := range edges {
		if !seen[[2]string{e.Cause, e.Effect}] {
			rep.Unscored = append(rep.Unscored, e.Cause+"->"+e.Effect)
		}
	}
	rep.DirectionAccuracy = Metric(math.NaN())
	if rep.Scored > 0 {
		rep.DirectionAccuracy = Metric(correct / float64(rep.Scored))
	}
	rep.EdgeAUC = Metric(math.NaN())
	if auc, err := AUC(labels, abs); err == nil {
		rep.EdgeAUC = Metric(auc)
	}
	return rep
}

// ReadEdges reads a true-edges file: CSV with the header cause,effect and
// one edge a line. A self-loop, an edge listed twice or in both directions
// is an error naming the line.
func ReadEdges(path string) ([]Edge, error) {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	defer f.Close()
	return parseEdges(path, f)
}

func parseEdges(name string, r io.Reader) ([]Edge, error) {
	_, rows, err := parseEdgeRows(name, r, 2)
	if err != nil {
		return nil, err
	}
	edges := make([]Edge, len(rows))
	for i, row := range rows {
		edges[i] = Edge{row.cause, row.effect}
	}
	return edges, nil
}

// edgeRow is one line of an edge list: its pair, line number and record.
type edgeRow struct {
	cause, effect string
	line          int
	rec           []string
}

// parseEdgeRows reads an edge-list CSV whose header starts cause,effect,
// with fields columns a line (-1: any number, at least two). A self-loop
// or a pair listed twice, in either direction, is an error naming the
// line.
func parseEdgeRows(name string, r io.Reader, fields int) ([]string, []edgeRow, error) {
	cr := csv.NewReader(linecap.NewBuffered(r, linecap.Header, linecap.Line, true))
	cr.FieldsPerRecord = fields
	recs, err := cr.ReadAll()
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return nil, nil, fmt.Errorf("%s:%d: %w", name, pe.Line, pe.Err)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	if len(recs) == 0 || len(recs[0]) < 2 || !strings.EqualFold(recs[0][0], "cause") || !strings.EqualFold(recs[0][1], "effect") {
		if fields == 2 {
			return nil, nil, fmt.Errorf("%s:1: want the header cause,effect", name)
		}
		return nil, nil, fmt.Errorf("%s:1: want a header starting cause,effect", name)
	}
	lineOf := map[[2]string]int{}
	var rows []edgeRow
	for i, rec := range recs[1:] {
		line := i + 2
		if len(rec) < 2 {
			return nil, nil, fmt.Errorf("%s:%d: want at least cause,effect", name, line)
		}
		c, e := strings.TrimSpace(rec[0]), strings.TrimSpace(rec[1])
		if c == e {
			return nil, nil, fmt.Errorf("%s:%d: %s causes itself", name, line, c)
		}
		for _, k := range [][2]string{{c, e}, {e, c}} {
			if prev, dup := lineOf[k]; dup {
				return nil, nil, fmt.Errorf("%s:%d: edge %s,%s repeats line %d (in either direction)", name, line, c, e, prev)
			}
		}
		lineOf[[2]string{c, e}] = line
		rows = append(rows, edgeRow{cause: c, effect: e, line: line, rec: rec})
	}
	return recs[0], rows, nil
}
