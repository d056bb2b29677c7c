// Command bench-train trains the native GBDT learner on the matrix written
// by scripts/bench-train.py and prints its training time and validation
// AUC as JSON. It is run by scripts/bench-train.sh.
package main

import (
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
	"time"
	"unsafe"

	"github.com/causal-tool/causal/internal/gbdt"
)

// Less common parameters, LightGBM's defaults unless set.
var (
	aucAt    int
	minData  int
	lambdaL2 float64
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
	flag.Parse()
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
	p.FeatureFraction, p.MaxBin, p.Cores, p.Seed = ff, maxBin, cores, 1
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
