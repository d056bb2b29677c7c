package plan

import (
	"strings"
	"testing"
)

func TestCostFamily(t *testing.T) {
	for unit, want := range map[string]string{
		"regress/xstd.ystd.knn20.oof":      "regress",
		"classify/xbin.y.logit.it":         "classify",
		"direction/dir.bqcd":               "dir.bqcd",
		"direction/dir.anm_gp":             "dir.anm_gp",
		"direction/dir.igci_slope_uniform": "direction (other)",
		"meta":                             "meta",
	} {
		if got := CostFamily(unit); got != want {
			t.Errorf("CostFamily(%q) = %q, want %q", unit, got, want)
		}
	}
}

func TestWriteFamilyTable(t *testing.T) {
	before := map[string]float64{"regress/a": 10, "regress/b": 20, "direction/dir.loci": 40, "direction/dir.reci": 5, "group/g": 25}
	var one strings.Builder
	if err := WriteFamilyTable(&one, before, nil); err != nil {
		t.Fatal(err)
	}
	want := "| family | ms per pair | share |\n|---|---|---|\n" +
		"| dir.loci | 40.0 | 40.0 % |\n| regress | 30.0 | 30.0 % |\n| group | 25.0 | 25.0 % |\n" +
		"| direction (other) | 5.0 | 5.0 % |\n| total | 100.0 | |\n"
	if one.String() != want {
		t.Errorf("one table:\n%s\nwant:\n%s", one.String(), want)
	}
	after := map[string]float64{"regress/a": 5, "regress/b": 10, "direction/dir.loci": 10, "group/g": 25, "unary/u": 1}
	var two strings.Builder
	if err := WriteFamilyTable(&two, before, after); err != nil {
		t.Fatal(err)
	}
	want = "| family | before ms/pair | after ms/pair | after/before |\n|---|---|---|---|\n" +
		"| dir.loci | 40.0 | 10.0 | 0.25 |\n| regress | 30.0 | 15.0 | 0.50 |\n| group | 25.0 | 25.0 | 1.00 |\n" +
		"| direction (other) | 5.0 | 0.0 | 0.00 |\n| unary | 0.0 | 1.0 | 0.00 |\n| total | 100.0 | 51.0 | 0.51 |\n"
	if two.String() != want {
		t.Errorf("two tables:\n%s\nwant:\n%s", two.String(), want)
	}
}
