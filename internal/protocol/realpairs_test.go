package protocol

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/realpairs"
	"github.com/causal-tool/causal/internal/stack"
	"github.com/causal-tool/causal/pairs"
)

// subsetCollection writes the pairs of a few data sets of the real-pair
// collection as a collection in a temporary folder and returns it with
// the number of its pairs.
func subsetCollection(t *testing.T, groups ...string) (string, []pairs.Target) {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "realpairs")
	info, err := pairio.ReadPublicInfo(filepath.Join(src, realpairs.PublicInfoFile))
	if err != nil {
		t.Fatal(err)
	}
	ps, err := pairio.ReadAllPairs(filepath.Join(src, realpairs.PairsFile), pairio.Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	ts, err := pairio.ReadTargets(filepath.Join(src, realpairs.TargetFile))
	if err != nil {
		t.Fatal(err)
	}
	gs, err := pairio.ReadLabels(filepath.Join(src, realpairs.GroupsFile))
	if err != nil {
		t.Fatal(err)
	}
	ws, err := pairio.ReadWeights(filepath.Join(src, realpairs.WeightsFile))
	if err != nil {
		t.Fatal(err)
	}
	keep := map[string]bool{}
	for _, g := range groups {
		keep[g] = true
	}
	var subP []pairs.Pair
	var subT []pairs.Target
	var wLines, gLines strings.Builder
	wLines.WriteString("SampleID,Weight\n")
	gLines.WriteString("SampleID,Group\n")
	for i, p := range ps {
		if !keep[gs[p.ID]] {
			continue
		}
		subP, subT = append(subP, p), append(subT, ts[i])
		fmt.Fprintf(&wLines, "%s,%g\n", p.ID, ws[p.ID])
		fmt.Fprintf(&gLines, "%s,%s\n", p.ID, gs[p.ID])
	}
	dir := t.TempDir()
	if err := pairio.WriteSet(filepath.Join(dir, "realpairs"), subP, subT, pairio.SetOptions{Target: true}); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{realpairs.WeightsFile: wLines.String(), realpairs.GroupsFile: gLines.String()} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, subT
}

// The real-collection table end to end on five data sets, with the
// generated proxy on two tiny test sets: the table's shape, every pair
// scored once by a stage fitted without its data set, the fitted stage
// scoring as stack apply, the cache reused, and the JSON round trip.
func TestRealPairsSubset(t *testing.T) {
	coll, targets := subsetCollection(t, "MASS/crabs", "datasets/npk", "MASS/cabbages", "carData/Baumann", "emdbook/ReedfrogPred")
	tests := TestSets()
	tests.Sources, tests.TunePerSource, tests.MaxPoints = []string{"cdt", "anlsmn"}, 12, 150
	var log bytes.Buffer
	cfg := RealPairsConfig{Dir: coll, Cache: t.TempDir(), Methods: []string{"reci", "slope"}, Gen: true, Tests: tests, Cores: 2, Log: &log}
	res, err := RealPairs(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pairs != len(targets) || len(res.Classical) != 2 || res.Classical[0].Method != "reci" {
		t.Fatalf("pairs %d (want %d), classical rows %+v", res.Pairs, len(targets), res.Classical)
	}
	// Every pair has one out-of-fold score, in the collection's order.
	if len(res.LODO) != len(targets) {
		t.Fatalf("%d out-of-fold scores for %d pairs", len(res.LODO), len(targets))
	}
	for i, o := range res.LODO {
		if o.ID != targets[i].ID || math.IsNaN(o.Score) || math.Abs(o.Score) > 1 {
			t.Errorf("out-of-fold score %d: %+v, want pair %s scored in [-1, 1]", i, o, targets[i].ID)
		}
	}
	for _, r := range append([]RealRow{res.Stage, res.Trees}, res.Classical...) {
		for _, m := range []float64{float64(r.WeightedAccuracy), float64(r.WeightedAUC), float64(r.Accuracy), float64(r.AUC), float64(r.At50)} {
			if !(m >= 0 && m <= 1) {
				t.Errorf("%s: metric %v outside [0, 1]: %+v", r.Method, m, r)
			}
		}
	}
	if res.Stack == nil || !containsFloat(stack.DefaultLambdas, res.Lambda) || res.Stack.Lambda != res.Lambda {
		t.Fatalf("fitted stage %v with lambda %v", res.Stack, res.Lambda)
	}
	if g := res.Generated; g == nil || len(g.Rows) != 2 || g.Rows[1].Source != "anlsmn" || g.Rows[0].Stacked.Pairs != 12 {
		t.Fatalf("generated proxy %+v", res.Generated)
	}
	var md bytes.Buffer
	if err := res.Markdown(&md); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(md.String()), "\n")
	// Header, rule, stage, trees, 2 methods; blank; header, rule, 2 sources, mean.
	if len(lines) != 12 || !strings.HasPrefix(lines[2], "| **second stage**") || !strings.HasPrefix(lines[5], "| slope |") ||
		!strings.HasPrefix(lines[11], "| mean AUC |") || strings.Count(lines[4], "|") != 9 {
		t.Fatalf("table:\n%s", md.String())
	}

	// Again: everything comes from the cache, and the result is the same.
	log.Reset()
	again, err := RealPairs(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(log.String(), "draw and featurize") {
		t.Errorf("the second run featurized again:\n%s", log.String())
	}
	a, _ := json.Marshal(res)
	b, _ := json.Marshal(again)
	if !bytes.Equal(a, b) {
		t.Fatalf("second run differs:\n%s\n%s", a, b)
	}
	sa, _ := res.Stack.JSON()
	sb, _ := again.Stack.JSON()
	if !bytes.Equal(sa, sb) {
		t.Fatal("the stage fitted twice differs")
	}

	// JSON round trip, the undefined metrics (null) included.
	var js bytes.Buffer
	if err := res.JSON(&js); err != nil {
		t.Fatal(err)
	}
	var back RealPairsResult
	if err := json.Unmarshal(js.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	var md2 bytes.Buffer
	back.Markdown(&md2)
	back.Stack = res.Stack
	if md2.String() != md.String() || !reflect.DeepEqual(back.LODO, res.LODO) || back.Lambda != res.Lambda {
		t.Fatalf("JSON round trip:\n%s\n%s", md.String(), md2.String())
	}
}

func containsFloat(xs []float64, v float64) bool {
	for _, x := range xs {
		if x == v {
			return true
		}
	}
	return false
}
