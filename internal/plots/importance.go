package plots

import (
	"fmt"
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Importance is one feature's importance and the family it belongs to.
type Importance struct {
	Name   string
	Family string
	Gain   float64
}

// ImportanceChart draws horizontal bars of the top features by gain, the
// largest on top, coloured by family, with one legend entry per family.
func ImportanceChart(items []Importance, top int) (*plot.Plot, error) {
	if len(items) == 0 {
		return nil, fmt.Errorf("importance chart: no features")
	}
	sorted := append([]Importance(nil), items...)
	sort.SliceStable(sorted, func(a, b int) bool { return sorted[a].Gain > sorted[b].Gain })
	if top > 0 && len(sorted) > top {
		sorted = sorted[:top]
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Top %d features by total gain", len(sorted))
	p.X.Label.Text = "total gain"
	families := map[string]int{}
	var order []string
	for _, it := range sorted {
		if _, ok := families[it.Family]; !ok {
			families[it.Family] = len(order)
			order = append(order, it.Family)
		}
	}
	names := make([]string, len(sorted))
	for fi, fam := range order {
		vals := make(plotter.Values, len(sorted))
		for i, it := range sorted {
			row := len(sorted) - 1 - i // largest on top
			names[row] = it.Name
			if it.Family == fam {
				vals[row] = it.Gain
			}
		}
		bars, err := plotter.NewBarChart(vals, vg.Points(9))
		if err != nil {
			return nil, fmt.Errorf("importance chart: %w", err)
		}
		bars.Horizontal = true
		bars.LineStyle.Width = 0
		bars.Color = familyColor(fi)
		p.Add(bars)
		p.Legend.Add(fam, bars)
	}
	p.NominalY(names...)
	p.Y.Tick.Label.Font.Size = vg.Points(7)
	p.Legend.Top = false
	p.Legend.Left = false
	p.Add(plotter.NewGrid())
	return p, nil
}

func familyColor(i int) color.Color { return plotutil.Color(i) }
