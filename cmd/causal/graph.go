package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/graph"
	"github.com/causal-tool/causal/internal/prior"
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

func init() { register(newGraphCmd) }

// graphOptions are the flags of `causal graph`: the table flags of scan
// and the search's own.
type graphOptions struct {
	out, model, sep, na, types  string
	maxLevels, maxRows, minRows int
	asJSON                      bool
	stack                       stackOptions
	dotPath                     string
	prior                       prior.Spec
	alpha                       float64
	maxDepth                    int
	degree                      int
	cdegree                     int
	bins                        int
	collide                     bool
}

func newGraphCmd(g *globalOptions) *cobra.Command {
	o := &graphOptions{}
	cmd := &cobra.Command{
		Use:   "graph table.csv [-o edges.csv] [--dot graph.dot]",
		Short: "Learn a causal graph among a table's columns: direct edges only, oriented by the pair score",
		Long: `Learn a causal graph of a table's columns. Unlike scan, which scores every
pair, graph keeps only the edges that no other columns explain away: an
indirect relation (A -> B -> C) or a common cause (A <- B -> C) gives no
edge A - C.

1. Skeleton (PC-stable). Every column is put on a Gaussian scale: numbers
   by their normal scores z (ranks through the inverse normal CDF, so any
   monotone transformation gives the same graph), a Binary column as one
   0/1 indicator, a Categorical column with k levels as k-1 indicators (the
   labels' coding does not matter). A - B is removed when A and B test
   independent given some set of at most --max-depth neighbours: the
   Gaussian likelihood-ratio test between the columns' blocks, with
   Bartlett's correction, at level --alpha (default 1e-4). A tested number
   enters as z and z²-1 (--degree 2: U shapes; --degree 1 gives Fisher's z
   test of the partial rank correlation), a number conditioned on as z,
   z²-1, z³-3z and the indicators of 5 equally frequent bins (--cond-degree,
   --cond-bins), so that a nonlinear mechanism is conditioned away.
   Correlations are pairwise-complete: each pair of columns uses the rows
   where both are present; a test uses the fewest such rows among its
   columns.
2. Orientation. Each remaining edge is scored with the model, as scan
   would score the pair (only these pairs are scored), and directed by the
   score's sign, strongest |score| first; an edge that would close a
   directed cycle is turned round (oriented_by "acyclic"). A pair that
   cannot be scored stays undirected. Prior knowledge comes first: a pair
   that may not be joined either way (--forbid both ways, both exogenous,
   ...) gets no edge, a --require'd edge is kept whatever the tests say,
   and an edge with one allowed direction takes it (oriented_by "prior").
   The score stays the model's, so a negative score shows where the
   knowledge overruled it. --colliders first directs the unshielded
   colliders the tests found (a -> c <- b when c did not separate a and b;
   oriented_by "collider"); off by default, as it did not lower the SHD on
   the generated tables it was tried on (BENCHMARKS.md).

Output (-o, default stdout): one row per edge, strongest first:

  cause,effect,score,low,high,p_value,edge,oriented_by

score is the pair score of cause -> effect (positive when it agrees with
the direction), low/high its interval (empty: not computed), p_value the
largest p-value of the independence tests the edge survived, edge
"directed" or "undirected", oriented_by score, acyclic, prior, collider
or none.
--json writes the same as JSON; --dot also writes a Graphviz graph (edge
width by |score|, undirected edges dashed).

Limits: the test sees monotone relations between numbers and any relation
with a category; a U-shaped relation between two numbers can be missed.
Cells are assumed missing at random. Hidden common causes are not modelled
(two columns with a hidden common cause get an edge).

` + table.TypeRule,
		Example: "  causal graph table.csv -o edges.csv --dot graph.dot\n" +
			"  causal graph table.csv --alpha 0.001 --max-depth 2 --json > graph.json\n" +
			"  causal graph trial.csv --exogenous age,sex,treatment --order \"baseline_bp;bp_6m;bp_12m\" --id patient -o g.csv\n" +
			"  causal generate --table --columns 20 -o ex && causal graph ex_table.csv -o g.csv && causal evaluate g.csv --edges ex_edges.csv",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGraph(cmd, g, o, args[0])
		},
	}
	f := cmd.Flags()
	f.StringVarP(&o.out, "output", "o", "", "edges file (default stdout)")
	f.StringVar(&o.dotPath, "dot", "", "also write the graph in Graphviz DOT to this file")
	f.BoolVar(&o.asJSON, "json", false, "write JSON (settings, columns, edges) instead of CSV")
	f.Float64Var(&o.alpha, "alpha", graph.DefaultAlpha, "significance level of the independence tests (smaller: fewer edges)")
	f.IntVar(&o.maxDepth, "max-depth", graph.DefaultMaxDepth, "largest number of columns conditioned on in a test")
	f.IntVar(&o.degree, "degree", graph.DefaultDegree, "Hermite polynomials of a number's normal scores tested (1: the scores; 2: also z²-1, U shapes; 3: also z³-3z)")
	f.IntVar(&o.cdegree, "cond-degree", graph.DefaultCondDegree, "Hermite polynomials of a number's normal scores conditioned on (1 to 3)")
	f.BoolVar(&o.collide, "colliders", false, "before the scores, direct unshielded colliders a -> c <- b found by the tests (c did not separate a and b)")
	f.IntVar(&o.bins, "cond-bins", graph.DefaultCondBins, "also condition on a number through the indicators of this many equally frequent bins (1: none)")
	f.StringVar(&o.model, "model", "", "LightGBM text model scoring the edges' directions (default: the built-in model)")
	f.StringVar(&o.prior.Exogenous, "exogenous", "", "columns nothing causes (comma-separated)")
	f.StringVar(&o.prior.Order, "order", "", `tiers of columns, earliest first: "a,b;c;d" (a later tier cannot cause an earlier one)`)
	f.StringVar(&o.prior.TiersFile, "tiers", "", "file of tiers: one tier a line (comma-separated columns), earliest first")
	f.StringVar(&o.prior.ID, "id", "", "identifier columns, left out of the graph (comma-separated)")
	f.StringVar(&o.prior.ForbidFile, "forbid", "", `file of forbidden edges, "cause,effect" a line`)
	f.StringVar(&o.prior.RequireFile, "require", "", `file of required edges, "cause,effect" a line`)
	addStackFlags(f, &o.stack)
	f.StringVar(&o.sep, "sep", "", `field separator of delimited text: one character, or "tab" (default: detect)`)
	f.StringVar(&o.na, "na", strings.Join(table.DefaultNA, ","), "comma-separated spellings of a missing cell (the empty cell is always missing)")
	f.StringVar(&o.types, "types", "", `override column types: name=Numerical|Categorical|Binary,...`)
	f.IntVar(&o.maxLevels, "max-levels", table.DefaultMaxLevels, "integer columns with at most this many distinct values are Categorical")
	f.IntVar(&o.maxRows, "max-rows", 0, "use at most this many rows, drawn at random with --seed (0: all)")
	f.IntVar(&o.minRows, "min-rows", scan.DefaultMinRows, "leave an edge undirected when fewer rows have both columns present")
	return cmd
}

// check rejects out-of-range flags.
func (o *graphOptions) check() error {
	switch {
	case !(o.alpha > 0 && o.alpha < 1):
		return fmt.Errorf("--alpha must be in (0, 1), got %v", o.alpha)
	case o.maxDepth < 0:
		return fmt.Errorf("--max-depth must be >= 0, got %d", o.maxDepth)
	case o.bins < 1:
		return fmt.Errorf("--cond-bins must be at least 1, got %d", o.bins)
	case o.degree < 1 || o.degree > 3 || o.cdegree < 1 || o.cdegree > 3:
		return fmt.Errorf("--degree and --cond-degree must be 1, 2 or 3, got %d and %d", o.degree, o.cdegree)
	case o.minRows < 3:
		return fmt.Errorf("--min-rows must be at least 3, got %d", o.minRows)
	case o.maxRows < 0:
		return fmt.Errorf("--max-rows must be >= 0 (0: all rows), got %d", o.maxRows)
	case o.maxLevels < 2:
		return fmt.Errorf("--max-levels must be at least 2, got %d", o.maxLevels)
	}
	return nil
}

func runGraph(cmd *cobra.Command, g *globalOptions, o *graphOptions, path string) error {
	if err := o.check(); err != nil {
		return err
	}
	topt, err := scan.TableOptions(o.sep, o.na, o.types, "", o.maxLevels)
	if err != nil {
		return err
	}
	know, err := prior.Build(o.prior)
	if err != nil {
		return err
	}
	t, err := table.Read(path, topt)
	if err != nil {
		return err
	}
	t.Canonicalize()
	t.Subsample(o.maxRows, uint64(g.Seed))
	var names []string
	for _, c := range t.Columns {
		names = append(names, c.Name)
	}
	if err := know.Check(names); err != nil {
		return fmt.Errorf("%s: %w", t.File, err)
	}
	if err := scan.CheckUsable(t); err != nil {
		return err
	}
	gr, skipped, err := learnGraph(cmd.Context(), t, g.Cores, o, know)
	if err != nil {
		return err
	}
	var dotText []byte
	if o.dotPath != "" {
		if dotText, err = graph.DOT(gr); err != nil {
			return fmt.Errorf("--dot: %w", err)
		}
	}
	write := func(w io.Writer) error {
		if o.asJSON {
			return graph.WriteJSON(w, t.File, t.Rows, gr)
		}
		return graph.WriteCSV(w, gr)
	}
	if err := writeBoth(cmd, o.out, write, o.dotPath, dotText); err != nil {
		return err
	}
	scan.ReportSkipped(cmd.ErrOrStderr(), skipped)
	if !g.Quiet {
		directed := 0
		for _, e := range gr.Edges {
			if e.Directed {
				directed++
			}
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "graph: %d rows, %d columns (%d usable): %d tests at alpha %g, %d edges (%d directed)\n",
			t.Rows, len(t.Columns), len(gr.Columns), gr.Tests, gr.Alpha, len(gr.Edges), directed)
	}
	return nil
}

// learnGraph learns the skeleton, scores its edges with the model and
// orients them; it returns the pairs that could not be scored.
func learnGraph(ctx context.Context, t *table.Table, cores int, o *graphOptions, know *prior.Knowledge) (*graph.Graph, []scan.Result, error) {
	c := graph.Prior(know)
	depth := o.maxDepth
	if depth == 0 {
		depth = graph.MarginalOnly
	}
	sk, err := graph.Learn(t, graph.Options{Alpha: o.alpha, MaxDepth: depth, Degree: o.degree, CondDegree: o.cdegree, CondBins: o.bins, Workers: cores, Constraints: c, Omit: know.ID})
	if err != nil {
		return nil, nil, err
	}
	scores := make([]float64, len(sk.Links))
	jobs := make([]scan.Job, len(sk.Links))
	for i, l := range sk.Links {
		jobs[i] = scan.Job{A: l.A, B: l.B}
	}
	var skipped []scan.Result
	if len(jobs) > 0 {
		ps, err := newPairScorer(o.model, o.stack, cores)
		if err != nil {
			return nil, nil, err
		}
		s, err := scan.NewModelScorer(ps, cores)
		if err != nil {
			return nil, nil, err
		}
		results, err := scan.Run(ctx, t, jobs, s, scan.Options{MinRows: o.minRows, Batch: scan.Batch(t.Rows, cores)})
		if err != nil {
			return nil, nil, err
		}
		for i, r := range results {
			scores[i] = r.Score
			if r.Skipped != "" {
				scores[i] = math.NaN()
				skipped = append(skipped, r)
			}
		}
	}
	gr, err := graph.Orient(t, sk, scores, nil, nil, c, o.collide)
	return gr, skipped, err
}

// writeBoth writes the main output (a file or stdout) and, when dotPath
// is set, the DOT file: both or neither.
func writeBoth(cmd *cobra.Command, out string, fill func(io.Writer) error, dotPath string, dotText []byte) error {
	if dotPath == "" {
		return writeOutput(cmd, out, fill)
	}
	dotFile, err := stageFile(dotPath, func(w io.Writer) error {
		_, err := w.Write(append(dotText, '\n'))
		return err
	})
	if err != nil {
		return err
	}
	defer dotFile.Abort()
	if err := writeOutput(cmd, out, fill); err != nil {
		return err
	}
	return dotFile.Commit()
}
