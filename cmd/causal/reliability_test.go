package main

// Tests of issue 21's classes, each running causal as a separate process
// and asserting the exit code, the message and the files left.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// writeFiles writes name -> content files into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for n, s := range files {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// abFeatures featurizes the tiny pairs with two features into dir/ab.features.
func abFeatures(t *testing.T, dir string) {
	t.Helper()
	copyTo(t, dir, "tiny_pairs.csv", "tiny_target.csv")
	writeFiles(t, dir, map[string]string{"ab.plan": "A.raw.std\nB.raw.std\n"})
	if r := runProc(t, dir, "featurize", "tiny_pairs.csv", "--plan", "ab.plan", "-q", "-o", "ab.features"); r.code != 0 {
		t.Fatal(r.stderr)
	}
}

// noPanic fails when a process printed a Go panic or stack trace.
func (r procResult) noPanic(t *testing.T) {
	t.Helper()
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		t.Errorf("stack trace: %.400s", r.stderr)
	}
}

// Class 1: a feature file (or Arrow table) with 16 bytes flipped near its
// end is refused by every command with an error naming it, never a panic.
func TestDamagedArrowRefused(t *testing.T) {
	dir := t.TempDir()
	abFeatures(t, dir)
	if r := runProc(t, dir, "train", "ab.features", "--target", "tiny_target.csv", "-q", "-o", "m.txt"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	good := mustRead(t, filepath.Join(dir, "ab.features"))
	for _, back := range []int{30, 100, 250, 400} {
		if back > len(good) {
			continue
		}
		bad := slices.Clone(good)
		for i := range 16 {
			bad[len(bad)-back+i] ^= 0xff
		}
		writeFiles(t, dir, map[string]string{"bad.features": string(bad), "bad.arrow": string(bad)})
		before := listDir(t, dir)
		for _, args := range [][]string{
			{"predict", "--features", "bad.features", "--model", "m.txt", "-o", "p.csv"},
			{"train", "bad.features", "--target", "tiny_target.csv", "-o", "m2.txt"},
			{"features", "merge", "-o", "x.features", "bad.features", "ab.features"},
			{"features", "mirror", "bad.features", "-o", "y.features"},
			{"scan", "bad.arrow", "-o", "s.csv"},
		} {
			r := runProc(t, dir, append(args, "-q")...)
			r.noPanic(t)
			name := "bad.features"
			if args[0] == "scan" {
				name = "bad.arrow"
			}
			if r.code != 1 || !strings.Contains(r.stderr, name) {
				t.Errorf("%v, flip at -%d: exit %d, %q; want exit 1 naming %s", args, back, r.code, r.stderr, name)
			}
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("%v: files left %v", args, names)
			}
		}
	}
}

// Class 2: a signal that arrives before a command finishes publishes
// nothing, even when the command completes within the grace period: the
// input is a FIFO, half written when the signal comes, finished after it.
func TestSignalBeforeTheEndPublishesNothing(t *testing.T) {
	table := "x,y,z\n"
	for i := range 60 {
		table += fmt.Sprintf("%d,%d,%d\n", i, i*i%17, (i*7)%11)
	}
	pairsText := string(mustRead(t, td+"tiny_pairs.csv"))
	for _, c := range []struct {
		name, input, content string
		args                 []string
		outs                 []string
	}{
		{"scan csv", "t.csv", table, []string{"scan", "t.csv", "-o", "out.csv"}, []string{"out.csv"}},
		{"scan json plot", "t.csv", table, []string{"scan", "t.csv", "--json", "-o", "out.json", "--plot", "plots"}, []string{"out.json"}},
		{"predict", "p.csv", pairsText, []string{"predict", "p.csv", "-o", "out.csv"}, []string{"out.csv"}},
		{"pairs concat", "a_pairs.csv", pairsText, []string{"pairs", "concat", "-o", "out", "a"}, []string{"out_pairs.csv"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.input)
			if err := syscall.Mkfifo(in, 0o644); err != nil {
				t.Skip("no FIFO:", err)
			}
			for _, o := range c.outs {
				writeFiles(t, dir, map[string]string{o: "old"})
			}
			before := listDir(t, dir)
			p := causalProcess(t, append(c.args, "-q", "--cores", "1")...)
			p.Dir = dir
			var errb bytes.Buffer
			p.Stderr = &errb
			if err := p.Start(); err != nil {
				t.Fatal(err)
			}
			w, err := os.OpenFile(in, os.O_WRONLY, 0) // waits for the reader
			if err != nil {
				t.Fatal(err)
			}
			half := len(c.content) / 2
			w.WriteString(c.content[:half])
			time.Sleep(200 * time.Millisecond)
			p.Process.Signal(syscall.SIGINT)
			time.Sleep(100 * time.Millisecond)
			w.WriteString(c.content[half:])
			w.Close()
			p.Wait()
			r := procResult{code: p.ProcessState.ExitCode(), stderr: errb.String()}
			r.check(t, 130, "interrupted (SIGINT): unfinished outputs removed")
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files %v, want %v", names, before)
			}
			for _, o := range c.outs {
				if got := string(mustRead(t, filepath.Join(dir, o))); got != "old" {
					t.Errorf("%s replaced: %.80q", o, got)
				}
			}
		})
	}
}

// Class 3: no output of a command is one of its inputs (however the input
// was named) or another of its outputs.
func TestOutputsAreNotInputsNorEachOther(t *testing.T) {
	dir := t.TempDir()
	abFeatures(t, dir)
	copyTo(t, dir, "tiny_publicinfo.csv")
	for _, n := range []string{"a", "b"} { // two pair sets a and b, SampleIDs a1.. and b1..
		for suf, src := range map[string]string{"_pairs.csv": "tiny_pairs.csv", "_publicinfo.csv": "tiny_publicinfo.csv"} {
			lines := strings.Split(string(mustRead(t, filepath.Join(dir, src))), "\n")
			for i := 1; i < len(lines); i++ {
				lines[i] = strings.Replace(lines[i], "p", n, 1)
			}
			writeFiles(t, dir, map[string]string{n + suf: strings.Join(lines, "\n")})
		}
	}
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"pairs", "concat", "-o", "a", "a", "b"}, "output a_pairs.csv is the input a_pairs.csv"},
		{[]string{"pairs", "concat", "-o", "b", "a", "b"}, "output b_pairs.csv is the input b_pairs.csv"},
		{[]string{"features", "mirror", "ab.features", "--target", "tiny_target.csv", "--target-out", "o.features", "-o", "o.features"}, "output o.features is also the output o.features"},
		{[]string{"features", "mirror", "ab.features", "--target", "tiny_target.csv", "--target-out", "./o.features", "-o", "o.features"}, "is also the output"},
		{[]string{"features", "mirror", "ab.features", "--target", "tiny_target.csv", "--target-out", "tiny_target.csv", "-o", "o.features"}, "output tiny_target.csv is the input tiny_target.csv"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			before := listDir(t, dir)
			sums := map[string]string{}
			for _, n := range before {
				sums[n] = string(mustRead(t, filepath.Join(dir, n)))
			}
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 1, c.msg)
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files %v, want %v", names, before)
			}
			for n, s := range sums {
				if string(mustRead(t, filepath.Join(dir, n))) != s {
					t.Errorf("%s changed", n)
				}
			}
		})
	}
}

// Class 5: an endless line (/dev/zero: no line break, ever) fails fast
// with the reader's cap, whichever reader meets it.
func TestEndlessLineFailsFast(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	dir := t.TempDir()
	abFeatures(t, dir)
	copyTo(t, dir, "tiny_predictions.csv")
	before := listDir(t, dir)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"validate", "/dev/zero"}, "read /dev/zero: line 1: header line longer than 1 MiB"},
		{[]string{"featurize", "/dev/zero", "-o", "x.features"}, "header line longer than 1 MiB"},
		{[]string{"featurize", "tiny_pairs.csv", "--info", "/dev/zero", "-o", "x.features"}, "header line longer than 1 MiB"},
		{[]string{"scan", "/dev/zero", "-o", "s.csv"}, "header line longer than 1 MiB"},
		{[]string{"predict", "--features", "/dev/zero", "-o", "p.csv"}, "read features /dev/zero: header: line 1: header line longer than 16 MiB"},
		{[]string{"evaluate", "tiny_predictions.csv", "--target", "/dev/zero"}, "header line longer than 1 MiB"},
		{[]string{"predict", "tiny_pairs.csv", "--model", "/dev/zero", "-o", "p.csv"}, "load model /dev/zero: line 1 longer than 64 KiB"},
		{[]string{"featurize", "tiny_pairs.csv", "--plan", "/dev/zero", "-o", "x.features"}, "larger than 16 MiB (the cap of a plan file)"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			start := time.Now()
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 1, c.msg)
			if d := time.Since(start); d > 30*time.Second {
				t.Errorf("took %v", d)
			}
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files left %v", names)
			}
		})
	}
}

// Class 8: pairs concat reads records as every other command does: a
// quoted SampleID with a line break is one record, copied whole.
func TestPairsConcatQuotedLineBreak(t *testing.T) {
	dir := t.TempDir()
	pairsA := "SampleID,A,B\n\"odd\nid\",1 2 3 4,4 3 2 1\nplain,1 2 3,3 2 1\n"
	pairsB := "SampleID,A,B\n\"b, \"\"x\"\"\",1 2 3,1 2 4\n"
	writeFiles(t, dir, map[string]string{"a_pairs.csv": pairsA, "b_pairs.csv": pairsB})
	if r := runProc(t, dir, "validate", "a_pairs.csv"); r.code != 0 {
		t.Fatalf("validate refuses the input: %s", r.stderr)
	}
	r := runProc(t, dir, "pairs", "concat", "-q", "-o", "c", "a", "b")
	r.check(t, 0, "")
	want := pairsA + strings.TrimPrefix(pairsB, "SampleID,A,B\n")
	if got := string(mustRead(t, filepath.Join(dir, "c_pairs.csv"))); got != want {
		t.Fatalf("concat wrote %q, want %q", got, want)
	}
	if r := runProc(t, dir, "validate", "c_pairs.csv"); r.code != 0 || !strings.Contains(r.stdout, "c_pairs.csv: 3 pairs") {
		t.Errorf("validate of the concatenation: %d %q %q", r.code, r.stdout, r.stderr)
	}
	// The same SampleID twice, once quoted across lines, is still caught.
	writeFiles(t, dir, map[string]string{"d_pairs.csv": "SampleID,A,B\n\"odd\nid\",1 2 3,3 2 1\n"})
	r = runProc(t, dir, "pairs", "concat", "-q", "-o", "e", "a", "d")
	r.check(t, 1, "d_pairs.csv:2")
	if _, err := os.Stat(filepath.Join(dir, "e_pairs.csv")); err == nil {
		t.Error("e_pairs.csv written")
	}
}

// Class 9: a negative, NaN or infinite numeric flag is refused, naming the
// flag, before anything runs.
func TestNumericFlagsRangeChecked(t *testing.T) {
	dir := t.TempDir()
	abFeatures(t, dir)
	before := listDir(t, dir)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"train", "ab.features", "--target", "tiny_target.csv", "--select-top", "-1", "-o", "m.txt"}, "--select-top must be at least 0, got -1"},
		{[]string{"adapt", "tiny_pairs.csv", "--select-top", "-1", "-o", "m.txt"}, "--select-top must be at least 0, got -1"},
		{[]string{"train", "ab.features", "--target", "tiny_target.csv", "--learning-rate", "NaN", "-o", "m.txt"}, "--learning-rate must be a finite number, got NaN"},
		{[]string{"generate", "--n", "-5", "-o", "g"}, "--n must be at least 0, got -5"},
		{[]string{"scan", "t.csv", "--min-rows", "-3"}, "--min-rows must be at least 0, got -3"},
		{[]string{"model", "importance", "m.txt", "--top", "-2"}, "--top must be at least 0, got -2"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 1, c.msg)
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files left %v", names)
			}
		})
	}
}

// Class 6: messages say what is wrong: CR-only tables, the file of a bad
// CSV feature file, a SampleID with a line break quoted on one line, and
// evaluate --edges with no true edge scored fails.
func TestMessagesSayWhatIsWrong(t *testing.T) {
	dir := t.TempDir()
	abFeatures(t, dir)
	if r := runProc(t, dir, "train", "ab.features", "--target", "tiny_target.csv", "-q", "-o", "m.txt"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	writeFiles(t, dir, map[string]string{
		"cr.csv":     "a,b,c\r1,2,3\r4,5,6\r2,2,2\r",
		"nl.csv":     "SampleID,A,B\n\"x\ny\",1 2 3,1 2 x\n",
		"bad.csv":    "SampleID,A.raw.std,B.raw.std\np1,abc,1\n",
		"edges.csv":  "cause,effect\nq,r\n",
		"scores.csv": "A,B,score,direction,rows,typeA,typeB\nx,y,0.5,A->B,100,Numerical,Numerical\n",
	})
	before := listDir(t, dir)
	for _, c := range []struct {
		args []string
		msg  string
	}{
		{[]string{"scan", "cr.csv", "-o", "s.csv"}, "cr.csv:1: line endings are CR only"},
		{[]string{"predict", "--features", "bad.csv", "--model", "m.txt", "-o", "p.csv"}, `read features bad.csv: features line 2 column A.raw.std: bad number "abc"`},
		{[]string{"train", "bad.csv", "--target", "tiny_target.csv", "-o", "m2.txt"}, "read features bad.csv: "},
		{[]string{"validate", "nl.csv"}, `nl.csv:2: SampleID "x\ny": column B`},
		{[]string{"evaluate", "--edges", "edges.csv", "scores.csv"}, "none of the 1 true edges of edges.csv is among the 1 pairs scored in scores.csv: nothing to evaluate"},
	} {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			r := runProc(t, dir, append(c.args, "-q")...)
			r.check(t, 1, c.msg)
			if strings.Count(r.stderr, "\n") != 1 {
				t.Errorf("message not on one line: %q", r.stderr)
			}
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files left %v", names)
			}
		})
	}
}

// Class 7: a Binary variable's score does not depend on the two numbers
// that code it, and a declared Binary with three distinct values is
// refused, naming the file, the line and the SampleID.
func TestBinaryCodingAndThreeValues(t *testing.T) {
	dir := t.TempDir()
	b := "3.5 -2 1e3 4 5 6 7 8 1 2 3 9"
	writeFiles(t, dir, map[string]string{
		"b_pairs.csv": "SampleID,A,B\nq1,0 1 0 1 1 0 1 0 0 1 1 1," + b + "\nq2,3 7 3 7 7 3 7 3 3 7 7 7," + b +
			"\nq3,-1e9 2.5 -1e9 2.5 2.5 -1e9 2.5 -1e9 -1e9 2.5 2.5 2.5," + b + "\n",
		"b_info.csv":  "SampleID,A type,B type\nq1,Binary,Numerical\nq2,Binary,Numerical\nq3,Binary,Numerical\nq4,Binary,Numerical\n",
		"c_pairs.csv": "SampleID,A,B\nq4,3 7 3 7 7 3 7 3 3 7 7 5," + b + "\n",
	})
	r := runProc(t, dir, "predict", "b_pairs.csv", "--info", "b_info.csv", "-q")
	r.check(t, 0, "")
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 4 {
		t.Fatalf("predictions %q", r.stdout)
	}
	score := func(l string) string { _, s, _ := strings.Cut(l, ","); return s }
	if score(lines[1]) != score(lines[2]) || score(lines[1]) != score(lines[3]) {
		t.Errorf("scores depend on the Binary coding: %q", lines[1:])
	}
	before := listDir(t, dir)
	r = runProc(t, dir, "featurize", "c_pairs.csv", "--info", "b_info.csv", "-q", "-o", "c.features")
	r.check(t, 1, "c_pairs.csv:2: SampleID q4: A is declared Binary in the publicinfo but has 3 or more distinct values (3, 7, 5, ...)")
	if names := listDir(t, dir); !slices.Equal(names, before) {
		t.Errorf("files left %v", names)
	}
}

// Class 4: scan merge checks what it merges: every shard records the
// table, the pair set and i/n; duplicates, gaps and mismatches are refused,
// and the complete set merges into the file of one run.
func TestScanMergeChecksShards(t *testing.T) {
	dir := t.TempDir()
	var a, b strings.Builder
	a.WriteString("x,y,z,w\n")
	b.WriteString("x,y,z,w\n")
	for i := range 40 {
		fmt.Fprintf(&a, "%d,%d,%d,%d\n", i, i*i%23, (i*7)%13, i%5+i/3)
		fmt.Fprintf(&b, "%d,%d,%d,%d\n", i, i*i%19, (i*5)%13, i%5+i/3)
	}
	writeFiles(t, dir, map[string]string{"a.csv": a.String(), "b.csv": b.String()})
	for _, args := range [][]string{
		{"a.csv", "-o", "all.csv"}, {"a.csv", "--shard", "0/3", "-o", "s0.csv"}, {"a.csv", "--shard", "1/3", "-o", "s1.csv"},
		{"a.csv", "--shard", "2/3", "-o", "s2.csv"}, {"a.csv", "--shard", "1/2", "-o", "h1.csv"}, {"b.csv", "--shard", "1/3", "-o", "b1.csv"},
		{"a.csv", "--shard", "1/3", "--min-rows", "5", "-o", "m1.csv"},
	} {
		if r := runProc(t, dir, append([]string{"scan", "-q", "--cores", "1"}, args...)...); r.code != 0 {
			t.Fatal(r.stderr)
		}
	}
	if s := string(mustRead(t, filepath.Join(dir, "s1.csv"))); !strings.HasPrefix(s, "# causal scan shard table=") || !strings.Contains(s, " shard=1/3\nA,B,score,") {
		t.Fatalf("shard output starts %.120q", s)
	}
	r := runProc(t, dir, "scan", "merge", "-o", "merged.csv", "s2.csv", "s0.csv", "s1.csv")
	r.check(t, 0, "")
	if string(mustRead(t, filepath.Join(dir, "merged.csv"))) != string(mustRead(t, filepath.Join(dir, "all.csv"))) {
		t.Error("merged shards differ from one run")
	}
	before := listDir(t, dir)
	for _, c := range []struct {
		shards []string
		msg    string
	}{
		{[]string{"s0.csv", "s0.csv", "s2.csv"}, "s0.csv and s0.csv are both shard 0/3"},
		{[]string{"s0.csv", "s2.csv"}, "shard 1/3 missing (2 of 3 given)"},
		{[]string{"s0.csv", "h1.csv", "s2.csv"}, "s0.csv is shard 0/3 but h1.csv is 1/2: shards of different splits"},
		{[]string{"s0.csv", "b1.csv", "s2.csv"}, "s0.csv and b1.csv are shards of different tables"},
		{[]string{"s0.csv", "m1.csv", "s2.csv"}, "s0.csv and m1.csv are shards of different pair sets or settings"},
		{[]string{"all.csv"}, "all.csv has no shard line"},
	} {
		t.Run(strings.Join(c.shards, " "), func(t *testing.T) {
			r := runProc(t, dir, append([]string{"scan", "merge", "-o", "bad.csv"}, c.shards...)...)
			r.check(t, 1, c.msg)
			if names := listDir(t, dir); !slices.Equal(names, before) {
				t.Errorf("files left %v", names)
			}
		})
	}
	r = runProc(t, dir, "scan", "a.csv", "-q", "--shard", "0/2", "--json")
	var rep struct {
		Shard struct {
			Table string `json:"table_hash"`
			Index int    `json:"index"`
			Count int    `json:"count"`
		} `json:"shard"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Shard.Table == "" || rep.Shard.Index != 0 || rep.Shard.Count != 2 {
		t.Errorf("JSON shard %+v (%v)", rep.Shard, err)
	}
}

// causal --version and causal version name the build: module version and
// VCS revision (or "revision unknown" when the build recorded none, as a
// test binary), Go version and platform.
func TestVersionNamesTheBuild(t *testing.T) {
	a, b := runProc(t, t.TempDir(), "--version"), runProc(t, t.TempDir(), "version")
	if a.code != 0 || b.code != 0 || a.stdout != b.stdout {
		t.Fatalf("--version %q (%d), version %q (%d)", a.stdout, a.code, b.stdout, b.code)
	}
	want := "revision unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" {
				want = "revision " + s.Value
			}
		}
	}
	if !strings.HasPrefix(a.stdout, "causal ") || !strings.Contains(a.stdout, want) || !strings.Contains(a.stdout, runtime.Version()) {
		t.Errorf("version %q, want %q and %s", a.stdout, want, runtime.Version())
	}
}
