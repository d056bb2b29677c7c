package main

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

func init() { register(newScanCmd) }

// scanOptions are the flags of `causal scan`.
type scanOptions struct {
	out, model, sep, na, types, with, pairsFile, shard, plotDir string
	export                                                      string
	maxLevels, maxRows, minRows                                 int
	threshold                                                   float64
	asJSON                                                      bool
	stack                                                       stackOptions
	shardInfo                                                   *scan.ShardInfo // set by scanJobs with --shard
}

func newScanCmd(g *globalOptions) *cobra.Command {
	o := &scanOptions{}
	cmd := &cobra.Command{
		Use:   "scan table.csv [-o scores.csv]",
		Short: "Score which column causes which, for every pair of columns of a table",
		Long: `Read a table (a header row, one column per variable, one row per observation)
and score every unordered pair of its columns with the model (the built-in
one unless --model): a positive score means the first column (A) causes the
second (B), a negative one B causes A, near zero neither. The output has one
row per pair, sorted by |score| descending:

  A,B,score,direction,rows,typeA,typeB

where direction is A->B (score > --threshold), B->A (score < -threshold) or
none, and rows counts the rows where both columns are present (each pair
uses exactly those rows). --json writes the columns, scored and skipped
pairs as JSON instead. A pair's score is the one causal predict gives the
same pair written as a pairs file; scores are antisymmetric.

Input: CSV or TSV (the separator is detected from the header line among
, tab ; | unless --sep), optionally gzip-compressed, "-" for stdin, or an
Arrow IPC (Feather v2) or Parquet file (detected from their first bytes).

` + table.TypeRule + `

Skipped pairs (a constant, all-missing or identifier column, fewer than
--min-rows rows with both present, a column constant on those rows) are
reported on stderr with the reason and counted at the end; they are in the
--json output too.
A ragged row, an empty or duplicate column name, a table without data rows,
an unknown --with, --types or --pairs name, or fewer than two usable columns
is an error naming the file, line and column; nothing is written.

Each column's own work (its views, learner inputs and unary features) is
computed once and shared by all its pairs with the same rows. --shard i/n
scores the pairs whose index % n == i; 'causal scan merge' joins the
shards' CSV outputs into exactly the file one run writes. --export writes
the pairs as challenge files instead of scoring them.`,
		Example: "  causal scan table.csv -o scores.csv\n" +
			"  causal scan data.parquet --with income,age --threshold 0.3\n" +
			"  zcat big.tsv.gz | causal scan - --max-rows 5000 --json > scores.json\n" +
			"  causal scan table.csv --shard 0/4 -o part0.csv   # ...then: causal scan merge -o scores.csv part*.csv",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runScan(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "scores file (default stdout)")
	f.StringVar(&o.model, "model", "", "LightGBM text model (default: the built-in model)")
	f.StringVar(&o.sep, "sep", "", `field separator of delimited text: one character, or "tab" (default: detect)`)
	f.StringVar(&o.na, "na", strings.Join(table.DefaultNA, ","), "comma-separated spellings of a missing cell (the empty cell is always missing)")
	f.StringVar(&o.types, "types", "", `override column types: name=Numerical|Categorical|Binary,... (CSV quoting for names with commas: '"a, b=Binary",c=Numerical')`)
	f.IntVar(&o.maxLevels, "max-levels", table.DefaultMaxLevels, "integer columns with at most this many distinct values are Categorical")
	f.StringVar(&o.with, "with", "", `score only these columns (comma-separated, CSV quoting for names with commas) against all others`)
	f.StringVar(&o.pairsFile, "pairs", "", "score only the column pairs listed in this CSV file (two names a line, A first)")
	f.IntVar(&o.maxRows, "max-rows", 0, "use at most this many rows, drawn at random with --seed (0: all)")
	f.IntVar(&o.minRows, "min-rows", scan.DefaultMinRows, "skip pairs with fewer rows where both columns are present")
	f.Float64Var(&o.threshold, "threshold", 0.2, "|score| above which direction names a cause")
	f.BoolVar(&o.asJSON, "json", false, "write JSON (columns, scored and skipped pairs) instead of CSV")
	f.StringVar(&o.shard, "shard", "", "score only shard i of n (i/n): pairs whose index % n == i")
	f.StringVar(&o.export, "export", "", "instead of scoring, write the pairs scan would score as PREFIX_pairs.csv, PREFIX_publicinfo.csv (for causal featurize or predict) and PREFIX_index.csv (SampleID,A,B)")
	f.StringVar(&o.plotDir, "plot", "", "also write the score heat map (PNG, SVG) and a Graphviz DOT graph of the edges above --threshold here")
	addStackFlags(f, &o.stack)
	cmd.AddCommand(newScanMergeCmd())
	return cmd
}

func newScanMergeCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge -o scores.csv part0.csv part1.csv ...",
		Short: "Merge the CSV outputs of scan --shard into the output of one run",
		Long: `Merge the CSV outputs of scan --shard i/n into the file one run writes. Each
shard's output starts with a comment line naming the table (a hash of its
content), the pair set (a hash of the pairs and the settings that change
scores) and i/n; merge refuses a file without it, the same shard twice, a
missing shard, and shards of different tables, pair sets or n.`,
		Example: "  causal scan merge -o scores.csv part0.csv part1.csv part2.csv",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			open := func(name string) (io.ReadCloser, error) { return atomicfile.OpenInput(name) }
			return writeOutput(cmd, out, func(w io.Writer) error { return scan.MergeCSV(w, args, open) })
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "merged scores file (default stdout)")
	return cmd
}

// tableOptions turns the table flags into table.Options.
func (o *scanOptions) tableOptions() (table.Options, error) {
	opt := table.Options{MaxLevels: o.maxLevels, NA: []string{}}
	switch sep := o.sep; {
	case sep == "":
	case strings.EqualFold(sep, "tab") || sep == `\t`:
		opt.Sep = '\t'
	case len([]rune(sep)) == 1 && sep != `"` && sep != "\n" && sep != "\r":
		opt.Sep = []rune(sep)[0]
	default:
		return opt, fmt.Errorf("--sep %q: want one character or \"tab\"", sep)
	}
	for _, s := range strings.Split(o.na, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opt.NA = append(opt.NA, s)
		}
	}
	if o.types != "" {
		opt.Types = map[string]pairs.VarType{}
		kvs, err := splitNames("--types", o.types)
		if err != nil {
			return opt, err
		}
		for _, kv := range kvs {
			i := strings.LastIndex(kv, "=")
			ok := i >= 0
			name, typ := kv, ""
			if ok {
				name, typ = kv[:i], kv[i+1:]
			}
			t, err := pairs.ParseVarType(typ)
			if !ok || err != nil {
				return opt, fmt.Errorf("--types %q: want name=Numerical|Categorical|Binary", kv)
			}
			opt.Types[strings.TrimSpace(name)] = t
		}
	}
	return opt, nil
}

// scanJobs chooses the pairs to score: --pairs, --with or all, then the
// --shard.
func (o *scanOptions) scanJobs(t *table.Table) ([]scan.Job, error) {
	var jobs []scan.Job
	var err error
	switch {
	case o.pairsFile != "" && o.with != "":
		return nil, fmt.Errorf("--pairs and --with cannot be used together")
	case o.pairsFile != "":
		jobs, err = scan.ReadPairs(o.pairsFile, t)
	case o.with != "":
		var names []string
		if names, err = splitNames("--with", o.with); err == nil {
			jobs, err = scan.WithPairs(t, names)
		}
	default:
		jobs = scan.AllPairs(t)
	}
	if err != nil {
		return nil, err
	}
	k, n, err := parseShard(o.shard)
	if err != nil {
		return nil, err
	}
	if o.shard != "" {
		settings := fmt.Sprintf("model=%s min-rows=%d threshold=%g", o.model, o.minRows, o.threshold)
		info := scan.NewShardInfo(t, jobs, settings, k, n)
		o.shardInfo = &info
	}
	return scan.Shard(jobs, k, n), nil
}

// splitNames splits a comma-separated flag value with CSV quoting, so that
// "a,b" and '"name, with comma",b' both work.
func splitNames(flag, s string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(s))
	r.TrimLeadingSpace = true
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s %q: %w", flag, s, err)
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec, nil
}

// check rejects out-of-range numeric flags.
func (o *scanOptions) check() error {
	switch {
	case o.minRows < 3:
		return fmt.Errorf("--min-rows must be at least 3, got %d", o.minRows)
	case o.maxRows < 0:
		return fmt.Errorf("--max-rows must be >= 0 (0: all rows), got %d", o.maxRows)
	case !(o.threshold >= 0):
		return fmt.Errorf("--threshold must be >= 0, got %v", o.threshold)
	case o.maxLevels < 2:
		return fmt.Errorf("--max-levels must be at least 2, got %d", o.maxLevels)
	}
	return nil
}

func runScan(cmd *cobra.Command, g *globalOptions, o *scanOptions, path string) error {
	if err := o.check(); err != nil {
		return err
	}
	topt, err := o.tableOptions()
	if err != nil {
		return err
	}
	t, err := table.Read(path, topt)
	if err != nil {
		return err
	}
	t.Subsample(o.maxRows, uint64(g.Seed))
	if err := checkUsable(t); err != nil {
		return err
	}
	jobs, err := o.scanJobs(t)
	if err != nil {
		return err
	}
	stderr := cmd.ErrOrStderr()
	if o.export != "" {
		return exportScan(cmd, g, o, t, jobs)
	}
	s, err := newScanScorer(o.model, o.stack, g.Cores)
	if err != nil {
		return err
	}
	ropt := scan.Options{MinRows: o.minRows, Batch: scanBatch(t.Rows, g.Cores)}
	var bar *progressbar.ProgressBar
	if w := g.progressOut(cmd); w != nil {
		bar = newPairsBar(w, "scan", int64(len(jobs)))
		s.OnPair = func() { bar.Add(1) }
		ropt.OnSkip = func() { bar.Add(1) }
	}
	results, err := scan.Run(t, jobs, s, ropt)
	if bar != nil {
		bar.Finish()
	}
	if err != nil {
		return err
	}
	scored, skipped := scan.Split(results)
	write := func(w io.Writer) error {
		if o.asJSON {
			rep := scan.NewReport(t, scored, skipped, o.threshold)
			rep.Shard = o.shardInfo
			return scan.WriteJSON(w, rep)
		}
		if o.shardInfo != nil {
			if err := scan.WriteShardLine(w, *o.shardInfo); err != nil {
				return err
			}
		}
		return scan.WriteCSV(w, scored, o.threshold)
	}
	if err := writeOutput(cmd, o.out, write); err != nil {
		return err
	}
	if o.plotDir != "" {
		if err := writeScanPlots(o.plotDir, t, scored, o.threshold); err != nil {
			return err
		}
	}
	reportSkipped(stderr, skipped)
	if !g.Quiet {
		fmt.Fprintf(stderr, "scan: %d rows, %d columns (%d usable): %d pairs scored, %d skipped\n",
			t.Rows, len(t.Columns), len(t.Usable()), len(scored), len(skipped))
	}
	return nil
}

// scanBatchPoints bounds the values of the pairs cut and featurized
// together (2^22 rows: 64 MB of pair data).
const scanBatchPoints = 1 << 22

// scanBatch is the number of pairs of a batch: predict's batch per core,
// fewer for long tables so that the pairs in flight stay within
// scanBatchPoints rows, and at least one per core.
func scanBatch(rows, cores int) int {
	return max(cores, min(pairmodel.ScoreBatch*cores, scanBatchPoints/max(rows, 1)))
}

// exportScan writes the pairs of --export, all three files or none.
func exportScan(cmd *cobra.Command, g *globalOptions, o *scanOptions, t *table.Table, jobs []scan.Job) error {
	names := []string{o.export + "_pairs.csv", o.export + "_publicinfo.csv", o.export + "_index.csv"}
	var files [3]*atomicfile.File
	for i, n := range names {
		f, err := atomicfile.Create(n)
		if err != nil {
			return err
		}
		defer f.Abort()
		files[i] = f
	}
	skipped, err := scan.Export(t, jobs, o.minRows, files[0], files[1], files[2])
	if err != nil {
		return fmt.Errorf("--export: %w", err)
	}
	for _, f := range files {
		if err := f.Commit(); err != nil {
			return err
		}
	}
	reportSkipped(cmd.ErrOrStderr(), skipped)
	if !g.Quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "scan: exported %d pairs (%d skipped): %s\n", len(jobs)-len(skipped), len(skipped), strings.Join(names, ", "))
	}
	return nil
}

// checkUsable fails when fewer than two columns can be scored, naming the
// columns' problems.
func checkUsable(t *table.Table) error {
	if len(t.Usable()) >= 2 {
		return nil
	}
	var probs []string
	for _, c := range t.Columns {
		if p := c.Problem(); p != "" {
			probs = append(probs, fmt.Sprintf("column %q: %s", c.Name, p))
		}
	}
	msg := fmt.Sprintf("%d usable column(s), need at least 2", len(t.Usable()))
	if len(probs) > 0 {
		msg += " (" + strings.Join(probs, "; ") + ")"
	}
	return &table.Error{File: t.File, Msg: msg}
}

// reportSkipped prints the skipped pairs on w, one line per reason: a
// column's problem is reported once with the number of its pairs.
func reportSkipped(w io.Writer, skipped []scan.Result) {
	var order []string
	byReason := map[string][]scan.Result{}
	for _, r := range skipped {
		if _, ok := byReason[r.Skipped]; !ok {
			order = append(order, r.Skipped)
		}
		byReason[r.Skipped] = append(byReason[r.Skipped], r)
	}
	for _, reason := range order {
		rs := byReason[reason]
		if len(rs) == 1 {
			fmt.Fprintf(w, "skipped pair %s,%s: %s\n", rs[0].A, rs[0].B, reason)
		} else {
			fmt.Fprintf(w, "skipped %d pairs (%s,%s, ...): %s\n", len(rs), rs[0].A, rs[0].B, reason)
		}
	}
}

// newScanScorer loads --model (or the built-in model) for scan: the
// features and scores of causal predict (pairmodel.Scorer), featurized with
// the per-column caches.
func newScanScorer(modelPath string, so stackOptions, cores int) (*scan.ModelScorer, error) {
	s, err := newPairScorer(modelPath, so, cores)
	if err != nil {
		return nil, err
	}
	sel, cols, err := s.PairColumns()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", modelName(modelPath), err)
	}
	return &scan.ModelScorer{Plan: sel, Columns: cols, Width: s.Width(), Workers: cores, ScoreRows: s.ScoreRows}, nil
}
