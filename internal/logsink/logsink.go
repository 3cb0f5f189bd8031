// Package logsink lets a program log without ever waiting for its log's reader. A Writer
// queues each write and one goroutine copies the queue to the real destination; when the
// destination stalls (a full pipe, a stopped log shipper) and the queue fills, new writes
// are dropped and counted instead of blocking the request that wrote them.
//
// The queue is one buffer of whole records, and the copier writes all of it at once: a
// busy server logs a batch of records per system call rather than one each, and only
// the first record of a batch wakes the copier, which waits a moment for more.
package logsink

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// batchWait is how long the copier waits, once woken, for more records to write with
// the first: short enough that the log stays current.
const batchWait = 2 * time.Millisecond

// Writer is an io.Writer that never blocks. Each Write should be one whole log record, as
// log/slog's handlers write them.
type Writer struct {
	out       io.Writer
	maxQueued int

	mu      sync.Mutex
	queued  []byte // whole records the copier has not taken yet
	records int    // how many records queued holds

	wake    chan struct{} // the queue is no longer empty; holds at most one signal
	dropped atomic.Uint64 // since the last report
	total   atomic.Uint64
	report  func(dropped uint64)
	closing chan struct{}
	once    sync.Once
	done    chan struct{}
}

// New starts a Writer that copies to out and holds up to queue records while out is
// slow. report, if not nil, is called from the copying goroutine, once the destination
// takes writes again, with the number of records dropped since the last call; it may
// write to the Writer.
func New(out io.Writer, queue int, report func(dropped uint64)) *Writer {
	w := &Writer{out: out, maxQueued: queue, wake: make(chan struct{}, 1), report: report,
		closing: make(chan struct{}), done: make(chan struct{})}
	go w.copy()
	return w
}

// Write queues a copy of p, or drops it when the queue is full. It never fails: a
// logging failure must not fail the request that logs.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	if w.records >= w.maxQueued {
		w.mu.Unlock()
		w.dropped.Add(1)
		w.total.Add(1)
		return len(p), nil
	}
	w.queued = append(w.queued, p...)
	w.records++
	first := w.records == 1
	w.mu.Unlock()
	if first {
		select {
		case w.wake <- struct{}{}:
		default: // already signalled
		}
	}
	return len(p), nil
}

// Dropped returns how many records were dropped since the Writer started.
func (w *Writer) Dropped() uint64 { return w.total.Load() }

func (w *Writer) copy() {
	defer close(w.done)
	var spare []byte // the buffer written last time, reused for the next batch
	for {
		select {
		case <-w.wake:
			// Let the records of the next moment share the write: a busy server then
			// makes a few hundred writes a second, however many requests it answers.
			select {
			case <-w.closing:
			case <-time.After(batchWait):
			}
			spare = w.flush(spare)
		case <-w.closing:
			w.flush(spare)
			w.flush(nil) // what a report wrote
			return
		}
	}
}

// flush writes every queued record in one write, reports drops, and returns the written
// buffer for reuse.
func (w *Writer) flush(spare []byte) []byte {
	w.mu.Lock()
	batch := w.queued
	w.queued, w.records = spare[:0], 0
	w.mu.Unlock()
	if len(batch) > 0 {
		_, _ = w.out.Write(batch)
	}
	if n := w.dropped.Swap(0); n > 0 && w.report != nil {
		w.report(n)
	}
	return batch
}

// Close writes what is queued and stops, or gives up when ctx is done (a destination
// that never drains must not hold up the program's exit).
func (w *Writer) Close(ctx context.Context) error {
	w.once.Do(func() { close(w.closing) })
	select {
	case <-w.done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
