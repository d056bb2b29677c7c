package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lab quality and lab select-top refuse bad flags before they draw,
// featurize or train anything, and write nothing to the cache.
func TestLabQualityRefusesBadFlags(t *testing.T) {
	dir := t.TempDir()
	cache := filepath.Join(dir, "cache")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"lab", "quality", "--ntest", "1"}, "--ntest must be >= 2"},
		{[]string{"lab", "quality", "--nsim", "0"}, "--nsim must be >= 1"},
		{[]string{"lab", "quality", "--leaves", "1"}, "--leaves must be >= 2"},
		{[]string{"lab", "quality", "--train-plan", dir + "/p.txt"}, "--train-plan does not apply"},
		{[]string{"lab", "quality", "--sources", "tuebingen"}, "tuebingen"},
		{[]string{"lab", "quality", "--methods", "igci_slope_uniform,nope"}, `"nope"`},
		{[]string{"lab", "select-top", "--k", "300,0"}, `"0" is neither`},
		{[]string{"lab", "select-top", "--k", "few"}, `"few" is neither`},
		{[]string{"lab", "select-top", "--ntest", "0"}, "--ntest must be >= 2"},
		{[]string{"lab", "select-top", "--train-plan", dir + "/p.txt"}, "--train-plan does not apply"},
	} {
		args := append(c.args, "--cache", cache)
		if _, _, err := runCLI(t, args...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want an error naming %q", c.args, err, c.want)
		}
	}
	if _, err := os.Stat(cache); !os.IsNotExist(err) {
		t.Errorf("refused runs made the cache (%v)", err)
	}
	// A missing model or Tübingen folder fails before the test pairs are
	// drawn or featurized.
	for _, c := range [][]string{{"--model", filepath.Join(dir, "nomodel.txt")}, {"--tuebingen", filepath.Join(dir, "notueb")}} {
		_, _, err := runCLI(t, append([]string{"lab", "select-top", "--cache", cache}, c...)...)
		if err == nil || !strings.Contains(err.Error(), filepath.Base(c[1])) {
			t.Errorf("%v: %v, want an error naming it", c, err)
		}
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("failed runs left %d files in the cache", len(entries))
	}
}
