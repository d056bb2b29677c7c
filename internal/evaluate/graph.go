package evaluate

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/linecap"
)

// GraphEdge is an edge of a learnt graph; Directed is false for an
// undirected edge.
type GraphEdge struct {
	Cause, Effect string
	Directed      bool
}

// GraphReport compares a learnt graph with the true DAG.
type GraphReport struct {
	// TrueEdges and Edges count the true and the learnt edges; Undirected
	// the learnt edges without a direction.
	TrueEdges  int `json:"true_edges"`
	Edges      int `json:"edges"`
	Undirected int `json:"undirected"`
	// Found counts the true edges present in the learnt skeleton (either
	// way); Missing = TrueEdges - Found, Extra = Edges - Found.
	Found   int `json:"found"`
	Missing int `json:"missing"`
	Extra   int `json:"extra"`
	// Reversed counts the found edges directed the wrong way.
	Reversed int `json:"reversed"`
	// SkeletonPrecision = Found/Edges, SkeletonRecall = Found/TrueEdges.
	SkeletonPrecision Metric `json:"skeleton_precision"`
	SkeletonRecall    Metric `json:"skeleton_recall"`
	// OrientationAccuracy is the share of the found edges with the true
	// direction, an undirected one counting half.
	OrientationAccuracy Metric `json:"orientation_accuracy"`
	// SHD is the structural Hamming distance: the number of column pairs
	// whose edge differs from the truth (missing, extra, reversed, or
	// undirected where the truth has a direction), each counting 1.
	SHD int `json:"shd"`
}

// CompareGraph compares the learnt edges with the true DAG's edges.
func CompareGraph(learnt []GraphEdge, truth []Edge) GraphReport {
	dir := map[[2]string]bool{}
	for _, e := range truth {
		dir[[2]string{e.Cause, e.Effect}] = true
	}
	rep := GraphReport{TrueEdges: len(truth), Edges: len(learnt)}
	correct := 0.0
	for _, e := range learnt {
		if !e.Directed {
			rep.Undirected++
		}
		fwd, back := dir[[2]string{e.Cause, e.Effect}], dir[[2]string{e.Effect, e.Cause}]
		switch {
		case !fwd && !back:
			rep.Extra++
			rep.SHD++
			continue
		case !e.Directed:
			correct += 0.5
			rep.SHD++
		case fwd:
			correct++
		default:
			rep.Reversed++
			rep.SHD++
		}
		rep.Found++
	}
	rep.Missing = rep.TrueEdges - rep.Found
	rep.SHD += rep.Missing
	rep.SkeletonPrecision = ratio(float64(rep.Found), rep.Edges)
	rep.SkeletonRecall = ratio(float64(rep.Found), rep.TrueEdges)
	rep.OrientationAccuracy = ratio(correct, rep.Found)
	return rep
}

// ratio is a/b, NaN when b is 0.
func ratio(a float64, b int) Metric {
	if b == 0 {
		return Metric(math.NaN())
	}
	return Metric(a / float64(b))
}

// IsGraphFile reports whether the CSV file at path is an edge list (its
// header starts with cause,effect) rather than a scan scores file.
func IsGraphFile(path string) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	rec, err := csv.NewReader(linecap.NewBuffered(f, linecap.Header, linecap.Line, true)).Read()
	if err != nil && !errors.Is(err, csv.ErrFieldCount) {
		return false, fmt.Errorf("%s:1: %w", path, err)
	}
	return len(rec) >= 2 && strings.EqualFold(strings.TrimSpace(rec[0]), "cause") && strings.EqualFold(strings.TrimSpace(rec[1]), "effect"), nil
}

// ReadGraph reads a learnt graph's edge list (causal graph -o): a CSV
// header starting cause,effect, one edge a line; an optional column edge
// marks undirected edges ("undirected"). A self-loop or a pair listed twice
// is an error naming the line.
func ReadGraph(path string) ([]GraphEdge, error) {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	defer f.Close()
	return parseGraph(path, f)
}

func parseGraph(name string, r io.Reader) ([]GraphEdge, error) {
	header, rows, err := parseEdgeRows(name, r, -1)
	if err != nil {
		return nil, err
	}
	kind := slices.IndexFunc(header, func(s string) bool { return strings.EqualFold(strings.TrimSpace(s), "edge") })
	out := make([]GraphEdge, 0, len(rows))
	for _, row := range rows {
		ge := GraphEdge{Cause: row.cause, Effect: row.effect, Directed: true}
		if kind >= 0 && kind < len(row.rec) {
			switch k := strings.TrimSpace(row.rec[kind]); {
			case strings.EqualFold(k, "undirected"):
				ge.Directed = false
			case strings.EqualFold(k, "directed"):
			default:
				return nil, fmt.Errorf("%s:%d: edge %q: want directed or undirected", name, row.line, k)
			}
		}
		out = append(out, ge)
	}
	return out, nil
}
