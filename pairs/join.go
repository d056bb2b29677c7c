package pairs

import (
	"errors"
	"fmt"
	"strings"
)

// JoinTargets matches rows to targets by SampleID, one to one: it returns,
// for the i-th row ID, the index in targets of its target. It fails on an
// ID that appears twice among the rows or the targets, and on rows without
// a target or targets without a row, listing a few of each. row names a row
// in the messages (e.g. "feature row", "prediction").
func JoinTargets(ids []string, targets []Target, row string) ([]int, error) {
	byID := make(map[string]int, len(targets))
	for i, t := range targets {
		if _, dup := byID[t.ID]; dup {
			return nil, fmt.Errorf("SampleID %q appears twice in the targets", t.ID)
		}
		byID[t.ID] = i
	}
	out := make([]int, len(ids))
	seen := make(map[string]bool, len(ids))
	var noTarget []string
	for i, id := range ids {
		if seen[id] {
			return nil, fmt.Errorf("SampleID %q appears twice among the %ss", id, row)
		}
		seen[id] = true
		j, ok := byID[id]
		if !ok {
			noTarget = append(noTarget, id)
			j = -1
		}
		out[i] = j
	}
	var noRow []string
	for _, t := range targets {
		if !seen[t.ID] {
			noRow = append(noRow, t.ID)
		}
	}
	var msgs []string
	if len(noTarget) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d %ss have no target (%s)", len(noTarget), row, FewIDs(noTarget)))
	}
	if len(noRow) > 0 {
		msgs = append(msgs, fmt.Sprintf("%d targets have no %s (%s)", len(noRow), row, FewIDs(noRow)))
	}
	if len(msgs) > 0 {
		return nil, errors.New("SampleIDs do not match: " + strings.Join(msgs, "; "))
	}
	return out, nil
}

// FewIDs lists up to five IDs (or names) for a message, with ", ..." when
// there are more.
func FewIDs(ids []string) string {
	if len(ids) > 5 {
		return strings.Join(ids[:5], ", ") + ", ..."
	}
	return strings.Join(ids, ", ")
}
