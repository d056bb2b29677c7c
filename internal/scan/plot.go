package scan

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"

	"gonum.org/v1/gonum/graph"
	"gonum.org/v1/gonum/graph/encoding"
	"gonum.org/v1/gonum/graph/encoding/dot"
	"gonum.org/v1/gonum/graph/simple"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// Matrix is the score matrix of a scan, upper triangle only (the matrix is
// antisymmetric): Score[i][j], i < j, is the score of "column i causes
// column j", NaN where not scored and below the diagonal. Uncertain[i][j]
// marks the pairs whose direction is uncertain.
type Matrix struct {
	Names     []string
	Score     [][]float64
	Uncertain [][]bool
}

// NewMatrix builds the score matrix of the named columns from results.
func NewMatrix(names []string, scored []Result) Matrix {
	idx := make(map[string]int, len(names))
	n := len(names)
	m := Matrix{Names: names, Score: make([][]float64, n), Uncertain: make([][]bool, n)}
	for i, name := range names {
		idx[name] = i
		m.Score[i] = make([]float64, n)
		m.Uncertain[i] = make([]bool, n)
		for j := range m.Score[i] {
			m.Score[i][j] = math.NaN()
		}
	}
	for _, r := range scored {
		a, b, s := idx[r.A], idx[r.B], r.Score
		if a > b {
			a, b, s = b, a, -s
		}
		m.Score[a][b] = s
		m.Uncertain[a][b] = r.Direction == Uncertain
	}
	return m
}

// Dims, Z, X and Y make the upper triangle a plotter.GridXYZ: column c of
// the picture is the effect, column c+1 of the matrix; row r (counted from
// the bottom) the cause, column n-2-r of the matrix.
func (m Matrix) Dims() (c, r int) { return len(m.Names) - 1, len(m.Names) - 1 }

// Z returns the score of cause row r -> effect column c.
func (m Matrix) Z(c, r int) float64 { return m.Score[len(m.Names)-2-r][c+1] }

// X returns the x position of picture column c.
func (m Matrix) X(c int) float64 { return float64(c) }

// Y returns the y position of picture row r.
func (m Matrix) Y(r int) float64 { return float64(r) }

// maxCellLabels is the largest number of columns whose heat map shows the
// cells' values.
const maxCellLabels = 16

// HeatMap draws the score matrix (upper triangle): red where the row's
// column causes the column's, blue the other way, white where not scored;
// with at most maxCellLabels columns each cell shows its score, in
// parentheses when the direction is uncertain. It returns the plot and
// the colour map of its colour bar.
func HeatMap(m Matrix, title string) (*plot.Plot, palette.ColorMap) {
	maxAbs := 1e-9
	for _, row := range m.Score {
		for _, v := range row {
			if !math.IsNaN(v) {
				maxAbs = math.Max(maxAbs, math.Abs(v))
			}
		}
	}
	cm := moreland.SmoothBlueRed()
	cm.SetMin(-maxAbs)
	cm.SetMax(maxAbs)
	hm := plotter.NewHeatMap(m, cm.Palette(255))
	hm.Min, hm.Max = -maxAbs, maxAbs
	hm.NaN = color.White
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "effect (a value in parentheses: direction uncertain)"
	p.Y.Label.Text = "cause"
	n := len(m.Names)
	var xt, yt []plot.Tick
	for i, name := range m.Names {
		if i > 0 {
			xt = append(xt, plot.Tick{Value: float64(i - 1), Label: name})
		}
		if i < n-1 {
			yt = append(yt, plot.Tick{Value: float64(n - 2 - i), Label: name})
		}
	}
	p.X.Tick.Marker = plot.ConstantTicks(xt)
	p.Y.Tick.Marker = plot.ConstantTicks(yt)
	p.X.Tick.Label.Rotation = math.Pi / 2
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = -1, -0.5
	p.Add(hm)
	if n <= maxCellLabels {
		if l := cellLabels(m); l != nil {
			p.Add(l)
		}
	}
	return p, cm
}

// cellLabels writes each scored cell's value at its centre.
func cellLabels(m Matrix) *plotter.Labels {
	var xy plotter.XYLabels
	n := len(m.Names)
	for i := range n {
		for j := i + 1; j < n; j++ {
			v := m.Score[i][j]
			if math.IsNaN(v) {
				continue
			}
			s := strconv.FormatFloat(v, 'f', 2, 64)
			if m.Uncertain[i][j] {
				s = "(" + s + ")"
			}
			xy.XYs = append(xy.XYs, plotter.XY{X: float64(j - 1), Y: float64(n - 2 - i)})
			xy.Labels = append(xy.Labels, s)
		}
	}
	if len(xy.Labels) == 0 {
		return nil
	}
	l, err := plotter.NewLabels(xy)
	if err != nil {
		return nil
	}
	size := vg.Points(math.Max(5, math.Min(9, 90/float64(n))))
	for i := range l.TextStyle {
		l.TextStyle[i].Font.Size = size
		l.TextStyle[i].XAlign, l.TextStyle[i].YAlign = draw.XCenter, draw.YCenter
	}
	return l
}

// colorBar is the heat map's colour bar, titled.
func colorBar(cm palette.ColorMap) *plot.Plot {
	p := plot.New()
	p.HideX()
	p.Title.Text = "score"
	p.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	return p
}

// saveHeatMap writes the heat map beside its colour bar as base.png and
// base.svg.
func saveHeatMap(hm, bar *plot.Plot, base string, w, h vg.Length) error {
	barW := 3 * vg.Centimeter
	pad := 0.3 * vg.Centimeter
	for _, ext := range []string{".png", ".svg"} {
		var c interface {
			vg.CanvasSizer
			io.WriterTo
		}
		if ext == ".png" {
			c = vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(144))}
		} else {
			c = vgsvg.New(w, h)
		}
		dc := draw.New(c)
		hm.Draw(draw.Crop(dc, pad, -barW, pad, -pad))
		bar.Draw(draw.Crop(dc, w-barW+pad, -pad, 3*vg.Centimeter, -pad))
		if err := atomicfile.WriteFile(base+ext, func(out io.Writer) error {
			_, err := c.WriteTo(out)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// dotNode is a column in the DOT graph.
type dotNode struct {
	id   int64
	name string
}

func (n dotNode) ID() int64      { return n.id }
func (n dotNode) DOTID() string  { return strconv.Quote(n.name) }
func (n dotNode) String() string { return n.name }

// dotEdge is a scored direction in the DOT graph: score is the score of
// from -> to, interval its resample interval when known.
type dotEdge struct {
	from, to  dotNode
	score     float64
	interval  string
	uncertain bool
	prior     bool
}

func (e dotEdge) From() graph.Node { return e.from }
func (e dotEdge) To() graph.Node   { return e.to }
func (e dotEdge) ReversedEdge() graph.Edge {
	e.from, e.to, e.score = e.to, e.from, -e.score
	return e
}

// Attributes label the edge with its score (and interval), scale its
// width with |score| and dash it when its direction is uncertain.
func (e dotEdge) Attributes() []encoding.Attribute {
	label := strconv.FormatFloat(e.score, 'f', 2, 64) + e.interval
	attrs := []encoding.Attribute{
		{Key: "label", Value: strconv.Quote(label)},
		{Key: "penwidth", Value: strconv.FormatFloat(0.5+4*math.Min(math.Abs(e.score), 1), 'f', 2, 64)},
	}
	if e.uncertain {
		attrs = append(attrs, encoding.Attribute{Key: "style", Value: "dashed"}, encoding.Attribute{Key: "color", Value: "gray50"})
	}
	if e.prior {
		attrs = append(attrs, encoding.Attribute{Key: "color", Value: "darkgreen"})
	}
	return attrs
}

// DOT returns a Graphviz graph of the columns with an edge cause -> effect
// for every pair whose direction is named, and a dashed edge (in the
// direction of its score) for every uncertain pair. This is the pairwise
// picture, not a causal graph: an indirect cause or a common cause draws
// an edge too.
func DOT(names []string, scored []Result) ([]byte, error) {
	g := simple.NewDirectedGraph()
	nodes := map[string]dotNode{}
	for i, n := range names {
		nodes[n] = dotNode{int64(i), n}
		g.AddNode(nodes[n])
	}
	for _, r := range scored {
		e := dotEdge{from: nodes[r.A], to: nodes[r.B], score: r.Score, prior: r.Prior != "" && !strings.HasPrefix(r.Prior, "allows")}
		if iv := r.Interval; iv != nil {
			e.interval = fmt.Sprintf(" [%.2f, %.2f]", iv.Low, iv.High)
		}
		switch r.Direction {
		case AToB:
		case BToA:
			e = e.ReversedEdge().(dotEdge)
			if iv := r.Interval; iv != nil {
				e.interval = fmt.Sprintf(" [%.2f, %.2f]", -iv.High, -iv.Low)
			}
		case Uncertain:
			e.uncertain = true
			if r.Score < 0 {
				e = e.ReversedEdge().(dotEdge)
				e.interval = fmt.Sprintf(" [%.2f, %.2f]", -r.Interval.High, -r.Interval.Low)
			}
		default:
			continue
		}
		if g.HasEdgeBetween(e.from.id, e.to.id) {
			continue
		}
		g.SetEdge(e)
	}
	return dot.Marshal(g, "scan", "", "  ")
}

// WritePlots writes heatmap.png, heatmap.svg and graph.dot into dir, and
// graph.svg when Graphviz's dot is on PATH; a dot that fails is reported
// on warn (graph.dot is there to render by hand).
func WritePlots(dir string, names []string, scored []Result, title string, warn io.Writer) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("plot directory: %w", err)
	}
	side := vg.Length(8+0.7*float64(len(names))) * vg.Centimeter
	hm, cm := HeatMap(NewMatrix(names, scored), title)
	if err := saveHeatMap(hm, colorBar(cm), filepath.Join(dir, "heatmap"), side+3*vg.Centimeter, side); err != nil {
		return err
	}
	text, err := DOT(names, scored)
	if err != nil {
		return fmt.Errorf("graph.dot: %w", err)
	}
	text = append(text, '\n')
	if err := atomicfile.WriteFile(filepath.Join(dir, "graph.dot"), func(w io.Writer) error {
		_, err := w.Write(text)
		return err
	}); err != nil {
		return err
	}
	if err := renderDOT(text, filepath.Join(dir, "graph.svg")); err != nil {
		fmt.Fprintf(warn, "warning: %v; graph.dot is written\n", err)
	}
	return nil
}

// renderDOT writes the graph as SVG with Graphviz's dot when it is on
// PATH (and does nothing otherwise).
func renderDOT(text []byte, path string) error {
	bin, err := exec.LookPath("dot")
	if err != nil {
		return nil
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(bin, "-Tsvg")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = bytes.NewReader(text), &out, &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("graph.svg: dot: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return atomicfile.WriteFile(path, func(w io.Writer) error {
		_, err := out.WriteTo(w)
		return err
	})
}
