package table

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/causal-tool/causal/pairs"
)

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustRead(t *testing.T, path string, opt Options) *Table {
	t.Helper()
	tb, err := Read(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

const mixed = "x,flag,colour,level,same,gone\n" +
	"1.5,yes,red,1,7,NA\n" +
	"2.25,no,\"blue, dark\",2,7,\n" +
	"NA,yes,green,3,7,null\n" +
	"-4,no,red,,7,NaN\n"

func TestInferTypesAndCodes(t *testing.T) {
	tb := mustRead(t, writeFile(t, "t.csv", []byte(mixed)), Options{})
	if tb.Rows != 4 || len(tb.Columns) != 6 {
		t.Fatalf("rows %d cols %d", tb.Rows, len(tb.Columns))
	}
	want := []pairs.VarType{pairs.Numerical, pairs.Binary, pairs.Categorical, pairs.Numerical, pairs.Categorical, pairs.Numerical}
	for i, c := range tb.Columns {
		if c.Type != want[i] && c.Problem() == "" {
			t.Errorf("%s: type %v, want %v", c.Name, c.Type, want[i])
		}
	}
	x := tb.Columns[0]
	if x.Missing != 1 || !math.IsNaN(x.Values[2]) || x.Values[3] != -4 {
		t.Errorf("x = %v missing %d", x.Values, x.Missing)
	}
	colour := tb.Columns[2]
	if !slices.Equal(colour.Levels, []string{"blue, dark", "green", "red"}) || !slices.Equal(colour.Values, []float64{2, 0, 1, 2}) {
		t.Errorf("colour levels %q values %v", colour.Levels, colour.Values)
	}
	flag := tb.Columns[1]
	if !slices.Equal(flag.Values, []float64{1, 0, 1, 0}) || flag.Type != pairs.Binary {
		t.Errorf("flag %v %v", flag.Values, flag.Type)
	}
	if p := tb.Columns[4].Problem(); !strings.Contains(p, "constant") {
		t.Errorf("same: problem %q", p)
	}
	if p := tb.Columns[5].Problem(); !strings.Contains(p, "missing") {
		t.Errorf("gone: problem %q", p)
	}
	if !slices.Equal(tb.Usable(), []int{0, 1, 2, 3}) {
		t.Errorf("usable %v", tb.Usable())
	}
	p := tb.Pair("x/level", 0, 3)
	if !slices.Equal(p.A, []float64{1.5, 2.25}) || !slices.Equal(p.B, []float64{1, 2}) || tb.PairRows(0, 3) != 2 {
		t.Errorf("pair %v %v", p.A, p.B)
	}
}

func TestIdentifierColumn(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,v\n")
	for i := range 25 {
		b.WriteString("u" + strconv.Itoa(i) + "," + strconv.Itoa(i%3) + "\n")
	}
	tb := mustRead(t, writeFile(t, "t.csv", []byte(b.String())), Options{})
	if p := tb.Columns[0].Problem(); !strings.Contains(p, "identifier") {
		t.Errorf("id column: problem %q", p)
	}
	if p := tb.Columns[1].Problem(); p != "" {
		t.Errorf("v column: problem %q", p)
	}
}

func TestMaxLevelsAndOverrides(t *testing.T) {
	var b strings.Builder
	b.WriteString("k,r\n")
	for i := range 40 {
		b.WriteString([]string{"0", "1", "2", "3"}[i%4] + "," + strconv.FormatFloat(0.5+float64(i%12), 'g', -1, 64) + "\n")
	}
	path := writeFile(t, "t.csv", []byte(b.String()))
	tb := mustRead(t, path, Options{})
	if tb.Columns[0].Type != pairs.Categorical || tb.Columns[1].Type != pairs.Numerical {
		t.Fatalf("types %v %v", tb.Columns[0].Type, tb.Columns[1].Type)
	}
	tb = mustRead(t, path, Options{MaxLevels: 3})
	if tb.Columns[0].Type != pairs.Numerical {
		t.Errorf("4 levels > max 3: %v", tb.Columns[0].Type)
	}
	tb = mustRead(t, path, Options{Types: map[string]pairs.VarType{"k": pairs.Numerical, "r": pairs.Categorical}})
	if tb.Columns[0].Type != pairs.Numerical || tb.Columns[1].Type != pairs.Categorical {
		t.Errorf("override types %v %v", tb.Columns[0].Type, tb.Columns[1].Type)
	}
	if !slices.Equal(tb.Columns[1].Values[:3], []float64{0, 1, 2}) || !slices.Equal(tb.Columns[1].Levels[:3], []string{"0.5", "1.5", "2.5"}) {
		t.Errorf("forced categorical codes %v %v", tb.Columns[1].Values[:3], tb.Columns[1].Levels)
	}
	for _, bad := range []map[string]pairs.VarType{{"k": pairs.Binary}, {"nope": pairs.Binary}} {
		if _, err := Read(path, Options{Types: bad}); err == nil {
			t.Errorf("override %v accepted", bad)
		}
	}
	text := writeFile(t, "s.csv", []byte("a,b\nx,1\ny,2\nz,3\n"))
	if _, err := Read(text, Options{Types: map[string]pairs.VarType{"a": pairs.Numerical}}); err == nil || !strings.Contains(err.Error(), `column "a"`) {
		t.Errorf("text forced Numerical: %v", err)
	}
}

func TestSeparatorsCompressionStdinAndNA(t *testing.T) {
	tsv := "a\tb c\n1\t?\n2\t3\n"
	tb := mustRead(t, writeFile(t, "t.tsv", []byte(tsv)), Options{NA: []string{"?"}})
	if tb.Columns[1].Name != "b c" || tb.Columns[1].Missing != 1 {
		t.Fatalf("tsv: %+v", tb.Columns[1])
	}
	bom := "\ufeff\"a\", \"b, c\"\r\n 1, \"x\"\r\n2,y\r\n\r\n"
	tb = mustRead(t, writeFile(t, "bom.csv", []byte(bom)), Options{})
	if tb.Columns[0].Name != "a" || tb.Columns[1].Name != "b, c" || tb.Rows != 2 || tb.Columns[1].Type != pairs.Binary {
		t.Fatalf("BOM, CRLF, spaces: %+v %+v", tb.Columns[0], tb.Columns[1])
	}
	tb = mustRead(t, writeFile(t, "t.txt", []byte("a;b\n1;2\n")), Options{Sep: ','})
	if len(tb.Columns) != 1 {
		t.Fatalf("--sep ,: %d columns", len(tb.Columns))
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(mixed))
	zw.Close()
	plain := mustRead(t, writeFile(t, "t.csv", []byte(mixed)), Options{})
	zipped := mustRead(t, writeFile(t, "t.csv.gz", gz.Bytes()), Options{})
	Stdin = strings.NewReader(mixed)
	defer func() { Stdin = os.Stdin }()
	piped := mustRead(t, "-", Options{})
	for i := range plain.Columns {
		if !equalNaN(plain.Columns[i].Values, zipped.Columns[i].Values) || !equalNaN(plain.Columns[i].Values, piped.Columns[i].Values) {
			t.Errorf("column %d differs between plain, gzip and stdin", i)
		}
	}
	if piped.File != "<stdin>" {
		t.Errorf("stdin name %q", piped.File)
	}
}

func equalNaN(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) })
}

func TestBadInputNamesPlace(t *testing.T) {
	cases := []struct{ data, want string }{
		{"a,b\n1,2\n3\n", "t.csv:3: ragged row: 1 fields, the header has 2"},
		{"a,b,a\n1,2,3\n", `t.csv:1: column "a": duplicate column name (columns 1 and 3)`},
		{"a,,c\n1,2,3\n", "t.csv:1: column 2 has an empty name"},
		{"a,b\n", "header but no data rows"},
		{"", "empty table"},
		{"a,b\n1,2\ninf,3\n", `t.csv:3: column "a": infinite or out-of-range number "inf"`},
		{"a,b\n1,\"2\n", "t.csv:2"},
	}
	for _, c := range cases {
		_, err := Read(writeFile(t, "t.csv", []byte(c.data)), Options{})
		var te *Error
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: error %v, want %q", c.data, err, c.want)
		} else if !errors.As(err, &te) {
			t.Errorf("%q: %T is not a *table.Error", c.data, err)
		}
	}
}

func TestSubsampleSeeded(t *testing.T) {
	var b strings.Builder
	b.WriteString("i,j\n")
	for i := range 100 {
		b.WriteString(strings.Join([]string{strconv.Itoa(i), strconv.Itoa(i % 7)}, ",") + "\n")
	}
	path := writeFile(t, "t.csv", []byte(b.String()))
	one, two := mustRead(t, path, Options{}), mustRead(t, path, Options{})
	one.Subsample(10, 3)
	two.Subsample(10, 3)
	if one.Rows != 10 || !slices.Equal(one.Columns[0].Values, two.Columns[0].Values) || !slices.IsSorted(one.Columns[0].Values) {
		t.Fatalf("subsample %v vs %v", one.Columns[0].Values, two.Columns[0].Values)
	}
	three := mustRead(t, path, Options{})
	three.Subsample(10, 4)
	if slices.Equal(one.Columns[0].Values, three.Columns[0].Values) {
		t.Errorf("seeds 3 and 4 kept the same rows")
	}
}

// Integer columns are Categorical only with few levels for their rows.
func TestIntegerLevelsByRows(t *testing.T) {
	col := func(levels, rows int) []float64 {
		v := make([]float64, rows)
		for i := range v {
			v[i] = float64(i % levels)
		}
		return v
	}
	for _, c := range []struct {
		name         string
		levels, rows int
		want         pairs.VarType
	}{
		{"two values", 2, 5, pairs.Binary},
		{"3 levels, 30 rows", 3, 30, pairs.Categorical},
		{"3 levels, 29 rows", 3, 29, pairs.Numerical},
		{"8 levels in 21 rows (stackloss's air flow)", 8, 21, pairs.Numerical},
		{"10 levels, 100 rows", 10, 100, pairs.Categorical},
		{"11 levels, 1000 rows", 11, 1000, pairs.Numerical},
	} {
		if got := pairs.InferType(col(c.levels, c.rows), 0); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
		var b strings.Builder
		b.WriteString("v,w\n")
		for i, v := range col(c.levels, c.rows) {
			fmt.Fprintf(&b, "%g,%d\n", v, i)
		}
		if got := mustRead(t, writeFile(t, "t.csv", []byte(b.String())), Options{}).Columns[0].Type; got != c.want {
			t.Errorf("%s: table reads %v, want %v", c.name, got, c.want)
		}
	}
	dose := make([]float64, 60) // ToothGrowth's dose: 0.5, 1, 2 mg
	for i := range dose {
		dose[i] = []float64{0.5, 1, 2}[i%3]
	}
	if got := pairs.InferType(dose, 0); got != pairs.Categorical {
		t.Errorf("3 doses in 60 rows: %v", got)
	}
	for i := range dose {
		dose[i] *= 1e6 // the same in micrograms
	}
	if got := pairs.InferType(dose, 0); got != pairs.Categorical {
		t.Errorf("3 doses in 60 rows, other units: %v", got)
	}
}

// A European CSV (';' separator, decimal commas) is refused naming
// --decimal, and read as numbers with it.
func TestDecimalComma(t *testing.T) {
	euro := "Gewicht;Größe;Stadt\n1,5;1.234,5;Köln\n-2,25;987;Bonn\n3;12,0;Köln\n"
	path := writeFile(t, "euro.csv", []byte(euro))
	for _, c := range []struct {
		name string
		opt  Options
		want string
	}{
		{"refused", Options{}, `euro.csv: column "Gewicht": numbers with a decimal comma (e.g. "1,5") would be read as text categories: read the file with --decimal ,`},
		{"forced categorical", Options{Types: map[string]pairs.VarType{"Gewicht": pairs.Categorical, "Größe": pairs.Categorical}}, ""},
		{"--decimal ,", Options{Decimal: ','}, ""},
	} {
		tb, err := Read(path, c.opt)
		if c.want != "" {
			if err == nil || !strings.HasSuffix(err.Error(), c.want) {
				t.Errorf("%s: %v, want %q", c.name, err, c.want)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if c.opt.Decimal == ',' && (!slices.Equal(tb.Columns[0].Values, []float64{1.5, -2.25, 3}) || !slices.Equal(tb.Columns[1].Values, []float64{1234.5, 987, 12}) || tb.Columns[2].Type != pairs.Binary) {
			t.Errorf("%s: %v %v %v", c.name, tb.Columns[0].Values, tb.Columns[1].Values, tb.Columns[2].Type)
		}
	}
	for in, want := range map[string]string{"1,5": "1.5", "-1.234.567,89": "-1234567.89", "1.5": "1.5", "12.34,5": "12.34,5", "a,b": "a,b", "1,2,3": "1,2,3", "1.234": "1234"} {
		if got := commaToPoint(in); got != want {
			t.Errorf("commaToPoint(%q) = %q, want %q", in, got, want)
		}
	}
}

// Canonicalize gives the same table whatever the row order and whatever
// the labels of a category's levels.
func TestCanonicalize(t *testing.T) {
	read := func(text string) *Table {
		tb := mustRead(t, writeFile(t, "t.csv", []byte(text)), Options{})
		tb.Canonicalize()
		return tb
	}
	base := read("x,colour,flag\n1,red,no\n2,blue,yes\nNA,red,no\n4,green,no\n1,red,yes\n")
	for _, other := range []string{
		"x,colour,flag\n4,green,no\n1,red,yes\nNA,red,no\n2,blue,yes\n1,red,no\n",         // rows shuffled
		"x,colour,flag\n1,rouge,non\n2,bleu,oui\nNA,rouge,non\n4,vert,non\n1,rouge,oui\n", // relabelled
		"x,colour,flag\n2,bleu,oui\n1,rouge,non\n4,vert,non\n1,rouge,oui\nNA,rouge,non\n", // both
	} {
		tb := read(other)
		for i, c := range tb.Columns {
			if !equalNaN(c.Values, base.Columns[i].Values) {
				t.Errorf("%q: column %s = %v, want %v", other, c.Name, c.Values, base.Columns[i].Values)
			}
		}
	}
	if c := base.Columns[1]; !slices.Equal(c.Levels, []string{"red", "blue", "green"}) {
		t.Errorf("levels by frequency: %q", c.Levels)
	}
	if x := base.Columns[0]; !math.IsNaN(x.Values[0]) || x.Values[1] != 1 || x.Values[4] != 4 {
		t.Errorf("rows sorted, missing first: %v", x.Values)
	}
}
