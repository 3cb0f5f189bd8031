package server

import (
	"context"
	"runtime"
	"sync/atomic"
	"time"
)

// limiter bounds how many pages are rendered per request at once. Such a page costs
// from tens of microseconds to tens of milliseconds of CPU (a search of many common
// words), while a cached page costs a few; without a bound, a flood of queries takes
// every core and cached pages wait behind it. A request over the limit waits a moment
// for a slot, in a short queue, and is refused (429) when none frees up.
type limiter struct {
	slots    chan struct{}
	waiting  atomic.Int64
	maxQueue int64
	maxWait  time.Duration
}

// Queueing bounds: a burst a little larger than the limit is smoothed over rather than
// refused, but nobody waits long — a refusal with Retry-After is better than a hang.
const (
	queuePerSlot = 4
	maxQueueWait = 250 * time.Millisecond
	// retryAfterSeconds is what a refused client is told to wait.
	retryAfterSeconds = "1"
)

// newLimiter allows n renders at once; n ≤ 0 means half the CPUs, at least one.
func newLimiter(n int) *limiter {
	if n <= 0 {
		n = max(1, runtime.GOMAXPROCS(0)/2)
	}
	return &limiter{slots: make(chan struct{}, n), maxQueue: int64(n * queuePerSlot), maxWait: maxQueueWait}
}

// acquire takes a slot, waiting briefly if none is free; false means refused (or ctx
// ended). Every true must be followed by release.
func (l *limiter) acquire(ctx context.Context) bool {
	select {
	case l.slots <- struct{}{}:
		return true
	default:
	}
	if l.waiting.Add(1) > l.maxQueue {
		l.waiting.Add(-1)
		return false
	}
	defer l.waiting.Add(-1)
	t := time.NewTimer(l.maxWait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

func (l *limiter) release() { <-l.slots }
