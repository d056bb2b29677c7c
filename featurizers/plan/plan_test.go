package plan

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/featurizers/learners"
	"github.com/causal-tool/causal/pairs"
)

// genVar draws n values of a variable of type t from a driver z.
func genVar(t pairs.VarType, z []float64, r *rand.Rand) []float64 {
	x := make([]float64, len(z))
	for i, v := range z {
		switch t {
		case pairs.Numerical:
			x[i] = math.Tanh(v) + 0.3*r.NormFloat64()
		case pairs.Categorical:
			x[i] = float64(1 + int(math.Floor(2*v+r.Float64()+3))%5)
		case pairs.Binary:
			x[i] = float64(b2i(v+0.5*r.NormFloat64() > 0))
		}
	}
	return x
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// genPair builds a dependent pair A -> B of the given types.
func genPair(ta, tb pairs.VarType, n int, seed uint64) pairs.Pair {
	r := rand.New(rand.NewPCG(seed, 7))
	z := make([]float64, n)
	for i := range z {
		z[i] = r.NormFloat64()
	}
	a := genVar(ta, z, r)
	w := make([]float64, n)
	for i := range w {
		w[i] = a[i]*a[i] + 0.2*r.NormFloat64()
	}
	b := genVar(tb, w, r)
	return pairs.Pair{ID: fmt.Sprintf("%s%s%d", ta.Letter(), tb.Letter(), seed), A: a, B: b, TypeA: ta, TypeB: tb}
}

func sameValue(a, b float32) bool { return a == b || (a != a && b != b) }

// testPlan is a plan with small fits so the tests stay fast.
var testPlan = New(Params{MaxFitPoints: 200, Folds: 5})

func TestNames(t *testing.T) {
	names := testPlan.Names()
	ok := regexp.MustCompile(`^(AB|BA|D|A|B|AmB|S|meta)\.[A-Za-z0-9_.-]+$`)
	seen := map[string]bool{}
	for _, n := range names {
		if !ok.MatchString(n) {
			t.Errorf("bad feature name %q", n)
		}
		if seen[n] {
			t.Errorf("duplicate feature name %q", n)
		}
		seen[n] = true
	}
	if !slices.Equal(names, New(Params{MaxFitPoints: 200, Folds: 5}).Names()) {
		t.Error("names differ between two builds of the same plan")
	}
	if testPlan.Hash() != New(Params{MaxFitPoints: 200, Folds: 5}).Hash() || testPlan.Hash() == Default().Hash() {
		t.Error("hash must depend on the parameters only")
	}
}

func TestMirrorMapIsInvolution(t *testing.T) {
	names := testPlan.Names()
	mm, err := NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	for i := range names {
		j, si := mm.Source(i)
		if jj, sj := mm.Source(j); jj != i || sj != si {
			t.Fatalf("mirror of mirror of %s is not itself", names[i])
		}
	}
	for _, c := range []struct{ in, out string }{
		{"AB.xstd.ystd.linear.ins.r2", "BA.xstd.ystd.linear.ins.r2"},
		{"meta.pair_NC", "meta.pair_CN"},
		{"meta.A_binary", "meta.B_binary"},
		{"meta.n", "meta.n"},
	} {
		if m, s, _ := MirrorName(c.in); m != c.out || s != 1 {
			t.Errorf("MirrorName(%s) = %s %v, want %s", c.in, m, s, c.out)
		}
	}
	if m, s, _ := MirrorName("D.x"); m != "D.x" || s != -1 {
		t.Errorf("D.x mirrors to %s %v", m, s)
	}
	if _, err := NewMirrorMap([]string{"AB.only"}); err == nil {
		t.Error("MirrorMap accepted a list without the mirror of AB.only")
	}
}

// TestSymmetry checks that featurizing (B, A) gives exactly the mirrored row
// of (A, B), for every type combination.
func TestSymmetry(t *testing.T) {
	names := testPlan.Names()
	mm, err := NewMirrorMap(names)
	if err != nil {
		t.Fatal(err)
	}
	row := make([]float32, len(names))
	mir := make([]float32, len(names))
	want := make([]float32, len(names))
	for _, ta := range pairs.AllTypes {
		for _, tb := range pairs.AllTypes {
			p := genPair(ta, tb, 90, 1)
			testPlan.Featurize(p, row)
			testPlan.Featurize(p.Mirror(), mir)
			mm.Row32(row, want)
			bad := 0
			for i := range want {
				if !sameValue(want[i], mir[i]) {
					if bad < 5 {
						t.Errorf("%s%s: %s of (B,A) = %v, mirrored (A,B) gives %v", ta.Letter(), tb.Letter(), names[i], mir[i], want[i])
					}
					bad++
				}
			}
			if bad > 0 {
				t.Errorf("%s%s: %d asymmetric features", ta.Letter(), tb.Letter(), bad)
			}
		}
	}
}

// TestNamesForTypes checks that every feature outside NamesForTypes is NaN,
// and that NamesForTypes lists features that are computed.
func TestNamesForTypes(t *testing.T) {
	names := testPlan.Names()
	row := make([]float32, len(names))
	for _, ta := range pairs.AllTypes {
		for _, tb := range pairs.AllTypes {
			p := genPair(ta, tb, 120, 2)
			testPlan.Featurize(p, row)
			def := map[string]bool{}
			for _, n := range testPlan.NamesForTypes(ta, tb) {
				def[n] = true
			}
			finite := 0
			for i, n := range names {
				if !def[n] && !math.IsNaN(float64(row[i])) {
					t.Fatalf("%s%s: %s = %v but is not defined for these types", ta.Letter(), tb.Letter(), n, row[i])
				}
				if def[n] && !math.IsNaN(float64(row[i])) {
					finite++
				}
			}
			if finite < len(def)/2 {
				t.Errorf("%s%s: only %d of %d defined features are finite", ta.Letter(), tb.Letter(), finite, len(def))
			}
		}
	}
}

func TestMetaValues(t *testing.T) {
	p := genPair(pairs.Categorical, pairs.Binary, 50, 3)
	sel, err := testPlan.Select([]string{"meta.*"})
	if err != nil {
		t.Fatal(err)
	}
	row := make([]float32, sel.Len())
	sel.Featurize(p, row)
	got := map[string]float32{}
	for i, n := range sel.Names() {
		got[n] = row[i]
	}
	if got["meta.A_categorical"] != 1 || got["meta.A_numerical"] != 0 || got["meta.B_binary"] != 1 ||
		got["meta.pair_CB"] != 1 || got["meta.pair_BC"] != 0 || got["meta.n"] != 50 ||
		got["meta.logn"] != float32(math.Log(50)) {
		t.Errorf("meta features %v", got)
	}
}

// TestSelectComputesSameValues checks a selected plan gives the values of
// the full plan for its features.
func TestSelectComputesSameValues(t *testing.T) {
	pats := []string{"meta.n", "A.raw.*", "AmB.*", "# comment", ""}
	sel, err := testPlan.Select(pats)
	if err != nil {
		t.Fatal(err)
	}
	if sel.Len() == 0 || sel.Len() >= testPlan.Len() {
		t.Fatalf("selected %d of %d", sel.Len(), testPlan.Len())
	}
	if sel.Hash() == testPlan.Hash() {
		t.Error("selected plan has the hash of the full plan")
	}
	p := genPair(pairs.Numerical, pairs.Numerical, 100, 4)
	full := make([]float32, testPlan.Len())
	testPlan.Featurize(p, full)
	idx := map[string]int{}
	for i, n := range testPlan.Names() {
		idx[n] = i
	}
	row := make([]float32, sel.Len())
	sel.Featurize(p, row)
	for i, n := range sel.Names() {
		if !sameValue(row[i], full[idx[n]]) {
			t.Errorf("%s: selected %v, full %v", n, row[i], full[idx[n]])
		}
	}
	if _, err := testPlan.Select([]string{"AB.nosuchfeature*"}); err == nil {
		t.Error("a pattern matching nothing was accepted")
	}
	if _, err := testPlan.Select([]string{"[bad"}); err == nil {
		t.Error("a malformed pattern was accepted")
	}
}

// TestDegenerate featurizes degenerate pairs: no panic, no Inf.
func TestDegenerate(t *testing.T) {
	n := 60
	constant := make([]float64, n)
	two := make([]float64, n)
	huge := make([]float64, n)
	ties := make([]float64, n)
	lin := make([]float64, n)
	for i := range constant {
		constant[i] = 3
		two[i] = float64(i % 2 * 7)
		huge[i] = 1e15 * float64(i*i%13-6)
		ties[i] = float64(i / 20)
		lin[i] = float64(i)
	}
	cases := []pairs.Pair{
		{ID: "const", A: constant, B: lin},
		{ID: "constboth", A: constant, B: constant},
		{ID: "two", A: two, B: lin, TypeA: pairs.Binary},
		{ID: "three", A: []float64{1, 2, 3}, B: []float64{3, 1, 2}},
		{ID: "one", A: []float64{1}, B: []float64{2}},
		{ID: "huge", A: huge, B: lin},
		{ID: "hugeboth", A: huge, B: huge},
		{ID: "ties", A: ties, B: lin, TypeA: pairs.Categorical},
		{ID: "tiesnum", A: ties, B: two},
		{ID: "catconst", A: constant, B: ties, TypeA: pairs.Categorical, TypeB: pairs.Categorical},
	}
	row := make([]float32, testPlan.Len())
	for _, p := range cases {
		testPlan.Featurize(p, row)
		for i, v := range row {
			if math.IsInf(float64(v), 0) {
				t.Errorf("%s: %s = %v", p.ID, testPlan.Names()[i], v)
			}
		}
	}
}

func TestRunOrderAndShards(t *testing.T) {
	sel, err := testPlan.Select([]string{"meta.*", "A.*"})
	if err != nil {
		t.Fatal(err)
	}
	var ps []pairs.Pair
	for i := 0; i < 11; i++ {
		ps = append(ps, genPair(pairs.AllTypes[i%3], pairs.AllTypes[(i/3)%3], 40+i*13, uint64(i)))
	}
	collect := func(workers, shard, shards int) ([]string, [][]float32) {
		var ids []string
		var rows [][]float32
		err := sel.Run(&sliceSource{ps: ps}, RunOptions{Workers: workers, Shard: shard, Shards: shards}, func(id string, row []float32) error {
			ids = append(ids, id)
			rows = append(rows, slices.Clone(row))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return ids, rows
	}
	ids1, rows1 := collect(1, 0, 1)
	ids3, rows3 := collect(3, 0, 1)
	for i, p := range ps {
		if ids1[i] != p.ID || ids3[i] != p.ID {
			t.Fatalf("row %d: ids %s %s, want %s", i, ids1[i], ids3[i], p.ID)
		}
		for j := range rows1[i] {
			if math.Float32bits(rows1[i][j]) != math.Float32bits(rows3[i][j]) {
				t.Fatalf("row %d col %d differs between 1 and 3 workers", i, j)
			}
		}
	}
	idsS, _ := collect(2, 1, 3)
	if want := []string{ps[1].ID, ps[4].ID, ps[7].ID, ps[10].ID}; !slices.Equal(idsS, want) {
		t.Errorf("shard 1/3 ids %v, want %v", idsS, want)
	}
	err = sel.Run(&sliceSource{ps: ps}, RunOptions{Workers: 2}, func(string, []float32) error { return io.ErrShortWrite })
	if err != io.ErrShortWrite {
		t.Errorf("emit error not returned: %v", err)
	}
	bad := []pairs.Pair{{ID: "x", A: []float64{1, 2}, B: []float64{1}}}
	if err := sel.Run(&sliceSource{ps: bad}, RunOptions{Workers: 2}, func(string, []float32) error { return nil }); err == nil {
		t.Error("unequal lengths accepted")
	}
}

func TestCountsAndTiming(t *testing.T) {
	EnableTiming(true)
	defer EnableTiming(false)
	Timings()
	var c Counts
	row := make([]float32, testPlan.Len())
	testPlan.FeaturizeCount(genPair(pairs.Numerical, pairs.Categorical, 80, 5), row, &c)
	var total int64
	for _, v := range c.Values {
		total += v
	}
	if total != int64(testPlan.Len()) {
		t.Errorf("counted %d values, plan has %d", total, testPlan.Len())
	}
	var nanRow int64
	for _, v := range row {
		if v != v {
			nanRow++
		}
	}
	var nanCnt int64
	for _, v := range c.NaN {
		nanCnt += v
	}
	if nanCnt != nanRow {
		t.Errorf("counted %d NaN, row has %d", nanCnt, nanRow)
	}
	if tm := Timings(); tm[famUnary] <= 0 {
		t.Errorf("unary family timer not running: %v", tm)
	}
}

func TestToF32(t *testing.T) {
	if v, bad := toF32(1e300); !math.IsNaN(float64(v)) || !bad {
		t.Errorf("overflow: %v %v", v, bad)
	}
	if v, bad := toF32(math.Inf(-1)); !math.IsNaN(float64(v)) || !bad {
		t.Errorf("-Inf: %v %v", v, bad)
	}
	if v, bad := toF32(math.NaN()); !math.IsNaN(float64(v)) || bad {
		t.Errorf("NaN: %v %v", v, bad)
	}
	if d := sub32(3e38, -3e38); !math.IsNaN(float64(d)) {
		t.Errorf("overflowing difference %v, want NaN", d)
	}
	if sub32(1.5, 0.25) != 1.25 || sub32(0.25, 1.5) != -1.25 {
		t.Error("sub32")
	}
}

// TestDefaultFeatureCount asserts the size of the default plan.
func TestDefaultFeatureCount(t *testing.T) {
	pl := Default()
	nn := len(pl.NamesForTypes(pairs.Numerical, pairs.Numerical))
	if nn < 20000 {
		t.Errorf("default plan has %d features for a Numerical-Numerical pair, want >= 20,000", nn)
	}
	if _, err := NewMirrorMap(pl.Names()); err != nil {
		t.Errorf("default plan is not closed under mirroring: %v", err)
	}
	for _, ta := range pairs.AllTypes {
		for _, tb := range pairs.AllTypes {
			a, b := pl.NamesForTypes(ta, tb), pl.NamesForTypes(tb, ta)
			if len(a) != len(b) {
				t.Errorf("%s%s has %d features, %s%s %d", ta.Letter(), tb.Letter(), len(a), tb.Letter(), ta.Letter(), len(b))
			}
		}
	}
}

// TestDirectionSign checks the antisymmetric scores keep their sign
// convention (positive for A->B) whatever the canonical order of the pair.
func TestDirectionSign(t *testing.T) {
	sel, err := testPlan.Select([]string{"D.dir.*"})
	if err != nil {
		t.Fatal(err)
	}
	names := sel.Names()
	row := make([]float32, sel.Len())
	if want := prefixed("D.dir.", direction.AllNames()); !slices.Equal(names, want) {
		t.Fatalf("D.dir features %v, want %v", names, want)
	}
	for seed := uint64(0); seed < 2; seed++ {
		p := genPair(pairs.Numerical, pairs.Numerical, 150, 10+seed)
		for _, q := range []pairs.Pair{p, p.Mirror()} {
			sel.Featurize(q, row)
			// The plan scores the variables in the challenge's units.
			a, b := inUnits(q.A, q.TypeA), inUnits(q.B, q.TypeB)
			for i, name := range direction.AllNames() {
				v, err := direction.Score(name, a, b, q.TypeA, q.TypeB)
				if err != nil {
					t.Fatal(err)
				}
				w := float32(v)
				if !sameValue(row[i], w) && math.Abs(float64(row[i]-w)) > 1e-6*math.Abs(float64(w)) {
					t.Errorf("%s: %s = %v, direction.Score gives %v", q.ID, names[i], row[i], w)
				}
			}
		}
	}
}

// TestLearnerSetsExist guards the default plan against renamed learners
// (a missing name would silently drop its features).
func TestLearnerSetsExist(t *testing.T) {
	for _, set := range [][]string{regFull, regLevel, regCheap, regRank, regCodes, regMulti} {
		for _, n := range set {
			if _, ok := learners.RegressorByName(n); !ok {
				t.Errorf("regressor %q does not exist", n)
			}
		}
	}
	for _, set := range [][]string{clsLevel, clsRich, clsRank, clsCodes} {
		for _, n := range set {
			if _, ok := learners.ClassifierByName(n); !ok {
				t.Errorf("classifier %q does not exist", n)
			}
		}
	}
}

func TestFamiliesAlignWithNames(t *testing.T) {
	p := Default()
	fams := p.Families()
	names := p.Names()
	if len(fams) != len(names) {
		t.Fatalf("%d families for %d names", len(fams), len(names))
	}
	for i, n := range names {
		var want string
		switch {
		case strings.HasPrefix(n, "meta."):
			want = "meta"
		case strings.HasPrefix(n, "D.dir."):
			want = "direction"
		case strings.Contains(n, ".it."):
			want = "infotheory"
		default:
			continue
		}
		if fams[i] != want {
			t.Fatalf("%s: family %q, want %q", n, fams[i], want)
		}
	}
}

// A selection that keeps only one fit mode of a learner block computes the
// same values as the full plan and never fits the other mode: with only
// in-sample features no fold input is built, and with only out-of-fold
// features no whole-subsample fit input is (the x=B run, whose values
// nothing selects, builds neither).
func TestSelectSkipsUnneededFitModes(t *testing.T) {
	p := genPair(pairs.Numerical, pairs.Numerical, 200, 3)
	full := make([]float32, testPlan.Len())
	testPlan.Featurize(p, full)
	idx := map[string]int{}
	for i, n := range testPlan.Names() {
		idx[n] = i
	}
	for _, tc := range []struct {
		mode          string
		fold, inSampl bool // which learner inputs the run may build
	}{
		{"ins", false, true},
		{"oof", true, true}, // the fold inputs are subsets of the whole input
	} {
		sel, err := testPlan.Select([]string{"AB.xstd.ystd.kernel_ridge." + tc.mode + ".*"})
		if err != nil {
			t.Fatal(err)
		}
		row := make([]float32, sel.Len())
		sel.Featurize(p, row)
		for i, n := range sel.Names() {
			if !sameValue(row[i], full[idx[n]]) {
				t.Errorf("%s: selected %v, full %v", n, row[i], full[idx[n]])
			}
		}
		c := newPairCtx(p, sel.params)
		a, b := make([]float64, sel.maxOut), make([]float64, sel.maxOut)
		sel.runBlock(c, sel.sel[0], a, b, row, nil)
		var folds, whole, otherVar int
		for k := range c.cache {
			switch {
			case strings.HasPrefix(k, "in1/"):
				otherVar++
			case strings.HasPrefix(k, "in0/std/0/") && k != "in0/std/0/-1" && !strings.HasSuffix(k, "/m"):
				folds++
			case k == "in0/std/0/-1":
				whole++
			}
		}
		if (folds > 0) != tc.fold || (whole > 0) != tc.inSampl || otherVar > 0 {
			t.Errorf("%s only: %d fold inputs, %d whole inputs, %d inputs of B built (cache %v)", tc.mode, folds, whole, otherVar, len(c.cache))
		}
	}
}

// Selections of single scores of learner blocks (one metric, one scorer's
// values, one aggregation of a one-hot view, a classifier's scores) give
// the full plan's values on every pair type: skipping the scorers and
// metrics nothing selected changes no selected value.
func TestSelectSingleScoresSameValues(t *testing.T) {
	pats := []string{
		"AB.xstd.ystd.linear.ins.resid_hsic",
		"BA.xstd.ystd.kernel_ridge.oof.resid_mi",
		"D.xrank.yrank.knn20.oof.yp.*",
		"AB.xstd.ystd.poly3.ins.res.*",
		"D.xstd.yonehot.linear.ins.max.resid_var",
		"AB.xonehot.ystd.linear.oof.median.r2",
		"D.xstd.ydec10.naive_bayes.oof.cc.*",
		"BA.xcodes.ycodes.freq.ins.*",
		"AB.xstd.ystd.spline.oof.gini",
	}
	// Pairs of more than MaxFitPoints: the fits are subsampled.
	testPlan := New(Params{MaxFitPoints: 60, Folds: 5})
	sel, err := testPlan.Select(pats)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for i, n := range testPlan.Names() {
		idx[n] = i
	}
	types := []pairs.VarType{pairs.Numerical, pairs.Categorical, pairs.Binary}
	checked := 0
	for i, ta := range types {
		for j, tb := range types {
			p := genPair(ta, tb, 90, uint64(10+3*i+j))
			full := make([]float32, testPlan.Len())
			testPlan.Featurize(p, full)
			row := make([]float32, sel.Len())
			sel.Featurize(p, row)
			for k, n := range sel.Names() {
				if !sameValue(row[k], full[idx[n]]) {
					t.Errorf("%v-%v %s: selected %v, full %v", ta, tb, n, row[k], full[idx[n]])
				}
				if row[k] == row[k] {
					checked++
				}
			}
		}
	}
	if checked < sel.Len() {
		t.Fatalf("only %d defined values checked over %d features", checked, sel.Len())
	}
}
