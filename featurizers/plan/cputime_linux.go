package plan

import (
	"runtime"
	"syscall"
	"unsafe"
)

// clockThreadCPUTime is Linux's CLOCK_THREAD_CPUTIME_ID: the CPU time of the
// calling thread, in nanoseconds.
const clockThreadCPUTime = 3

// threadClock returns the CPU time (ns) of the calling OS thread, or ok
// false when it cannot be read.
func threadClock() (ns int64, ok bool) {
	var ts syscall.Timespec
	_, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0)
	if errno != 0 {
		return 0, false
	}
	return ts.Nano(), true
}

// pinThread locks the goroutine to its OS thread so that threadClock
// measures this goroutine's CPU time; the returned function unlocks it.
func pinThread() func() {
	runtime.LockOSThread()
	return runtime.UnlockOSThread
}
