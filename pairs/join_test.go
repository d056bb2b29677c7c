package pairs

import (
	"slices"
	"strings"
	"testing"
)

func TestJoinTargets(t *testing.T) {
	tg := []Target{{ID: "a", Target: 1}, {ID: "b", Target: -1}, {ID: "c"}}
	idx, err := JoinTargets([]string{"c", "a", "b"}, tg, "feature row")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(idx, []int{2, 0, 1}) {
		t.Errorf("JoinTargets = %v, want [2 0 1]", idx)
	}
	for _, c := range []struct {
		ids  []string
		tg   []Target
		want []string
	}{
		{[]string{"a", "b"}, tg, []string{"1 targets have no feature row (c)"}},
		{[]string{"a", "b", "c", "d"}, tg, []string{"1 feature rows have no target (d)"}},
		{[]string{"a", "x", "b"}, tg[:2], []string{"1 feature rows have no target (x)"}},
		{[]string{"x", "a"}, tg[:2], []string{"feature rows have no target (x)", "targets have no feature row (b)"}},
		{[]string{"a", "a"}, tg[:1], []string{`SampleID "a" appears twice among the feature rows`}},
		{[]string{"a"}, []Target{{ID: "a"}, {ID: "a"}}, []string{`SampleID "a" appears twice in the targets`}},
	} {
		_, err := JoinTargets(c.ids, c.tg, "feature row")
		if err == nil {
			t.Errorf("%v vs %v: no error", c.ids, c.tg)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v vs %v: error %q lacks %q", c.ids, c.tg, err, w)
			}
		}
	}
}

func TestFewIDs(t *testing.T) {
	if got := FewIDs([]string{"1", "2", "3", "4", "5", "6"}); got != "1, 2, 3, 4, 5, ..." {
		t.Errorf("FewIDs = %q", got)
	}
	if got := FewIDs([]string{"1", "2"}); got != "1, 2" {
		t.Errorf("FewIDs = %q", got)
	}
}
