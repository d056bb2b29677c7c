package marginals

import (
	"bytes"
	"compress/gzip"
	"math"
	"strings"
	"testing"
)

// excluded names data sets that Tübingen pairs are drawn from, or that
// share their themes; none may appear in the library (compared with the
// data set's name after its package, case-insensitively).
var excluded = []string{
	"abalone", "adult", "census", "auto", "auto-mpg", "autompg", "mpg", "mtcars", "cars93",
	"concrete", "faithful", "faithfuld", "geyser", "forestfires", "pima.tr", "pima.te",
	"pima.tr2", "pimaindiansdiabetes", "arrhythmia", "bupa", "liver", "nlschools", "bone",
	"airquality", "environmental", "ozone", "nottem", "nhtemp", "beaver1", "beaver2", "beav1",
	"beav2", "beaver", "whiteside", "precip", "treering", "lakehuron", "nile", "elnino",
	"manaus", "sunspots", "sunspot.month", "sunspot.year", "co2", "state.x77",
	"lifecyclesavings", "longley", "uspop", "austres", "fertility", "macrodata", "gapminder",
	"eustockmarkets", "sp500", "acme", "grunfeld", "ukgas", "wwwusage", "traffic", "gagurine",
	"cpus", "milk", "rent", "boston", "sitka", "sitka89", "chorsub", "gilgais",
}

// excludedThemes are words no data set name may contain.
var excludedThemes = []string{"temp", "weather", "climate", "ozone", "solar", "sunspot", "stock", "pima", "electric", "energy"}

func TestLibrary(t *testing.T) {
	vars, err := Library()
	if err != nil {
		t.Fatal(err)
	}
	sets := DataSets(vars)
	if len(vars) < 300 || len(sets) < 20 {
		t.Fatalf("%d variables from %d data sets, want >= 300 from >= 20", len(vars), len(sets))
	}
	integer, discrete := 0, 0
	for _, v := range vars {
		if n := len(v.Values); n < 50 || n > 2000 {
			t.Errorf("%s: %d values, want 50..2000", v.ID(), n)
		}
		if v.Distinct < 5 {
			t.Errorf("%s: %d distinct values, want >= 5", v.ID(), v.Distinct)
		}
		for _, x := range v.Values {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%s: value %v", v.ID(), x)
			}
		}
		if v.Integer {
			integer++
		}
		if v.Discrete() {
			discrete++
		}
	}
	if integer == 0 || discrete == 0 || integer == len(vars) {
		t.Errorf("%d integer-valued and %d discrete variables of %d: want some of each, not all", integer, discrete, len(vars))
	}
	for _, s := range sets {
		_, name, ok := strings.Cut(s, "/")
		if !ok {
			t.Errorf("data set %q is not package/name", s)
		}
		name = strings.ToLower(name)
		for _, x := range excluded {
			if name == x {
				t.Errorf("data set %s is excluded", s)
			}
		}
		for _, w := range excludedThemes {
			if strings.Contains(name, w) {
				t.Errorf("data set %s names an excluded theme (%s)", s, w)
			}
		}
	}
	if again, _ := Library(); &again[0] != &vars[0] {
		t.Error("Library parsed the embedded file twice")
	}
}

func TestParseErrors(t *testing.T) {
	for _, body := range []string{
		"a/b\tx\t1,2,oops\n",
		"a/b\tx\t1,2,NaN\n",
		"a/b\t1,2\n",
		"a/b\tx\t1,2\na/b\tx\t3,4\n",
		"",
	} {
		var b bytes.Buffer
		z := gzip.NewWriter(&b)
		z.Write([]byte(body))
		z.Close()
		if _, err := parse(b.Bytes()); err == nil || !strings.Contains(err.Error(), "marginals library") {
			t.Errorf("%q: error %v, want a marginals library error", body, err)
		}
	}
	v, err := parseLine("p/d\tx\t1,2.5,2.5,-3")
	if err != nil || v.Integer || v.Distinct != 3 || v.ID() != "p/d:x" || v.Values[1] != 2.5 {
		t.Errorf("parseLine: %+v, %v", v, err)
	}
}
