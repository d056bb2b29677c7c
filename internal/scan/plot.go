package scan

import (
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/plots"
)

// Matrix is the score matrix of a scan: Score[i][j] is the score of
// "column i causes column j" (so Score[j][i] = -Score[i][j]), NaN where not
// scored.
type Matrix struct {
	Names []string
	Score [][]float64
}

// NewMatrix builds the score matrix of the named columns from results.
func NewMatrix(names []string, scored []Result) Matrix {
	idx := make(map[string]int, len(names))
	z := make([][]float64, len(names))
	for i, n := range names {
		idx[n] = i
		z[i] = make([]float64, len(names))
		for j := range z[i] {
			z[i][j] = math.NaN()
		}
	}
	for _, r := range scored {
		a, b := idx[r.A], idx[r.B]
		z[a][b], z[b][a] = r.Score, -r.Score
	}
	return Matrix{Names: names, Score: z}
}

// Dims, Z, X and Y make the matrix a plotter.GridXYZ: column c of the
// picture is the effect, row r (top to bottom) the cause.
func (m Matrix) Dims() (c, r int) { return len(m.Names), len(m.Names) }

// Z returns the score of cause row r -> effect column c.
func (m Matrix) Z(c, r int) float64 { return m.Score[len(m.Names)-1-r][c] }

// X returns the x position of picture column c.
func (m Matrix) X(c int) float64 { return float64(c) }

// Y returns the y position of picture row r.
func (m Matrix) Y(r int) float64 { return float64(r) }

// HeatMap draws the score matrix: red where the row's column causes the
// column's, blue the other way, white where not scored.
func HeatMap(m Matrix) *plot.Plot {
	maxAbs := 0.0
	for _, row := range m.Score {
		for _, v := range row {
			if !math.IsNaN(v) {
				maxAbs = math.Max(maxAbs, math.Abs(v))
			}
		}
	}
	maxAbs = math.Max(maxAbs, 1e-9)
	pal := moreland.SmoothBlueRed()
	pal.SetMin(-maxAbs)
	pal.SetMax(maxAbs)
	hm := plotter.NewHeatMap(m, pal.Palette(255))
	hm.Min, hm.Max = -maxAbs, maxAbs
	hm.NaN = color.White
	p := plot.New()
	p.Title.Text = fmt.Sprintf("score of row -> column (red +%.2f, blue -%.2f, white not scored)", maxAbs, maxAbs)
	p.X.Label.Text = "effect"
	p.Y.Label.Text = "cause"
	n := len(m.Names)
	var xt, yt []plot.Tick
	for i, name := range m.Names {
		xt = append(xt, plot.Tick{Value: float64(i), Label: name})
		yt = append(yt, plot.Tick{Value: float64(n - 1 - i), Label: name})
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = -1, -0.5
	p.Add(hm)
	return p
}

// dotNode is a column in the DOT graph.
type dotNode struct {
	id   int64
	name string
}

func (n dotNode) ID() int64      { return n.id }
func (n dotNode) DOTID() string  { return strconv.Quote(n.name) }
func (n dotNode) String() string { return n.name }

// dotEdge is a scored direction in the DOT graph.
type dotEdge struct {
	from, to dotNode
	score    float64
}

func (e dotEdge) From() graph.Node         { return e.from }
func (e dotEdge) To() graph.Node           { return e.to }
func (e dotEdge) ReversedEdge() graph.Edge { return dotEdge{e.to, e.from, e.score} }

// Attributes labels the edge with its |score| and scales its width.
func (e dotEdge) Attributes() []encoding.Attribute {
	return []encoding.Attribute{
		{Key: "label", Value: strconv.Quote(strconv.FormatFloat(e.score, 'f', 2, 64))},
		{Key: "penwidth", Value: strconv.FormatFloat(1+3*math.Min(e.score, 1), 'f', 2, 64)},
	}
}

// DOT returns a Graphviz graph of the columns with an edge cause -> effect
// for every scored pair with |score| above the threshold.
func DOT(names []string, scored []Result, threshold float64) ([]byte, error) {
	g := simple.NewDirectedGraph()
	nodes := map[string]dotNode{}
	for i, n := range names {
		nodes[n] = dotNode{int64(i), n}
		g.AddNode(nodes[n])
	}
	for _, r := range scored {
		switch Direction(r.Score, threshold) {
		case "A->B":
			g.SetEdge(dotEdge{nodes[r.A], nodes[r.B], r.Score})
		case "B->A":
			g.SetEdge(dotEdge{nodes[r.B], nodes[r.A], -r.Score})
		}
	}
	return dot.Marshal(g, "scan", "", "  ")
}

// WritePlots writes heatmap.png, heatmap.svg and graph.dot into dir.
func WritePlots(dir string, names []string, scored []Result, threshold float64) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plot directory: %w", err)
	}
	side := vg.Length(8+0.6*float64(len(names))) * vg.Centimeter
	if err := plots.Save(HeatMap(NewMatrix(names, scored)), filepath.Join(dir, "heatmap"), side+2*vg.Centimeter, side); err != nil {
		return err
	}
	text, err := DOT(names, scored, threshold)
	if err != nil {
		return fmt.Errorf("graph.dot: %w", err)
	}
	return atomicfile.WriteFile(filepath.Join(dir, "graph.dot"), func(w io.Writer) error {
		_, err := w.Write(append(text, '\n'))
		return err
	})
}
