// Package layering states the module's import rules (docs/ARCHITECTURE.md,
// "Import rules") and checks them in its test with `go list`: the
// featurizers depend only on pairs, the trees on nothing of ours, the
// experiment layer (corpus, protocol) sits at the top of internal, and
// nothing imports the commands.
package layering

// Module is the import path of the module the rules are about.
const Module = "github.com/causal-tool/causal"
