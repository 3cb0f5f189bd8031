package server

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/versus-web/versus/internal/metrics"
	"github.com/versus-web/versus/internal/paths"
)

// requestInfo is what the server knows of a request before handling it: its ID and
// the client's address, both safe to log and to show.
type requestInfo struct {
	id     string
	client string
}

type requestInfoKey struct{}

// info returns the request's ID and client, set by observe.
func info(r *http.Request) requestInfo {
	if ri, ok := r.Context().Value(requestInfoKey{}).(requestInfo); ok {
		return ri
	}
	return requestInfo{}
}

// observe gives every request an ID (returned in X-Request-Id) and a client address,
// then logs one access-log record and counts it in the metrics once it is answered.
// Nothing the client sent reaches the log unbounded: the path and method are cut
// short, the ID is accepted only when short and well-formed, and the client address is
// always a parsed IP.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		ri := s.identify(w, r)
		r = r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, ri))
		rec := &recorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.logRequest(r, rec, metrics.Route(r), ri, start)
	})
}

// identify names the request and its client, and returns the ID in X-Request-Id.
func (s *Server) identify(w http.ResponseWriter, r *http.Request) requestInfo {
	ri := requestInfo{id: requestID(r.Header.Get("X-Request-Id")), client: s.trusted.Client(r)}
	w.Header()["X-Request-Id"] = []string{ri.id}
	return ri
}

// logRequest counts an answered request in the metrics and writes its access-log
// record.
func (s *Server) logRequest(r *http.Request, rec *recorder, route string, ri requestInfo, start time.Time) {
	took := time.Since(start)
	if route == "" {
		route = metrics.Unmatched
	}
	status, level, cut := rec.status, slog.LevelInfo, rec.err
	if status == 0 && cut == nil {
		cut = r.Context().Err() // the client left before anything was written
	}
	switch {
	case cut != nil:
		// The client went away, or was too slow and the write timeout or shutdown
		// cut it: not the server's error. 499 is what nginx logs for it.
		status = statusClientClosed
	case status == 0:
		status = http.StatusOK // what net/http sends for a handler that wrote nothing
	case status >= 500:
		level = slog.LevelError
	case route == paths.Health || route == paths.Ready:
		level = slog.LevelDebug // a health check every few seconds is noise at info
	}
	var errAttr slog.Attr
	if cut != nil {
		errAttr = slog.String("error", truncate(cut.Error(), 200))
	}
	s.metrics.ObserveRequest(route, status, took)
	if !s.log.Enabled(r.Context(), level) {
		return
	}
	s.log.LogAttrs(r.Context(), level, "request",
		slog.String("method", truncate(r.Method, 16)),
		slog.String("route", route),
		slog.String("path", truncate(r.URL.Path, 200)),
		slog.Int("status", status),
		slog.Int64("bytes", rec.bytes),
		slog.Duration("duration", took),
		slog.String("client", ri.client),
		slog.String("request_id", ri.id),
		errAttr)
}

// statusClientClosed is logged for a response the client did not receive in full.
const statusClientClosed = 499

// recorder notes what a handler wrote: the status, the bytes, and the first write error.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
	err    error
}

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 && code >= 200 { // 1xx responses are interim
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += int64(n)
	if err != nil && r.err == nil {
		r.err = err
	}
	return n, err
}

// Flush lets streaming handlers (dev mode's events) flush through the recorder.
func (r *recorder) Flush() {
	if f, ok := r.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the connection's writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// maxRequestIDLength bounds a client's request ID: long enough for a UUID or a W3C trace
// ID, short enough that it cannot bloat a log line.
const maxRequestIDLength = 64

// requestID returns the client's ID when it is short and made of safe characters (so a
// proxy's ID links its log to ours), and a new one otherwise.
func requestID(given string) string {
	if len(given) > 0 && len(given) <= maxRequestIDLength && strings.Trim(given, idChars) == "" {
		return given
	}
	return idPrefix + strconv.FormatUint(idCounter.Add(1), 10)
}

const idChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:~"

// Generated IDs are a random prefix per process and a counter: unique across restarts
// and replicas, and cheap.
var (
	idPrefix  = newIDPrefix()
	idCounter atomic.Uint64
)

func newIDPrefix() string {
	var b [5]byte
	_, _ = rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.EncodeToString(b[:])) + "-"
}

// truncate cuts s to at most n bytes, marking the cut, and replaces invalid UTF-8.
func truncate(s string, n int) string {
	if len(s) > n {
		s = s[:n] + "…"
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
