package prior

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestJudge(t *testing.T) {
	forbid := write(t, "forbid.csv", "cause,effect\n# a comment\nx,y\n")
	require := write(t, "require.csv", "z,w\n")
	k, err := Build(Spec{Exogenous: "age, sex", Order: "t0a,t0b;t1;t2", ForbidFile: forbid, RequireFile: require, ID: "id"})
	if err != nil {
		t.Fatal(err)
	}
	cols := []string{"age", "sex", "t0a", "t0b", "t1", "t2", "x", "y", "z", "w", "id", "free"}
	if err := k.Check(cols); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		a, b     string
		want     Verdict
		why      string
		required bool
	}{
		{"free", "y", Either, "", false},
		{"age", "free", OnlyAB, `"age" is exogenous`, false},
		{"free", "age", OnlyBA, `"age" is exogenous`, false},
		{"age", "sex", Neither, "exogenous", false},
		{"t1", "t0a", OnlyBA, `"t1" (tier 2) comes after "t0a" (tier 1)`, false},
		{"t0a", "t0b", Either, "", false},
		{"t2", "free", Either, "", false},
		{"x", "y", OnlyBA, "x->y is forbidden", false},
		{"w", "z", OnlyBA, "z->w is required", true},
		{"z", "w", OnlyAB, "z->w is required", true},
	} {
		v, why, req := k.Judge(c.a, c.b)
		if v != c.want || !strings.Contains(why, c.why) || req != c.required {
			t.Errorf("Judge(%s,%s) = %v %q %v, want %v %q %v", c.a, c.b, v, why, req, c.want, c.why, c.required)
		}
	}
	var none *Knowledge
	if v, _, _ := none.Judge("a", "b"); v != Either || !none.Empty() {
		t.Errorf("nil knowledge constrains: %v", v)
	}
}

func TestBuildErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		spec Spec
		want string
	}{
		{"order and tiers", Spec{Order: "a;b", TiersFile: "x"}, "cannot be used together"},
		{"one tier", Spec{Order: "a,b"}, "at least two"},
		{"twice in tiers", Spec{Order: "a;b,a"}, `"a" is in tier 1 and tier 2`},
		{"missing tiers file", Spec{TiersFile: "/nonexistent/tiers"}, "no such file"},
		{"bad edge line", Spec{ForbidFile: write(t, "f.csv", "a,b\nc\n")}, "f.csv:2: want two column names"},
		{"self edge", Spec{RequireFile: write(t, "r.csv", "a,a\n")}, "to itself"},
		{"empty name", Spec{Exogenous: "a,,b"}, "empty column name"},
	} {
		if _, err := Build(c.spec); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func TestTiersFile(t *testing.T) {
	k, err := Build(Spec{TiersFile: write(t, "tiers.txt", "# baseline\nage,\"sex, at birth\"\n\ndose\noutcome\n")})
	if err != nil {
		t.Fatal(err)
	}
	if k.Tier["sex, at birth"] != 0 || k.Tier["dose"] != 1 || k.Tier["outcome"] != 2 || len(k.Tier) != 4 {
		t.Errorf("tiers %v", k.Tier)
	}
}

func TestCheck(t *testing.T) {
	cols := []string{"a", "b", "c", "id"}
	for _, c := range []struct {
		name string
		k    Knowledge
		want string
	}{
		{"unknown exogenous", Knowledge{Exogenous: map[string]bool{"zz": true}}, `--exogenous names "zz", not a column`},
		{"unknown tier", Knowledge{Tier: map[string]int{"a": 0, "q": 1}}, `tiers names "q"`},
		{"required and forbidden", Knowledge{Required: map[Edge]bool{{"a", "b"}: true}, Forbidden: map[Edge]bool{{"a", "b"}: true}}, "both required and forbidden"},
		{"required into exogenous", Knowledge{Required: map[Edge]bool{{"a", "b"}: true}, Exogenous: map[string]bool{"b": true}}, `required edge a->b is not allowed: "b" is exogenous`},
		{"required against tiers", Knowledge{Required: map[Edge]bool{{"b", "a"}: true}, Tier: map[string]int{"a": 0, "b": 1}}, "required edge b->a is not allowed"},
		{"edge on id", Knowledge{ID: map[string]bool{"id": true}, Forbidden: map[Edge]bool{{"id", "a"}: true}}, "uses an --id column"},
	} {
		if err := c.k.Check(cols); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
