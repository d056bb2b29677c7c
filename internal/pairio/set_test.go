package pairio

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

// WriteSet writes the chosen tables, which read back as written; a refused
// set publishes none of its files.
func TestWriteSet(t *testing.T) {
	dir := t.TempDir()
	ps := []pairs.Pair{{ID: "a1", A: []float64{1, 2, 7}, B: []float64{3, 4, 8}, TypeA: pairs.Numerical, TypeB: pairs.Binary},
		{ID: "a2", A: []float64{5, 1, 2}, B: []float64{6, 0, 1}, TypeA: pairs.Categorical, TypeB: pairs.Numerical}}
	ts := []pairs.Target{{ID: "a1", Target: 1, Details: 1}, {ID: "a2", Target: -1, Details: 2}}
	pre := filepath.Join(dir, "s")
	if err := WriteSet(pre, ps, ts, SetOptions{Target: true}); err != nil {
		t.Fatal(err)
	}
	info, err := ReadPublicInfo(pre + "_publicinfo.csv")
	if err != nil || len(info) != 2 || info["a2"].A != pairs.Categorical {
		t.Fatalf("publicinfo %v %v", info, err)
	}
	got, err := ReadTargets(pre + "_target.csv")
	if err != nil || len(got) != 2 || got[1].Target != -1 || got[1].Details != 2 {
		t.Fatalf("targets %v %v", got, err)
	}
	r, err := OpenPairs(pre+"_pairs.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Next()
	r.Close()
	if err != nil || p.ID != "a1" || len(p.A) != 3 || p.B[1] != 4 {
		t.Fatalf("pair %+v %v", p, err)
	}
	only := filepath.Join(dir, "t")
	if err := WriteSet(only, nil, ts, SetOptions{NoPairs: true, Target: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(only + "_pairs.csv"); !os.IsNotExist(err) {
		t.Error("NoPairs wrote a pairs file")
	}
	bad := filepath.Join(dir, "bad")
	if err := WriteSet(bad, ps, ts[:1], SetOptions{Target: true}); err == nil {
		t.Error("one target for two pairs accepted")
	}
	w, err := CreateSet(bad, SetOptions{Target: true})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(ps[0], ts[0], pairs.Meta{})
	w.Abort()
	if entries, _ := filepath.Glob(bad + "*"); len(entries) != 0 {
		t.Errorf("refused or aborted sets left %v", entries)
	}
}
