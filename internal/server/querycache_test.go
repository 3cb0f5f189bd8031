package server

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"sync"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/static"
)

// TestQueryViewsAreCachedByCanonicalForm: every spelling of one view is rendered once and
// then served, with its ETag and encodings, from the site's cache; views that name what
// the reader typed wrong are rendered each time.
func TestQueryViewsAreCachedByCanonicalForm(t *testing.T) {
	s := newTestServer(t, content.FS()) // its own, so that its cache starts empty
	cache := s.current.Load().queries
	spellings := []string{
		"/compare?c=security&c=performance-io",
		"/compare?c=performance-io,security",
		"/compare?c=performance-io&c=security&c=security",
	}
	var first *http.Response
	var firstBody []byte
	for _, target := range spellings {
		rec := get(t, s, http.MethodGet, target, "Accept-Encoding", "gzip")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("%s: %d, Content-Encoding %q", target, rec.Code, rec.Header().Get("Content-Encoding"))
		}
		if first == nil {
			first, firstBody = rec.Result(), rec.Body.Bytes()
			continue
		}
		if rec.Header().Get("ETag") != first.Header.Get("ETag") || !bytes.Equal(rec.Body.Bytes(), firstBody) {
			t.Errorf("%s: not the same view as %s", target, spellings[0])
		}
	}
	if n := cache.views.Len(); n != 1 {
		t.Errorf("%d views cached for one canonical query, want 1", n)
	}
	zr, err := gzip.NewReader(bytes.NewReader(firstBody))
	if err != nil {
		t.Fatal(err)
	}
	if html, _ := io.ReadAll(zr); !bytes.Contains(html, []byte("Showing 2 of")) {
		t.Error("the cached view is not the compare page for two criteria")
	}

	// A revalidating reader gets 304 from the cache.
	rec := get(t, s, http.MethodGet, spellings[1], "If-None-Match", first.Header.Get("ETag"))
	if rec.Code != http.StatusNotModified {
		t.Errorf("If-None-Match on a cached view: %d, want 304", rec.Code)
	}

	// Notices repeat what the reader typed, so such views are not kept.
	for range 2 {
		if rec := get(t, s, http.MethodGet, "/compare?c=security&c=no-such-criterion"); rec.Code != http.StatusOK {
			t.Fatal(rec.Code)
		}
	}
	for _, target := range []string{"/search?q=websockets", "/search?q=%20websockets%20", "/decide?w=security:3", "/compare.csv?c=security"} {
		get(t, s, http.MethodGet, target)
	}
	if n := cache.views.Len(); n != 4 {
		t.Errorf("%d views cached, want 4: compare, search (one for both spellings), decide, CSV", n)
	}
}

// TestQueryCacheBelongsToOneCatalog: a new catalog starts with no views; dev mode, whose
// pages change on every edit, keeps none.
func TestQueryCacheBelongsToOneCatalog(t *testing.T) {
	s := testServer(t)
	get(t, s, http.MethodGet, "/compare?c=security")
	before := s.current.Load()
	if err := s.Update(Update{Catalog: before.cat, Assets: before.assets}); err != nil {
		t.Fatal(err)
	}
	if n := s.current.Load().queries.views.Len(); n != 0 {
		t.Errorf("new catalog starts with %d cached views", n)
	}
	dev, err := buildDevServer()
	if err != nil {
		t.Fatal(err)
	}
	if rec := get(t, dev, http.MethodGet, "/compare?c=security"); rec.Code != http.StatusOK {
		t.Fatal(rec.Code)
	}
	if dev.current.Load().queries != nil {
		t.Error("dev mode caches views")
	}
}

// TestSharedLinkIsRenderedOnce: many readers opening a link nobody has opened yet, all at
// once, get the view — they wait for one render of it instead of queueing for renders of
// their own, which the limit on renders would refuse.
func TestSharedLinkIsRenderedOnce(t *testing.T) {
	s, err := Open(content.FS(), static.FS(), catalog.Options{}, Options{QueryLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	const readers = 64
	start := make(chan struct{})
	codes := make(chan int, readers)
	var wg sync.WaitGroup
	for range readers {
		wg.Go(func() {
			<-start
			codes <- get(t, s, http.MethodGet, "/compare?c=security&c=auth&c=admin").Code
		})
	}
	close(start)
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Fatalf("a reader got %d", code)
		}
	}
	if n := s.current.Load().queries.views.Len(); n != 1 {
		t.Errorf("%d views cached", n)
	}
}
