package scan

import (
	"fmt"

	"github.com/causal-tool/causal/internal/prior"
	"github.com/causal-tool/causal/internal/table"
)

// TableConfig is how `causal scan` and `causal graph` read a user's
// table: the table flags, the rows kept and the prior knowledge.
type TableConfig struct {
	// Path is the table ("-" for stdin).
	Path string
	// Sep, NA, Types and Decimal are the table flags as typed (see
	// TableOptions); MaxLevels the largest number of integer levels of a
	// Categorical column.
	Sep, NA, Types, Decimal string
	MaxLevels               int
	// MaxRows keeps at most this many rows, drawn with Seed (0: all).
	MaxRows int
	Seed    uint64
	// Prior is the user's prior knowledge.
	Prior prior.Spec
}

// check rejects out-of-range table flags.
func (tc TableConfig) check() error {
	switch {
	case tc.MaxRows < 0:
		return fmt.Errorf("--max-rows must be >= 0 (0: all rows), got %d", tc.MaxRows)
	case tc.MaxLevels < 2:
		return fmt.Errorf("--max-levels must be at least 2, got %d", tc.MaxLevels)
	}
	return nil
}

// LoadTable reads the table, with its units canonicalized and at most
// MaxRows rows, and the prior knowledge, checked against its columns: the
// identifier columns are marked (not scored), and at least two columns
// must be usable.
func LoadTable(tc TableConfig) (*table.Table, *prior.Knowledge, error) {
	if err := tc.check(); err != nil {
		return nil, nil, err
	}
	know, err := prior.Build(tc.Prior)
	if err != nil {
		return nil, nil, err
	}
	topt, err := TableOptions(tc.Sep, tc.NA, tc.Types, tc.Decimal, tc.MaxLevels)
	if err != nil {
		return nil, nil, err
	}
	t, err := table.Read(tc.Path, topt)
	if err != nil {
		return nil, nil, err
	}
	t.Canonicalize()
	t.Subsample(tc.MaxRows, tc.Seed)
	var names []string
	for _, col := range t.Columns {
		names = append(names, col.Name)
	}
	if err := know.Check(names); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", t.File, err)
	}
	for _, col := range t.Columns {
		col.ID = know.ID[col.Name]
	}
	if err := CheckUsable(t); err != nil {
		return nil, nil, err
	}
	return t, know, nil
}
