package scan

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/causal-tool/causal/internal/pairio"
	"github.com/causal-tool/causal/internal/table"
	"github.com/causal-tool/causal/pairs"
)

// Export writes the pairs Run would score, cut to their rows, as a
// challenge pairs file and publicinfo file with SampleIDs p1, p2, ... in
// job order, and an index (SampleID,A,B) naming each pair's columns; it
// returns the skipped results (as Run reports them).
func Export(t *table.Table, jobs []Job, minRows int, pairsW, infoW, indexW io.Writer) ([]Result, error) {
	if minRows <= 0 {
		minRows = DefaultMinRows
	}
	pw := pairio.NewPairsWriter(pairsW)
	iw := csv.NewWriter(indexW)
	iw.Write([]string{"SampleID", "A", "B"})
	var info []pairs.Pair
	var skipped []Result
	for _, j := range jobs {
		ca, cb := t.Columns[j.A], t.Columns[j.B]
		p, reason := cut(t, j, minRows, nil)
		if reason != "" {
			skipped = append(skipped, Result{A: ca.Name, B: cb.Name, TypeA: ca.Type, TypeB: cb.Type, Rows: len(p.A), Skipped: reason})
			continue
		}
		p.ID = "p" + strconv.Itoa(len(info)+1)
		if err := pw.Write(p); err != nil {
			return nil, err
		}
		info = append(info, pairs.Pair{ID: p.ID, TypeA: p.TypeA, TypeB: p.TypeB})
		iw.Write([]string{p.ID, ca.Name, cb.Name})
	}
	if err := pw.Flush(); err != nil {
		return nil, err
	}
	iw.Flush()
	if err := iw.Error(); err != nil {
		return nil, err
	}
	return skipped, pairio.WritePublicInfo(infoW, info)
}
