package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/fixture"
)

// startServe runs the program with args on a free port and returns its address, a
// cancel func standing for SIGTERM, and the channel run's result arrives on.
func startServe(t *testing.T, stdout, stderr *syncBuffer, args ...string) (string, context.CancelFunc, chan error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env(nil), stdout, stderr)
	}()
	addr := waitFor(t, stdout, regexp.MustCompile(`serving .* on http://(127\.0\.0\.1:\d+)`))
	return addr, cancel, done
}

// slowReader asks for a page over a connection whose receive buffer is tiny and reads
// nothing until told: with a page larger than the socket buffers hold, the request stays
// in flight, its handler blocked writing.
func slowReader(t *testing.T, addr, path string) *net.TCPConn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 2048) })
	}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: versus.test\r\nAccept-Encoding: identity\r\n\r\n", path)
	return conn.(*net.TCPConn)
}

// bigPage is a content folder whose overview article is about 8 MB of HTML: more than
// loopback socket buffers hold (Linux grows a send buffer to 4 MB at most), so a client
// that does not read keeps its request in flight.
func bigPage(t *testing.T) (dir, path string) {
	t.Helper()
	dir = t.TempDir()
	fixture.CopySample(t, dir)
	file := filepath.Join(dir, "articles", "overview.md")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	para := "\nNode.js runs JavaScript on an event loop; Django answers each request in a worker. " + strings.Repeat("Both are mature. ", 40) + "\n"
	if err := os.WriteFile(file, append(b, strings.Repeat(para, 10000)...), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, "/articles/overview"
}

// readHeaders reads a response's headers: from then on its handler is writing the body.
func readHeaders(t *testing.T, conn net.Conn) (*http.Response, *bufio.Reader) {
	t.Helper()
	br := bufio.NewReaderSize(conn, 512)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp, br
}

// TestShutdownLetsRequestsFinish: on SIGTERM, requests in flight — slow readers of a
// large document, and a stream of searches and comparisons — all finish with their
// normal answer, and the program exits cleanly.
func TestShutdownLetsRequestsFinish(t *testing.T) {
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	dir, big := bigPage(t)
	addr, sigterm, done := startServe(t, stdout, stderr, "--content", dir, "--shutdown-grace", "60s")

	type inFlight struct {
		conn  *net.TCPConn
		first *http.Response
	}
	var slow []inFlight
	for range 3 {
		conn := slowReader(t, addr, big)
		resp, _ := readHeaders(t, conn) // the body is being written, and will not fit
		slow = append(slow, inFlight{conn, resp})
	}

	// Query pages under way as the signal comes.
	var wg sync.WaitGroup
	statuses := make(chan int, 10000)
	stop := make(chan struct{})
	client := &http.Client{Timeout: 30 * time.Second}
	for i := range 8 {
		wg.Go(func() {
			path := []string{"/search?q=orm+admin+async+types", "/compare?c=security&c=performance"}[i%2]
			for {
				select {
				case <-stop:
					return
				default:
				}
				resp, err := client.Get("http://" + addr + path)
				if err != nil {
					return // the listener is closed: the server stopped accepting
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				statuses <- resp.StatusCode
			}
		})
	}
	time.Sleep(100 * time.Millisecond)
	sigterm()
	time.Sleep(100 * time.Millisecond)
	close(stop)
	wg.Wait()
	// The slow readers read now, with room to: each page arrives whole.
	var readers sync.WaitGroup
	for i, c := range slow {
		_ = c.conn.SetReadBuffer(4 << 20)
		readers.Go(func() {
			body, err := io.ReadAll(c.first.Body)
			if err != nil || c.first.StatusCode != 200 || int64(len(body)) != c.first.ContentLength {
				t.Errorf("slow reader %d: status %d, %d of %d bytes, err %v", i, c.first.StatusCode, len(body), c.first.ContentLength, err)
			}
		})
	}
	readers.Wait()
	close(statuses)
	n := 0
	for code := range statuses {
		n++
		if code != http.StatusOK && code != http.StatusTooManyRequests {
			t.Errorf("a query page answered %d during shutdown", code)
		}
	}
	if n == 0 {
		t.Error("no query page was answered")
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("did not stop")
	}
	if strings.Contains(stderr.String(), "level=ERROR") || strings.Contains(stderr.String(), "grace period over") {
		t.Errorf("errors logged:\n%s", stderr.String())
	}
}

// TestShutdownCutsSlowReaderAfterGrace: a client that never reads does not hold the
// program past the grace period; its connection is closed, the cut is logged, the
// request is logged as 499, and the program still exits cleanly.
func TestShutdownCutsSlowReaderAfterGrace(t *testing.T) {
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	dir, big := bigPage(t)
	addr, sigterm, done := startServe(t, stdout, stderr, "--content", dir, "--shutdown-grace", "300ms", "--log-format", "json")
	readHeaders(t, slowReader(t, addr, big))
	sigterm()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a slow reader held the program past its grace period")
	}
	var cut, aborted bool
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line is not JSON: %q", line)
		}
		if strings.Contains(rec["msg"].(string), "grace period over") && rec["connections"] == 1.0 {
			cut = true
		}
		if rec["msg"] == "request" && rec["route"] == "/articles/{slug}" && rec["status"] == 499.0 && rec["level"] == "INFO" {
			aborted = true
		}
	}
	if !cut || !aborted {
		t.Errorf("cut logged: %v, request logged as 499: %v; log:\n%s", cut, aborted, stderr.String())
	}
}
