package main

import (
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

func init() { register(newScanCmd) }

func newScanCmd(g *globalOptions) *cobra.Command {
	c := scan.Config{}
	var so stackOptions
	cmd := &cobra.Command{
		Use:   "scan table.csv [-o scores.csv]",
		Short: "Score which column causes which, for every pair of columns of a table",
		Long: `Read a table (a header row, one column per variable, one row per observation)
and score every unordered pair of its columns with the model (the built-in
one unless --model) or with a classical direction method (--method): a
positive score means the first column (A) causes the second (B), a negative
one B causes A, near zero neither. The output has one row per pair, sorted
by |score| descending:

  A,B,score,direction,rows,typeA,typeB,median,low,high,agree,method,prior

rows counts the rows where both columns are present (each pair uses exactly
those rows). With --bootstrap B (default ` + strconv.Itoa(scan.DefaultBootstrap) + `), each pair is rescored on B
half-samples of the rows (seeded, the same rows kept whatever the row order):
median is their median score, low and high their 5 % and 95 % quantiles (a
90 % interval), agree the fraction of them with the sign of score. method
names the scorer; prior says what the prior knowledge did to direction.
--json writes the columns (with their inferred types), scored and skipped
pairs as JSON instead. With the model, a pair's score is the one causal
predict gives the same pair written as a pairs file; scores are
antisymmetric. The model's score estimates P(A->B) - P(B->A): in [-1, 1]
with a second stage (--stack), and from the trees alone in [-1, 1] up to
the regression's overshoot (rarely beyond ±1.1); a classical method's score
is on its own scale (see causal baseline).

` + scan.DirectionRule + `

Prior knowledge: --exogenous COLS (nothing causes them), --order "a,b;c;d"
or --tiers FILE (one tier a line, earliest first: a later tier cannot cause
an earlier one), --id COLS (identifiers: not scored), --forbid FILE and
--require FILE (edge lists, "cause,effect" a line).

Input: CSV or TSV (the separator is detected from the header line among
, tab ; | unless --sep), optionally gzip-compressed, "-" for stdin, or an
Arrow IPC (Feather v2) or Parquet file (detected from their first bytes).
A ';'-separated file whose numbers use decimal commas is read as numbers
with --decimal , (without it scan refuses the file, naming the flag).

` + table.TypeRule + `

Skipped pairs (a constant, all-missing or identifier column, fewer than
--min-rows rows with both present, a column constant on those rows) are
reported on stderr with the reason and counted at the end; they are in the
--json output too.
A ragged row, an empty or duplicate column name, a table without data rows,
an unknown --with, --types, --pairs or prior-knowledge name, or fewer than
two usable columns is an error naming the file, line and column; nothing is
written.

Each column's own work (its views, learner inputs and unary features) is
computed once and shared by all its pairs with the same rows. --shard i/n
scores the pairs whose index % n == i; 'causal scan merge' joins the
shards' CSV outputs into exactly the file one run writes. --export writes
the pairs as challenge files instead of scoring them.`,
		Example: "  causal scan table.csv -o scores.csv --plot plots\n" +
			"  causal scan data.parquet --with income,age --exogenous age,sex --bootstrap 30\n" +
			"  causal scan trial.csv --order \"sex,age;dose;response\" --id patient\n" +
			"  causal scan table.csv --method reci --bootstrap 0\n" +
			"  zcat big.tsv.gz | causal scan - --max-rows 5000 --json > scores.json\n" +
			"  causal scan table.csv --shard 0/4 -o part0.csv   # ...then: causal scan merge -o scores.csv part*.csv",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c.Path, c.Seed, c.Cores, c.Quiet = args[0], uint64(g.Seed), g.Cores, g.Quiet
			c.Stdout, c.Stderr, c.Context = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.Context()
			c.NewScorer = func() (*pairmodel.Scorer, error) { return newPairScorer(c.ModelPath, so, c.Cores) }
			if !cmd.Flags().Changed("threshold") {
				c.Threshold = math.NaN()
			}
			if w := g.progressOut(cmd); w != nil {
				c.Progress = func(total int) (func(), func()) {
					bar := newPairsBar(w, "scan", int64(total))
					return func() { bar.Add(1) }, func() { bar.Finish() }
				}
			}
			return scan.Execute(c)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&c.Out, "output", "o", "", "scores file (default stdout)")
	f.StringVar(&c.ModelPath, "model", "", "LightGBM text model (default: the built-in model)")
	f.StringVar(&c.Method, "method", scan.ModelMethod, "scorer: "+strings.Join(scan.Methods(), ", "))
	f.StringVar(&c.With, "with", "", `score only these columns (comma-separated, CSV quoting for names with commas) against all others`)
	f.StringVar(&c.PairsFile, "pairs", "", "score only the column pairs listed in this CSV file (two names a line, A first)")
	f.IntVar(&c.MinRows, "min-rows", scan.DefaultMinRows, "skip pairs with fewer rows where both columns are present")
	f.Float64Var(&c.Threshold, "threshold", 0.2, "|score| (or |median| with --bootstrap) above which direction names a cause (default 0.2 for the model, 0 for a classical method)")
	f.IntVar(&c.Bootstrap, "bootstrap", scan.DefaultBootstrap, "rescore each pair on this many seeded half-samples of the rows for its interval (0: none)")
	f.BoolVar(&c.JSON, "json", false, "write JSON (columns, scored and skipped pairs) instead of CSV")
	f.StringVar(&c.Shard, "shard", "", "score only shard i of n (i/n): pairs whose index % n == i")
	f.StringVar(&c.Export, "export", "", "instead of scoring, write the pairs scan would score as PREFIX_pairs.csv, PREFIX_publicinfo.csv (for causal featurize or predict) and PREFIX_index.csv (SampleID,A,B)")
	f.StringVar(&c.PlotDir, "plot", "", "also write the score heat map (PNG, SVG), a Graphviz DOT graph of the named directions (uncertain ones dashed) and, when dot is on PATH, graph.svg here")
	addReadTableFlags(f, &c.TableConfig, "not scored")
	addStackFlags(f, &so)
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

// addReadTableFlags adds the flags of scan.TableConfig (the table flags of
// scan and graph, and the prior knowledge); idUse says what becomes of an
// --id column.
func addReadTableFlags(f *pflag.FlagSet, tc *scan.TableConfig, idUse string) {
	f.StringVar(&tc.Sep, "sep", "", `field separator of delimited text: one character, or "tab" (default: detect)`)
	f.StringVar(&tc.Decimal, "decimal", ".", `decimal mark of delimited text: . or , (for ';'-separated European files)`)
	f.StringVar(&tc.NA, "na", strings.Join(table.DefaultNA, ","), "comma-separated spellings of a missing cell (the empty cell is always missing)")
	f.StringVar(&tc.Types, "types", "", `override column types: name=Numerical|Categorical|Binary,... (CSV quoting for names with commas: '"a, b=Binary",c=Numerical')`)
	f.IntVar(&tc.MaxLevels, "max-levels", table.DefaultMaxLevels, "integer columns with at most this many distinct values may be Categorical (see the type rule)")
	f.IntVar(&tc.MaxRows, "max-rows", 0, "use at most this many rows, drawn at random with --seed (0: all)")
	f.StringVar(&tc.Prior.Exogenous, "exogenous", "", "columns nothing causes (comma-separated)")
	f.StringVar(&tc.Prior.Order, "order", "", `tiers of columns, earliest first: "a,b;c;d" (a later tier cannot cause an earlier one)`)
	f.StringVar(&tc.Prior.TiersFile, "tiers", "", "file of tiers: one tier a line (comma-separated columns), earliest first")
	f.StringVar(&tc.Prior.ID, "id", "", "identifier columns, "+idUse+" (comma-separated)")
	f.StringVar(&tc.Prior.ForbidFile, "forbid", "", `file of forbidden edges, "cause,effect" a line`)
	f.StringVar(&tc.Prior.RequireFile, "require", "", `file of required edges, "cause,effect" a line`)
}
