package prior

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// Spec is prior knowledge as the user writes it on the command line.
type Spec struct {
	// Exogenous and ID are comma-separated column names (CSV quoting for
	// names with commas).
	Exogenous, ID string
	// Order lists tiers separated by ';', each a comma-separated list of
	// names: "a,b;c;d" puts a and b before c, and c before d.
	Order string
	// TiersFile holds one tier a line, earliest first, in the same form.
	TiersFile string
	// ForbidFile and RequireFile list edges, "cause,effect" a line.
	ForbidFile, RequireFile string
}

// Build reads the knowledge of a Spec. Only one of Order and TiersFile
// may be set; a column in two tiers, or listed twice, is an error.
func Build(s Spec) (*Knowledge, error) {
	k := &Knowledge{}
	var err error
	if k.Exogenous, err = nameSet("--exogenous", s.Exogenous); err != nil {
		return nil, err
	}
	if k.ID, err = nameSet("--id", s.ID); err != nil {
		return nil, err
	}
	switch {
	case s.Order != "" && s.TiersFile != "":
		return nil, errors.New("--order and --tiers cannot be used together")
	case s.Order != "":
		k.Tier, err = parseTiers("--order", strings.NewReader(strings.ReplaceAll(s.Order, ";", "\n")))
	case s.TiersFile != "":
		k.Tier, err = readFile(s.TiersFile, parseTiers)
	}
	if err != nil {
		return nil, err
	}
	if s.ForbidFile != "" {
		if k.Forbidden, err = readFile(s.ForbidFile, parseEdges); err != nil {
			return nil, err
		}
	}
	if s.RequireFile != "" {
		if k.Required, err = readFile(s.RequireFile, parseEdges); err != nil {
			return nil, err
		}
	}
	return k, nil
}

func readFile[T any](path string, parse func(string, io.Reader) (T, error)) (T, error) {
	f, err := os.Open(path)
	if err != nil {
		var zero T
		return zero, err
	}
	defer f.Close()
	return parse(path, f)
}

// SplitNames splits a comma-separated list of names with CSV quoting, so
// that "a,b" and '"name, with comma",b' both work; spaces around names are
// dropped.
func SplitNames(flag, s string) ([]string, error) {
	r := csv.NewReader(strings.NewReader(s))
	r.TrimLeadingSpace = true
	rec, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s %q: %w", flag, s, err)
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
		if rec[i] == "" {
			return nil, fmt.Errorf("%s %q: empty column name", flag, s)
		}
	}
	return rec, nil
}

func nameSet(flag, s string) (map[string]bool, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	names, err := SplitNames(flag, s)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	for _, n := range names {
		out[n] = true
	}
	return out, nil
}

// records reads the non-empty CSV records of r, skipping lines that start
// with '#', with their line numbers; fields are trimmed.
func records(name string, r io.Reader) ([][]string, []int, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	var recs [][]string
	var lines []int
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return recs, lines, nil
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, fmt.Errorf("%s:%d: %w", name, pe.Line, pe.Err)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		recs = append(recs, rec)
		lines = append(lines, line)
	}
}

// parseTiers reads tiers, one a line, earliest first.
func parseTiers(name string, r io.Reader) (map[string]int, error) {
	recs, lines, err := records(name, r)
	if err != nil {
		return nil, err
	}
	tier := map[string]int{}
	for t, rec := range recs {
		for _, n := range rec {
			if n == "" {
				return nil, fmt.Errorf("%s: tier %d (line %d): empty column name", name, t+1, lines[t])
			}
			if prev, dup := tier[n]; dup {
				return nil, fmt.Errorf("%s: column %q is in tier %d and tier %d", name, n, prev+1, t+1)
			}
			tier[n] = t
		}
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: %d tier(s); tiers order columns, give at least two", name, len(recs))
	}
	return tier, nil
}

// parseEdges reads an edge list, "cause,effect" a line; a first line
// cause,effect (or from,to) is a header.
func parseEdges(name string, r io.Reader) (map[Edge]bool, error) {
	recs, lines, err := records(name, r)
	if err != nil {
		return nil, err
	}
	out := map[Edge]bool{}
	for i, rec := range recs {
		if len(rec) != 2 || rec[0] == "" || rec[1] == "" {
			return nil, fmt.Errorf("%s:%d: want two column names, cause,effect", name, lines[i])
		}
		if i == 0 && isHeader(rec) {
			continue
		}
		if rec[0] == rec[1] {
			return nil, fmt.Errorf("%s:%d: edge from %q to itself", name, lines[i], rec[0])
		}
		out[Edge{rec[0], rec[1]}] = true
	}
	return out, nil
}

func isHeader(rec []string) bool {
	a, b := strings.ToLower(rec[0]), strings.ToLower(rec[1])
	return a == "cause" && b == "effect" || a == "from" && b == "to"
}
