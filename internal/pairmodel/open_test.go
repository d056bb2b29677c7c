package pairmodel

import (
	"strings"
	"testing"
)

// Open refuses a stack with --no-stack, names a missing model file, and
// loads the embedded model's trees.
func TestOpen(t *testing.T) {
	if _, err := Open(Source{Stack: "s.json", NoStack: true}, 1); err == nil || !strings.Contains(err.Error(), "exclude") {
		t.Errorf("stack with no-stack: %v", err)
	}
	if _, err := Open(Source{Model: "nosuch-model.txt"}, 1); err == nil || !strings.Contains(err.Error(), "nosuch-model.txt") {
		t.Errorf("missing model: %v", err)
	}
	s, err := Open(Source{NoStack: true}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != "the embedded default model" || s.stage != nil {
		t.Errorf("embedded trees: name %q, stage %v", s.Name, s.stage)
	}
}
