package realpairs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/generate/marginals"
	"github.com/causal-tool/causal/pairs"
)

const dir = "../../testdata/realpairs"

func load(t *testing.T) *Collection {
	t.Helper()
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestCollection checks the committed collection against issue 18's
// requirements: its size, its types, its balance, and that no data set is
// excluded or also a source of the semireal marginals.
func TestCollection(t *testing.T) {
	c := load(t)
	if len(c.Pairs) < 300 || len(c.DataSets) < 60 {
		t.Errorf("%d pairs from %d data sets, want >= 300 from >= 60", len(c.Pairs), len(c.DataSets))
	}
	types := map[pairs.VarType]int{}
	for _, p := range c.Pairs {
		types[p.TypeA]++
		types[p.TypeB]++
		if len(p.A) > 2000 {
			t.Errorf("pair %s: %d rows, want at most 2000", p.ID, len(p.A))
		}
	}
	for _, ty := range []pairs.VarType{pairs.Numerical, pairs.Categorical, pairs.Binary} {
		if types[ty] == 0 {
			t.Errorf("no %v variable", ty)
		}
	}
	byTarget := map[int]int{}
	for _, tg := range c.Targets {
		byTarget[tg.Target]++
	}
	if d := byTarget[1] - byTarget[-1]; d < -1 || d > 1 {
		t.Errorf("%d pairs A->B and %d B->A: want half each", byTarget[1], byTarget[-1])
	}
	kinds := map[string]int{}
	for _, m := range c.Meta {
		kinds[m.Kind]++
	}
	for _, k := range Kinds {
		if kinds[k] == 0 {
			t.Errorf("no pair certified by %s", k)
		}
	}
	for _, d := range c.DataSets {
		if d.Version == "" || d.Licence == "" {
			t.Errorf("data set %s has no version or licence", d.Name)
		}
	}
	if len(c.Excluded) == 0 {
		t.Error("empty exclusion list")
	}
	vars, err := marginals.Library()
	if err != nil {
		t.Fatal(err)
	}
	inLibrary := map[string]bool{}
	for _, s := range marginals.DataSets(vars) {
		inLibrary[s] = true
	}
	for _, name := range c.Names() {
		if inLibrary[name] {
			t.Errorf("data set %s is both in the collection and in the marginals library", name)
		}
	}
	if len(c.Groups) != len(c.Pairs) {
		t.Errorf("%d groups for %d pairs", len(c.Groups), len(c.Pairs))
	}
}

// TestCheckRejects breaks one invariant at a time and expects Check to
// name it.
func TestCheckRejects(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(c *Collection)
		want   string
	}{
		{"unknown kind", func(c *Collection) { setMeta(c, func(m *Meta) { m.Kind = "hunch" }) }, "certification kind"},
		{"no reason", func(c *Collection) { setMeta(c, func(m *Meta) { m.Reason = " " }) }, "no reason"},
		{"no quote", func(c *Collection) { setMeta(c, func(m *Meta) { m.Quote = "" }) }, "no quote"},
		{"flipped target", func(c *Collection) { c.Targets[0].Target = -c.Targets[0].Target }, "disagrees"},
		{"swapped cause", func(c *Collection) { setMeta(c, func(m *Meta) { m.Cause, m.Effect = m.Effect, m.Cause }) }, "disagrees"},
		{"weights", func(c *Collection) { c.Weights[c.Pairs[0].ID] *= 2 }, "sum to"},
		{"excluded", func(c *Collection) { c.Excluded[c.DataSets[0].Name] = "test" }, "excluded"},
		{"excluded twin", func(c *Collection) { c.DataSets[0].Twins = append(c.DataSets[0].Twins, "MASS/geyser") }, "excluded"},
		{"count", func(c *Collection) { c.DataSets[0].Pairs++ }, "lists"},
		{"unlisted", func(c *Collection) { c.DataSets = c.DataSets[1:] }, "not listed"},
		{"missing weight", func(c *Collection) { delete(c.Weights, c.Pairs[0].ID) }, "weights"},
		{"wrong group", func(c *Collection) { c.Groups[c.Pairs[0].ID] = "MASS/other" }, "group"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := load(t)
			tc.mutate(c)
			err := c.Check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Check() = %v, want an error about %q", err, tc.want)
			}
		})
	}
}

// setMeta edits the first directed pair's metadata.
func setMeta(c *Collection, edit func(m *Meta)) {
	for _, tg := range c.Targets {
		if tg.Target != 0 {
			m := c.Meta[tg.ID]
			edit(&m)
			c.Meta[tg.ID] = m
			return
		}
	}
}

// TestLoadErrors: a missing or malformed file is an error naming it.
func TestLoadErrors(t *testing.T) {
	if _, err := Load(t.TempDir()); err == nil {
		t.Error("Load of an empty directory succeeded")
	}
	tmp := t.TempDir()
	for _, f := range []string{PairsFile, PublicInfoFile, TargetFile, WeightsFile, GroupsFile, MetaFile, DataSetsFile, ExcludedFile} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == MetaFile {
			b = []byte(strings.Replace(string(b), "SampleID,Dataset", "ID,Dataset", 1))
		}
		if err := os.WriteFile(filepath.Join(tmp, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(tmp)
	if err == nil || !strings.Contains(err.Error(), MetaFile) {
		t.Errorf("Load with a bad meta header: %v, want an error naming %s", err, MetaFile)
	}
}
