package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/paths"
)

// notPages are the routes that serve no page, so the registry does not list them.
var notPages = []string{assets.Prefix + "*", paths.Health, paths.Ready, paths.DevEvents, paths.DevScript}

// TestRoutesComeFromTheRegistry walks the router: every route is a kind of page in the
// registry or one of the few routes that are not pages, and every kind is routed.
func TestRoutesComeFromTheRegistry(t *testing.T) {
	s, err := buildDevServer()
	if err != nil {
		t.Fatal(err)
	}
	var patterns []string
	for _, k := range pageKinds {
		if k.pattern != "" {
			patterns = append(patterns, k.pattern)
		}
	}
	routed := map[string]bool{}
	err = chi.Walk(s.handler, func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		routed[route] = true
		if !slices.Contains(patterns, route) && !slices.Contains(notPages, route) {
			t.Errorf("%s %s is routed but is neither in the page registry nor in notPages", method, route)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range append(patterns, notPages...) {
		if !routed[p] {
			t.Errorf("%s is not routed", p)
		}
	}
}

// routeOf is the pattern the router would serve a path with.
func routeOf(s *Server, path string) string {
	rctx := chi.NewRouteContext()
	path, _, _ = strings.Cut(path, "?")
	if !s.handler.Match(rctx, http.MethodGet, path) {
		return ""
	}
	return rctx.RoutePattern()
}

// TestEveryKindIsTested: TestPages visits at least one page of every kind in the
// registry, and every kind's example is served with its status.
func TestEveryKindIsTested(t *testing.T) {
	s := testServer(t)
	tested := map[string]bool{}
	for _, tt := range pageTests {
		tested[routeOf(s, tt.path)] = true
	}
	for _, k := range pageKinds {
		if k.pattern != "" && !tested[k.pattern] {
			t.Errorf("no TestPages case visits a %s page (%s)", k.name, k.pattern)
		}
	}
	examples := Examples(s.Catalog())
	for _, k := range pageKinds {
		if k.example != nil && !slices.ContainsFunc(examples, func(e PageExample) bool { return e.Kind == k.name }) {
			t.Errorf("kind %s has no example", k.name)
		}
	}
	for _, e := range examples {
		if rec := get(t, s, http.MethodGet, e.Path); rec.Code != e.Status {
			t.Errorf("%s example %s: status %d, want %d", e.Kind, e.Path, rec.Code, e.Status)
		}
	}
}

// TestEveryPageIsServed requests every page the registry renders for the real content.
func TestEveryPageIsServed(t *testing.T) {
	s := testServer(t)
	st := s.current.Load()
	if len(st.pages) < 30 {
		t.Fatalf("only %d pages rendered", len(st.pages))
	}
	for path, e := range st.pages {
		rec := get(t, s, http.MethodGet, path)
		if rec.Code != http.StatusOK {
			t.Errorf("%s: status %d", path, rec.Code)
		}
		if got := rec.Header().Get("Content-Type"); got != e.kind.mediaType() {
			t.Errorf("%s: Content-Type %q, want %q", path, got, e.kind.mediaType())
		}
		if !e.kind.isHTML() {
			continue
		}
		if n := strings.Count(rec.Body.String(), "<h1"); n != 1 {
			t.Errorf("%s: %d h1 elements", path, n)
		}
	}
}
