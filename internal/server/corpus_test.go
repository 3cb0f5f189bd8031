package server

import (
	"fmt"
	"os"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/static"
)

// corpusSizes are the generated corpora the load is measured on: 216 criteria and 504 or
// 5,004 articles, copies of the real content. Loading grows about linearly between them.
var corpusSizes = []int{504, 5004}

// corpus writes a generated content folder of the given criteria and articles.
func corpus(tb testing.TB, criteria, articles int) string {
	tb.Helper()
	dir := tb.TempDir()
	fixture.Corpus(tb, dir, content.FS(), criteria, articles)
	return dir
}

// BenchmarkLoadCorpus measures what `versus serve` does before it serves its first page,
// on a generated corpus: read, validate and render the content into a catalog, then
// render its pages and check its links.
func BenchmarkLoadCorpus(b *testing.B) {
	for _, n := range corpusSizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus(b, 216, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Open(os.DirFS(dir), static.FS(), catalog.Options{}, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLoadCorpus loads a generated corpus with no problems and serves its pages. Under
// the race detector, which slows loading tenfold, the corpus is a tenth of the size, and
// the large one is left out of short and race runs.
func TestLoadCorpus(t *testing.T) {
	sizes := []struct{ criteria, articles int }{{216, 504}, {216, 5004}}
	if testing.Short() || raceEnabled {
		sizes = []struct{ criteria, articles int }{{24, 60}}
	}
	for _, n := range sizes {
		t.Run(fmt.Sprintf("criteria=%d,articles=%d", n.criteria, n.articles), func(t *testing.T) {
			s, err := Open(os.DirFS(corpus(t, n.criteria, n.articles)), static.FS(), catalog.Options{}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			cat := s.Catalog()
			if len(cat.Criteria) != n.criteria || len(cat.Articles) != n.articles {
				t.Errorf("loaded %d criteria and %d articles, want %d and %d", len(cat.Criteria), len(cat.Articles), n.criteria, n.articles)
			}
			copies := n.articles / 6
			for _, path := range []string{"/criteria/security", fmt.Sprintf("/articles/overview-%d", copies), "/search?q=node+django+performance"} {
				if rec := get(t, s, "GET", path); rec.Code != 200 {
					t.Errorf("GET %s = %d", path, rec.Code)
				}
			}
		})
	}
}
