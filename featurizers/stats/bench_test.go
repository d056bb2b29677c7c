package stats

import (
	"math/rand/v2"
	"testing"

	"github.com/causal-tool/causal/internal/benchcpu"
)

// benchData returns two dependent vectors of n points with some ties.
func benchData(n int) (x, y []float64) {
	r := rand.New(rand.NewPCG(1, 1))
	x, y = make([]float64, n), make([]float64, n)
	for i := range x {
		x[i] = float64(int(r.NormFloat64()*300)) / 100
		y[i] = x[i]*x[i] + r.NormFloat64()
	}
	return x, y
}

func BenchmarkPairwise2000(b *testing.B) {
	x, y := benchData(2000)
	dst := make([]float64, len(PairwiseNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		Pairwise(x, y, dst)
	}
}

func BenchmarkUnary2000(b *testing.B) {
	x, _ := benchData(2000)
	dst := make([]float64, len(UnaryNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		Unary(x, dst)
	}
}

func BenchmarkGroup2000(b *testing.B) {
	x, y := benchData(2000)
	codes := make([]int, len(x))
	for i, v := range x {
		codes[i] = min(9, max(0, int(v+5)))
	}
	dst := make([]float64, len(GroupNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		Group(codes, 10, y, dst)
	}
}

func BenchmarkCatCat8000K20(b *testing.B) {
	r := rand.New(rand.NewPCG(2, 2))
	n := 8000
	a, c := make([]int, n), make([]int, n)
	for i := range a {
		a[i] = r.IntN(20)
		c[i] = (a[i] + r.IntN(3)) % 20
	}
	dst := make([]float64, len(CatCatNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		CatCat(a, 20, c, 20, dst)
	}
}

func BenchmarkHSIC200(b *testing.B) {
	x, y := benchData(2000)
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		HSIC(x, y, 200)
	}
}

// BenchmarkHSIC1000 is LOCI's HSIC: both kernels on 1,000 points.
func BenchmarkHSIC1000(b *testing.B) {
	x, y := benchData(2000)
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		HSIC(x, y, 1000)
	}
}

func BenchmarkHSICPrepared200(b *testing.B) {
	x, y := benchData(2000)
	p := NewHSICPrep(x, 200)
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		p.HSIC(y)
	}
}

func BenchmarkHSICTestPrepared200(b *testing.B) {
	x, y := benchData(2000)
	p := NewHSICPrep(x, 200)
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		p.Test(y)
	}
}

// BenchmarkPairwisePreparedY2000 is the plan's hot path: y prepared once,
// each prediction prepared into a reused Sample.
func BenchmarkPairwisePreparedY2000(b *testing.B) {
	x, y := benchData(2000)
	sy := NewSample(y)
	sx := &Sample{}
	dst := make([]float64, len(PairwiseNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		sx.Set(x)
		PairwiseSamples(sx, sy, dst)
	}
}

func BenchmarkCatCat2000K10(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	n := 2000
	a, c := make([]int, n), make([]int, n)
	for i := range a {
		a[i] = r.IntN(10)
		c[i] = (a[i] + r.IntN(3)) % 10
	}
	dst := make([]float64, len(CatCatNames()))
	b.ReportAllocs()
	defer benchcpu.Report(b)()
	for b.Loop() {
		CatCat(a, 10, c, 10, dst)
	}
}
