package logsink

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// TestWritesInOrder: records reach the destination whole and in order, and Close
// flushes what is queued.
func TestWritesInOrder(t *testing.T) {
	var out lockedBuffer
	w := New(&out, 128, nil) // room for every record: nothing is dropped
	var want strings.Builder
	for i := range 100 {
		line := fmt.Sprintf("record %d\n", i)
		want.WriteString(line)
		fmt.Fprint(w, line)
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if out.String() != want.String() {
		t.Errorf("got %q", out.String())
	}
}

// TestNeverBlocksOnAFullPipe: with the destination a FIFO nobody reads — a log shipper
// that stopped — writes return at once, the overflow is dropped and counted, and the
// count is reported once the reader is back.
func TestNeverBlocksOnAFullPipe(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "log")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Opening a FIFO for writing blocks until a reader opens it; open one that stays
	// unread until later.
	readerc := make(chan *os.File)
	go func() {
		r, err := os.Open(fifo)
		if err != nil {
			t.Error(err)
		}
		readerc <- r
	}()
	pipe, err := os.OpenFile(fifo, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer pipe.Close()
	reader := <-readerc
	defer reader.Close()

	var reported atomic.Uint64
	w := New(pipe, 8, func(n uint64) { reported.Add(n) })
	line := []byte(strings.Repeat("x", 1023) + "\n")
	const writes = 1000 // 1 MB: far more than a pipe buffer (64 KB) and the queue hold
	done := make(chan struct{})
	go func() {
		for range writes {
			w.Write(line)
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("Write blocked on a full pipe")
	}
	dropped := w.Dropped()
	if dropped == 0 || dropped >= writes {
		t.Fatalf("dropped %d of %d records", dropped, writes)
	}
	// The reader comes back: what was queued arrives, then the report.
	got := make(chan []byte)
	go func() { b, _ := io.ReadAll(reader); got <- b }()
	for deadline := time.Now().Add(30 * time.Second); reported.Load() < dropped && time.Now().Before(deadline); {
		time.Sleep(time.Millisecond)
	}
	if reported.Load() != dropped {
		t.Errorf("reported %d dropped, counted %d", reported.Load(), dropped)
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	pipe.Close()
	b := <-got
	if n := bytes.Count(b, line); uint64(n) != writes-dropped {
		t.Errorf("%d records arrived, want %d", n, writes-dropped)
	}
}

// TestReportMayLog: the report may write to the Writer it reports on, as a program does
// to log that it dropped records.
func TestReportMayLog(t *testing.T) {
	var out lockedBuffer
	var w *Writer
	w = New(&out, 1, func(n uint64) { fmt.Fprintf(w, "dropped %d\n", n) })
	for range 100 {
		w.Write([]byte("x\n"))
	}
	w.Write([]byte("last\n")) // a write after the drops, so the report runs
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(out.String(), "dropped ") && time.Now().Before(deadline); {
		w.Write([]byte("x\n"))
		time.Sleep(time.Millisecond)
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "dropped ") {
		t.Errorf("no report in %q", out.String())
	}
}

// TestCloseGivesUp: a destination that never drains does not hold up Close past its
// deadline.
func TestCloseGivesUp(t *testing.T) {
	block := make(chan struct{})
	defer close(block)
	w := New(blockingWriter(block), 4, nil)
	w.Write([]byte("a\n"))
	w.Write([]byte("b\n"))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := w.Close(ctx); err != context.DeadlineExceeded {
		t.Errorf("Close = %v, want deadline exceeded", err)
	}
}

type blockingWriter chan struct{}

func (b blockingWriter) Write(p []byte) (int, error) { <-b; return len(p), nil }

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// slowCounter is a destination that takes a while per write and counts the writes.
type slowCounter struct {
	lockedBuffer
	writes atomic.Int64
}

func (s *slowCounter) Write(p []byte) (int, error) {
	s.writes.Add(1)
	time.Sleep(5 * time.Millisecond)
	return s.lockedBuffer.Write(p)
}

// TestBatchesRecords: records that arrive while the destination is busy go out together
// in one write, so a busy server does not make a system call per log line.
func TestBatchesRecords(t *testing.T) {
	var out slowCounter
	w := New(&out, 1000, nil)
	const records = 200
	for i := range records {
		fmt.Fprintf(w, "record %d\n", i)
	}
	if err := w.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n"); got != records {
		t.Fatalf("%d records arrived, want %d", got, records)
	}
	if n := out.writes.Load(); n > records/10 {
		t.Errorf("%d writes for %d records", n, records)
	}
}
