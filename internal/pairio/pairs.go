package pairio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/causal-tool/causal/internal/linecap"
	"github.com/causal-tool/causal/pairs"
)

// MinPoints is the smallest number of points a pair may have.
const MinPoints = 3

// TypeRule documents how variable types are inferred without publicinfo.
const TypeRule = `Without --info, variable types are inferred from the values, by the rule
causal scan uses for a table's numeric columns:
` + pairs.NumberTypeRule + `
An inferred Categorical variable is recoded 0, 1, ... by decreasing
frequency of its values (as scan codes a table's categories), so its score
does not depend on how its levels are labelled. Give a publicinfo file to
declare the types instead (declared categories are used as written).`

// Options controls how a pairs file is read.
type Options struct {
	// Info maps SampleID to declared types (from a publicinfo file). When
	// nil, types are inferred by TypeRule. When set, a pair missing from it
	// is an error.
	Info map[string]pairs.Types
	// SkipBad skips a bad pair (reporting it to OnSkip) instead of failing.
	SkipBad bool
	// OnSkip receives each skipped pair's error when SkipBad is set.
	OnSkip func(err error)
}

// Reader streams the pairs of a challenge pairs file one at a time.
type Reader struct {
	name    string
	opt     Options
	csv     *csv.Reader
	closer  io.Closer
	seen    map[string]int
	skipped int
	index   int
}

// OpenPairs opens a pairs CSV file ("-" for stdin, gzip detected) and checks
// its header.
func OpenPairs(path string, opt Options) (*Reader, error) {
	src, closer, err := openInput(path)
	if err != nil {
		return nil, err
	}
	r, err := newReader(displayName(path), src, opt)
	if err != nil {
		closer.Close()
		return nil, err
	}
	r.closer = closer
	return r, nil
}

// NewReader reads pairs from src; name is used in error messages.
func NewReader(name string, src io.Reader, opt Options) (*Reader, error) {
	return newReader(name, src, opt)
}

func newReader(name string, src io.Reader, opt Options) (*Reader, error) {
	cr := csv.NewReader(linecap.NewBuffered(src, linecap.Header, linecap.PairLine, true))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = true
	r := &Reader{name: name, opt: opt, csv: cr, seen: map[string]int{}, closer: io.NopCloser(nil)}
	if err := r.readHeader([]string{"SampleID", "A", "B"}); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Reader) readHeader(want []string) error {
	rec, err := r.csv.Read()
	if err == io.EOF {
		return &InputError{File: r.name, Line: 1, Msg: "empty file: want header " + strings.Join(want, ",")}
	}
	if err != nil {
		return r.csvError(err)
	}
	if !headerMatches(rec, want) {
		return &InputError{File: r.name, Line: 1, Msg: headerProblem(rec, strings.Join(want, ","))}
	}
	return nil
}

// headerMatches compares header cells case-insensitively, ignoring a BOM.
func headerMatches(rec, want []string) bool {
	if len(rec) != len(want) {
		return false
	}
	for i := range rec {
		got := strings.TrimSpace(strings.TrimPrefix(rec[i], "\ufeff"))
		if !strings.EqualFold(got, want[i]) {
			return false
		}
	}
	return true
}

func (r *Reader) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &InputError{File: r.name, Line: pe.Line, Msg: "malformed CSV: " + pe.Err.Error()}
	}
	return fmt.Errorf("read %s: %w", r.name, err)
}

// Next returns the next pair, or io.EOF after the last one. With SkipBad a
// bad pair is reported to OnSkip and skipped; otherwise it is returned as an
// *InputError.
func (r *Reader) Next() (pairs.Pair, error) {
	for {
		rec, err := r.csv.Read()
		if err == io.EOF {
			return pairs.Pair{}, io.EOF
		}
		if err != nil {
			return pairs.Pair{}, r.csvError(err)
		}
		line, _ := r.csv.FieldPos(0)
		p, perr := r.parse(rec, line)
		if perr == nil {
			r.index++
			return p, nil
		}
		if !r.opt.SkipBad {
			return pairs.Pair{}, perr
		}
		r.skipped++
		if r.opt.OnSkip != nil {
			r.opt.OnSkip(perr)
		}
	}
}

// All reads the remaining pairs (for callers that need them all in
// memory; streaming with Next keeps one at a time).
func (r *Reader) All() ([]pairs.Pair, error) {
	var out []pairs.Pair
	for {
		p, err := r.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
}

// ReadAllPairs reads every pair of a pairs file.
func ReadAllPairs(path string, opt Options) ([]pairs.Pair, error) {
	r, err := OpenPairs(path, opt)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.All()
}

// Skipped returns how many bad pairs were skipped so far.
func (r *Reader) Skipped() int { return r.skipped }

// Close releases the underlying file.
func (r *Reader) Close() error { return r.closer.Close() }

func (r *Reader) parse(rec []string, line int) (pairs.Pair, error) {
	id := ""
	if len(rec) > 0 {
		id = strings.Clone(strings.TrimSpace(rec[0]))
	}
	fail := func(format string, args ...any) (pairs.Pair, error) {
		return pairs.Pair{}, &InputError{File: r.name, Line: line, SampleID: id, Msg: fmt.Sprintf(format, args...)}
	}
	if len(rec) != 3 {
		return fail("%d columns, want 3 (SampleID,A,B)", len(rec))
	}
	if id == "" {
		return fail("empty SampleID")
	}
	if prev, dup := r.seen[id]; dup {
		return fail("duplicate SampleID (first seen on line %d)", prev)
	}
	r.seen[id] = line
	a, err := parseSample(rec[1])
	if err != nil {
		return fail("column A: %v", err)
	}
	b, err := parseSample(rec[2])
	if err != nil {
		return fail("column B: %v", err)
	}
	if len(a) != len(b) {
		return fail("A has %d values but B has %d", len(a), len(b))
	}
	if len(a) < MinPoints {
		return fail("%d points, want at least %d", len(a), MinPoints)
	}
	p := pairs.Pair{ID: id, A: a, B: b, Line: line}
	if r.opt.Info != nil {
		t, ok := r.opt.Info[id]
		if !ok {
			return fail("missing from publicinfo")
		}
		p.TypeA, p.TypeB = t.A, t.B
		for _, v := range []struct {
			name string
			typ  pairs.VarType
			x    []float64
		}{{"A", t.A, a}, {"B", t.B, b}} {
			if v.typ == pairs.Binary {
				if vals := distinctUpTo(v.x, 3); len(vals) > 2 {
					return fail("%s is declared Binary in the publicinfo but has 3 or more distinct values (%g, %g, %g, ...): declare it Categorical or Numerical", v.name, vals[0], vals[1], vals[2])
				}
			}
		}
	} else {
		p.TypeA, p.TypeB = InferType(a), InferType(b)
		for _, v := range []struct {
			t pairs.VarType
			x []float64
		}{{p.TypeA, a}, {p.TypeB, b}} {
			if v.t == pairs.Categorical {
				pairs.CanonicalCodes(v.x) // inferred categories: their codes, not their values
			}
		}
	}
	return p, nil
}

// parseSample parses a whitespace-separated list of finite numbers. Plain
// decimals are parsed in the same pass that splits the tokens; any other
// token goes through parseNumber.
func parseSample(cell string) ([]float64, error) {
	out := make([]float64, 0, strings.Count(cell, " ")+strings.Count(cell, "\t")+1)
	n := len(cell)
	i := 0
	for {
		for i < n && isSpace(cell[i]) {
			i++
		}
		if i >= n {
			break
		}
		start := i
		neg := cell[i] == '-'
		if neg || cell[i] == '+' {
			i++
		}
		// Digits accumulate into mant (at most 19, so it cannot overflow);
		// the value is exact when mant < 2^53 and it has fewer than 23
		// decimals.
		var mant uint64
		digits, frac, dot := 0, 0, -1
		for ; i < n; i++ {
			d := cell[i] - '0'
			if d <= 9 {
				mant = mant*10 + uint64(d)
				digits++
				continue
			}
			if cell[i] == '.' && dot < 0 {
				dot = digits
				continue
			}
			break
		}
		if dot >= 0 {
			frac = digits - dot
		}
		if digits > 0 && digits <= 19 && mant < 1<<53 && frac < len(pow10) && (i == n || isSpace(cell[i])) {
			v := float64(mant) / pow10[frac]
			if neg {
				v = -v
			}
			out = append(out, v)
			continue
		}
		for i < n && !isSpace(cell[i]) {
			i++
		}
		tok := cell[start:i]
		v, err := parseNumber(tok)
		if err != nil {
			if err == errNotFinite {
				return nil, fmt.Errorf("value %d %s is NaN or infinite", len(out)+1, Excerpt(tok))
			}
			return nil, fmt.Errorf("value %d %s is not a number", len(out)+1, Excerpt(tok))
		}
		out = append(out, v)
	}
	if len(out) == 0 {
		return nil, errors.New("empty variable")
	}
	return out, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

// InferType applies TypeRule to one variable.
func InferType(x []float64) pairs.VarType { return pairs.InferType(x, pairs.DefaultMaxLevels) }

// distinctUpTo returns the first n distinct values of x, in order of
// appearance.
func distinctUpTo(x []float64, n int) []float64 {
	var vals []float64
	for _, v := range x {
		if !slices.Contains(vals, v) {
			if vals = append(vals, v); len(vals) == n {
				break
			}
		}
	}
	return vals
}
