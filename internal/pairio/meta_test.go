package pairio

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

func TestMetaRoundTripAndErrors(t *testing.T) {
	dir := t.TempDir()
	ms := []pairs.Meta{
		{ID: "p1", Simulator: "challenge", Causes: []string{"gmm"}, Mechanisms: []string{"spline"}},
		{ID: "p2", Simulator: "challenge", Causes: []string{"uniform", "gamma"}, Mechanisms: []string{"nn", "pnl"}},
		{ID: "p3", Simulator: "sim-c", Causes: []string{"sim-c"}, Mechanisms: []string{"sim-c"}},
	}
	var b bytes.Buffer
	if err := WriteMeta(&b, ms); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "m.csv")
	os.WriteFile(path, b.Bytes(), 0o644)
	got, err := ReadMeta(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if !reflect.DeepEqual(got[m.ID], m) {
			t.Errorf("read %+v, wrote %+v", got[m.ID], m)
		}
	}
	for _, c := range []struct{ body, id string }{
		{metaHeader + "\np1,challenge,gmm,spline\np1,challenge,gmm,nn\n", "p1"}, // duplicate
		{metaHeader + "\np1,challenge,gmm\n", "p1"},                             // 3 columns
		{metaHeader + "\np1,challenge,,spline\n", "p1"},                         // empty causes
	} {
		os.WriteFile(path, []byte(c.body), 0o644)
		_, err := ReadMeta(path)
		var ie *InputError
		if !errors.As(err, &ie) || ie.SampleID != c.id || ie.Line < 2 || ie.File == "" {
			t.Errorf("%q: error %v, want an InputError naming the file, line and SampleID %s", c.body, err, c.id)
		}
	}
}
