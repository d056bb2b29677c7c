package plan

import (
	"os"
	"sync/atomic"
	"time"
)

// timingEnabled reports whether the per-family timers are on.
func timingEnabled() bool { return timingOn.Load() }

// TimingEnv is the environment variable that, when set to a non-empty value
// other than "0", turns per-family timing on at start-up.
const TimingEnv = "CAUSAL_FEATURIZE_TIMING"

var (
	timingOn    atomic.Bool
	familyNanos [numFamilies]atomic.Int64
)

func init() {
	if v := os.Getenv(TimingEnv); v != "" && v != "0" {
		timingOn.Store(true)
	}
}

// EnableTiming turns the per-family timers on or off (off by default; when
// off they cost one atomic load per block).
func EnableTiming(on bool) { timingOn.Store(on) }

// Timings returns the CPU time spent so far in each family (exclusive: time
// in shared lazily computed work is charged to that work's family), in the
// order of FamilyNames, and resets the counters. On Linux it is the CPU time
// of the featurizing thread (CLOCK_THREAD_CPUTIME_ID), so it is not
// inflated when the machine is busy; elsewhere it is wall time.
func Timings() []time.Duration {
	out := make([]time.Duration, numFamilies)
	for i := range out {
		out[i] = time.Duration(familyNanos[i].Swap(0))
	}
	return out
}

// time runs f, charging its exclusive duration to family fam when timing is
// on.
func (c *pairCtx) time(fam int, f func()) {
	if !timingOn.Load() {
		f()
		return
	}
	start, _ := threadClock()
	before := c.nested
	f()
	end, _ := threadClock()
	d := end - start
	inner := c.nested - before
	familyNanos[fam].Add(d - inner)
	c.nested = before + d
}
