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

// corpus writes a generated content folder of 216 criteria and the given articles.
func corpus(tb testing.TB, articles int) string {
	tb.Helper()
	dir := tb.TempDir()
	fixture.Corpus(tb, dir, content.FS(), 216, articles)
	return dir
}

// BenchmarkLoadCorpus measures what `versus serve` does before it serves its first page,
// on a generated corpus: read, validate and render the content into a catalog, then
// render its pages and check its links.
func BenchmarkLoadCorpus(b *testing.B) {
	for _, n := range corpusSizes {
		b.Run(fmt.Sprintf("articles=%d", n), func(b *testing.B) {
			dir := corpus(b, n)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Open(os.DirFS(dir), static.FS(), catalog.Options{}, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLoadCorpus loads a generated corpus with no problems and every page. The large one
// is left out of short and race runs, where it would take too long.
func TestLoadCorpus(t *testing.T) {
	for _, n := range corpusSizes {
		if n > 504 && (testing.Short() || raceEnabled) {
			continue
		}
		t.Run(fmt.Sprintf("articles=%d", n), func(t *testing.T) {
			s, err := Open(os.DirFS(corpus(t, n)), static.FS(), catalog.Options{}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			cat := s.Catalog()
			if len(cat.Criteria) != 216 || len(cat.Articles) != n {
				t.Errorf("loaded %d criteria and %d articles, want 216 and %d", len(cat.Criteria), len(cat.Articles), n)
			}
			for _, path := range []string{"/criteria/security-9", fmt.Sprintf("/articles/overview-%d", n/6)} {
				if rec := get(t, s, "GET", path); rec.Code != 200 {
					t.Errorf("GET %s = %d", path, rec.Code)
				}
			}
		})
	}
}
