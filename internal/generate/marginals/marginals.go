// Package marginals holds a library of real variables' recorded values: the
// empirical marginals the semireal simulator draws its causes and hidden
// confounders from, so that generated pairs carry real-world shapes (ties,
// integer recording, skew, bounds, outliers, mixtures).
//
// The library is library.tsv.gz, made by scripts/extract-marginals.py from
// data sets shipped in Debian packages whose licences allow redistribution;
// SOURCES.md beside it lists each data set with its package, licence and
// number of variables, the selection rules and the data sets excluded (those
// any Tübingen pair is drawn from, and any in doubt). It is embedded in the
// binary and parsed once, on first use.
package marginals

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// DiscreteLevels is the largest number of distinct values a variable may
// have and still count as discrete.
const DiscreteLevels = 20

//go:embed library.tsv.gz
var libraryGz []byte

// Variable is one real variable: its values as recorded, in the order the
// extraction script wrote them (a seeded subsample when the source had more
// than the script's cap).
type Variable struct {
	// DataSet names the source data set, e.g. "MASS/birthwt".
	DataSet string
	// Name is the variable's column name in the data set.
	Name string
	// Values are the recorded values; shared, callers must not modify them.
	Values []float64
	// Integer reports whether every value is a whole number.
	Integer bool
	// Distinct is the number of distinct values.
	Distinct int
}

// ID returns "DataSet:Name", unique in the library.
func (v *Variable) ID() string { return v.DataSet + ":" + v.Name }

// Discrete reports whether the variable has at most DiscreteLevels
// distinct values.
func (v *Variable) Discrete() bool { return v.Distinct <= DiscreteLevels }

var (
	loadOnce sync.Once
	library  []Variable
	loadErr  error
)

// Library returns the embedded variables in file order (grouped by data
// set). It is parsed on the first call; the slice is shared and read-only.
func Library() ([]Variable, error) {
	loadOnce.Do(func() { library, loadErr = parse(libraryGz) })
	return library, loadErr
}

// parse reads the gzipped library: one variable per line, tab-separated
// data set, name and comma-separated values.
func parse(gz []byte) ([]Variable, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, fmt.Errorf("marginals library: %w", err)
	}
	defer zr.Close()
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<24)
	var out []Variable
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		v, err := parseLine(sc.Text())
		if err != nil {
			return nil, fmt.Errorf("marginals library, line %d: %w", line, err)
		}
		if seen[v.ID()] {
			return nil, fmt.Errorf("marginals library, line %d: variable %s listed twice", line, v.ID())
		}
		seen[v.ID()] = true
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("marginals library: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("marginals library: no variables")
	}
	return out, nil
}

// parseLine parses "dataset<TAB>name<TAB>v1,v2,...".
func parseLine(s string) (Variable, error) {
	f := strings.Split(s, "\t")
	if len(f) != 3 || f[0] == "" || f[1] == "" {
		return Variable{}, fmt.Errorf("want 3 tab-separated fields (data set, name, values), got %d", len(f))
	}
	v := Variable{DataSet: f[0], Name: f[1], Integer: true}
	fields := strings.Split(f[2], ",")
	v.Values = make([]float64, len(fields))
	distinct := map[float64]bool{}
	for i, t := range fields {
		x, err := strconv.ParseFloat(t, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			return Variable{}, fmt.Errorf("%s:%s value %d: %q is not a finite number", f[0], f[1], i+1, t)
		}
		v.Values[i] = x
		v.Integer = v.Integer && x == math.Trunc(x)
		distinct[x] = true
	}
	v.Distinct = len(distinct)
	return v, nil
}

// DataSets returns the distinct data set names of vars in first-seen order.
func DataSets(vars []Variable) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vars {
		if !seen[v.DataSet] {
			seen[v.DataSet] = true
			out = append(out, v.DataSet)
		}
	}
	return out
}
