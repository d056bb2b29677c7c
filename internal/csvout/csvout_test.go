package csvout

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"
)

// Every field written by Row reads back unchanged with encoding/csv.
func TestRowRoundTrips(t *testing.T) {
	rows := [][]string{
		{"plain", "1"},
		{"p,1", "a\"b"},
		{"line\nbreak", "cr\rx"},
		{" lead", "\ttab"},
		{`\.`, ""},
		{`"`, `""`},
	}
	var buf bytes.Buffer
	for _, r := range rows {
		if err := Row(&buf, r...); err != nil {
			t.Fatal(err)
		}
	}
	got, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows read back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if !slices.Equal(got[i], rows[i]) {
			t.Errorf("row %d: read back %q, want %q", i, got[i], rows[i])
		}
	}
}

func TestFieldQuotesOnlyWhenNeeded(t *testing.T) {
	for in, want := range map[string]string{"p1": "p1", "p,1": `"p,1"`, `a"b`: `"a""b"`, "": ""} {
		if got := Field(in); got != want {
			t.Errorf("Field(%q) = %q, want %q", in, got, want)
		}
	}
}
