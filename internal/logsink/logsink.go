// Package logsink lets a program log without ever waiting for its log's reader. A Writer
// queues each write and one goroutine copies the queue to the real destination; when the
// destination stalls (a full pipe, a stopped log shipper) and the queue fills, new writes
// are dropped and counted instead of blocking the request that wrote them.
package logsink

import (
	"context"
	"io"
	"sync"
	"sync/atomic"
)

// Writer is an io.Writer that never blocks. Each Write should be one whole log record, as
// log/slog's handlers write them.
type Writer struct {
	out     io.Writer
	queue   chan []byte
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
	w := &Writer{out: out, queue: make(chan []byte, queue), report: report, closing: make(chan struct{}), done: make(chan struct{})}
	go w.copy()
	return w
}

// Write queues a copy of p, or drops it when the queue is full. It never fails: a
// logging failure must not fail the request that logs.
func (w *Writer) Write(p []byte) (int, error) {
	select {
	case w.queue <- append([]byte(nil), p...):
	default:
		w.dropped.Add(1)
		w.total.Add(1)
	}
	return len(p), nil
}

// Dropped returns how many records were dropped since the Writer started.
func (w *Writer) Dropped() uint64 { return w.total.Load() }

func (w *Writer) copy() {
	defer close(w.done)
	for {
		select {
		case p := <-w.queue:
			_, _ = w.out.Write(p)
			if n := w.dropped.Swap(0); n > 0 && w.report != nil {
				w.report(n)
			}
		case <-w.closing:
			for { // what is queued already, then stop
				select {
				case p := <-w.queue:
					_, _ = w.out.Write(p)
				default:
					return
				}
			}
		}
	}
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
