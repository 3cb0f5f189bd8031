package server

import (
	"net/http"
	"testing"

	"github.com/versus-web/versus/internal/paths"
)

// TestStaticListsEveryPage: Static yields every page of every kind in the registry
// (lazy ones made), every asset, each exported query view and the not-found page, each
// with the headers the server sends.
func TestStaticListsEveryPage(t *testing.T) {
	s := testServer(t)
	st := s.current.Load()
	got := map[string]StaticFile{}
	notFound := 0
	for f, err := range s.Static() {
		if err != nil {
			t.Fatal(err)
		}
		if f.Response == nil {
			t.Fatalf("%q: no response", f.Path)
		}
		if f.Status == http.StatusNotFound {
			notFound++
			continue
		}
		if _, dup := got[f.Path]; dup {
			t.Errorf("%s listed twice", f.Path)
		}
		got[f.Path] = f
	}
	if notFound != 1 {
		t.Errorf("%d not-found pages, want 1", notFound)
	}
	for path, e := range st.pages {
		f, ok := got[path]
		if !ok {
			t.Errorf("%s (%s) is not listed", path, e.kind.name)
			continue
		}
		if res, _ := e.made(); res != f.Response {
			t.Errorf("%s: not the response the server serves", path)
		}
		rec := get(t, s, http.MethodGet, path)
		for _, k := range []string{"Content-Type", "Cache-Control", "Access-Control-Allow-Origin", "Content-Security-Policy", "X-Frame-Options"} {
			if rec.Header().Get(k) != f.Header.Get(k) {
				t.Errorf("%s: %s %q, Static says %q", path, k, rec.Header().Get(k), f.Header.Get(k))
			}
		}
	}
	for path := range st.assets.Files() {
		if _, ok := got[path]; !ok {
			t.Errorf("asset %s is not listed", path)
		}
	}
	for _, g := range st.cat.Groups {
		if f, ok := got[paths.CompareGroup(g.ID)]; !ok || !f.Query {
			t.Errorf("the view of group %s is not listed as a query view", g.ID)
		}
	}
}
