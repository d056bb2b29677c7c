package direction

import (
	"syscall"
	"testing"
)

// reportCPU reports the process CPU time per operation (user + system), a
// measure that other processes on a shared machine do not inflate. Call it
// as "defer reportCPU(b)()" after any set-up.
func reportCPU(b *testing.B) func() {
	cpu := func() int64 {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return ru.Utime.Nano() + ru.Stime.Nano()
	}
	start := cpu()
	return func() { b.ReportMetric(float64(cpu()-start)/float64(b.N), "cpu-ns/op") }
}
