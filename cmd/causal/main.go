// Command causal tells cause from effect in observational data: it generates
// challenge-style cause-effect pairs, turns pairs into feature rows, trains
// gradient-boosted trees on them and scores new pairs.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	root := newRootCmd()
	if err := root.Execute(); err != nil {
		var ue usageError
		if !errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "causal:", err)
		}
		os.Exit(1)
	}
}
