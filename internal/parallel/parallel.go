// Package parallel runs a loop's iterations on every core, for the work done once per
// catalog load: decoding files, indexing them, rendering pages.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) … f(n-1), each once, on as many goroutines as there are cores (at most
// n), and returns when all have returned. Iterations are handed out one at a time, so
// a slow one does not hold up a whole share of the others.
func For(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}
