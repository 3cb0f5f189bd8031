package search

import (
	"os"
	"testing"

	"github.com/versus-web/versus/content"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
)

// threeWords matches most pages of the real content, and so of a corpus made from it.
const threeWords = "node django performance"

func benchmarkSearch(b *testing.B, ix *Index, query string) {
	q := ParseQuery(query)
	b.ReportAllocs()
	for b.Loop() {
		if r := ix.Search(q); len(r) == 0 {
			b.Fatal("no results")
		}
	}
}

// BenchmarkSearch3Words searches the real content and a generated corpus of 216
// criteria and 5,004 articles.
func BenchmarkSearch3Words(b *testing.B) {
	cat, err := catalog.Load(content.FS(), catalog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("content", func(b *testing.B) { benchmarkSearch(b, New(cat), threeWords) })
	b.Run("articles=5004", func(b *testing.B) {
		dir := b.TempDir()
		fixture.Corpus(b, dir, content.FS(), 216, 5004)
		cat, err := catalog.Load(os.DirFS(dir), catalog.Options{})
		if err != nil {
			b.Fatal(err)
		}
		ix := New(cat)
		b.Run("query="+threeWords, func(b *testing.B) { benchmarkSearch(b, ix, threeWords) })
		// A reader's question: words that only some pages have.
		b.Run("query=websockets channels redis", func(b *testing.B) { benchmarkSearch(b, ix, "websockets channels redis") })
		// Short prefixes: every word that starts with them counts.
		b.Run("query=de co pr", func(b *testing.B) { benchmarkSearch(b, ix, "de co pr") })
	})
}

// BenchmarkIndex measures building the index of the real content.
func BenchmarkIndex(b *testing.B) {
	cat, err := catalog.Load(content.FS(), catalog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		New(cat)
	}
}
