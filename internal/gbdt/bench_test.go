package gbdt

import (
	"runtime"
	"syscall"
	"testing"
)

// cpuSeconds returns the process's user+system CPU time: on a shared
// machine it is steadier than the wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// benchData is an 8000 x 500 matrix (2% NaN) with a binary target: the
// per-tree work of the 8000 x 20000 benchmark at feature_fraction 0.025.
func benchData(b *testing.B) (*Dataset, []float64) {
	b.Helper()
	const n, cols = 8000, 500
	data, y := synth(n, cols, 0.02, 23, binaryTarget)
	ds, err := NewDataset(data, n, cols, DatasetOptions{MaxBin: 255})
	if err != nil {
		b.Fatal(err)
	}
	return ds, y
}

// BenchmarkTrain10Rounds trains 10 rounds of 63-leaf trees on 2 cores.
func BenchmarkTrain10Rounds(b *testing.B) {
	ds, y := benchData(b)
	p := DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.LearningRate = "binary", 10, 63, 0.05
	p.Cores = 2
	c0 := cpuSeconds()
	n := 0
	for b.Loop() {
		if _, _, err := Train(p, ds, y, nil, nil, nil); err != nil {
			b.Fatal(err)
		}
		n++
	}
	b.ReportMetric((cpuSeconds()-c0)/float64(n), "cpu-s/op")
}

// BenchmarkNewDataset bins an 8000 x 500 matrix.
func BenchmarkNewDataset(b *testing.B) {
	data, _ := synth(8000, 500, 0.02, 23, binaryTarget)
	b.ResetTimer()
	for b.Loop() {
		if _, err := NewDataset(data, 8000, 500, DatasetOptions{MaxBin: 255}); err != nil {
			b.Fatal(err)
		}
	}
	runtime.KeepAlive(data)
}

// BenchmarkTrainWide is bench-train's shape at a quarter of its size (4,000
// rows x 5,000 features, 2% NaN, feature fraction 0.1, 63 leaves, 2
// cores), 20 rounds per op: the per-tree work of `make bench-train`, for
// pprof (-cpuprofile).
func BenchmarkTrainWide(b *testing.B) {
	const n, cols = 4000, 5000
	data, y := synth(n, cols, 0.02, 29, binaryTarget)
	ds, err := NewDataset(data, n, cols, DatasetOptions{MaxBin: 255, Cores: 2})
	if err != nil {
		b.Fatal(err)
	}
	data = nil
	p := DefaultParams()
	p.Objective, p.NumIterations, p.NumLeaves, p.LearningRate = "binary", 20, 63, 0.05
	p.FeatureFraction, p.Cores, p.Seed = 0.1, 2, 1
	c0, ops := cpuSeconds(), 0
	for b.Loop() {
		if _, _, err := Train(p, ds, y, nil, nil, nil); err != nil {
			b.Fatal(err)
		}
		ops++
	}
	b.ReportMetric((cpuSeconds()-c0)/float64(ops), "cpu-s/op")
}
