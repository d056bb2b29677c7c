package generate

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/generate/marginals"
	"github.com/causal-tool/causal/pairs"
	"gonum.org/v1/gonum/stat"
)

// semirealConfig is semireal's configuration as `causal generate
// --simulator semireal` sets it: Numerical pairs of classes 1 and 2.
func semirealConfig(n int) Config {
	c := simConfig(SimSemireal, n)
	c.MinPoints, c.MaxPoints = 100, 400
	return c
}

func newSemirealGenerator(t *testing.T, c Config) *Generator {
	t.Helper()
	g, err := New(c)
	if err != nil {
		t.Fatal(err)
	}
	if g.real == nil || len(g.real.sets) < 20 {
		t.Fatal("semireal generator without its marginals library")
	}
	return g
}

func TestSemirealIdenticalAcrossCores(t *testing.T) {
	c := semirealConfig(40)
	def := DefaultConfig()
	c.ClassWeights, c.TypeMix = def.ClassWeights, def.TypeMix
	one, two := collect(t, c, 1), collect(t, c, 2)
	if !reflect.DeepEqual(one, two) {
		t.Fatal("samples differ between 1 and 2 workers")
	}
	c.Start, c.N = 25, 5
	if shard := collect(t, c, 2); !reflect.DeepEqual(shard, one[25:30]) {
		t.Fatal("a shard differs from the same pairs of one run")
	}
}

// isSubMultiset reports whether every value of x occurs in src at least as
// often as in x.
func isSubMultiset(x, src []float64) bool {
	count := map[float64]int{}
	for _, v := range src {
		count[v]++
	}
	for _, v := range x {
		if count[v]--; count[v] < 0 {
			return false
		}
	}
	return true
}

// TestSemirealCauseIsRealSample: a drawn cause is a subsample of its real
// variable (a resample when it needs more values than the variable has),
// named by its data set.
func TestSemirealCauseIsRealSample(t *testing.T) {
	g := newSemirealGenerator(t, semirealConfig(1))
	r := rand.New(rand.NewPCG(7, 7))
	sets := map[string]bool{}
	for range 200 {
		v := g.real.pickVariable(r)
		sets[v.DataSet] = true
		d := &drawer{g: g, r: r, n: min(300, len(v.Values)), ok: true, firstReal: v}
		x := d.realCause()
		if len(x) != d.n || !isSubMultiset(x, v.Values) || !reflect.DeepEqual(d.causes, []string{v.DataSet}) {
			t.Fatalf("%s: %d values (want %d), subsample %v, causes %v", v.ID(), len(x), d.n, isSubMultiset(x, v.Values), d.causes)
		}
		big := g.real.draw(r, v, len(v.Values)+10)
		in := map[float64]bool{}
		for _, s := range v.Values {
			in[s] = true
		}
		for _, s := range big {
			if !in[s] {
				t.Fatalf("%s: resampled value %v is not one of the variable's", v.ID(), s)
			}
		}
	}
	if len(sets) < 40 {
		t.Errorf("200 draws touched %d data sets, want them spread over the library", len(sets))
	}
}

// TestSemirealPairs: the observed cause of an A->B or B->A pair is its real
// variable's values standardized and scaled (the challenge's format), and
// the pair is no larger than that variable.
func TestSemirealPairs(t *testing.T) {
	c := semirealConfig(60)
	lib, err := marginals.Library()
	if err != nil {
		t.Fatal(err)
	}
	mechs := map[string]int{}
	for _, s := range collect(t, c, 2) {
		x, y := causeEffect(s)
		if len(s.Causes) != 1 || len(s.Mechanisms) != 1 {
			t.Fatalf("%s: causes %v mechanisms %v, want one each", s.Pair.ID, s.Causes, s.Mechanisms)
		}
		mechs[s.Mechanisms[0]]++
		distinct := map[float64]bool{}
		for _, v := range x {
			distinct[v] = true
		}
		// Some variable of the named data set has at least as many values
		// and distinct values as the observed cause.
		found := false
		for _, v := range lib {
			found = found || (v.DataSet == s.Causes[0] && len(v.Values) >= len(x) && v.Distinct >= len(distinct))
		}
		if !found || len(x) < 50 || len(x) > c.MaxPoints || len(y) != len(x) {
			t.Fatalf("%s: %d points, %d distinct, not drawn from %s", s.Pair.ID, len(x), len(distinct), s.Causes[0])
		}
		if eta := correlationRatio(x, y, 10); math.IsNaN(eta) {
			t.Fatalf("%s: effect not finite", s.Pair.ID)
		}
	}
	if len(mechs) < 5 {
		t.Errorf("mechanisms %v: want a spread over the pools", mechs)
	}
}

// TestSemirealAllClassesAndTypes: the four classes and the type mix when
// asked; a confounded pair has one hidden real cause and two mechanisms, an
// independent one two causes.
func TestSemirealAllClassesAndTypes(t *testing.T) {
	c := semirealConfig(80)
	def := DefaultConfig()
	c.ClassWeights, c.TypeMix = def.ClassWeights, def.TypeMix
	classes, types := map[int]int{}, map[pairs.VarType]int{}
	for _, s := range collect(t, c, 2) {
		classes[s.Target.Details]++
		types[s.Pair.TypeA]++
		types[s.Pair.TypeB]++
		want := map[int][2]int{ClassAB: {1, 1}, ClassBA: {1, 1}, ClassConfounded: {1, 2}}[s.Target.Details]
		if s.Target.Details == ClassIndependent {
			want = [2]int{2, len(s.Mechanisms)} // one or two effects
		}
		if len(s.Causes) != want[0] || len(s.Mechanisms) != want[1] || len(s.Mechanisms) > 2 {
			t.Fatalf("%s (class %d): causes %v mechanisms %v", s.Pair.ID, s.Target.Details, s.Causes, s.Mechanisms)
		}
		for _, name := range s.Causes {
			if !strings.Contains(name, "/") {
				t.Fatalf("%s: cause %q is not a data set name", s.Pair.ID, name)
			}
		}
	}
	for k := ClassAB; k <= ClassIndependent; k++ {
		if classes[k] != 20 {
			t.Errorf("classes %v, want 20 of each", classes)
		}
	}
	if types[pairs.Categorical] == 0 || types[pairs.Binary] == 0 {
		t.Errorf("types %v: want Categorical and Binary variables", types)
	}
}

func TestResolution(t *testing.T) {
	ints := []float64{3, 1, 2, 2, 5, 4, 1}
	sd := stat.StdDev(ints, nil)
	if got := resolution(ints); math.Abs(got-1/sd) > 1e-12 {
		t.Errorf("resolution of integers = %v, want 1/sd = %v", got, 1/sd)
	}
	if got := resolution([]float64{2, 2, 2}); got != 0 {
		t.Errorf("resolution of a constant = %v, want 0", got)
	}
	y := recordAtResolution([]float64{0.1, 0.37, -1.2, 2.5, 0.9}, 0.25)
	for _, v := range y {
		if k := v / 0.25; math.Abs(k-math.Round(k)) > 1e-9 {
			t.Fatalf("recorded %v is not a multiple of 0.25: %v", v, y)
		}
	}
}

// TestSemirealTiesBalanced: effects are recorded like real variables, so
// the cause is the more tied variable of a pair about as often as the
// effect is (a generator whose causes alone carry real recording would
// teach "the tied variable is the cause").
func TestSemirealTiesBalanced(t *testing.T) {
	more := map[string]int{}
	for _, s := range collect(t, semirealConfig(200), 2) {
		x, y := causeEffect(s)
		ux, uy := distinctFraction(x), distinctFraction(y)
		switch {
		case ux < uy-0.05:
			more["cause"]++
		case uy < ux-0.05:
			more["effect"]++
		}
	}
	t.Logf("more tied: %v of 200 pairs", more)
	if more["cause"] > 2*more["effect"] || more["effect"] > 2*more["cause"] || more["cause"]+more["effect"] < 40 {
		t.Errorf("more tied: %v of 200 pairs, want the cause and the effect within a factor 2 of each other", more)
	}
}

func distinctFraction(x []float64) float64 {
	seen := map[float64]bool{}
	for _, v := range x {
		seen[v] = true
	}
	return float64(len(seen)) / float64(len(x))
}
