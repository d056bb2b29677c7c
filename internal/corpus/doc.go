// Package corpus is the one definition of the generated corpora causal
// trains and is judged on: the sources of the leave-one-source-out
// protocol and their simulators (Sources), how a source draws n pairs
// (Setting.Draw: its simulators in equal parts, Quota), the seed layout
// (Seed: base + 1000·i for the i-th source's training pairs, + 500 for its
// tuning and test pairs, + 17·k for its k-th simulator), the corpus value
// written into every model trained from it (Corpus), and the matching and
// allocation of `causal adapt` (Candidates, Match, Allocate).
package corpus
