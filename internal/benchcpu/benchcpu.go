// Package benchcpu adds a CPU-time metric to Go benchmarks: on a shared
// machine, process CPU time per operation is far steadier than wall time.
package benchcpu

import (
	"syscall"
	"testing"
)

// ProcessNs returns the user plus system CPU time of the process, in
// nanoseconds (0 if it cannot be read).
func ProcessNs() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// Report starts measuring; the function it returns reports the CPU time per
// operation as the metric cpu-ns/op. Use it as `defer benchcpu.Report(b)()`
// after any set-up.
func Report(b *testing.B) func() {
	start := ProcessNs()
	return func() { b.ReportMetric(float64(ProcessNs()-start)/float64(max(b.N, 1)), "cpu-ns/op") }
}
