package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/featurizers/plan"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/featio"
	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/scan"
)

func init() { register(newFeaturizeCmd) }

func newFeaturizeCmd(g *globalOptions) *cobra.Command {
	var infoPath, planPath, variant, format, shard, out string
	var showStats, skipBad bool
	cmd := &cobra.Command{
		Use:   "featurize pairs.csv [--info publicinfo.csv] -o out.features",
		Short: "Turn pairs into feature rows (one row of named float32 features per pair)",
		Long: `Featurize every pair of a pairs file ("-" is stdin, .gz is read transparently)
with the feature plan (default: every feature; --plan FILE: the features
matching the name patterns of FILE, one per line, '*' matching any run of
characters). Pairs are featurized in parallel across --cores; rows are
written in input order and the output is byte-identical for any --cores.

Output: an Apache Arrow IPC file (Feather v2: pandas.read_feather,
polars.read_ipc, pyarrow) with a SampleID column and one float32 column per
feature, the plan hash in the schema metadata (key causal.plan_hash); or with
--format csv a CSV file with the header SampleID,<names...> and NaN written as
"NaN". A feature that does not apply to a pair's types, or whose value is not
finite, is NaN.

--shard i/n computes only the pairs whose 0-based index is i modulo n (for
array jobs); "causal features merge" puts the shards back in input order.
--stats prints the value, NaN and non-finite counts per feature family (and
the time per family when CAUSAL_FEATURIZE_TIMING=1).

` + pairio.TypeRule,
		Example: `  causal featurize train_pairs.csv --info train_publicinfo.csv -o train.features
  causal featurize pairs.csv --plan model.plan --format csv -o small.csv
  causal featurize pairs.csv --shard 3/10 -o part3.features`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return fmt.Errorf("featurize: -o is required")
			}
			if err := featio.ValidateFormat(format); err != nil {
				return err
			}
			si, sn, err := parseShard(shard)
			if err != nil {
				return err
			}
			pl, err := loadPlanVariant(planPath, variant)
			if err != nil {
				return err
			}
			src, err := openPairs(cmd, args[0], infoPath, skipBad)
			if err != nil {
				return err
			}
			defer src.Close()
			h := featio.Header{Names: pl.Names(), PlanHash: pl.Hash()}
			if shard != "" {
				h.Shard = fmt.Sprintf("%d/%d", si, sn)
			}
			w, err := featio.Create(out, format, h)
			if err != nil {
				return err
			}
			defer w.Abort()
			opt := plan.RunOptions{Workers: g.Cores, Shard: si, Shards: sn, Context: cmd.Context()}
			var cnt plan.Counts
			if showStats {
				opt.Counts = &cnt
			}
			if pw := g.progressOut(cmd); pw != nil {
				bar := newPairsBar(pw, "featurize", countPairs(args[0], si, sn))
				defer bar.Finish()
				opt.Progress = func() { bar.Add(1) }
			}
			start := time.Now()
			rows := 0
			if err := pl.Run(src, opt, func(id string, row []float32) error {
				rows++
				return w.Write(id, row)
			}); err != nil {
				return err
			}
			if err := checkSkipped(cmd, src, args[0], rows); err != nil {
				return err
			}
			if err := w.Commit(); err != nil {
				return err
			}
			if showStats {
				printFeatureStats(cmd.ErrOrStderr(), pl, &cnt, rows, time.Since(start))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&infoPath, "info", "", "publicinfo CSV declaring the variable types (default: infer)")
	f.StringVar(&planPath, "plan", "", "file of feature name patterns to compute (default: every feature)")
	f.StringVar(&variant, "plan-variant", "", planVariantUsage)
	f.StringVar(&format, "format", featio.FormatArrow, "output format: arrow (Feather v2) or csv")
	f.StringVar(&shard, "shard", "", "compute only shard i of n (i/n, 0 <= i < n): pairs whose index % n == i")
	f.BoolVar(&showStats, "stats", false, "print per-family value, NaN and non-finite counts on stderr")
	f.BoolVar(&skipBad, "skip-bad", false, "skip bad pairs (reported on stderr) instead of failing")
	f.StringVarP(&out, "output", "o", "", "output feature file (required)")
	return cmd
}

// parseShard parses "i/n" ("" means the whole input: 0/1).
func parseShard(s string) (int, int, error) { return scan.ParseShard(s) }

// countPairs counts the pairs of a plain pairs file for the progress bar
// (-1 when unknown: stdin or compressed input).
func countPairs(path string, shard, shards int) int64 {
	if path == "-" || strings.HasSuffix(path, ".gz") {
		return -1
	}
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return -1
	}
	defer f.Close()
	var lines int64
	r := bufio.NewReaderSize(f, 1<<20)
	buf := make([]byte, 1<<20)
	for {
		n, err := r.Read(buf)
		lines += int64(bytes.Count(buf[:n], []byte{'\n'}))
		if err != nil {
			break
		}
	}
	pairsN := max(lines-1, 0)
	return (pairsN - int64(shard) + int64(shards) - 1) / int64(shards)
}

// newPairsBar returns a progress bar counting pairs (pairs/s, ETA), labelled
// with the command's name.
func newPairsBar(w io.Writer, command string, total int64) *progressbar.ProgressBar {
	return progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription(command),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("pairs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionThrottle(200*time.Millisecond),
		progressbar.OptionClearOnFinish(),
	)
}

// printFeatureStats prints the per-family summary of --stats.
func printFeatureStats(w io.Writer, pl *plan.Plan, cnt *plan.Counts, rows int, elapsed time.Duration) {
	fams := plan.FamilyNames()
	perFam := pl.FamilySizes()
	times := plan.Timings()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "family\tfeatures\tvalues\tNaN\tNaN %\tnon-finite\tCPU s\t")
	for i, name := range fams {
		if perFam[i] == 0 && times[i] == 0 {
			continue
		}
		pct := 0.0
		if cnt.Values[i] > 0 {
			pct = 100 * float64(cnt.NaN[i]) / float64(cnt.Values[i])
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.1f\t%d\t%.2f\t\n", name, perFam[i], cnt.Values[i], cnt.NaN[i], pct, cnt.NonFinite[i], times[i].Seconds())
	}
	tw.Flush()
	rate := float64(rows) / elapsed.Seconds()
	fmt.Fprintf(w, "%d pairs x %d features in %.1fs: %.2f pairs/s, %.0f features/s\n",
		rows, pl.Len(), elapsed.Seconds(), rate, rate*float64(pl.Len()))
}
