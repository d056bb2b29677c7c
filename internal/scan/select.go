// Package scan scores every pair of columns of a table with a cause-effect
// model: it chooses the pairs (all, those with given columns, or a list),
// cuts each into the rows where both columns are present, skips (with a
// reason) the pairs that cannot be scored, scores the rest through a
// Scorer and sorts and writes the results.
package scan

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/causal-tool/causal/internal/atomicfile"
	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/internal/table"
)

// Job is one pair of columns to score, by column index: A is scored as the
// cause candidate (a positive score means A -> B).
type Job struct{ A, B int }

// AllPairs returns every unordered pair of columns, each once with A
// before B in table order.
func AllPairs(t *table.Table) []Job {
	var jobs []Job
	for a := range t.Columns {
		for b := a + 1; b < len(t.Columns); b++ {
			jobs = append(jobs, Job{a, b})
		}
	}
	return jobs
}

// WithPairs returns the pairs of each named column with every other column
// (the named column as A; a pair of two named columns once, in table
// order).
func WithPairs(t *table.Table, names []string) ([]Job, error) {
	with := make([]bool, len(t.Columns))
	for _, n := range names {
		i := t.Index(n)
		if i < 0 {
			return nil, &table.Error{File: t.File, Column: n, Msg: "--with names a column the table does not have"}
		}
		with[i] = true
	}
	var jobs []Job
	for a := range t.Columns {
		if !with[a] {
			continue
		}
		for b := range t.Columns {
			if b != a && (!with[b] || b > a) {
				jobs = append(jobs, Job{a, b})
			}
		}
	}
	return jobs, nil
}

// ReadPairs reads a list of column-name pairs: CSV, two names a line, in
// the order given (A first). A first line "A,B" naming no columns is a
// header. Unknown names, a column paired with itself and a pair listed
// twice are errors naming the line.
func ReadPairs(path string, t *table.Table) ([]Job, error) {
	f, err := atomicfile.OpenInput(path)
	if err != nil {
		return nil, fmt.Errorf("--pairs: %w", err)
	}
	defer f.Close()
	return parsePairs(path, f, t)
}

func parsePairs(name string, r io.Reader, t *table.Table) ([]Job, error) {
	cr := csv.NewReader(linecap.NewBuffered(r, linecap.Header, linecap.Line, true))
	cr.FieldsPerRecord = -1
	seen := map[[2]int]int{}
	var jobs []Job
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &table.Error{File: name, Line: pe.Line, Msg: pe.Err.Error()}
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if len(rec) != 2 {
			return nil, &table.Error{File: name, Line: line, Msg: fmt.Sprintf("%d fields, want two column names", len(rec))}
		}
		a, b := t.Index(strings.TrimSpace(rec[0])), t.Index(strings.TrimSpace(rec[1]))
		if len(jobs) == 0 && len(seen) == 0 && a < 0 && b < 0 && strings.EqualFold(rec[0], "A") && strings.EqualFold(rec[1], "B") {
			continue
		}
		for k, i := range []int{a, b} {
			if i < 0 {
				return nil, &table.Error{File: name, Line: line, Column: strings.TrimSpace(rec[k]), Msg: "not a column of " + t.File}
			}
		}
		if a == b {
			return nil, &table.Error{File: name, Line: line, Column: t.Columns[a].Name, Msg: "a column paired with itself"}
		}
		key := [2]int{min(a, b), max(a, b)}
		if prev, dup := seen[key]; dup {
			return nil, &table.Error{File: name, Line: line, Msg: fmt.Sprintf("pair %s,%s already listed on line %d", rec[0], rec[1], prev)}
		}
		seen[key] = line
		jobs = append(jobs, Job{a, b})
	}
	if len(jobs) == 0 {
		return nil, &table.Error{File: name, Msg: "no pairs listed"}
	}
	return jobs, nil
}

// Shard keeps the jobs whose index i satisfies i % n == k.
func Shard(jobs []Job, k, n int) []Job {
	if n <= 1 {
		return jobs
	}
	var out []Job
	for i, j := range jobs {
		if i%n == k {
			out = append(out, j)
		}
	}
	return out
}

// ParseShard parses "i/n" ("" means the whole input: 0/1).
func ParseShard(s string) (int, int, error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return 0, 0, fmt.Errorf("--shard %q: want i/n with 0 <= i < n", s)
	}
	return i, n, nil
}
