package generate

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/generate/marginals"
	"github.com/causal-tool/causal/internal/pairs"
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

func TestRecordLikeReal(t *testing.T) {
	for _, c := range []struct {
		x    float64
		d    int
		want float64
	}{{123.456, 2, 120}, {0.012345, 3, 0.0123}, {-98.76, 2, -99}, {0, 3, 0}, {7.25, 4, 7.25}} {
		if got := roundSignificant(c.x, c.d); math.Abs(got-c.want) > 1e-12*math.Abs(c.want) {
			t.Errorf("roundSignificant(%v, %d) = %v, want %v", c.x, c.d, got, c.want)
		}
	}
	r := rand.New(rand.NewPCG(3, 3))
	kinds := map[string]int{}
	for range 200 {
		y := fill(500, r.NormFloat64)
		out := recordLikeReal(r, y)
		distinct := map[float64]bool{}
		integer := true
		for _, v := range out {
			distinct[v] = true
			integer = integer && v == math.Trunc(v)
		}
		switch {
		case len(distinct) == 500 && !integer:
			kinds["exact"]++
		case integer:
			kinds["integer"]++
		default:
			kinds["rounded"]++
		}
	}
	for _, k := range []string{"exact", "integer", "rounded"} {
		if kinds[k] < 30 {
			t.Errorf("recordings %v: want about 100 exact, 50 integer, 50 rounded", kinds)
		}
	}
}
