package plan

import (
	"runtime"
	"syscall"
)

// rusageThread is Linux's RUSAGE_THREAD: the resource usage of the calling
// thread only.
const rusageThread = 1

// threadClock returns the CPU time (user + system, ns) of the calling OS
// thread, or ok false when it cannot be read.
func threadClock() (ns int64, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		return 0, false
	}
	return ru.Utime.Nano() + ru.Stime.Nano(), true
}

// pinThread locks the goroutine to its OS thread so that threadClock
// measures this goroutine's CPU time; the returned function unlocks it.
func pinThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
