package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// generateFiles runs `causal generate` in-process with small samples and
// returns the contents of the three files it wrote.
func generateFiles(t *testing.T, prefix string, extra ...string) (pairsCSV, info, target []byte) {
	t.Helper()
	args := append([]string{"generate", "--quiet", "--seed", "3", "--min-points", "20", "--max-points", "200", "-o", prefix}, extra...)
	if _, stderr, err := runCLI(t, args...); err != nil {
		t.Fatalf("generate %v: %v\n%s", extra, err, stderr)
	}
	read := func(suffix string) []byte {
		b, err := os.ReadFile(prefix + suffix)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	return read("_pairs.csv"), read("_publicinfo.csv"), read("_target.csv")
}

func TestGenerateIdenticalAcrossCores(t *testing.T) {
	dir := t.TempDir()
	p1, i1, t1 := generateFiles(t, filepath.Join(dir, "one"), "--n", "60", "--cores", "1", "--id-prefix", "train")
	p2, i2, t2 := generateFiles(t, filepath.Join(dir, "two"), "--n", "60", "--cores", "2", "--id-prefix", "train")
	if !bytes.Equal(p1, p2) || !bytes.Equal(i1, i2) || !bytes.Equal(t1, t2) {
		t.Fatal("outputs differ between --cores 1 and --cores 2")
	}
}

func TestGenerateShardsConcatenate(t *testing.T) {
	dir := t.TempDir()
	full, fullInfo, fullTarget := generateFiles(t, filepath.Join(dir, "full"), "--n", "30")
	a, aInfo, aTarget := generateFiles(t, filepath.Join(dir, "a"), "--n", "12", "--id-prefix", "full")
	b, bInfo, bTarget := generateFiles(t, filepath.Join(dir, "b"), "--n", "18", "--start", "12", "--id-prefix", "full")
	join := func(x, y []byte) []byte {
		_, body, _ := bytes.Cut(y, []byte("\n")) // drop the second header
		return append(append([]byte(nil), x...), body...)
	}
	if !bytes.Equal(join(a, b), full) || !bytes.Equal(join(aInfo, bInfo), fullInfo) || !bytes.Equal(join(aTarget, bTarget), fullTarget) {
		t.Fatal("shards --n 12 and --start 12 --n 18 do not concatenate to the --n 30 run")
	}
}

func TestGenerateRereads(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "syn")
	generateFiles(t, prefix, "--n", "80", "--type-mix", "NN=1,CB=1,BC=1,CC=1")
	info, err := pairio.ReadPublicInfo(prefix + "_publicinfo.csv")
	if err != nil {
		t.Fatal(err)
	}
	targets, err := pairio.ReadTargets(prefix + "_target.csv")
	if err != nil {
		t.Fatal(err)
	}
	r, err := pairio.OpenPairs(prefix+"_pairs.csv", pairio.Options{Info: info})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if len(info) != 80 || len(targets) != 80 {
		t.Fatalf("%d publicinfo rows, %d targets, want 80", len(info), len(targets))
	}
	for i := 0; ; i++ {
		p, err := r.Next()
		if errors.Is(err, io.EOF) {
			if i != 80 {
				t.Fatalf("read %d pairs, want 80", i)
			}
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		id := "syn" + strconv.Itoa(i+1)
		if p.ID != id || targets[i].ID != id {
			t.Fatalf("pair %d: IDs %q/%q, want %q", i, p.ID, targets[i].ID, id)
		}
		if n := len(p.A); n < 20 || n > 200 {
			t.Fatalf("%s: %d points outside [20, 200]", id, n)
		}
		checkValues(t, p)
	}
}

// checkValues checks that every value is an integer and binary variables
// are 0/1.
func checkValues(t *testing.T, p pairs.Pair) {
	t.Helper()
	for _, side := range []struct {
		x  []float64
		vt pairs.VarType
	}{{p.A, p.TypeA}, {p.B, p.TypeB}} {
		for _, v := range side.x {
			if v != float64(int64(v)) || (side.vt == pairs.Binary && v != 0 && v != 1) {
				t.Fatalf("%s: value %v not allowed for %v", p.ID, v, side.vt)
			}
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	dir := t.TempDir()
	cases := [][]string{
		{"generate", "--n", "5"}, // no -o
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--mechanisms", "linear,wavelet"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--type-mix", "NQ=1"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--class-weights", "1,1"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--min-points", "100", "--max-points", "50"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--id-prefix", "a,b"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "missing", "x")},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "sim-x"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "sim", "--causes", "gmm"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "sim", "--noise-max", "2"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "sim", "--mechanisms", "linear"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "rcc", "--mechanisms", "linear"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "cdt", "--causes", "gmm"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "cdt", "--mechanisms", "gp-add"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "anlsmn", "--mechanisms", "an,pnl"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "ncc", "--max-components", "3"},
		{"generate", "--n", "5", "-o", filepath.Join(dir, "x"), "--simulator", "semireal", "--causes", "gmm"},
	}
	for _, args := range cases {
		if _, _, err := runCLI(t, args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed runs left %d files behind", len(entries))
	}
}

func TestGenerateSIM(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "s")
	_, info, target := generateFiles(t, prefix, "--n", "8", "--simulator", "SIM-c")
	if got := strings.Count(string(info), ",Numerical,Numerical\n"); got != 8 {
		t.Errorf("%d of 8 pairs are Numerical-Numerical:\n%s", got, info)
	}
	lines := strings.Split(strings.TrimSpace(string(target)), "\n")[1:]
	classes := map[string]int{}
	for _, l := range lines {
		f := strings.Split(l, ",")
		classes[f[1]+","+f[2]]++
	}
	if !reflect.DeepEqual(classes, map[string]int{"1,1": 4, "-1,2": 4}) {
		t.Errorf("targets %v, want four A->B (1,1) and four B->A (-1,2)", classes)
	}
}

// TestGenerateLiteratureSimulators: the cdt, rcc, ncc and anlsmn
// simulators draw their own families (named in --meta), are identical
// for any --cores, and draw the four classes when asked.
func TestGenerateLiteratureSimulators(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		sim   string
		extra []string
		mechs []string
	}{
		{"cdt", []string{"--mechanisms", "gp_mix,nn"}, []string{"gp_mix", "nn"}},
		{"anlsmn", []string{"--mechanisms", "ls-s"}, []string{"ls-s"}},
		{"rcc", nil, []string{"spline"}},
		{"ncc", nil, []string{"spline-hetero"}},
	} {
		var outs [2][]byte
		for k, cores := range []string{"1", "2"} {
			prefix := filepath.Join(dir, c.sim+cores)
			args := append([]string{"--n", "12", "--meta", "--cores", cores, "--id-prefix", "p", "--simulator", c.sim, "--class-weights", "1,1,1,1"}, c.extra...)
			p, _, target := generateFiles(t, prefix, args...)
			outs[k] = append(p, target...)
			meta, err := pairio.ReadMeta(prefix + "_meta.csv")
			if err != nil {
				t.Fatal(err)
			}
			for id, m := range meta {
				if m.Simulator != c.sim {
					t.Errorf("%s %s: simulator %q in meta", c.sim, id, m.Simulator)
				}
				for _, mech := range m.Mechanisms {
					if !slices.Contains(c.mechs, mech) {
						t.Errorf("%s %s: mechanism %q, want one of %v", c.sim, id, mech, c.mechs)
					}
				}
			}
			for _, details := range []string{",1,1\n", ",-1,2\n", ",0,3\n", ",0,4\n"} {
				if !strings.Contains(string(target), details) {
					t.Errorf("%s: no pair with target,details %q", c.sim, details)
				}
			}
		}
		if !bytes.Equal(outs[0], outs[1]) {
			t.Errorf("%s: output differs between --cores 1 and 2", c.sim)
		}
	}
}

// TestGenerateSemireal: semireal takes the mechanism flags, defaults to
// SIM's classes and types, and --meta names each cause's real data set.
func TestGenerateSemireal(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "r")
	_, info, _ := generateFiles(t, prefix, "--n", "12", "--simulator", "semireal", "--meta", "--mechanisms", "linear,spline")
	if got := strings.Count(string(info), ",Numerical,Numerical\n"); got != 12 {
		t.Errorf("%d of 12 pairs are Numerical-Numerical", got)
	}
	meta, err := pairio.ReadMeta(prefix + "_meta.csv")
	if err != nil {
		t.Fatal(err)
	}
	allowed := map[string]bool{"linear": true, "spline": true, "sim": true, "sim-ln": true, "sim-g": true,
		"rcc": true, "ncc": true, "an": true, "an-s": true, "ls": true, "ls-s": true, "mn-u": true}
	for id, m := range meta {
		if m.Simulator != "semireal" || len(m.Causes) != 1 || !strings.Contains(m.Causes[0], "/") || len(m.Mechanisms) != 1 ||
			!(allowed[m.Mechanisms[0]] || strings.HasPrefix(m.Mechanisms[0], "cdt-")) {
			t.Errorf("%s: meta %+v, want a data set cause and linear, spline or another simulator's mechanism", id, m)
		}
	}
}

func TestGenerateSummaryAndHelp(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "s")
	_, stderr, err := runCLI(t, "generate", "--n", "4", "--max-points", "600", "-o", prefix)
	if err != nil || !strings.Contains(stderr, "generated 4 pairs") {
		t.Fatalf("summary %q, err %v", stderr, err)
	}
	out, _, err := runCLI(t, "generate", "--help")
	for _, want := range []string{"gp-joint", "student-t", "--type-mix", "NN=60", "--noise-max", "cdt:", "rcc:", "ncc:", "anlsmn:", "sigmoid_mix", "mn-u", "semireal:"} {
		if err != nil || !strings.Contains(out, want) {
			t.Errorf("help lacks %q (err %v)", want, err)
		}
	}
}

// TestGenerateMetaAndEvaluate: --meta names each pair's families (one cause
// and one mechanism for the causal classes), and evaluate --meta breaks the
// causal pairs down by them.
func TestGenerateMetaAndEvaluate(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "m")
	generateFiles(t, prefix, "--n", "40", "--meta", "--type-mix", "NN=1", "--mechanisms", "linear,spline", "--causes", "gmm,uniform")
	meta, err := pairio.ReadMeta(prefix + "_meta.csv")
	if err != nil {
		t.Fatal(err)
	}
	targets, err := pairio.ReadTargets(prefix + "_target.csv")
	if err != nil {
		t.Fatal(err)
	}
	causal := 0
	var preds bytes.Buffer
	preds.WriteString("SampleID,Target\n")
	for _, tg := range targets {
		m, ok := meta[tg.ID]
		if !ok || m.Simulator != "challenge" {
			t.Fatalf("%s: meta %+v", tg.ID, m)
		}
		if tg.Details == 1 || tg.Details == 2 {
			causal++
			if len(m.Causes) != 1 || len(m.Mechanisms) != 1 {
				t.Errorf("%s (Details %d): causes %v, mechanisms %v, want one of each", tg.ID, tg.Details, m.Causes, m.Mechanisms)
			}
		}
		preds.WriteString(tg.ID + "," + strconv.Itoa(tg.Target) + "\n")
	}
	predPath := prefix + "_pred.csv"
	os.WriteFile(predPath, preds.Bytes(), 0o644)
	out := mustRun(t, "evaluate", predPath, "--target", prefix+"_target.csv", "--meta", prefix+"_meta.csv", "--json")
	type group struct {
		Name string `json:"name"`
		N    int    `json:"n"`
	}
	var rep struct {
		Cause     []group `json:"by_cause"`
		Mechanism []group `json:"by_mechanism"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, groups := range [][]group{rep.Cause, rep.Mechanism} {
		n := 0
		for _, g := range groups {
			n += g.N
		}
		if len(groups) != 2 || n != causal {
			t.Errorf("breakdown %+v: want 2 groups over the %d causal pairs", groups, causal)
		}
	}
	// A pair missing from the meta file is an error.
	lines := strings.SplitAfter(string(mustRead(t, prefix+"_meta.csv")), "\n")
	os.WriteFile(prefix+"_meta.csv", []byte(strings.Join(lines[:len(lines)-2], "")), 0o644)
	if _, _, err := runCLI(t, "evaluate", predPath, "--target", prefix+"_target.csv", "--meta", prefix+"_meta.csv"); err == nil || !strings.Contains(err.Error(), "missing from the meta file") {
		t.Errorf("missing meta row: err %v", err)
	}
}
