// Command causal tells cause from effect in observational data: it generates
// challenge-style cause-effect pairs, turns pairs into feature rows, trains
// gradient-boosted trees on them and scores new pairs.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/causal-tool/causal/internal/atomicfile"
)

// signalGrace is how long a cancelled command may take to stop on its own
// before the signal handler removes the temporary files and exits.
const signalGrace = 3 * time.Second

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	caught := make(chan os.Signal, 1)
	go func() {
		sig := <-sigs
		caught <- sig
		cancel()
		select { // a second signal, or a command that ignores ctx, ends it here
		case <-sigs:
		case <-time.After(signalGrace):
		}
		exitOnSignal(sig)
	}()
	err := newRootCmd().ExecuteContext(ctx)
	select {
	case sig := <-caught:
		exitOnSignal(sig)
	default:
	}
	if err != nil {
		var ue usageError
		if !errors.As(err, &ue) {
			fmt.Fprintln(os.Stderr, "causal:", err)
		}
		os.Exit(1)
	}
}

// exitOnSignal removes the temporary files of unfinished outputs and exits
// with the shell's code for the signal (128 + its number: 130 for SIGINT,
// 143 for SIGTERM, 129 for SIGHUP).
func exitOnSignal(sig os.Signal) {
	atomicfile.RemoveTemps()
	name := map[os.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP"}[sig]
	fmt.Fprintf(os.Stderr, "causal: interrupted (%s): unfinished outputs removed\n", name)
	code := 1
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}
