package corpus

import (
	"fmt"
	"strings"

	"github.com/causal-tool/causal/internal/generate"
)

// A Source is a family of generators of the leave-one-source-out protocol:
// its simulators draw equal parts.
type Source struct {
	Name       string
	Simulators []string
}

// Sources are the six sources the default corpus draws from, in the
// protocol's order (a source's index is its place in the seed layout).
var Sources = []Source{
	{"challenge", []string{generate.SimChallenge}},
	{"sim", []string{"sim", "sim-c", "sim-ln", "sim-g"}},
	{"cdt", []string{"cdt"}},
	{"rcc", []string{"rcc", "ncc"}},
	{"anlsmn", []string{"anlsmn"}},
	{"semireal", []string{generate.SimSemireal}},
}

// SourceNames returns the names of Sources, in order.
func SourceNames() []string {
	out := make([]string, len(Sources))
	for i, s := range Sources {
		out[i] = s.Name
	}
	return out
}

// SourcesNamed returns the Sources of these names, in Sources' order.
func SourcesNamed(names []string) ([]Source, error) {
	want := map[string]bool{}
	for _, n := range names {
		want[n] = true
	}
	var out []Source
	for _, s := range Sources {
		if want[s.Name] {
			out = append(out, s)
			delete(want, s.Name)
		}
	}
	for n := range want {
		return nil, fmt.Errorf("corpus: no source %q (sources: %s)", n, strings.Join(SourceNames(), ", "))
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("corpus: no source named")
	}
	return out, nil
}
