package scan

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/causal-tool/causal/featurizers/direction"
	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/prior"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// ModelMethod is the --method name of the model's score.
const ModelMethod = "model"

// DefaultBootstrap is the default number of resamples each pair is
// rescored on: each costs about half a full scoring, and with 5 a 40-column,
// 200-row table (780 pairs) takes about 100 CPU seconds, under a minute on
// this 2-core machine (BENCHMARKS.md, "scan: bootstrap cost").
const DefaultBootstrap = 5

// Config is one `causal scan` as its flags describe it.
type Config struct {
	// TableConfig reads the table (Path "-" for stdin) and the prior
	// knowledge.
	TableConfig
	// Out is the scores file ("" or "-": Stdout).
	Out string
	// With and PairsFile choose the pairs; Shard is "i/n" or "".
	With, PairsFile, Shard string
	// MinRows skips pairs with fewer rows with both present.
	MinRows int
	// Threshold is the |score| above which a direction is named (NaN: 0.2
	// for the model, 0 for a classical method).
	Threshold float64
	// Bootstrap is the number of resamples per pair (0: none).
	Bootstrap int
	// Method is ModelMethod or a classical direction method's name.
	Method string
	// JSON writes the JSON report instead of CSV; PlotDir, if set,
	// receives the pictures; Export, if set, writes challenge files
	// instead of scoring.
	JSON            bool
	PlotDir, Export string
	Cores           int
	Quiet           bool
	ModelPath       string
	NewScorer       func() (*pairmodel.Scorer, error)
	Stdout, Stderr  io.Writer
	// Context, if not nil, stops the scan when it is done (nothing is
	// written).
	Context          context.Context
	Progress         func(total int) (tick, done func())
	modelDescription string
}

// Methods lists the --method names: the model, then the classical
// direction methods of `causal baseline`.
func Methods() []string { return append([]string{ModelMethod}, direction.AllNames()...) }

// check rejects out-of-range flags.
func (c *Config) check() error {
	switch {
	case c.MinRows < 3:
		return fmt.Errorf("--min-rows must be at least 3, got %d", c.MinRows)
	case c.Threshold < 0:
		return fmt.Errorf("--threshold must be >= 0, got %v", c.Threshold)
	case c.Bootstrap < 0:
		return fmt.Errorf("--bootstrap must be >= 0, got %d", c.Bootstrap)
	case !slices.Contains(Methods(), c.Method):
		return fmt.Errorf("--method %q: want one of %s", c.Method, strings.Join(Methods(), ", "))
	}
	if math.IsNaN(c.Threshold) {
		c.Threshold = 0.2
		if c.Method != ModelMethod {
			c.Threshold = 0
		}
	}
	return nil
}

// Execute runs one scan: read the table, choose and score the pairs, apply
// the prior knowledge and write the scores, the pictures and the skip
// report. Nothing is written when an input is bad.
func Execute(c Config) error {
	if err := c.check(); err != nil {
		return err
	}
	t, know, err := LoadTable(c.TableConfig)
	if err != nil {
		return err
	}
	jobs, shard, err := chooseJobs(c, t)
	if err != nil {
		return err
	}
	if c.Export != "" {
		return c.export(t, jobs)
	}
	reportTypes(c, t)
	s, err := c.scorer()
	if err != nil {
		return err
	}
	results, err := c.run(t, jobs, s)
	if err != nil {
		return err
	}
	scored, skipped := Split(results)
	Decide(scored, c.Threshold, know)
	return c.write(t, scored, skipped, shard)
}

// context returns c.Context, or the background context when it is nil.
func (c Config) context() context.Context {
	if c.Context == nil {
		return context.Background()
	}
	return c.Context
}

// run scores the jobs with a progress bar over all tasks.
func (c Config) run(t *table.Table, jobs []Job, s *ModelScorer) ([]Result, error) {
	opt := Options{MinRows: c.MinRows, Batch: Batch(t.Rows, c.Cores), Bootstrap: c.Bootstrap, Seed: c.Seed}
	if c.Progress != nil && !c.Quiet {
		tick, done := c.Progress(len(jobs) * (1 + c.Bootstrap))
		defer done()
		s.OnPair = tick
		opt.OnSkip = func() {
			for range 1 + c.Bootstrap {
				tick()
			}
		}
	}
	return Run(c.context(), t, jobs, s, opt)
}

// write writes the scores (CSV or JSON), the pictures and the report on
// stderr.
func (c Config) write(t *table.Table, scored, skipped []Result, shard *ShardInfo) error {
	write := func(w io.Writer) error {
		if c.JSON {
			rep := NewReport(t, scored, skipped, c.Method, c.Threshold, c.Bootstrap)
			rep.Shard = shard
			return WriteJSON(w, rep)
		}
		if shard != nil {
			if err := WriteShardLine(w, *shard); err != nil {
				return err
			}
		}
		return WriteCSV(w, scored, c.Method)
	}
	if err := writeTo(c.Out, c.Stdout, write); err != nil {
		return err
	}
	if c.PlotDir != "" {
		if err := WritePlots(c.PlotDir, usableNames(t), scored, c.plotTitle(t), c.Stderr); err != nil {
			return err
		}
	}
	ReportSkipped(c.Stderr, skipped)
	if !c.Quiet {
		fmt.Fprintf(c.Stderr, "scan: %d rows, %d columns (%d usable): %d pairs scored by %s, %d skipped\n",
			t.Rows, len(t.Columns), len(t.Usable()), len(scored), c.modelDescription, len(skipped))
	}
	return nil
}

func (c Config) plotTitle(t *table.Table) string {
	title := fmt.Sprintf("%s: %s score", t.File, c.Method)
	if c.Bootstrap > 0 {
		title += fmt.Sprintf(", %d resamples", c.Bootstrap)
	}
	return title
}

func usableNames(t *table.Table) []string {
	var names []string
	for _, i := range t.Usable() {
		names = append(names, t.Columns[i].Name)
	}
	return names
}

// writeTo writes through fill to path, atomically, or to stdout when path
// is "" or "-".
func writeTo(path string, stdout io.Writer, fill func(io.Writer) error) error {
	if path == "" || path == "-" {
		return fill(stdout)
	}
	return atomicfile.WriteFile(path, fill)
}

// reportTypes prints each column's inferred type on stderr (unless quiet).
func reportTypes(c Config, t *table.Table) {
	if c.Quiet {
		return
	}
	var parts []string
	for _, col := range t.Columns {
		s := col.Name + "=" + col.Type.String()
		if p := col.Problem(); p != "" {
			s += " (skipped: " + p + ")"
		}
		parts = append(parts, s)
	}
	fmt.Fprintf(c.Stderr, "scan: column types: %s\n", strings.Join(parts, ", "))
}

// chooseJobs chooses the pairs to score: --pairs, --with or all, then the
// --shard, with the shard's metadata (nil without --shard).
func chooseJobs(c Config, t *table.Table) ([]Job, *ShardInfo, error) {
	var jobs []Job
	var err error
	switch {
	case c.PairsFile != "" && c.With != "":
		return nil, nil, fmt.Errorf("--pairs and --with cannot be used together")
	case c.PairsFile != "":
		jobs, err = ReadPairs(c.PairsFile, t)
	case c.With != "":
		var names []string
		if names, err = prior.SplitNames("--with", c.With); err == nil {
			jobs, err = WithPairs(t, names)
		}
	default:
		jobs = AllPairs(t)
	}
	if err != nil {
		return nil, nil, err
	}
	k, n, err := ParseShard(c.Shard)
	if err != nil {
		return nil, nil, err
	}
	var info *ShardInfo
	if c.Shard != "" {
		settings := fmt.Sprintf("model=%s method=%s min-rows=%d threshold=%g bootstrap=%d seed=%d prior=%+v",
			c.ModelPath, c.Method, c.MinRows, c.Threshold, c.Bootstrap, c.Seed, c.Prior)
		si := NewShardInfo(t, jobs, settings, k, n)
		info = &si
	}
	return Shard(jobs, k, n), info, nil
}

// scorer returns the scorer of --method: the model's features and scores
// (those of causal predict) or one classical direction score.
func (c *Config) scorer() (*ModelScorer, error) {
	if c.Method != ModelMethod {
		c.modelDescription = "the classical method " + c.Method
		return MethodScorer(c.Method, c.Cores)
	}
	c.modelDescription = "the embedded default model"
	if c.ModelPath != "" {
		c.modelDescription = "model " + c.ModelPath
	}
	s, err := c.NewScorer()
	if err != nil {
		return nil, err
	}
	return NewModelScorer(s, c.Cores)
}

// NewModelScorer returns the scorer of a loaded model for scan: the
// features and scores of causal predict, featurized with the per-column
// caches.
func NewModelScorer(s *pairmodel.Scorer, cores int) (*ModelScorer, error) {
	l, err := s.Layout()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", s.Name, err)
	}
	return &ModelScorer{Layout: l, Workers: cores, ScoreRows: s.ScoreRows}, nil
}

// batchPoints bounds the values of the pairs cut and featurized together
// (2^22 rows: 64 MB of pair data).
const batchPoints = 1 << 22

// Batch is the number of pairs of a batch: predict's batch per core,
// fewer for long tables so that the pairs in flight stay within
// batchPoints rows, and at least one per core.
func Batch(rows, cores int) int {
	return max(cores, min(pairmodel.ScoreBatch*cores, batchPoints/max(rows, 1)))
}

// CheckUsable fails when fewer than two columns can be scored, naming the
// columns' problems.
func CheckUsable(t *table.Table) error {
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

// ReportSkipped prints the skipped pairs on w, one line per reason: a
// column's problem is reported once with the number of its pairs.
func ReportSkipped(w io.Writer, skipped []Result) {
	var order []string
	byReason := map[string][]Result{}
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

// export writes the pairs of --export, all three files or none.
func (c Config) export(t *table.Table, jobs []Job) error {
	if err := c.context().Err(); err != nil {
		return err
	}
	n, skipped, err := Export(t, jobs, c.MinRows, c.Export)
	if err != nil {
		return fmt.Errorf("--export: %w", err)
	}
	ReportSkipped(c.Stderr, skipped)
	if !c.Quiet {
		fmt.Fprintf(c.Stderr, "scan: exported %d pairs (%d skipped): %s_pairs.csv, %s_publicinfo.csv, %s%s\n",
			n, len(skipped), c.Export, c.Export, c.Export, IndexSuffix)
	}
	return nil
}

// typesUsage is the --types syntax, for errors.
const typesUsage = "want name=Numerical|Categorical|Binary"

// TableOptions turns the table flags into table.Options: sep is one
// character or "tab" ("": detect), na comma-separated missing spellings,
// types "name=Type,..." overrides, decimal "." or ",".
func TableOptions(sep, na, types, decimal string, maxLevels int) (table.Options, error) {
	opt := table.Options{MaxLevels: maxLevels, NA: []string{}}
	switch {
	case sep == "":
	case strings.EqualFold(sep, "tab") || sep == `\t`:
		opt.Sep = '\t'
	case len([]rune(sep)) == 1 && sep != `"` && sep != "\n" && sep != "\r":
		opt.Sep = []rune(sep)[0]
	default:
		return opt, fmt.Errorf("--sep %q: want one character or \"tab\"", sep)
	}
	switch decimal {
	case "", ".":
	case ",":
		opt.Decimal = ','
	default:
		return opt, fmt.Errorf("--decimal %q: want . or ,", decimal)
	}
	for _, s := range strings.Split(na, ",") {
		if s = strings.TrimSpace(s); s != "" {
			opt.NA = append(opt.NA, s)
		}
	}
	if types == "" {
		return opt, nil
	}
	opt.Types = map[string]pairs.VarType{}
	kvs, err := prior.SplitNames("--types", types)
	if err != nil {
		return opt, err
	}
	for _, kv := range kvs {
		i := strings.LastIndex(kv, "=")
		if i < 0 {
			return opt, fmt.Errorf("--types %q: %s", kv, typesUsage)
		}
		t, err := pairs.ParseVarType(kv[i+1:])
		if err != nil {
			return opt, fmt.Errorf("--types %q: %s", kv, typesUsage)
		}
		opt.Types[strings.TrimSpace(kv[:i])] = t
	}
	return opt, nil
}
