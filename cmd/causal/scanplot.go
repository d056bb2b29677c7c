package main

import (
	"errors"

	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

// writeScanPlots writes scan's pictures into dir.
func writeScanPlots(dir string, t *table.Table, scored []scan.Result, threshold float64) error {
	return errors.New("--plot: not built yet")
}
