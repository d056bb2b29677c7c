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
		atomicfile.Interrupt() // from now on nothing is published
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
		if err == nil && atomicfile.Published() > 0 {
			// The outputs were published before the signal arrived: the
			// command completed.
			fmt.Fprintf(os.Stderr, "causal: %s arrived after the outputs were written; they are complete\n", signalName(sig))
			os.Exit(0)
		}
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
	fmt.Fprintf(os.Stderr, "causal: interrupted (%s): unfinished outputs removed\n", signalName(sig))
	code := 1
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}

// signalName names the signals causal handles.
func signalName(sig os.Signal) string {
	return map[os.Signal]string{syscall.SIGINT: "SIGINT", syscall.SIGTERM: "SIGTERM", syscall.SIGHUP: "SIGHUP"}[sig]
}
