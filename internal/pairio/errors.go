// Package pairio reads and writes the ChaLearn/Kaggle cause-effect challenge
// file formats: pairs, publicinfo, target and prediction CSV files.
//
// Pairs files are streamed pair by pair in bounded memory; "-" reads standard
// input and gzip-compressed input (detected by its magic bytes, e.g. a .gz
// file) is decompressed transparently. CRLF line endings are accepted.
package pairio

import (
	"fmt"
	"strings"
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
		fmt.Fprintf(&b, ": SampleID %s", e.SampleID)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// displayName is how a path is named in errors.
func displayName(path string) string {
	if path == "-" {
		return "<stdin>"
	}
	return path
}
