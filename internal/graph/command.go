package graph

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/pairmodel"
	"github.com/causal-tool/causal/internal/prior"
	"github.com/causal-tool/causal/internal/scan"
	"github.com/causal-tool/causal/internal/table"
)

// Config is one `causal graph` as its flags describe it.
type Config struct {
	// TableConfig reads the table and the prior knowledge (as scan does).
	scan.TableConfig
	// Out is the edges file ("" or "-": Stdout); DotPath, if set, also
	// receives the graph in DOT; JSON writes JSON instead of CSV.
	Out, DotPath string
	JSON         bool
	// Alpha, MaxDepth (0: marginal tests only), Degree, CondDegree and
	// CondBins are the search's settings (see Options).
	Alpha                                  float64
	MaxDepth, Degree, CondDegree, CondBins int
	// Colliders directs unshielded colliders before the scores.
	Colliders bool
	// MinRows leaves an edge undirected when fewer rows have both columns
	// present.
	MinRows int
	Cores   int
	Quiet   bool
	// NewScorer loads the model that scores the edges' directions.
	NewScorer      func() (*pairmodel.Scorer, error)
	Stdout, Stderr io.Writer
	// Context, if not nil, stops the command when it is done (nothing is
	// written).
	Context context.Context
}

// check rejects out-of-range flags.
func (c Config) check() error {
	switch {
	case !(c.Alpha > 0 && c.Alpha < 1):
		return fmt.Errorf("--alpha must be in (0, 1), got %v", c.Alpha)
	case c.MaxDepth < 0:
		return fmt.Errorf("--max-depth must be >= 0, got %d", c.MaxDepth)
	case c.CondBins < 1:
		return fmt.Errorf("--cond-bins must be at least 1, got %d", c.CondBins)
	case c.Degree < 1 || c.Degree > 3 || c.CondDegree < 1 || c.CondDegree > 3:
		return fmt.Errorf("--degree and --cond-degree must be 1, 2 or 3, got %d and %d", c.Degree, c.CondDegree)
	case c.MinRows < 3:
		return fmt.Errorf("--min-rows must be at least 3, got %d", c.MinRows)
	}
	return nil
}

// Execute runs one `causal graph`: read the table, learn the skeleton,
// score its edges with the model, orient them and write the edges (and
// the DOT file), all or nothing, with the skip report on Stderr.
func Execute(c Config) error {
	if err := c.check(); err != nil {
		return err
	}
	t, know, err := scan.LoadTable(c.TableConfig)
	if err != nil {
		return err
	}
	ctx := c.Context
	if ctx == nil {
		ctx = context.Background()
	}
	gr, skipped, err := c.learn(ctx, t, know)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := c.write(t, gr); err != nil {
		return err
	}
	scan.ReportSkipped(c.Stderr, skipped)
	if !c.Quiet {
		directed := 0
		for _, e := range gr.Edges {
			if e.Directed {
				directed++
			}
		}
		fmt.Fprintf(c.Stderr, "graph: %d rows, %d columns (%d usable): %d tests at alpha %g, %d edges (%d directed)\n",
			t.Rows, len(t.Columns), len(gr.Columns), gr.Tests, gr.Alpha, len(gr.Edges), directed)
	}
	return nil
}

// learn learns the skeleton, scores its edges with the model and orients
// them; it returns the pairs that could not be scored.
func (c Config) learn(ctx context.Context, t *table.Table, know *prior.Knowledge) (*Graph, []scan.Result, error) {
	cons := Prior(know)
	depth := c.MaxDepth
	if depth == 0 {
		depth = MarginalOnly
	}
	sk, err := Learn(t, Options{Alpha: c.Alpha, MaxDepth: depth, Degree: c.Degree, CondDegree: c.CondDegree,
		CondBins: c.CondBins, Workers: c.Cores, Constraints: cons, Omit: know.ID, Context: ctx})
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
		ps, err := c.NewScorer()
		if err != nil {
			return nil, nil, err
		}
		s, err := scan.NewModelScorer(ps, c.Cores)
		if err != nil {
			return nil, nil, err
		}
		results, err := scan.Run(ctx, t, jobs, s, scan.Options{MinRows: c.MinRows, Batch: scan.Batch(t.Rows, c.Cores)})
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
	gr, err := Orient(t, sk, scores, nil, nil, cons, c.Colliders)
	return gr, skipped, err
}

// write writes the edges (CSV or JSON, to Out or Stdout) and, with
// DotPath, the DOT file: both or neither.
func (c Config) write(t *table.Table, gr *Graph) error {
	fill := func(w io.Writer) error {
		if c.JSON {
			return WriteJSON(w, t.File, t.Rows, gr)
		}
		return WriteCSV(w, gr)
	}
	var dotFile *atomicfile.File
	if c.DotPath != "" {
		text, err := DOT(gr)
		if err != nil {
			return fmt.Errorf("--dot: %w", err)
		}
		if dotFile, err = atomicfile.Create(c.DotPath); err != nil {
			return err
		}
		defer dotFile.Abort()
		if _, err := dotFile.Write(append(text, '\n')); err != nil {
			return fmt.Errorf("write %s: %w", c.DotPath, err)
		}
	}
	if c.Out == "" || c.Out == "-" {
		if err := fill(c.Stdout); err != nil {
			return err
		}
	} else if err := atomicfile.WriteFile(c.Out, fill); err != nil {
		return err
	}
	if dotFile == nil {
		return nil
	}
	return dotFile.Commit()
}
