package main

// Tests of issue 21's classes, each running causal as a separate process
// and asserting the exit code, the message and the files left.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
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
