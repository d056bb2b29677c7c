package generate

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
)

// BenchmarkGenerate measures pairs/s with the default configuration (500 to
// 8,000 points per pair) on GOMAXPROCS workers, formatting included:
//
//	go test -run '^$' -bench Generate -benchtime 400x ./internal/generate
func BenchmarkGenerate(b *testing.B) {
	c := DefaultConfig()
	c.N = b.N
	g, err := New(c)
	if err != nil {
		b.Fatal(err)
	}
	w := pairio.NewPairsWriter(discard{})
	points := 0
	b.ResetTimer()
	err = g.Run(runtime.GOMAXPROCS(0), func(s Sample) error { points += len(s.Pair.A); return w.Write(s.Pair) })
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
	b.ReportMetric(float64(points)/float64(b.N), "points/pair")
}

// BenchmarkSimulators measures pairs/s of each literature simulator with
// its `causal generate` defaults (Numerical causal pairs, 500 to 8,000
// points), on one worker, without formatting:
//
//	go test -run '^$' -bench Simulators -benchtime 100x ./internal/generate
func BenchmarkSimulators(b *testing.B) {
	for _, sim := range literatureSims {
		b.Run(sim, func(b *testing.B) {
			c := simConfig(sim, 1)
			c.MinPoints, c.MaxPoints = DefaultConfig().MinPoints, DefaultConfig().MaxPoints
			g, err := New(c)
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if _, err := g.Pair(i); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}

// BenchmarkMechanisms measures each mechanism family on 2,700 points (the
// mean default sample size).
func BenchmarkMechanisms(b *testing.B) {
	for _, m := range mechanismFamilies {
		b.Run(m.name, func(b *testing.B) {
			r := newTestRand()
			x := standardize(fill(2700, r.NormFloat64))
			c := &mechCtx{r: r, sigma: 0.5, noise: func(k int) []float64 { return fill(k, r.NormFloat64) }}
			for b.Loop() {
				m.apply(c, x)
			}
		})
	}
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func newTestRand() *rand.Rand { return rand.New(rand.NewPCG(11, 11)) }
