package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/paths"
)

// readyServer answers paths.Ready with status and body, and 404 elsewhere, so a check of
// the wrong path fails.
func readyServer(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+paths.Ready, func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(status)
		w.Write([]byte(body))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestHealthcheck(t *testing.T) {
	ready := readyServer(t, http.StatusOK, "ready: 12 criteria, 3 articles\n")
	loading := readyServer(t, http.StatusServiceUnavailable, "loading content\n")
	closed := httptest.NewServer(http.NotFoundHandler())
	refusedURL := closed.URL + paths.Ready
	closed.Close() // nothing listens there any more
	_, readyPort, _ := net.SplitHostPort(ready.Listener.Addr().String())

	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		err      error
		contains string
	}{
		{"ready", []string{"--url", ready.URL + paths.Ready}, nil, nil, "ready: 12 criteria"},
		{"loading", []string{"--url", loading.URL + paths.Ready}, nil, exitCode(1), "503 Service Unavailable: loading content"},
		{"wrong path", []string{"--url", ready.URL + "/nope"}, nil, exitCode(1), "404 Not Found"},
		{"connection refused", []string{"--url", refusedURL}, nil, exitCode(1), "connection refused"},
		{"url from the environment", nil, map[string]string{"VERSUS_HEALTHCHECK_URL": ready.URL + paths.Ready}, nil, "ready:"},
		{"flag over environment", []string{"--url", loading.URL + paths.Ready},
			map[string]string{"VERSUS_HEALTHCHECK_URL": ready.URL + paths.Ready}, exitCode(1), "loading content"},
		{"VERSUS_ADDR on all interfaces", nil, map[string]string{"VERSUS_ADDR": "0.0.0.0:" + readyPort}, nil,
			"http://127.0.0.1:" + readyPort + paths.Ready + ": ready:"},
		{"VERSUS_ADDR without a host", nil, map[string]string{"VERSUS_ADDR": ":" + readyPort}, nil, "ready:"},
		{"bad VERSUS_ADDR", nil, map[string]string{"VERSUS_ADDR": "8080"}, exitCode(2), `VERSUS_ADDR="8080"`},
		{"VERSUS_ADDR on port 0", nil, map[string]string{"VERSUS_ADDR": "127.0.0.1:0"}, exitCode(2), "--url"},
		{"bad url", []string{"--url", "://nope"}, nil, exitCode(2), "not an absolute http or https URL"},
		{"relative url", []string{"--url", paths.Ready}, nil, exitCode(2), "not an absolute http or https URL"},
		{"other scheme", []string{"--url", "ftp://127.0.0.1/readyz"}, nil, exitCode(2), "not an absolute http or https URL"},
		{"bad timeout", []string{"--url", ready.URL, "--timeout", "0s"}, nil, exitCode(2), "must be positive"},
		{"unknown flag", []string{"--bogus"}, nil, exitCode(2), "flag provided but not defined"},
		{"extra argument", []string{"now"}, nil, exitCode(2), `unexpected argument "now"`},
		{"help", []string{"--help"}, nil, nil, "VERSUS_HEALTHCHECK_URL"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			err := run(context.Background(), append([]string{"healthcheck"}, tt.args...), env(tt.env), &out, &out)
			if err != tt.err {
				t.Errorf("err = %v, want %v", err, tt.err)
			}
			if !strings.Contains(out.String(), tt.contains) {
				t.Errorf("output lacks %q:\n%s", tt.contains, out.String())
			}
		})
	}
}

// TestHealthcheckTimeout: a server that accepts the connection but never answers fails
// the check after the default timeout of 2 seconds, within Docker's 3-second limit.
func TestHealthcheckTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)

	var out bytes.Buffer
	start := time.Now()
	err := run(context.Background(), []string{"healthcheck", "--url", srv.URL + paths.Ready}, env(nil), &out, &out)
	elapsed := time.Since(start)
	if err != exitCode(1) {
		t.Errorf("err = %v, want exit status 1", err)
	}
	if !strings.Contains(out.String(), "no answer within 2s") {
		t.Errorf("output = %q", out.String())
	}
	if elapsed < 1900*time.Millisecond || elapsed > 2900*time.Millisecond {
		t.Errorf("gave up after %v, want about 2s", elapsed)
	}
}

func TestReadyURL(t *testing.T) {
	tests := []struct {
		addr, want string
	}{
		{"127.0.0.1:8080", "http://127.0.0.1:8080/readyz"},
		{"0.0.0.0:8080", "http://127.0.0.1:8080/readyz"},
		{":9000", "http://127.0.0.1:9000/readyz"},
		{"[::]:8080", "http://[::1]:8080/readyz"},
		{"[::1]:8080", "http://[::1]:8080/readyz"},
		{"localhost:80", "http://localhost:80/readyz"},
		{"8080", ""},
		{"127.0.0.1:0", ""},
		{"127.0.0.1:", ""},
	}
	for _, tt := range tests {
		got, err := readyURL(tt.addr)
		if got != tt.want || (err != nil) != (tt.want == "") {
			t.Errorf("readyURL(%q) = %q, %v; want %q", tt.addr, got, err, tt.want)
		}
	}
}
