package main

import (
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

// writeScanPlots writes scan's heat map and DOT graph of the usable
// columns into dir.
func writeScanPlots(dir string, t *table.Table, scored []scan.Result, threshold float64) error {
	var names []string
	for _, i := range t.Usable() {
		names = append(names, t.Columns[i].Name)
	}
	return scan.WritePlots(dir, names, scored, threshold)
}
