package server

import (
	"net/http"
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
func BenchmarkCompareRendered(b *testing.B) {
	benchmarkGet(b, "/compare?c=security&c=performance-io", "")
}
func BenchmarkCompareRenderedGzip(b *testing.B) {
	benchmarkGet(b, "/compare?c=security&c=performance-io", "gzip")
}
func BenchmarkCompareAllRendered(b *testing.B) { benchmarkGet(b, "/compare", "") }
