// Package plots draws causal's pictures with gonum/plot: ROC curves of both
// directions, score distributions per Details class and feature importances.
// Every picture is written as PNG and SVG.
package plots

import (
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/evaluate"
)

// ROCPoints returns the ROC curve (false-positive rate, true-positive rate)
// of scores for binary labels, one point per distinct score threshold, from
// (0,0) to (1,1). Tied scores move both rates at once, so the trapezoidal
// area under the points equals evaluate.AUC.
func ROCPoints(labels []bool, scores []float64) plotter.XYs {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	var pos, neg float64
	for _, l := range labels {
		if l {
			pos++
		} else {
			neg++
		}
	}
	pts := plotter.XYs{{X: 0, Y: 0}}
	tp, fp := 0.0, 0.0
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && scores[idx[j]] == scores[idx[i]] {
			if labels[idx[j]] {
				tp++
			} else {
				fp++
			}
			j++
		}
		pts = append(pts, plotter.XY{X: fp / max(neg, 1), Y: tp / max(pos, 1)})
		i = j
	}
	return pts
}

// TrapezoidArea is the area under a piecewise-linear curve.
func TrapezoidArea(pts plotter.XYs) float64 {
	a := 0.0
	for i := 1; i < len(pts); i++ {
		a += (pts[i].X - pts[i-1].X) * (pts[i].Y + pts[i-1].Y) / 2
	}
	return a
}

// ROCTitle is the title line that states both AUCs, as printed on the plot.
func ROCTitle(fwd, bwd float64) string {
	return fmt.Sprintf("ROC: A->B AUC %.4f, B->A AUC %.4f, bidirectional AUC %.4f", fwd, bwd, (fwd+bwd)/2)
}

// ROC draws the ROC curves of both directions: A->B (Target == 1 scored by
// score) and B->A (Target == -1 scored by -score).
func ROC(targets []int, scores []float64) (*plot.Plot, error) {
	l1 := make([]bool, len(targets))
	l2 := make([]bool, len(targets))
	neg := make([]float64, len(scores))
	for i, t := range targets {
		l1[i], l2[i], neg[i] = t == 1, t == -1, -scores[i]
	}
	fwd, err := evaluate.AUC(l1, scores)
	if err != nil {
		return nil, fmt.Errorf("ROC A->B: %w", err)
	}
	bwd, err := evaluate.AUC(l2, neg)
	if err != nil {
		return nil, fmt.Errorf("ROC B->A: %w", err)
	}
	p := plot.New()
	p.Title.Text = ROCTitle(fwd, bwd)
	p.X.Label.Text = "false-positive rate"
	p.Y.Label.Text = "true-positive rate"
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 1, 0, 1
	chance := plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}}
	if err := plotutil.AddLines(p,
		fmt.Sprintf("A->B (AUC %.4f)", fwd), ROCPoints(l1, scores),
		fmt.Sprintf("B->A (AUC %.4f)", bwd), ROCPoints(l2, neg),
		"chance", chance); err != nil {
		return nil, err
	}
	p.Legend.Top = false
	p.Legend.Left = false
	p.Add(plotter.NewGrid())
	return p, nil
}

// ScoreDistribution draws box plots of the scores per Details class.
func ScoreDistribution(details []int, scores []float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = "Score distribution per Details class"
	p.Y.Label.Text = "score (positive: A->B)"
	var names []string
	pos := 0.0
	for d := 1; d <= 4; d++ {
		var vals plotter.Values
		for i, x := range details {
			if x == d {
				vals = append(vals, scores[i])
			}
		}
		if len(vals) == 0 {
			continue
		}
		box, err := plotter.NewBoxPlot(vg.Points(40), pos, vals)
		if err != nil {
			return nil, fmt.Errorf("box plot for %s: %w", evaluate.DetailsName(d), err)
		}
		box.FillColor = plotutil.Color(d - 1)
		p.Add(box)
		names = append(names, fmt.Sprintf("%s (n=%d)", evaluate.DetailsName(d), len(vals)))
		pos++
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("score distribution: no pair has a Details class")
	}
	p.NominalX(names...)
	p.Add(plotter.NewGrid())
	return p, nil
}

// Save writes the plot as base.png and base.svg.
func Save(p *plot.Plot, base string, w, h vg.Length) error {
	for _, ext := range []string{".png", ".svg"} {
		if err := SaveAs(p, base+ext, w, h); err != nil {
			return err
		}
	}
	return nil
}

// SaveAs writes the plot to path in the format its extension names (.png,
// .svg, .pdf, ...).
func SaveAs(p *plot.Plot, path string, w, h vg.Length) error {
	ext := strings.TrimPrefix(filepath.Ext(path), ".")
	wt, err := p.WriterTo(w, h, strings.ToLower(ext))
	if err != nil {
		return fmt.Errorf("render %s: %w", path, err)
	}
	return atomicfile.WriteFile(path, func(out io.Writer) error {
		_, err := wt.WriteTo(out)
		return err
	})
}

// EvaluationPlots writes roc.{png,svg} and scores.{png,svg} into dir.
func EvaluationPlots(dir string, targets, details []int, scores []float64) error {
	roc, err := ROC(targets, scores)
	if err != nil {
		return err
	}
	if err := Save(roc, filepath.Join(dir, "roc"), 16*vg.Centimeter, 14*vg.Centimeter); err != nil {
		return err
	}
	dist, err := ScoreDistribution(details, scores)
	if err != nil {
		return err
	}
	return Save(dist, filepath.Join(dir, "scores"), 18*vg.Centimeter, 12*vg.Centimeter)
}
