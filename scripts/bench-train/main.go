// Command bench-train trains the native GBDT learner on the matrix written
// by scripts/bench-train.py and prints its training time and validation
// AUC as JSON. It is run by scripts/bench-train.sh.
//
// With -csv it instead writes the matrix as LightGBM's text input
// (train.csv, valid.csv: label first, float32 values in their shortest
// form, NaN as "nan") into the directory. With -model-out it also writes
// the model as a LightGBM text model and, in -model-out.leaves, the raw
// scores leaves gives the validation rows with it.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"sort"
	"strconv"
	"time"
	"unsafe"

	"github.com/causal-tool/causal/internal/gbdt"
	"github.com/causal-tool/causal/internal/lgbm"
)

// Less common parameters, LightGBM's defaults unless set.
var (
	aucAt    int
	minData  int
	lambdaL2 float64
	modelOut string
)

func main() {
	dir := flag.String("dir", "", "benchmark data directory")
	rounds := flag.Int("rounds", 500, "boosting rounds")
	leaves := flag.Int("leaves", 63, "leaves per tree")
	lr := flag.Float64("lr", 0.05, "learning rate")
	ff := flag.Float64("ff", 0.1, "feature fraction per tree")
	maxBin := flag.Int("maxbin", 255, "bins per feature")
	cores := flag.Int("cores", 2, "goroutines")
	cpuProfile := flag.String("cpuprofile", "", "write a CPU profile here")
	flag.IntVar(&aucAt, "auc-at", 0, "also report the validation AUC after this many rounds")
	flag.IntVar(&minData, "mindata", 20, "min_data_in_leaf")
	flag.Float64Var(&lambdaL2, "l2", 0, "lambda_l2")
	flag.StringVar(&modelOut, "model-out", "", "write the model here (LightGBM text) and leaves' raw validation scores to this path + .leaves")
	csv := flag.Bool("csv", false, "write train.csv and valid.csv for LightGBM into -dir, then exit")
	seed := flag.Uint64("seed", 1, "seed of the feature sampling")
	aucOf := flag.String("auc-of", "", "print the validation AUC of these scores (one per line, e.g. LightGBM's predictions), then exit")
	flag.Parse()
	if *aucOf != "" {
		if err := printAUC(*dir, *aucOf); err != nil {
			log.Fatal(err)
		}
		return
	}
	if *csv {
		if err := writeCSVs(*dir); err != nil {
			log.Fatal(err)
		}
		return
	}
	benchSeed = *seed
	if err := run(*dir, *rounds, *leaves, *lr, *ff, *maxBin, *cores, *cpuProfile); err != nil {
		log.Fatal(err)
	}
}

// readMatrix reads a raw little-endian float32 file.
func readMatrix(path string) ([]float32, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read matrix: %w", err)
	}
	if len(b) == 0 || len(b)%4 != 0 {
		return nil, fmt.Errorf("%s: size %d is not a float32 matrix", path, len(b))
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), len(b)/4), nil
}

// readLabels reads a raw little-endian float64 file.
func readLabels(path string) ([]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil || len(b)%8 != 0 || len(b) == 0 {
		return nil, fmt.Errorf("read labels %s: %v", path, err)
	}
	return unsafe.Slice((*float64)(unsafe.Pointer(&b[0])), len(b)/8), nil
}

func run(dir string, rounds, leaves int, lr, ff float64, maxBin, cores int, cpuProfile string) error {
	var rows, vrows, cols int
	meta, err := os.ReadFile(filepath.Join(dir, "meta.txt"))
	if err != nil {
		return err
	}
	if _, err := fmt.Sscan(string(meta), &rows, &vrows, &cols); err != nil {
		return fmt.Errorf("meta.txt: %w", err)
	}
	x, err := readMatrix(filepath.Join(dir, "train.f32"))
	if err != nil {
		return err
	}
	y, err := readLabels(filepath.Join(dir, "train.labels"))
	if err != nil {
		return err
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	t0 := time.Now()
	ds, err := gbdt.NewDataset(x, rows, cols, gbdt.DatasetOptions{MaxBin: maxBin})
	if err != nil {
		return err
	}
	x = nil
	runtime.GC()
	debug.FreeOSMemory()
	tBin := time.Since(t0)
	p := gbdt.DefaultParams()
	p.Objective = "binary"
	p.NumIterations, p.NumLeaves, p.LearningRate = rounds, leaves, lr
	p.FeatureFraction, p.MaxBin, p.Cores, p.Seed = ff, maxBin, cores, benchSeed
	p.MinDataInLeaf, p.LambdaL2 = minData, lambdaL2
	m, _, err := gbdt.Train(p, ds, y, nil, nil, nil)
	if err != nil {
		return err
	}
	secs := time.Since(t0).Seconds()
	ds = nil
	runtime.GC()

	vx, err := readMatrix(filepath.Join(dir, "valid.f32"))
	if err != nil {
		return err
	}
	vy, err := readLabels(filepath.Join(dir, "valid.labels"))
	if err != nil {
		return err
	}
	if modelOut != "" {
		if err := writeModel(m, vx, vrows, modelOut); err != nil {
			return err
		}
	}
	res := map[string]float64{"seconds": secs, "bin_seconds": tBin.Seconds(),
		"auc": validAUC(m, vx, vy, vrows, cols)}
	if aucAt > 0 && aucAt < m.NumIterations() {
		short := *m
		short.Trees = m.Trees[:aucAt*m.NumClass]
		res["auc_at"] = validAUC(&short, vx, vy, vrows, cols)
	}
	return json.NewEncoder(os.Stdout).Encode(res)
}

// validAUC scores the validation rows with m and returns their AUC.
func validAUC(m *gbdt.Model, vx []float32, vy []float64, vrows, cols int) float64 {
	scores := make([]float64, vrows)
	row := make([]float64, cols)
	out := make([]float64, 1)
	for r := range vrows {
		for c := range row {
			row[c] = float64(vx[r*cols+c])
		}
		m.PredictRaw(row, out)
		scores[r] = out[0]
	}
	return auc(vy, scores)
}

// auc is the area under the ROC curve, ties getting average ranks.
func auc(y, s []float64) float64 {
	idx := make([]int, len(s))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return s[idx[a]] < s[idx[b]] })
	var pos, neg, sum float64
	for i := 0; i < len(idx); {
		j := i
		for j+1 < len(idx) && s[idx[j+1]] == s[idx[i]] {
			j++
		}
		rank := float64(i+j)/2 + 1
		for k := i; k <= j; k++ {
			if y[idx[k]] == 1 {
				pos++
				sum += rank
			} else {
				neg++
			}
		}
		i = j + 1
	}
	return (sum - pos*(pos+1)/2) / (pos * neg)
}

// benchSeed seeds the feature sampling (-seed).
var benchSeed uint64 = 1

// readMeta reads meta.txt: training rows, validation rows, columns.
func readMeta(dir string) (rows, vrows, cols int, err error) {
	meta, err := os.ReadFile(filepath.Join(dir, "meta.txt"))
	if err != nil {
		return 0, 0, 0, err
	}
	if _, err := fmt.Sscan(string(meta), &rows, &vrows, &cols); err != nil {
		return 0, 0, 0, fmt.Errorf("meta.txt: %w", err)
	}
	return rows, vrows, cols, nil
}

// writeCSVs writes train.csv and valid.csv (label, then the features).
func writeCSVs(dir string) error {
	_, _, cols, err := readMeta(dir)
	if err != nil {
		return err
	}
	for _, name := range []string{"train", "valid"} {
		x, err := readMatrix(filepath.Join(dir, name+".f32"))
		if err != nil {
			return err
		}
		y, err := readLabels(filepath.Join(dir, name+".labels"))
		if err != nil {
			return err
		}
		if len(x) != len(y)*cols {
			return fmt.Errorf("%s: %d values for %d labels x %d columns", name, len(x), len(y), cols)
		}
		if err := lgbm.WriteDataFile(filepath.Join(dir, name+".csv"), x, y, cols); err != nil {
			return err
		}
	}
	return nil
}

// writeModel writes m as a LightGBM text model at path and leaves' raw
// scores of the validation rows (one per line) at path + ".leaves".
func writeModel(m *gbdt.Model, vx []float32, vrows int, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := lgbm.Write(f, m, lgbm.Meta{Objective: lgbm.Binary}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	lm, err := lgbm.Load(path)
	if err != nil {
		return err
	}
	x := make([]float64, len(vx))
	for i, v := range vx {
		x[i] = float64(v)
	}
	raw, err := lm.PredictRaw(x, vrows, 2)
	if err != nil {
		return err
	}
	var b []byte
	for _, v := range raw {
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
		b = append(b, '\n')
	}
	return os.WriteFile(path+".leaves", b, 0o644)
}

// printAUC prints the AUC of the scores in path against valid.labels.
func printAUC(dir, path string) error {
	y, err := readLabels(filepath.Join(dir, "valid.labels"))
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	var s []float64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		v, err := strconv.ParseFloat(sc.Text(), 64)
		if err != nil {
			return fmt.Errorf("%s line %d: %w", path, len(s)+1, err)
		}
		s = append(s, v)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(s) != len(y) {
		return fmt.Errorf("%s: %d scores for %d labels", path, len(s), len(y))
	}
	fmt.Printf("%.4f\n", auc(y, s))
	return nil
}
