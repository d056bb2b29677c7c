package corpus

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/pairio"
)

// tiny is a small corpus of two sources, one of them of four simulators.
func tiny() Corpus {
	return Corpus{Sources: []string{"sim", "rcc"}, PerSource: 10, TunePerSource: 6, MinPoints: 50, MaxPoints: 120,
		TypeMix: TypeMix, Coarse: 0.2, Seed: 7}
}

// digest writes samples as a challenge pairs file, the bytes a draw is
// judged by.
func digest(t *testing.T, ss []generate.Sample) []byte {
	t.Helper()
	var b bytes.Buffer
	w := pairio.NewPairsWriter(&b)
	for _, s := range ss {
		if err := w.Write(s.Pair); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Quota splits n exactly, the first n mod k one more.
func TestQuota(t *testing.T) {
	for _, c := range []struct {
		n, k int
		want []int
	}{{10, 4, []int{3, 3, 2, 2}}, {3, 4, []int{1, 1, 1, 0}}, {6000, 2, []int{3000, 3000}}, {7, 1, []int{7}}, {0, 3, []int{0, 0, 0}}} {
		got := Quota(c.n, c.k)
		sum := 0
		for _, q := range got {
			sum += q
		}
		if !slices.Equal(got, c.want) || sum != c.n {
			t.Errorf("Quota(%d, %d) = %v, want %v", c.n, c.k, got, c.want)
		}
	}
}

// The seed layout: base + 1000·i, + 500 for the tuning and test sets.
func TestSeed(t *testing.T) {
	for _, c := range []struct {
		i    int
		set  Set
		want uint64
	}{{0, Train, 2013}, {2, Train, 4013}, {0, Tune, 2513}, {5, Test, 7513}} {
		if got := Seed(2013, c.i, c.set); got != c.want {
			t.Errorf("Seed(2013, %d, %d) = %d, want %d", c.i, c.set, got, c.want)
		}
	}
}

// A part draws exactly its quota of every simulator, with the IDs IDs
// names, the same bytes for any cores; the first n pairs per source of a
// corpus are the pairs a corpus of n pairs per source draws.
func TestPartsDrawDeterministicQuotas(t *testing.T) {
	c := tiny()
	parts, err := c.Parts(Train)
	if err != nil {
		t.Fatal(err)
	}
	if len(parts) != 2 || parts[0].Index != 1 || parts[1].Index != 3 || parts[0].Seed != 1007 || parts[1].Seed != 3007 ||
		parts[0].Prefix != "train-sim-" {
		t.Fatalf("parts %+v", parts)
	}
	for _, p := range parts {
		one, err := p.Draw(1)
		if err != nil {
			t.Fatal(err)
		}
		three, err := p.Draw(3)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(digest(t, one), digest(t, three)) {
			t.Fatalf("%s: draws differ between 1 and 3 cores", p.Name())
		}
		ids := make([]string, len(one))
		perSim := map[string]int{}
		for i, s := range one {
			ids[i] = s.Pair.ID
			if n := len(s.Pair.A); n < c.MinPoints || n > c.MaxPoints {
				t.Errorf("%s: %d points", s.Pair.ID, n)
			}
			for _, sim := range p.Source.Simulators {
				if strings.HasPrefix(s.Pair.ID, p.Prefix+sim+"-") && !strings.Contains(strings.TrimPrefix(s.Pair.ID, p.Prefix+sim+"-"), "-") {
					perSim[sim]++
				}
			}
		}
		if !slices.Equal(ids, p.IDs(p.N)) {
			t.Fatalf("%s: drawn IDs %v, IDs says %v", p.Name(), ids, p.IDs(p.N))
		}
		for k, q := range Quota(p.N, len(p.Source.Simulators)) {
			if got := perSim[p.Source.Simulators[k]]; got != q {
				t.Errorf("%s: simulator %s drew %d pairs, quota %d", p.Name(), p.Source.Simulators[k], got, q)
			}
		}
		small := p
		small.N = 5
		sub, err := small.Draw(2)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]generate.Sample{}
		for _, s := range one {
			want[s.Pair.ID] = s
		}
		for i, id := range p.IDs(5) {
			if sub[i].Pair.ID != id || !bytes.Equal(digest(t, sub[i:i+1]), digest(t, []generate.Sample{want[id]})) {
				t.Fatalf("%s: pair %d of a 5-pair draw is not %s of the 10-pair draw", p.Name(), i, id)
			}
		}
	}
	tune, err := c.Parts(Tune)
	if err != nil {
		t.Fatal(err)
	}
	test, err := c.Parts(Test)
	if err != nil {
		t.Fatal(err)
	}
	if tune[1].Seed != 3507 || tune[1].N != 6 || tune[1].Prefix != "tune-rcc-" || test[0].Seed != 1507 || test[0].N != 6 || test[0].Prefix != "sim-test-" {
		t.Errorf("tune %+v, test %+v", tune[1], test[0])
	}
}

// The corpus value prints in one line a model file can hold, and bad
// values are refused.
func TestCorpusValue(t *testing.T) {
	v6 := V6()
	if err := v6.Validate(); err != nil {
		t.Fatal(err)
	}
	want := "sources=challenge,sim,cdt,rcc,anlsmn,semireal per_source=6000 tune_per_source=300 points=100-8000 types=" + TypeMix + " coarse=0.2 seed=2013"
	if got := v6.String(); got != want || strings.ContainsAny(got, ":]\n") {
		t.Errorf("V6 = %q, want %q", got, want)
	}
	for _, bad := range []func(*Corpus){
		func(c *Corpus) { c.Sources = []string{"tuebingen"} },
		func(c *Corpus) { c.Sources = []string{"cdt", "cdt"} },
		func(c *Corpus) { c.Sources = nil },
		func(c *Corpus) { c.TypeMix = "XY=1" },
		func(c *Corpus) { c.MinPoints, c.MaxPoints = 100, 50 },
		func(c *Corpus) { c.Coarse = 2 },
		func(c *Corpus) { c.PerSource = -1 },
	} {
		c := tiny()
		bad(&c)
		if err := c.Validate(); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
}
