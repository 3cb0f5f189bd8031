package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
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

// slowReader asks for a large document many times over one connection (pipelined, so
// the answers exceed what the socket buffers hold) and reads nothing until told: a
// request stays in flight, its handler blocked writing.
func slowReader(t *testing.T, addr, path string) net.Conn {
	t.Helper()
	d := net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		return c.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 2048) })
	}}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	for range pipelined {
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: versus.test\r\nAccept-Encoding: identity\r\n\r\n", path)
	}
	return conn
}

// waitBlocked waits until the server stops logging answers to the slow readers: their
// socket buffers are full, and a handler is blocked writing.
func waitBlocked(t *testing.T, log *syncBuffer) {
	t.Helper()
	last, since := -1, time.Now()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		n := strings.Count(log.String(), "/api/v1/criteria")
		if n != last {
			last, since = n, time.Now()
			continue
		}
		if time.Since(since) > 300*time.Millisecond {
			return
		}
	}
	t.Fatal("the slow readers' answers never stopped")
}

// pipelined answers of 230 KB each are about 9 MB: more than loopback socket buffers hold.
const pipelined = 40

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
	addr, sigterm, done := startServe(t, stdout, stderr, "--shutdown-grace", "20s")

	type inFlight struct {
		conn  *net.TCPConn
		first *http.Response
		br    *bufio.Reader
	}
	var slow []inFlight
	for range 3 {
		conn := slowReader(t, addr, "/api/v1/criteria")
		first, br := readHeaders(t, conn)
		slow = append(slow, inFlight{conn.(*net.TCPConn), first, br}) // the first answer is on its way; most are still to come
	}

	waitBlocked(t, stderr)

	// Query pages under way as the signal comes.
	var wg sync.WaitGroup
	statuses := make(chan int, 1000)
	stop := make(chan struct{})
	client := &http.Client{Timeout: 30 * time.Second}
	for i := range 8 {
		wg.Go(func() {
			path := []string{"/search?q=orm+admin+async+types", "/compare?c=security&c=performance-io"}[i%2]
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
	// The slow readers read now, at once and with room to: the answer each had in
	// flight arrives whole. (Requests pipelined behind it had not started; the server
	// closes the connection after the one in flight, as a graceful shutdown does.)
	var readers sync.WaitGroup
	for i, c := range slow {
		_ = c.conn.SetReadBuffer(4 << 20)
		readers.Go(func() {
			resp := c.first
			for n := 0; ; n++ {
				body, err := io.ReadAll(resp.Body)
				if err != nil || resp.StatusCode != 200 || int64(len(body)) != resp.ContentLength {
					t.Errorf("slow reader %d, answer %d: status %d, %d of %d bytes, err %v", i, n, resp.StatusCode, len(body), resp.ContentLength, err)
					return
				}
				if resp, err = http.ReadResponse(c.br, nil); err != nil {
					// The server closes the connection after the answer in flight: the
					// reader sees the end, or a reset for the requests it never read.
					if n != pipelined-1 && !errors.Is(err, io.EOF) && !errors.Is(err, syscall.ECONNRESET) {
						t.Errorf("slow reader %d, after answer %d: %v", i, n, err)
					}
					return
				}
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
	case <-time.After(30 * time.Second):
		t.Fatal("did not stop")
	}
	if strings.Contains(stderr.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", stderr.String())
	}
}

// TestShutdownCutsSlowReaderAfterGrace: a client that never reads does not hold the
// program past the grace period; its connection is closed, the cut is logged, the
// request is logged as 499, and the program still exits cleanly.
func TestShutdownCutsSlowReaderAfterGrace(t *testing.T) {
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	addr, sigterm, done := startServe(t, stdout, stderr, "--shutdown-grace", "300ms", "--log-format", "json")
	conn := slowReader(t, addr, "/api/v1/criteria")
	readHeaders(t, conn)
	waitBlocked(t, stderr)
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
		if rec["msg"] == "request" && rec["route"] == "/api/v1/criteria" && rec["status"] == 499.0 && rec["level"] == "INFO" {
			aborted = true
		}
	}
	if !cut || !aborted {
		t.Errorf("cut logged: %v, request logged as 499: %v; log:\n%s", cut, aborted, stderr.String())
	}
}
