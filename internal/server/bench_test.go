package server

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
)

// BenchmarkBuild measures rendering and compressing every catalog-only page once.
func BenchmarkBuild(b *testing.B) {
	s := testServer(b)
	b.ReportAllocs()
	for b.Loop() {
		if err := s.render(&site{cat: s.Catalog(), assets: s.current.Load().assets}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoad measures parsing, validating and rendering the real content.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := catalog.Load(content.FS(), catalog.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchmarkGet(b *testing.B, target, acceptEncoding string) {
	s := testServer(b)
	b.ReportAllocs()
	for b.Loop() {
		rec := get(b, s, http.MethodGet, target, "Accept-Encoding", acceptEncoding)
		if rec.Code != 200 {
			b.Fatal(rec.Code)
		}
	}
}

func BenchmarkHomeCachedBrotli(b *testing.B)   { benchmarkGet(b, "/", "br") }
func BenchmarkHomeCachedIdentity(b *testing.B) { benchmarkGet(b, "/", "") }
func BenchmarkCriterionCached(b *testing.B)    { benchmarkGet(b, "/criteria/security", "br") }

// BenchmarkCompareCached measures a repeated view of a shared compare link: served from
// the site's cache of views.
func BenchmarkCompareCached(b *testing.B) {
	benchmarkGet(b, "/compare?c=security&c=performance-io&c=auth", "br")
}

// BenchmarkCompareRender measures rendering a 3-criterion compare view, as for the first
// reader of a link.
func BenchmarkCompareRender(b *testing.B) {
	benchmarkRender(b, &compareKind, "c=security&c=performance-io&c=auth")
}

// BenchmarkCompareAllRender measures rendering the view of every criterion.
func BenchmarkCompareAllRender(b *testing.B) { benchmarkRender(b, &compareKind, "c=") }

// BenchmarkSearchRender measures a search for one word and the page of its results.
func BenchmarkSearchRender(b *testing.B) { benchmarkRender(b, &searchKind, "q=websockets") }

// BenchmarkDecideRender measures ranking the subjects by weights and the page of it.
func BenchmarkDecideRender(b *testing.B) {
	benchmarkRender(b, &decideKind, "w=security:3,performance-io:2")
}

func benchmarkRender(b *testing.B, kind *pageKind, rawQuery string) {
	s := testServer(b)
	st := s.current.Load()
	q, err := url.ParseQuery(rawQuery)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := kind.query(st, st.meta(kind.section), q).Render(context.Background(), &buf); err != nil {
			b.Fatal(err)
		}
	}
}
