package main

import (
	"github.com/spf13/cobra"

	"github.com/causal-tool/causal/internal/graph"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

func init() { register(newGraphCmd) }

func newGraphCmd(g *globalOptions) *cobra.Command {
	c := graph.Config{}
	var so stackOptions
	var model string
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
			c.Path, c.Seed, c.Cores, c.Quiet = args[0], uint64(g.Seed), g.Cores, g.Quiet
			c.Stdout, c.Stderr, c.Context = cmd.OutOrStdout(), cmd.ErrOrStderr(), cmd.Context()
			c.NewScorer = func() (*pairmodel.Scorer, error) { return newPairScorer(model, so, c.Cores) }
			return graph.Execute(c)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&c.Out, "output", "o", "", "edges file (default stdout)")
	f.StringVar(&c.DotPath, "dot", "", "also write the graph in Graphviz DOT to this file")
	f.BoolVar(&c.JSON, "json", false, "write JSON (settings, columns, edges) instead of CSV")
	f.Float64Var(&c.Alpha, "alpha", graph.DefaultAlpha, "significance level of the independence tests (smaller: fewer edges)")
	f.IntVar(&c.MaxDepth, "max-depth", graph.DefaultMaxDepth, "largest number of columns conditioned on in a test")
	f.IntVar(&c.Degree, "degree", graph.DefaultDegree, "Hermite polynomials of a number's normal scores tested (1: the scores; 2: also z²-1, U shapes; 3: also z³-3z)")
	f.IntVar(&c.CondDegree, "cond-degree", graph.DefaultCondDegree, "Hermite polynomials of a number's normal scores conditioned on (1 to 3)")
	f.BoolVar(&c.Colliders, "colliders", false, "before the scores, direct unshielded colliders a -> c <- b found by the tests (c did not separate a and b)")
	f.IntVar(&c.CondBins, "cond-bins", graph.DefaultCondBins, "also condition on a number through the indicators of this many equally frequent bins (1: none)")
	f.StringVar(&model, "model", "", "LightGBM text model scoring the edges' directions (default: the built-in model)")
	addReadTableFlags(f, &c.TableConfig, "left out of the graph")
	addStackFlags(f, &so)
	f.IntVar(&c.MinRows, "min-rows", scan.DefaultMinRows, "leave an edge undirected when fewer rows have both columns present")
	return cmd
}
