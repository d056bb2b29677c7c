// Command lgbm-compat writes feature rows for LightGBM's CLI and leaves'
// raw scores of a causal model on them, so that
// scripts/lightgbm-compat.sh can check that LightGBM and leaves predict the
// model alike. It takes the model's features from a feature file (by
// name), the first -rows rows and, for an antisymmetric model, their
// mirror rows too.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"strconv"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/lgbm"
)

func main() {
	modelPath := flag.String("model", "", "causal model (LightGBM text)")
	features := flag.String("features", "", "feature file")
	rows := flag.Int("rows", 1000, "rows to take (their mirrors are added for an antisymmetric model)")
	csvOut := flag.String("csv", "", "write the rows here (label 0, then the model's features)")
	rawOut := flag.String("raw", "", "write leaves' raw scores here, one per line")
	flag.Parse()
	if err := run(*modelPath, *features, *rows, *csvOut, *rawOut); err != nil {
		log.Fatal(err)
	}
}

func run(modelPath, features string, n int, csvOut, rawOut string) error {
	m, err := lgbm.Load(modelPath)
	if err != nil {
		return err
	}
	fm, err := featio.ReadAll(features)
	if err != nil {
		return err
	}
	col := make(map[string]int, fm.Cols)
	for j, name := range fm.Names {
		col[name] = j
	}
	idx := make([]int, len(m.FeatureNames))
	for i, name := range m.FeatureNames {
		j, ok := col[name]
		if !ok {
			return fmt.Errorf("%s has no column %q of the model", features, name)
		}
		idx[i] = j
	}
	n = min(n, fm.Rows)
	cols := len(idx)
	x := make([]float32, 0, 2*n*cols)
	for r := range n {
		row := fm.Row(r)
		for _, j := range idx {
			x = append(x, row[j])
		}
	}
	if m.Meta.Antisymmetric {
		mm, err := plan.NewMirrorMap(m.FeatureNames)
		if err != nil {
			return err
		}
		mirror := make([]float32, cols)
		for r := range n {
			mm.Row32(x[r*cols:(r+1)*cols], mirror)
			x = append(x, mirror...)
		}
	}
	total := len(x) / cols
	if err := lgbm.WriteDataFile(csvOut, x, nil, cols); err != nil {
		return err
	}
	x64 := make([]float64, len(x))
	for i, v := range x {
		x64[i] = float64(v)
	}
	raw, err := m.PredictRaw(x64, total, 2)
	if err != nil {
		return err
	}
	var b []byte
	for r := range total {
		for k := range m.NumClass {
			if k > 0 {
				b = append(b, '\t')
			}
			b = strconv.AppendFloat(b, raw[r*m.NumClass+k], 'g', -1, 64)
		}
		b = append(b, '\n')
	}
	return os.WriteFile(rawOut, b, 0o644)
}
