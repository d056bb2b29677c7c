// Package csvout appends CSV fields with the quoting rules of encoding/csv,
// for writers that build their rows by hand for speed (pairs files with
// millions of numbers) or stream rows of a fixed layout. A field is quoted
// when it holds a comma, a double quote, a line break or leading space, or
// is the lone `\.`; a quote inside it is doubled. encoding/csv, and every
// reader of this project, reads the field back exactly.
package csvout

import (
	"io"
	"strconv"
	"strings"
)

// NeedsQuotes reports whether s must be quoted to read back as one field.
func NeedsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s == `\.` || s[0] == ' ' || s[0] == '\t' {
		return true
	}
	return strings.ContainsAny(s, ",\"\r\n")
}

// AppendField appends s as one CSV field (quoted when needed).
func AppendField(b []byte, s string) []byte {
	if !NeedsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// Field returns s as one CSV field (quoted when needed).
func Field(s string) string {
	if !NeedsQuotes(s) {
		return s
	}
	return string(AppendField(nil, s))
}

// Row writes the fields as one CSV line ending in "\n".
func Row(w io.Writer, fields ...string) error {
	var b []byte
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendField(b, f)
	}
	b = append(b, '\n')
	_, err := w.Write(b)
	return err
}

// AppendScore appends a score in the shortest form that reads back exactly.
func AppendScore(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}
