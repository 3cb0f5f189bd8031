package main

import (
	"bytes"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/internal/metrics"
)

func TestServeMetrics(t *testing.T) {
	m := metrics.New()
	m.ObserveRequest("/criteria/{slug}", 200, time.Millisecond)
	var logs bytes.Buffer
	addr, stop, err := serveMetrics("127.0.0.1:0", m, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}

	base := "http://" + addr.String()
	resp, err := http.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `versus_http_requests_total{code="200",route="/criteria/{slug}"} 1`) {
		t.Errorf("GET /metrics = %d\n%s", resp.StatusCode, body)
	}
	// Only /metrics: the metrics address is no second way into the site.
	if resp, err := http.Get(base + "/"); err != nil {
		t.Error(err)
	} else if resp.Body.Close(); resp.StatusCode != http.StatusNotFound {
		t.Errorf("GET / on the metrics address = %d, want 404", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), base+"/metrics") {
		t.Errorf("the log does not say where metrics are served:\n%s", logs.String())
	}

	if err := stop(t.Context()); err != nil {
		t.Fatalf("stop: %v", err)
	}
	if _, err := http.Get(base + "/metrics"); err == nil {
		t.Error("metrics are still served after stop")
	}
}

func TestServeMetricsBadAddress(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()

	tests := []struct {
		name string
		addr string
	}{
		{"no port", "localhost"},
		{"not a port", "127.0.0.1:metrics"},
		{"taken", taken.Addr().String()},
		{"empty", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			addr, stop, err := serveMetrics(tt.addr, metrics.New(), slog.New(slog.DiscardHandler))
			if err == nil {
				stop(t.Context())
				t.Fatalf("serveMetrics(%q) served on %v, want an error", tt.addr, addr)
			}
			if !strings.Contains(err.Error(), "--metrics-addr") {
				t.Errorf("error %q does not name the flag --metrics-addr", err)
			}
		})
	}
}
