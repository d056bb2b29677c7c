package graph

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"

	gonumgraph "gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/simple"
)

// Header is the header of an edge-list CSV file: one row per edge; edge is
// "directed" or "undirected", oriented_by one of the By constants.
var Header = []string{"cause", "effect", "score", "low", "high", "p_value", "edge", "oriented_by"}

// Kind names an edge's kind in the CSV and JSON outputs.
func (e Edge) Kind() string {
	if e.Directed {
		return "directed"
	}
	return "undirected"
}

// WriteCSV writes the edges as CSV with Header (empty fields for unknown
// numbers).
func WriteCSV(w io.Writer, g *Graph) error {
	cw := csv.NewWriter(w)
	cw.Write(Header)
	for _, e := range g.Edges {
		cw.Write([]string{e.Cause, e.Effect, num(e.Score), num(e.Low), num(e.High), num(e.P), e.Kind(), e.By})
	}
	cw.Flush()
	return cw.Error()
}

func num(x float64) string {
	if math.IsNaN(x) {
		return ""
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// jsonNum is a float written as null when NaN.
type jsonNum float64

// MarshalJSON writes the number, or null for NaN.
func (x jsonNum) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(x)) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(x), 'g', -1, 64)), nil
}

type edgeJSON struct {
	Cause      string  `json:"cause"`
	Effect     string  `json:"effect"`
	Edge       string  `json:"edge"`
	Score      jsonNum `json:"score"`
	Low        jsonNum `json:"low"`
	High       jsonNum `json:"high"`
	P          jsonNum `json:"p_value"`
	OrientedBy string  `json:"oriented_by"`
}

type graphJSON struct {
	File     string     `json:"file"`
	Rows     int        `json:"rows"`
	Alpha    float64    `json:"alpha"`
	MaxDepth int        `json:"max_depth"`
	Tests    int        `json:"tests"`
	Columns  []string   `json:"columns"`
	Edges    []edgeJSON `json:"edges"`
}

// WriteJSON writes the graph as JSON: the settings, the columns and the
// edges (unknown numbers as null).
func WriteJSON(w io.Writer, file string, rows int, g *Graph) error {
	out := graphJSON{File: file, Rows: rows, Alpha: g.Alpha, MaxDepth: g.MaxDepth, Tests: g.Tests,
		Columns: g.Columns, Edges: []edgeJSON{}}
	for _, e := range g.Edges {
		out.Edges = append(out.Edges, edgeJSON{Cause: e.Cause, Effect: e.Effect, Edge: e.Kind(),
			Score: jsonNum(e.Score), Low: jsonNum(e.Low), High: jsonNum(e.High), P: jsonNum(e.P), OrientedBy: e.By})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// dotNode is a column in the DOT graph.
type dotNode struct {
	id   int64
	name string
}

func (n dotNode) ID() int64      { return n.id }
func (n dotNode) DOTID() string  { return strconv.Quote(n.name) }
func (n dotNode) String() string { return n.name }

// dotEdge is an edge of the DOT graph.
type dotEdge struct {
	from, to dotNode
	e        Edge
}

func (d dotEdge) From() gonumgraph.Node         { return d.from }
func (d dotEdge) To() gonumgraph.Node           { return d.to }
func (d dotEdge) ReversedEdge() gonumgraph.Edge { return dotEdge{d.to, d.from, d.e.reversed()} }

// Attributes labels the edge with its score, scales its width by |score|
// and draws an undirected edge without arrowhead, dashed.
func (d dotEdge) Attributes() []encoding.Attribute {
	s := nanToZero(d.e.Score)
	attrs := []encoding.Attribute{
		{Key: "label", Value: strconv.Quote(strconv.FormatFloat(s, 'f', 2, 64))},
		{Key: "penwidth", Value: strconv.FormatFloat(1+3*math.Min(math.Abs(s), 1), 'f', 2, 64)},
	}
	if !d.e.Directed {
		attrs = append(attrs, encoding.Attribute{Key: "dir", Value: "none"}, encoding.Attribute{Key: "style", Value: "dashed"})
	}
	return attrs
}

// DOT returns the graph in Graphviz's DOT language.
func DOT(g *Graph) ([]byte, error) {
	dg := simple.NewDirectedGraph()
	nodes := map[string]dotNode{}
	for i, n := range g.Columns {
		nodes[n] = dotNode{int64(i), n}
		dg.AddNode(nodes[n])
	}
	for _, e := range g.Edges {
		dg.SetEdge(dotEdge{nodes[e.Cause], nodes[e.Effect], e})
	}
	return dot.Marshal(dg, "causal", "", "  ")
}
