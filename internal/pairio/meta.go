package pairio

import (
	"io"
	"strings"

	"github.com/causal-tool/causal/internal/csvout"
	"github.com/causal-tool/causal/pairs"
)

// metaHeader is the header of a generator meta file.
const metaHeader = "SampleID,Simulator,Causes,Mechanisms"

// WriteMeta writes a generator meta file: SampleID,Simulator,Causes,
// Mechanisms, the families of a pair joined by "+".
func WriteMeta(w io.Writer, ms []pairs.Meta) error {
	var b strings.Builder
	b.WriteString(metaHeader + "\n")
	for _, m := range ms {
		csvout.Row(&b, m.ID, m.Simulator, strings.Join(m.Causes, "+"), strings.Join(m.Mechanisms, "+"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ReadMeta reads a generator meta file into a map by SampleID.
func ReadMeta(path string) (map[string]pairs.Meta, error) {
	out := map[string]pairs.Meta{}
	err := readTable(path, func(t *table) error {
		return t.each(4, 4, func(line int, id string, rec []string) error {
			if rec[1] == "" || rec[2] == "" || rec[3] == "" {
				return &InputError{File: t.name, Line: line, SampleID: id, Msg: "empty Simulator, Causes or Mechanisms"}
			}
			out[id] = pairs.Meta{ID: id, Simulator: rec[1], Causes: strings.Split(rec[2], "+"), Mechanisms: strings.Split(rec[3], "+")}
			return nil
		})
	})
	return out, err
}
