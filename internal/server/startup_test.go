package server

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/static"
)

// TestAnswersWhileLoading: a server that has not loaded its content yet is alive, not
// ready, and says so on every page with a 503 the client may retry; once loaded, it is
// ready and serves pages.
func TestAnswersWhileLoading(t *testing.T) {
	s := Start(Options{})
	get := func(path string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec
	}
	if rec := get(paths.Health); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "loading") {
		t.Errorf("/healthz while loading: %d %q", rec.Code, rec.Body)
	}
	for _, path := range []string{paths.Ready, paths.Home, "/criteria/security", "/no/such/page", "/api/v1"} {
		rec := get(path)
		if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" || rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s while loading: %d, headers %v", path, rec.Code, rec.Header())
		}
	}
	if s.Catalog() != nil {
		t.Error("Catalog() before loading is not nil")
	}
	if err := s.Load(content.FS(), static.FS(), catalog.Options{}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{paths.Ready, paths.Home, paths.Health} {
		if rec := get(path); rec.Code != http.StatusOK {
			t.Errorf("%s once loaded: %d", path, rec.Code)
		}
	}
}

// TestOptimizeShrinksEveryResponse: the background pass recompresses the pages and
// assets served at a fast level on first use, so later requests get fewer bytes of the
// same page.
func TestOptimizeShrinksEveryResponse(t *testing.T) {
	s := newTestServer(t, content.FS())
	site := s.current.Load()
	css := site.shared.Assets.SiteCSS
	size := func(path string) int {
		req := httptest.NewRequest(http.MethodGet, path, nil)
		req.Header.Set("Accept-Encoding", "br")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "br" {
			t.Fatalf("%s: %d, encoding %q", path, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		body, _ := io.ReadAll(rec.Body)
		return len(body)
	}
	before := map[string]int{}
	for _, path := range []string{paths.Home, css} {
		before[path] = size(path)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.OptimizeInBackground(ctx, time.Hour); close(done) }()
	// The pass takes the assets first, then the pages in registry order, home first.
	deadline := time.Now().Add(time.Minute)
	for size(paths.Home) >= before[paths.Home] && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done // stops when asked, long before the pass is over
	for path, n := range before {
		if after := size(path); after >= n {
			t.Errorf("%s: %d bytes after optimizing, %d before", path, after, n)
		}
	}
}

// TestLazyPagesAreOptimizedSoon: a page made on its first request (a preview image, an
// API document) gets its best-level pass a moment later, not at the next interval.
func TestLazyPagesAreOptimizedSoon(t *testing.T) {
	var logged logBuffer
	s, err := Open(fixture.Sample(), static.FS(), catalog.Options{}, Options{Logger: slog.New(slog.NewJSONHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	passes := func() int {
		logged.mu.Lock()
		defer logged.mu.Unlock()
		return strings.Count(logged.buf.String(), "compressed at the best level")
	}
	waitFor := func(n int, within time.Duration) {
		t.Helper()
		for deadline := time.Now().Add(within); passes() < n; time.Sleep(10 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%d best-level passes logged within %s, want %d", passes(), within, n)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.OptimizeInBackground(ctx, time.Hour)
	waitFor(1, time.Minute)
	st := s.current.Load()
	for _, p := range st.index {
		// A preview image is made lazily too, but PNGs are not compressed.
		if e := st.pages[p.path]; e != nil && e.make != nil && e.kind.mediaType() != "image/png" {
			if _, err := e.response(); err != nil {
				t.Fatal(err)
			}
			break
		}
	}
	waitFor(2, 10*lazyPassDelay)
}
