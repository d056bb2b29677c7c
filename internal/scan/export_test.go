package scan

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
)

// TestExport checks that scan --export's set holds the pairs Run would
// score, cut to their rows, with their types and an index naming their
// columns, and that a set that cannot be completed publishes no file.
func TestExport(t *testing.T) {
	dir := t.TempDir()
	tb := testTable()
	pre := filepath.Join(dir, "ex")
	n, skipped, err := Export(tb, AllPairs(tb), 3, pre)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(skipped) != 4 {
		t.Fatalf("%d pairs written, %d skipped; want 2 and 4", n, len(skipped))
	}
	idx, _ := os.ReadFile(pre + IndexSuffix)
	if want := "SampleID,A,B\np1,a,b\np2,a,\"d,e\"\n"; string(idx) != want {
		t.Errorf("index:\n%s\nwant\n%s", idx, want)
	}
	info, err := pairio.ReadPublicInfo(pre + "_publicinfo.csv")
	if err != nil || len(info) != 2 {
		t.Fatalf("publicinfo %v %v", info, err)
	}
	r, err := pairio.OpenPairs(pre+"_pairs.csv", pairio.Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	p, err := r.Next()
	r.Close()
	if err != nil || p.ID != "p1" || len(p.A) != 3 || p.A[2] != 4 || p.B[2] != 1 {
		t.Fatalf("pair p1 %+v %v", p, err)
	}

	bad := filepath.Join(dir, "bad")
	if err := os.Mkdir(bad+IndexSuffix, 0o755); err != nil { // the index cannot be written
		t.Fatal(err)
	}
	if _, _, err := Export(tb, AllPairs(tb), 3, bad); err == nil {
		t.Fatal("an unwritable index accepted")
	}
	for _, suf := range []string{"_pairs.csv", "_publicinfo.csv"} {
		if _, err := os.Stat(bad + suf); !os.IsNotExist(err) {
			t.Errorf("%s published although the index failed", suf)
		}
	}
}
