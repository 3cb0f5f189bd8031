package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/clientip"
	"github.com/versus-web/versus/internal/metrics"
	"github.com/versus-web/versus/static"
)

// logBuffer collects JSON log records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// records returns the records logged so far, and the longest line's length.
func (l *logBuffer) records(t *testing.T) ([]map[string]any, int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var recs []map[string]any
	longest := 0
	for _, line := range strings.Split(strings.TrimSpace(l.buf.String()), "\n") {
		if line == "" {
			continue
		}
		longest = max(longest, len(line))
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON record: %q", line)
		}
		recs = append(recs, rec)
	}
	l.buf.Reset()
	return recs, longest
}

// openWith builds a server for the real content with opts, logging JSON to the buffer
// it returns.
func openWith(t *testing.T, opts Options) (*Server, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	opts.Logger = slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := Open(content.FS(), static.FS(), catalog.Options{}, opts)
	if err != nil {
		t.Fatal(err)
	}
	logs.records(t) // start empty
	return s, logs
}

var generatedID = regexp.MustCompile(`^[a-z2-7]{8}-\d+$`)

// TestAccessLog: one record per request with the route pattern, status, bytes, client
// and request ID; what the client sends is bounded before it is logged or echoed.
func TestAccessLog(t *testing.T) {
	s, logs := openWith(t, Options{})
	longPath := "/criteria/" + strings.Repeat("x", 5000) + "%0Aforged=1"
	tests := []struct {
		name      string
		path      string
		requestID string
		wantID    func(string) bool
		route     string
		status    float64
	}{
		{"no ID: one is made", "/criteria/security", "", generatedID.MatchString, "/criteria/{slug}", 200},
		{"a well-formed ID is kept", "/", "trace-4bf92f3577b34da6a3ce929d0e0e4736", func(id string) bool { return id == "trace-4bf92f3577b34da6a3ce929d0e0e4736" }, "/", 200},
		{"an oversized ID is replaced", "/", strings.Repeat("a", 60000), generatedID.MatchString, "/", 200},
		{"an ID with control characters is replaced", "/", "abc\x01\x1b[31mred", generatedID.MatchString, "/", 200},
		{"an ID with spaces is replaced", "/", "level=ERROR msg=forged", generatedID.MatchString, "/", 200},
		{"a long, odd path is cut short", longPath, "", generatedID.MatchString, "/criteria/{slug}", 404},
		{"no route", "/no/such/page", "", generatedID.MatchString, metrics.Unmatched, 404},
		{"health checks are logged at debug", "/readyz", "", generatedID.MatchString, "/readyz", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := get(t, s, http.MethodGet, tt.path, "X-Request-Id", tt.requestID)
			id := rec.Header().Get("X-Request-Id")
			if !tt.wantID(id) {
				t.Errorf("X-Request-Id = %q", id)
			}
			recs, longest := logs.records(t)
			if len(recs) != 1 {
				t.Fatalf("%d records, want 1: %v", len(recs), recs)
			}
			r := recs[0]
			if r["msg"] != "request" || r["method"] != "GET" || r["route"] != tt.route || r["status"] != tt.status ||
				r["request_id"] != id || r["client"] != "192.0.2.1" || r["bytes"].(float64) <= 0 {
				t.Errorf("record %v", r)
			}
			if level := map[bool]string{true: "DEBUG", false: "INFO"}[tt.route == "/readyz"]; r["level"] != level {
				t.Errorf("record %v", r)
			}
			if longest > 600 {
				t.Errorf("a %d-byte log line for a request", longest)
			}
		})
	}
}

// abortedWriter is a connection whose client has gone: every write fails.
type abortedWriter struct{ header http.Header }

func (a *abortedWriter) Header() http.Header         { return a.header }
func (a *abortedWriter) WriteHeader(int)             {}
func (a *abortedWriter) Write([]byte) (int, error)   { return 0, errors.New("write: broken pipe") }
func (a *abortedWriter) Unwrap() http.ResponseWriter { return nil }

// TestClientAbortIsNotAnError: a client that goes away mid-answer is logged as 499 at
// Info, and a page rendered for it does not count as a server error.
func TestClientAbortIsNotAnError(t *testing.T) {
	s, logs := openWith(t, Options{})
	for _, path := range []string{"/criteria/security", "/search?q=orm+admin", "/compare?c=security"} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		req := httptest.NewRequest(http.MethodGet, path, nil).WithContext(ctx)
		s.ServeHTTP(&abortedWriter{header: http.Header{}}, req)
		recs, _ := logs.records(t)
		if len(recs) != 1 || recs[0]["status"] != 499.0 || recs[0]["level"] != "INFO" || recs[0]["error"] == nil {
			t.Errorf("%s: records %v, want one 499 at INFO with the error", path, recs)
		}
	}
}

// TestForwardedClient: the forwarding headers name the client only when the peer is a
// trusted proxy.
func TestForwardedClient(t *testing.T) {
	trusted, _ := clientip.ParseTrusted("192.0.2.0/24") // httptest's peer is 192.0.2.1
	for _, tt := range []struct {
		trusted clientip.Trusted
		want    string
	}{{nil, "192.0.2.1"}, {trusted, "203.0.113.7"}} {
		s, logs := openWith(t, Options{TrustedProxies: tt.trusted})
		get(t, s, http.MethodGet, "/", "X-Forwarded-For", "198.51.100.1, 203.0.113.7")
		recs, _ := logs.records(t)
		if len(recs) != 1 || recs[0]["client"] != tt.want {
			t.Errorf("trusted %v: records %v, want client %s", tt.trusted, recs, tt.want)
		}
	}
}

// TestSecurityHeadersEverywhere: every response, errors included, carries the security
// headers; HSTS only when the site's address is HTTPS; resources meant for other sites
// say so in Cross-Origin-Resource-Policy.
func TestSecurityHeadersEverywhere(t *testing.T) {
	s := testServer(t) // https://versus.example
	check := func(name string, h http.Header, crossOrigin bool) {
		t.Helper()
		corp := "same-origin"
		if crossOrigin {
			corp = "cross-origin"
		}
		want := map[string]string{
			"Strict-Transport-Security":    hstsPolicy,
			"Permissions-Policy":           permissionsPolicy,
			"Cross-Origin-Opener-Policy":   "same-origin",
			"Cross-Origin-Resource-Policy": corp,
			"X-Content-Type-Options":       "nosniff",
			"Referrer-Policy":              "strict-origin-when-cross-origin",
		}
		for k, v := range want {
			if got := h.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got, v)
			}
		}
		if !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'self'") || h.Get("X-Request-Id") == "" {
			t.Errorf("%s: no CSP or request ID: %v", name, h)
		}
	}
	for _, tt := range pageTests {
		crossOrigin := false
		for _, k := range pageKinds {
			if k.pattern != "" && k.pattern == routeOf(s, tt.path) {
				crossOrigin = k.crossOrigin || k.embeddable
			}
		}
		check(tt.path, get(t, s, http.MethodGet, tt.path).Header(), crossOrigin)
	}
	check("405", get(t, s, http.MethodPost, "/").Header(), false)
	check("HEAD", get(t, s, http.MethodHead, "/criteria/security").Header(), false)
	rec := httptest.NewRecorder()
	s.recoverPanics(s.securityHeaders(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))).
		ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	rec.Header().Set("X-Request-Id", "not tested here")
	if rec.Code != 500 {
		t.Fatalf("panic: %d", rec.Code)
	}
	check("500", rec.Header(), false)

	limited, _ := openWith(t, Options{BaseURL: "https://versus.example", QueryLimit: 1})
	limited.queries.slots <- struct{}{} // the one slot is taken
	limited.queries.maxWait = 0
	rec = get(t, limited, http.MethodGet, "/search?q=orm")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("search with no free slot: %d", rec.Code)
	}
	check("429", rec.Header(), false)

	plain, _ := openWith(t, Options{BaseURL: "http://localhost:8080"})
	if h := get(t, plain, http.MethodGet, "/").Header().Get("Strict-Transport-Security"); h != "" {
		t.Errorf("HSTS over plain HTTP: %q", h)
	}
}

// TestQueryLimit: with every slot busy, query pages are refused with 429, Retry-After and
// a page that says what to do, and counted; cached pages, and query-less views of query
// pages, are served as ever.
func TestQueryLimit(t *testing.T) {
	m := metrics.New()
	s, _ := openWith(t, Options{QueryLimit: 2, Metrics: m})
	s.queries.maxWait = 0
	s.queries.slots <- struct{}{}
	s.queries.slots <- struct{}{}
	for _, path := range []string{"/search?q=orm", "/compare?c=security", "/decide?w=security:3", "/compare.csv?c=security"} {
		rec := get(t, s, http.MethodGet, path)
		if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != retryAfterSeconds ||
			rec.Header().Get("Cache-Control") != "no-store" || !strings.Contains(rec.Body.String(), "Too many requests") {
			t.Errorf("%s with no free slot: %d, headers %v", path, rec.Code, rec.Header())
		}
	}
	for _, path := range []string{"/", "/criteria/security", "/search", "/compare", "/api/v1/criteria"} {
		if rec := get(t, s, http.MethodGet, path); rec.Code != http.StatusOK {
			t.Errorf("%s with no free query slot: %d", path, rec.Code)
		}
	}
	<-s.queries.slots // one frees up
	if rec := get(t, s, http.MethodGet, "/search?q=orm"); rec.Code != http.StatusOK {
		t.Errorf("search with a free slot: %d", rec.Code)
	}
	scrape := get(t, m.Handler(), http.MethodGet, "/metrics").Body.String()
	for _, want := range []string{
		`versus_http_rejected_total{route="/search"} 1`,
		`versus_http_rejected_total{route="/compare"} 1`,
		`versus_http_requests_total{code="429",route="/decide"} 1`,
		`versus_http_requests_total{code="200",route="/criteria/{slug}"} 1`,
		`versus_catalog_generation 0`,
	} {
		if !strings.Contains(scrape, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(scrape, "/criteria/security") {
		t.Error("a raw path is a metrics label")
	}
}

// TestNotModifiedAcrossEncodings: the ETag names the page, not its encoding: a client
// that got the brotli answer revalidates it as gzip, or as identity, with a 304.
func TestNotModifiedAcrossEncodings(t *testing.T) {
	s := testServer(t)
	for _, path := range []string{"/", "/criteria/security", "/api/v1/criteria/security", "/feed.xml"} {
		first := get(t, s, http.MethodGet, path, "Accept-Encoding", "br")
		etag := first.Header().Get("ETag")
		if first.Header().Get("Content-Encoding") != "br" || !strings.HasPrefix(etag, `W/"`) || first.Header().Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: encoding %q, ETag %q, Vary %q", path, first.Header().Get("Content-Encoding"), etag, first.Header().Get("Vary"))
		}
		for _, enc := range []string{"br", "gzip", "identity", ""} {
			if rec := get(t, s, http.MethodGet, path, "Accept-Encoding", enc, "If-None-Match", etag); rec.Code != http.StatusNotModified || rec.Body.Len() != 0 {
				t.Errorf("%s as %q with its ETag: %d", path, enc, rec.Code)
			}
		}
	}
}
