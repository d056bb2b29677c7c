package corpus

import (
	"slices"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// Allocate hands out exactly n pairs in proportion to the weights, the
// remainders to the largest fractions.
func TestAllocate(t *testing.T) {
	for _, c := range []struct {
		n    int
		w    []float64
		want []int
	}{
		{10, []float64{1, 1}, []int{5, 5}},
		{10, []float64{3, 1, 0}, []int{8, 2, 0}},
		{7, []float64{1, 1, 1}, []int{3, 2, 2}},
		{5, []float64{0, 0}, []int{0, 0}},
	} {
		got := Allocate(c.n, c.w)
		if !slices.Equal(got, c.want) {
			t.Errorf("Allocate(%d, %v) = %v, want %v", c.n, c.w, got, c.want)
		}
	}
}

// Candidates take the user's sizes and type mix; a candidate draws its
// pairs at them, and Match weights highest the candidate the user's pairs
// were drawn from.
func TestMatchFindsTheUsersGenerator(t *testing.T) {
	gen := Setting{Source: Sources[4], Coarse: 0, MinPoints: 200, MaxPoints: 300, TypeMix: [3][3]float64{{1}}} // anlsmn, NN only
	us, err := gen.Draw(40, 99, "user-", 2)
	if err != nil {
		t.Fatal(err)
	}
	user := make([]pairs.Pair, len(us))
	for i, s := range us {
		user[i] = s.Pair
		if n := len(s.Pair.A); n < 200 || n > 300 || s.Pair.TypeA != pairs.Numerical || s.Pair.TypeB != pairs.Numerical {
			t.Fatalf("pair %s: %d points, types %v %v", s.Pair.ID, n, s.Pair.TypeA, s.Pair.TypeB)
		}
	}
	cands, err := Candidates(user, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != len(Sources)*len(CoarseFractions) || cands[0].MinPoints < 200 || cands[0].MaxPoints > 300 || cands[0].TypeMix[0][0] != 40 {
		t.Fatalf("candidates %d, first %+v", len(cands), cands[0])
	}
	pick := []Setting{cands[0*3+2], cands[4*3], cands[5*3+2]} // challenge coarse 0.5, anlsmn coarse 0, semireal coarse 0.5
	res, err := Match(user, pick, 30, 7, 2)
	if err != nil {
		t.Fatal(err)
	}
	if res.Sources[1] != "anlsmn/coarse=0" {
		t.Fatalf("sources %v", res.Sources)
	}
	if !(res.Weight[1] > res.Weight[0] && res.Weight[1] > res.Weight[2]) {
		t.Errorf("the user's own generator is not the closest: %v, MMD² %v", res.Weight, res.MMD2)
	}
	if _, err := Candidates(nil, nil); err == nil {
		t.Error("no pairs: candidates made")
	}
	two, err := SourcesNamed([]string{"semireal", "cdt"})
	if err != nil || len(two) != 2 || two[0].Name != "cdt" {
		t.Fatalf("SourcesNamed: %v %v", two, err)
	}
	if c, _ := Candidates(user, two); len(c) != 2*len(CoarseFractions) {
		t.Errorf("%d candidates of two sources", len(c))
	}
	if _, err := SourcesNamed([]string{"tuebingen"}); err == nil {
		t.Error("an unknown source was accepted")
	}
}
