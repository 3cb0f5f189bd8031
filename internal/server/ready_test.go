package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/static"
)

// TestReadyResponsesMatchTheRouter: pages and assets served without the router (see
// serveReady) get exactly what the router gives them — status, headers, body — and the
// same route in the access log.
func TestReadyResponsesMatchTheRouter(t *testing.T) {
	var logged bytes.Buffer
	s, err := Open(content.FS(), static.FS(), catalog.Options{}, Options{BaseURL: "https://versus.example",
		Logger: slog.New(slog.NewJSONHandler(&logged, nil))})
	if err != nil {
		t.Fatal(err)
	}
	st := s.current.Load()
	var targets []string
	for _, p := range st.index {
		if e := st.pages[p.path]; e != nil {
			if _, err := e.response(); err != nil { // lazy pages too, once made
				t.Fatal(err)
			}
			targets = append(targets, p.path)
		}
	}
	for _, name := range []string{"css/site.css", "js/site.js"} {
		u, err := st.assets.URL(name)
		if err != nil {
			t.Fatal(err)
		}
		targets = append(targets, u)
	}
	kinds := map[string]bool{}
	for _, target := range targets {
		for _, enc := range []string{"br", ""} {
			if res, _, _ := s.ready(httptest.NewRequest(http.MethodGet, target, nil)); res == nil {
				t.Fatalf("%s is not served as ready", target)
			}
			fast, routed := httptest.NewRecorder(), httptest.NewRecorder()
			logged.Reset()
			req := httptest.NewRequest(http.MethodGet, target, nil)
			req.Header.Set("Accept-Encoding", enc)
			s.ServeHTTP(fast, req)
			fastRoute := loggedRoute(t, logged.Bytes())
			logged.Reset()
			s.handler.ServeHTTP(routed, req)
			if route := loggedRoute(t, logged.Bytes()); route != fastRoute || route == "" {
				t.Errorf("%s: route %q, the router's %q", target, fastRoute, route)
			}
			fast.Header().Del("X-Request-Id")
			routed.Header().Del("X-Request-Id")
			if fast.Code != routed.Code || !maps.EqualFunc(fast.Header(), routed.Header(), slices.Equal) ||
				!bytes.Equal(fast.Body.Bytes(), routed.Body.Bytes()) {
				t.Errorf("%s (%q): served as ready\n%d %v\nthrough the router\n%d %v", target, enc,
					fast.Code, fast.Header(), routed.Code, routed.Header())
			}
			kinds[fastRoute] = true
		}
	}
	if len(kinds) < 10 {
		t.Errorf("only %d routes compared: %v", len(kinds), kinds)
	}
	// A page asked for with a query, or with POST, is the router's.
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodGet, "/?utm_source=x", nil),
		httptest.NewRequest(http.MethodPost, "/", nil),
		httptest.NewRequest(http.MethodGet, "/criteria/", nil),
	} {
		if res, _, _ := s.ready(req); res != nil {
			t.Errorf("%s %s served as ready", req.Method, req.URL)
		}
	}
}

func loggedRoute(t *testing.T, record []byte) string {
	t.Helper()
	var r struct{ Route string }
	if err := json.Unmarshal(record, &r); err != nil {
		t.Fatalf("access log %q: %v", record, err)
	}
	return r.Route
}
