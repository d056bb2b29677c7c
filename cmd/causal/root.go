package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// version is the release of causal, set at build time with
// -ldflags "-X main.version=..."; otherwise the module version of the build
// info is used (see versionString).
var version = ""

// versionString names the build: the release (or module version), the VCS
// revision and its time, and whether the tree had local changes, from
// debug.ReadBuildInfo, then the Go version and platform.
func versionString() string {
	v, rev, when, dirty := version, "", "", false
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v == "" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
	}
	if v == "" {
		v = "(devel)"
	}
	out := "causal " + v
	if rev != "" {
		out += " revision " + rev
		if dirty {
			out += " (modified)"
		}
		if when != "" {
			out += " " + when
		}
	} else {
		out += " revision unknown"
	}
	return fmt.Sprintf("%s (%s, %s/%s)", out, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

// globalOptions holds the flags shared by every subcommand.
type globalOptions struct {
	Cores      int
	Quiet      bool
	Seed       int64
	CPUProfile string
	stopProf   func()
}

// progressOut returns where progress bars go: stderr when it is a terminal
// and --quiet is off, nil otherwise.
func (g *globalOptions) progressOut(cmd *cobra.Command) io.Writer {
	if g.Quiet {
		return nil
	}
	w := cmd.ErrOrStderr()
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			return f
		}
	}
	return nil
}

// startProfile starts CPU profiling when --cpuprofile is set.
func (g *globalOptions) startProfile() error {
	if g.CPUProfile == "" {
		return nil
	}
	f, err := os.Create(g.CPUProfile)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	g.stopProf = func() { pprof.StopCPUProfile(); f.Close() }
	return nil
}

// stopProfile ends CPU profiling, if it was started.
func (g *globalOptions) stopProfile() {
	if g.stopProf != nil {
		g.stopProf()
		g.stopProf = nil
	}
}

// outputFlags are the flags that name outputs; every other flag value and
// argument naming an existing file is an input.
var outputFlags = map[string]bool{"output": true, "target-out": true, "plot": true, "cpuprofile": true}

// registerInputs records the files a command reads, so that an output that
// is one of them is refused (atomicfile.Create) instead of overwritten.
func registerInputs(cmd *cobra.Command, args []string) {
	atomicfile.Begin()
	atomicfile.RegisterInputs(args...)
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if !outputFlags[f.Name] && f.Value.Type() == "string" {
			atomicfile.RegisterInputs(f.Value.String())
		}
	})
}

// signedFlags may be negative; every other numeric flag is a count, a size,
// a fraction or a rate, and must be a finite number >= 0.
var signedFlags = map[string]bool{"seed": true, "max-depth": true}

// checkNumericFlags refuses a negative, NaN or infinite value given to any
// numeric flag of cmd, naming the flag (a default may be a negative
// sentinel, e.g. stack fit --lambda -1: chosen by cross-validation);
// commands check tighter ranges themselves.
func checkNumericFlags(cmd *cobra.Command) error {
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if err != nil || signedFlags[f.Name] {
			return
		}
		switch f.Value.Type() {
		case "int", "int64", "int32", "float64", "float32":
			v, perr := strconv.ParseFloat(f.Value.String(), 64)
			switch {
			case perr != nil:
			case math.IsNaN(v) || math.IsInf(v, 0):
				err = fmt.Errorf("--%s must be a finite number, got %s", f.Name, f.Value)
			case v < 0:
				err = fmt.Errorf("--%s must be at least 0, got %s", f.Name, f.Value)
			}
		}
	})
	return err
}

// usageError marks an error already printed by cobra with the usage text.
type usageError struct{ error }

// subcommands builds every subcommand; files add their builder in init().
var subcommands []func(g *globalOptions) *cobra.Command

func register(b func(g *globalOptions) *cobra.Command) { subcommands = append(subcommands, b) }

// newRootCmd builds a fresh command tree (tests build one per run).
func newRootCmd() *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "causal",
		Short: "Tell cause from effect in observational data",
		Long: `causal scores cause-effect pairs: given samples of two variables A and B it
says whether A causes B (positive score), B causes A (negative score) or
neither (near zero).

  causal generate --n 4000 --seed 1 -o train
  causal featurize train_pairs.csv --info train_publicinfo.csv -o train.features
  causal train train.features --target train_target.csv -o model.txt
  causal predict new_pairs.csv --model model.txt > predictions.csv
  causal evaluate predictions.csv --target new_target.csv`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if g.Cores < 1 {
				return fmt.Errorf("--cores must be at least 1, got %d", g.Cores)
			}
			if err := checkNumericFlags(cmd); err != nil {
				return err
			}
			registerInputs(cmd, args)
			if err := g.startProfile(); err != nil {
				atomicfile.Discard()
				return err
			}
			return nil
		},
		PersistentPostRun: func(cmd *cobra.Command, args []string) { g.stopProfile() },
	}
	pf := root.PersistentFlags()
	pf.IntVar(&g.Cores, "cores", runtime.NumCPU(), "worker goroutines to use (any N >= 1; outputs do not depend on it)")
	pf.BoolVarP(&g.Quiet, "quiet", "q", false, "no progress bars or summaries on stderr")
	pf.Int64Var(&g.Seed, "seed", 1, "random seed (same inputs and seed give byte-identical outputs)")
	pf.StringVar(&g.CPUProfile, "cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	pf.MarkHidden("cpuprofile")
	for _, b := range subcommands {
		root.AddCommand(b(g))
	}
	root.Version = versionString()
	root.SetVersionTemplate("{{.Version}}\n")
	publishOnSuccess(root)
	return root
}

// publishOnSuccess wraps the RunE of every command of the tree: a command
// that succeeded publishes all its outputs at once (atomicfile.Publish,
// which refuses after a signal); one that failed publishes none.
func publishOnSuccess(c *cobra.Command) {
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if err := run(cmd, args); err != nil {
				atomicfile.Discard()
				return err
			}
			if err := cmd.Context().Err(); err != nil {
				atomicfile.Discard()
				return err
			}
			return atomicfile.Publish()
		}
	}
	for _, sub := range c.Commands() {
		publishOnSuccess(sub)
	}
}

func init() {
	register(func(g *globalOptions) *cobra.Command {
		return &cobra.Command{
			Use:   "version",
			Short: "Print the version of causal",
			Args:  cobra.NoArgs,
			RunE: func(cmd *cobra.Command, args []string) error {
				fmt.Fprintln(cmd.OutOrStdout(), versionString())
				return nil
			},
		}
	})
}
