//go:build !linux

package plan

import "time"

var clockStart = time.Now()

// threadClock falls back to the wall clock where per-thread CPU time is not
// available.
func threadClock() (ns int64, ok bool) { return int64(time.Since(clockStart)), true }

// pinThread is a no-op without per-thread CPU time.
func pinThread() func() { return func() {} }
