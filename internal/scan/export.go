package scan

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// IndexSuffix names the file of an export that maps each SampleID to its
// columns (SampleID,A,B).
const IndexSuffix = "_index.csv"

// Export writes the pairs Run would score, cut to their rows, as the
// challenge file set PREFIX_pairs.csv and PREFIX_publicinfo.csv with
// SampleIDs p1, p2, ... in job order, and PREFIX_index.csv (SampleID,A,B)
// naming each pair's columns, all three or none (pairio.CreateSet). It
// returns the number of pairs written and the skipped results (as Run
// reports them).
func Export(t *table.Table, jobs []Job, minRows int, prefix string) (int, []Result, error) {
	if minRows <= 0 {
		minRows = DefaultMinRows
	}
	w, err := pairio.CreateSet(prefix, pairio.SetOptions{})
	if err != nil {
		return 0, nil, err
	}
	defer w.Abort()
	var index [][]string
	var skipped []Result
	for _, j := range jobs {
		ca, cb := t.Columns[j.A], t.Columns[j.B]
		p, reason := cut(t, j, minRows, nil)
		if reason != "" {
			skipped = append(skipped, Result{A: ca.Name, B: cb.Name, TypeA: ca.Type, TypeB: cb.Type, Rows: len(p.A), Skipped: reason})
			continue
		}
		p.ID = "p" + strconv.Itoa(w.Len()+1)
		if err := w.Write(p, pairs.Target{}, pairs.Meta{}); err != nil {
			return 0, nil, err
		}
		index = append(index, []string{p.ID, ca.Name, cb.Name})
	}
	err = w.Table(IndexSuffix, func(iw io.Writer) error {
		cw := csv.NewWriter(iw)
		cw.Write([]string{"SampleID", "A", "B"})
		cw.WriteAll(index)
		return cw.Error()
	})
	if err != nil {
		return 0, nil, err
	}
	n := w.Len()
	if err := w.Commit(); err != nil {
		return 0, nil, err
	}
	return n, skipped, nil
}
