package main

// Tests of issue 9's classes, each running causal as a separate process
// (the test binary itself, see TestMain) and asserting the exit code, the
// message and the files left in the output folder.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/causal-tool/causal/internal/lgbm"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/pairs"
)

// procResult is what a causal process did.
type procResult struct {
	code           int
	stdout, stderr string
}

// runProc runs causal in dir as a separate process and waits for it.
func runProc(t *testing.T, dir string, args ...string) procResult {
	t.Helper()
	p := causalProcess(t, args...)
	p.Dir = dir
	var out, errb bytes.Buffer
	p.Stdout, p.Stderr = &out, &errb
	err := p.Run()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return procResult{code: p.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String()}
}

// listDir returns the sorted names in dir.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// copyTo copies testdata files into dir.
func copyTo(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), mustRead(t, td+n), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// check asserts a process's exit code and that stderr holds want.
func (r procResult) check(t *testing.T, code int, want string) {
	t.Helper()
	if r.code != code || !strings.Contains(r.stderr, want) {
		t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.stderr, code, want)
	}
}

// baselineArgs scores the tiny pairs with one cheap classical method.
var baselineArgs = []string{"baseline", "tiny_pairs.csv", "--info", "tiny_publicinfo.csv", "--method", "igci_slope_uniform", "-q"}

// Class 1: outputs onto what is not a plain file.
func TestOutputOntoLinksDevicesAndInputs(t *testing.T) {
	want := runProc(t, td, baselineArgs...).stdout
	if !strings.HasPrefix(want, "SampleID,Target\np1,") {
		t.Fatalf("baseline output %q", want)
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, dir string) string // returns the -o path
		code  int
		msg   string
		files []string // left in dir
		check func(t *testing.T, dir string, r procResult)
	}{
		{name: "symlink is followed, its target replaced",
			setup: func(t *testing.T, dir string) string {
				os.Mkdir(filepath.Join(dir, "real"), 0o755)
				os.WriteFile(filepath.Join(dir, "real", "target.csv"), []byte("old"), 0o600)
				os.Symlink(filepath.Join("real", "target.csv"), filepath.Join(dir, "link.csv"))
				return "link.csv"
			},
			files: []string{"link.csv", "real", "tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				if st, err := os.Lstat(filepath.Join(dir, "link.csv")); err != nil || st.Mode()&os.ModeSymlink == 0 {
					t.Errorf("link.csv is no longer a symlink: %v", err)
				}
				st, _ := os.Stat(filepath.Join(dir, "real", "target.csv"))
				if got := string(mustRead(t, filepath.Join(dir, "real", "target.csv"))); got != want || st.Mode().Perm() != 0o600 {
					t.Errorf("target %q mode %v, want the predictions with mode 0600 kept", got, st.Mode().Perm())
				}
				if names := listDir(t, filepath.Join(dir, "real")); !slices.Equal(names, []string{"target.csv"}) {
					t.Errorf("files beside the target: %v", names)
				}
			}},
		{name: "output equal to the input is refused",
			setup: func(t *testing.T, dir string) string { return "tiny_pairs.csv" },
			code:  1, msg: "output tiny_pairs.csv is the input tiny_pairs.csv",
			files: []string{"tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				if !bytes.Equal(mustRead(t, filepath.Join(dir, "tiny_pairs.csv")), mustRead(t, td+"tiny_pairs.csv")) {
					t.Error("the input was changed")
				}
			}},
		{name: "output linking to an input is refused",
			setup: func(t *testing.T, dir string) string {
				os.Symlink("tiny_publicinfo.csv", filepath.Join(dir, "out.csv"))
				return "out.csv"
			},
			code: 1, msg: "is the input tiny_publicinfo.csv",
			files: []string{"out.csv", "tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				if !bytes.Equal(mustRead(t, filepath.Join(dir, "tiny_publicinfo.csv")), mustRead(t, td+"tiny_publicinfo.csv")) {
					t.Error("the input was changed")
				}
			}},
		{name: "FIFO is written directly",
			setup: func(t *testing.T, dir string) string {
				fifo := filepath.Join(dir, "pipe")
				if err := syscall.Mkfifo(fifo, 0o644); err != nil {
					t.Skip("no FIFOs here:", err)
				}
				got := make(chan string, 1)
				go func() {
					f, err := os.Open(fifo) // blocks until causal opens it
					if err != nil {
						got <- err.Error()
						return
					}
					defer f.Close()
					b, _ := io.ReadAll(f)
					got <- string(b)
				}()
				t.Cleanup(func() {
					select {
					case s := <-got:
						if s != want {
							t.Errorf("read %q from the FIFO, want the predictions", s)
						}
					case <-time.After(10 * time.Second):
						t.Error("nothing read from the FIFO")
					}
				})
				return "pipe"
			},
			files: []string{"pipe", "tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				if st, err := os.Lstat(filepath.Join(dir, "pipe")); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
					t.Errorf("pipe is no longer a FIFO: %v", err)
				}
			}},
		{name: "/dev/stdout is written directly",
			setup: func(t *testing.T, dir string) string { return "/dev/stdout" },
			files: []string{"tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				if r.stdout != want {
					t.Errorf("stdout %q, want the predictions", r.stdout)
				}
			}},
		{name: "existing file keeps its mode",
			setup: func(t *testing.T, dir string) string {
				os.WriteFile(filepath.Join(dir, "out.csv"), []byte("old"), 0o640)
				return "out.csv"
			},
			files: []string{"out.csv", "tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				st, _ := os.Stat(filepath.Join(dir, "out.csv"))
				if st.Mode().Perm() != 0o640 || string(mustRead(t, filepath.Join(dir, "out.csv"))) != want {
					t.Errorf("mode %v, want 0640 kept", st.Mode().Perm())
				}
			}},
		{name: "new file gets 0666 minus the umask",
			setup: func(t *testing.T, dir string) string { return "new.csv" },
			files: []string{"new.csv", "tiny_pairs.csv", "tiny_publicinfo.csv"},
			check: func(t *testing.T, dir string, r procResult) {
				st, _ := os.Stat(filepath.Join(dir, "new.csv"))
				if got := st.Mode().Perm(); got != 0o666&^testUmask() {
					t.Errorf("mode %v, want %v", got, 0o666&^testUmask())
				}
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			copyTo(t, dir, "tiny_pairs.csv", "tiny_publicinfo.csv")
			out := c.setup(t, dir)
			r := runProc(t, dir, append(baselineArgs, "-o", out)...)
			r.check(t, c.code, c.msg)
			if names := listDir(t, dir); !slices.Equal(names, c.files) {
				t.Errorf("files left %v, want %v", names, c.files)
			}
			c.check(t, dir, r)
		})
	}
}

// testUmask reads the process's umask (and restores it at once).
func testUmask() os.FileMode {
	m := syscall.Umask(0)
	syscall.Umask(m)
	return os.FileMode(m)
}

// Class 2: a signal during featurize removes the temporary output and exits
// with 128 + the signal's number.
func TestSignalsRemoveTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := runCLI(t, "generate", "-q", "--n", "40", "--seed", "3", "--min-points", "400", "--max-points", "500", "-o", filepath.Join(dir, "g")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		sig  syscall.Signal
		code int
	}{{syscall.SIGINT, 130}, {syscall.SIGTERM, 143}, {syscall.SIGHUP, 129}} {
		t.Run(c.sig.String(), func(t *testing.T) {
			out := t.TempDir()
			os.WriteFile(filepath.Join(out, "previous.features"), []byte("previous"), 0o644)
			p := causalProcess(t, "featurize", filepath.Join(dir, "g_pairs.csv"), "--info", filepath.Join(dir, "g_publicinfo.csv"),
				"--cores", "1", "-q", "-o", filepath.Join(out, "previous.features"))
			var errb bytes.Buffer
			p.Stderr = &errb
			if err := p.Start(); err != nil {
				t.Fatal(err)
			}
			// Signal once the temporary file exists: featurizing is under way.
			deadline := time.Now().Add(20 * time.Second)
			for len(listDir(t, out)) < 2 && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if len(listDir(t, out)) < 2 {
				p.Process.Kill()
				t.Fatal("featurize never created its temporary file")
			}
			p.Process.Signal(c.sig)
			p.Wait()
			r := procResult{code: p.ProcessState.ExitCode(), stderr: errb.String()}
			r.check(t, c.code, "causal: interrupted ("+map[syscall.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP"}[c.sig]+"): unfinished outputs removed")
			if names := listDir(t, out); !slices.Equal(names, []string{"previous.features"}) {
				t.Errorf("files left %v, want only the previous output", names)
			}
			if got := string(mustRead(t, filepath.Join(out, "previous.features"))); got != "previous" {
				t.Errorf("previous output changed to %q", got)
			}
		})
	}
}

// Class 3: SampleIDs with a comma, a quote or a line break survive every
// CSV the tool writes: generate's files, featurize --format csv, baseline,
// and predict -> evaluate.
func TestOddSampleIDsRoundTrip(t *testing.T) {
	dir := t.TempDir()
	ids := []string{"p,1", `q"2`, "r\n3", "plain"}
	src, err := pairio.OpenPairs(td+"tiny_pairs.csv", pairio.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ps []pairs.Pair
	var tg []pairs.Target
	for i := range ids {
		p, err := src.Next()
		if err != nil {
			t.Fatal(err)
		}
		p.ID = ids[i]
		ps = append(ps, p)
		tg = append(tg, pairs.Target{ID: ids[i], Target: []int{1, -1, 0, 1}[i], Details: []int{1, 2, 3, 1}[i]})
	}
	src.Close()
	write := func(name string, fill func(w io.Writer) error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := fill(f); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	write("odd_pairs.csv", func(w io.Writer) error {
		pw := pairio.NewPairsWriter(w)
		for _, p := range ps {
			if err := pw.Write(p); err != nil {
				return err
			}
		}
		return pw.Flush()
	})
	write("odd_publicinfo.csv", func(w io.Writer) error { return pairio.WritePublicInfo(w, ps) })
	write("odd_target.csv", func(w io.Writer) error { return pairio.WriteTargets(w, tg) })

	readIDs := func(t *testing.T, path string) []string {
		t.Helper()
		preds, err := pairio.ReadPredictions(path)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, p := range preds {
			got = append(got, p.ID)
		}
		return got
	}
	cases := []struct {
		name string
		args []string
		out  string
	}{
		{"predict", []string{"predict", "odd_pairs.csv", "--info", "odd_publicinfo.csv", "-o", "pred.csv"}, "pred.csv"},
		{"baseline", []string{"baseline", "odd_pairs.csv", "--info", "odd_publicinfo.csv", "--method", "cds", "-o", "base.csv"}, "base.csv"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 0, "")
			if got := readIDs(t, filepath.Join(dir, c.out)); !slices.Equal(got, ids) {
				t.Fatalf("IDs read back %q, want %q", got, ids)
			}
			r = runProc(t, dir, "evaluate", c.out, "--target", "odd_target.csv", "--info", "odd_publicinfo.csv")
			if r.code != 0 || !strings.Contains(r.stdout, "pairs                4") {
				t.Errorf("evaluate: exit %d %q %q", r.code, r.stdout, r.stderr)
			}
		})
	}
	t.Run("featurize csv", func(t *testing.T) {
		pl := filepath.Join(dir, "meta.plan")
		os.WriteFile(pl, []byte("meta.*\n"), 0o644)
		r := runProc(t, dir, "featurize", "odd_pairs.csv", "--info", "odd_publicinfo.csv", "--plan", pl, "--format", "csv", "-q", "-o", "odd.csv")
		r.check(t, 0, "")
		r = runProc(t, dir, "features", "concat", "-q", "-o", "again.features", "odd.csv")
		r.check(t, 0, "")
	})
	t.Run("generate", func(t *testing.T) { // its IDs are plain (--id-prefix refuses , and "): its files still reread
		r := runProc(t, dir, "generate", "-q", "--n", "3", "--seed", "1", "--min-points", "20", "--max-points", "30",
			"--meta", "-o", "gen")
		r.check(t, 0, "")
		runProc(t, dir, "validate", "gen_pairs.csv", "--info", "gen_publicinfo.csv").check(t, 0, "")
		if _, err := pairio.ReadTargets(filepath.Join(dir, "gen_target.csv")); err != nil {
			t.Fatal(err)
		}
		if _, err := pairio.ReadMeta(filepath.Join(dir, "gen_meta.csv")); err != nil {
			t.Fatal(err)
		}
	})
}

// Class 4: --skip-bad reports its count; with every pair bad nothing is
// scored, which is an error that leaves no output.
func TestSkipBadCounts(t *testing.T) {
	dir := t.TempDir()
	copyTo(t, dir, "bad/nonnumeric.csv", "bad/unequal.csv")
	pl := filepath.Join(dir, "meta.plan")
	os.WriteFile(pl, []byte("meta.*\n"), 0o644)
	cases := []struct {
		args  []string
		code  int
		msg   string
		files []string
	}{
		{[]string{"featurize", "nonnumeric.csv", "--plan", pl, "-o", "{out}/f.features"}, 0, "1 bad pairs skipped", []string{"f.features"}},
		{[]string{"predict", "nonnumeric.csv", "-o", "{out}/p.csv"}, 0, "1 bad pairs skipped", []string{"p.csv"}},
		{[]string{"baseline", "nonnumeric.csv", "--method", "cds", "-o", "{out}/b.csv"}, 0, "1 bad pairs skipped", []string{"b.csv"}},
		{[]string{"validate", "nonnumeric.csv"}, 0, "1 bad pairs skipped", nil},
		{[]string{"featurize", "unequal.csv", "--plan", pl, "-o", "{out}/f.features"}, 1, "unequal.csv: all 1 pairs are bad (skipped): nothing to process", nil},
		{[]string{"predict", "unequal.csv", "-o", "{out}/p.csv"}, 1, "unequal.csv: all 1 pairs are bad", nil},
		{[]string{"predict", "unequal.csv"}, 1, "unequal.csv: all 1 pairs are bad", nil},
		{[]string{"baseline", "unequal.csv", "--method", "cds", "-o", "{out}/b.csv"}, 1, "all 1 pairs are bad", nil},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			out := t.TempDir()
			var args []string
			for _, a := range c.args {
				args = append(args, strings.ReplaceAll(a, "{out}", out))
			}
			args = append(args, "--skip-bad", "-q")
			r := runProc(t, dir, args...)
			r.check(t, c.code, c.msg)
			if c.code != 0 && r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if names := listDir(t, out); !slices.Equal(names, c.files) {
				t.Errorf("files left %v, want %v", names, c.files)
			}
		})
	}
}

// defaultModelLacks counts the embedded model's features that are not
// among have.
func defaultModelLacks(t *testing.T, have ...string) int {
	t.Helper()
	m, err := lgbm.LoadReader(bytes.NewReader(requireDefaultModel(t)))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range m.FeatureNames {
		if !slices.Contains(have, f) {
			n++
		}
	}
	return n
}

// Class 5, 6 and 7: errors name the problem briefly, once, and leave no
// output.
func TestInputErrorMessages(t *testing.T) {
	dir := t.TempDir()
	long := "SampleID," + strings.Repeat("x", 10000) + ",B\np1,1 2 3,4 5 6\n"
	files := map[string]string{
		"long.csv":      long,
		"cr.csv":        "SampleID,A,B\rp1,1 2 3,4 5 6\rp2,1 2 3,6 5 4\r",
		"hex.csv":       "SampleID,A,B\np1,1 2 0x1p-2,4 5 6\n",
		"under.csv":     "SampleID,A,B\np1,1 2 1_000,4 5 6\n",
		"inf.csv":       "SampleID,A,B\np1,1 2 -Inf,4 5 6\n",
		"empty.plan":    "",
		"comments.plan": "# nothing\n\n",
		"ab.plan":       "A.raw.std\nB.raw.std\n",
	}
	for n, s := range files {
		os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644)
	}
	copyTo(t, dir, "tiny_pairs.csv")
	if r := runProc(t, dir, "featurize", "tiny_pairs.csv", "--plan", "ab.plan", "-q", "-o", "ab.features"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	cases := []struct {
		args []string
		msg  string
		max  int // longest acceptable message (0: 300 bytes)
	}{
		{[]string{"validate", "long.csv"}, `long.csv:1: header "SampleID,xxxx`, 0},
		{[]string{"featurize", "long.csv", "-o", "x.features"}, "... (10011 bytes): want SampleID,A,B", 0},
		{[]string{"validate", "cr.csv"}, "cr.csv:1: line endings are CR only", 0},
		{[]string{"validate", "missing.csv"}, "causal: open missing.csv: no such file or directory\n", 0},
		{[]string{"predict", "tiny_pairs.csv", "--features", "-o", "x.csv"}, "is a pairs file (header SampleID,A,B), not a feature file", 0},
		{[]string{"predict", "ab.features", "-o", "x.csv"}, fmt.Sprintf("lacks %d of the features of the embedded default model", defaultModelLacks(t, "A.raw.std", "B.raw.std")), 2000},
		{[]string{"validate", "hex.csv"}, `value 3 "0x1p-2" is not a number`, 0},
		{[]string{"validate", "under.csv"}, `value 3 "1_000" is not a number`, 0},
		{[]string{"validate", "inf.csv"}, `value 3 "-Inf" is NaN or infinite`, 0},
		{[]string{"featurize", "tiny_pairs.csv", "--plan", "empty.plan", "-o", "x.features"}, "plan empty.plan: no feature name patterns", 0},
		{[]string{"featurize", "tiny_pairs.csv", "--plan", "comments.plan", "-o", "x.features"}, "no feature name patterns", 0},
	}
	before := listDir(t, dir)
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 1, c.msg)
			limit := c.max
			if limit == 0 {
				limit = 300
			}
			if len(r.stderr) > limit {
				t.Errorf("message of %d bytes: %.200q...", len(r.stderr), r.stderr)
			}
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files left %v, want %v", names, before)
			}
		})
	}
	if r := runProc(t, dir, "validate", "missing.csv"); strings.Count(r.stderr, "missing.csv") != 1 {
		t.Errorf("path repeated: %q", r.stderr)
	}
}
