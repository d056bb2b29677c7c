// Package pairio reads and writes the ChaLearn/Kaggle cause-effect challenge
// file formats: pairs, publicinfo, target and prediction CSV files.
//
// Pairs files are streamed pair by pair in bounded memory; "-" reads standard
// input and gzip-compressed input (detected by its magic bytes, e.g. a .gz
// file) is decompressed transparently. CRLF line endings are accepted.
package pairio

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// InputError is a problem with one place of an input file. It names the
// file, the 1-based line and, when known, the SampleID.
type InputError struct {
	File     string
	Line     int
	SampleID string
	Msg      string
}

// Error formats the error as "file:line: SampleID id: message".
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.SampleID != "" {
		fmt.Fprintf(&b, ": SampleID %s", ID(e.SampleID))
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// ID is how a SampleID is printed in a message: as is when it is plain
// text, quoted (Go syntax, cut to 100 bytes) when it holds a line break,
// another control character, a quote or leading/trailing space, so that
// one message stays one line and the ID is unambiguous.
func ID(id string) string {
	odd := strings.TrimSpace(id) != id || strings.ContainsFunc(id, func(r rune) bool { return r == '"' || !unicode.IsPrint(r) && r != ' ' })
	if odd {
		return Excerpt(id)
	}
	return clipText(id, excerptLen)
}

// displayName is how a path is named in errors.
func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}

// excerptLen is how many bytes of an input's text an error quotes at most.
const excerptLen = 100

// Excerpt quotes s for an error message (Go syntax, so control characters
// are visible), cut to its first 100 bytes with the total length noted: a
// bad 24 MB header line is not echoed whole.
func Excerpt(s string) string {
	if len(s) <= excerptLen {
		return strconv.Quote(s)
	}
	return fmt.Sprintf("%s... (%d bytes)", strconv.Quote(s[:cut(s, excerptLen)]), len(s))
}

// cut returns the largest n <= max at a rune boundary of s.
func cut(s string, max int) int {
	if len(s) <= max {
		return len(s)
	}
	n := max
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return n
}

// clipText cuts s to at most max bytes at a rune boundary, marking the cut.
func clipText(s string, max int) string {
	if len(s) <= max {
		return s
	}
	return s[:cut(s, max)] + "..."
}

// headerProblem describes a header line that is not the wanted one,
// naming CR-only line endings (which make the whole file one line).
func headerProblem(rec []string, want string) string {
	line := strings.Join(rec, ",")
	if strings.Contains(line, "\r") {
		return "line endings are CR only (classic Mac): the whole file reads as one line; convert them to LF or CRLF"
	}
	return fmt.Sprintf("header %s: want %s", Excerpt(line), want)
}
