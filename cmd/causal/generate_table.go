package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/causal-tool/causal/internal/generate"
	"github.com/causal-tool/causal/internal/pairio"
)

// tableFlags are the flags of `causal generate --table`.
type tableFlags struct {
	on  bool
	cfg generate.TableConfig
}

// addTableFlags registers the --table flags of generate.
func addTableFlags(fl *pflag.FlagSet, t *tableFlags) {
	t.cfg = generate.DefaultTableConfig()
	fl.BoolVar(&t.on, "table", false, "write a table PREFIX_table.csv drawn from a random DAG, and its true edges PREFIX_edges.csv (for causal scan)")
	fl.IntVar(&t.cfg.Columns, "columns", t.cfg.Columns, "--table: number of columns")
	fl.IntVar(&t.cfg.Rows, "rows", t.cfg.Rows, "--table: number of rows")
	fl.IntVar(&t.cfg.MaxParents, "max-parents", t.cfg.MaxParents, "--table: most direct causes of a column")
	fl.Float64Var(&t.cfg.MaxMissing, "max-missing", t.cfg.MaxMissing, "--table: largest fraction of missing cells of a column")
}

// tableOnly lists the flags that apply only to --table; pairOnly those
// that do not apply to it.
var (
	tableOnly = []string{"columns", "rows", "max-parents", "max-missing"}
	pairOnly  = []string{"n", "start", "id-prefix", "min-points", "max-points", "class-weights", "meta", "simulator", "type-mix"}
)

// checkTableFlags refuses the flags that do not apply with or without
// --table.
func checkTableFlags(cmd *cobra.Command, t *tableFlags) error {
	bad, why := pairOnly, "does not apply to --table"
	if !t.on {
		bad, why = tableOnly, "needs --table"
	}
	for _, name := range bad {
		if cmd.Flags().Changed(name) {
			return fmt.Errorf("generate: --%s %s", name, why)
		}
	}
	return nil
}

// runGenerateTable writes PREFIX_table.csv and PREFIX_edges.csv, both or
// neither.
func runGenerateTable(cmd *cobra.Command, g *globalOptions, f *generateFlags) error {
	if f.out == "" {
		return fmt.Errorf("generate: -o PREFIX is required")
	}
	base, err := f.config(g.Seed)
	if err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	tc := f.table.cfg
	tc.Base = base
	tb, err := generate.GenerateTable(tc)
	if err != nil {
		return fmt.Errorf("generate --table: %w", err)
	}
	if err := writeTableFiles(f.out, tb); err != nil {
		return err
	}
	if !g.Quiet {
		fmt.Fprintf(cmd.ErrOrStderr(), "generated a %d x %d table with %d true edges: %s_table.csv, %s_edges.csv\n",
			tc.Rows, tc.Columns, len(tb.Edges), f.out, f.out)
	}
	return nil
}

// writeTableFiles writes PREFIX_table.csv and PREFIX_edges.csv, both or
// neither (a file set of pairio's one writer).
func writeTableFiles(prefix string, tb *generate.Table) error {
	w, err := pairio.CreateSet(prefix, pairio.SetOptions{NoPairs: true})
	if err != nil {
		return err
	}
	defer w.Abort()
	for _, t := range []struct {
		suffix string
		write  func(io.Writer) error
	}{{"_table.csv", tb.WriteCSV}, {"_edges.csv", tb.WriteEdges}} {
		err := w.Table(t.suffix, func(fw io.Writer) error {
			if err := t.write(fw); err != nil {
				return fmt.Errorf("write %s%s: %w", prefix, t.suffix, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return w.Commit()
}
