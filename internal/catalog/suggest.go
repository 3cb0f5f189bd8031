package catalog

import (
	"sort"

	"github.com/versus-web/versus/internal/suggest"
)

// didYouMean returns `; did you mean "x"?` when a known name is a likely typo of name.
func didYouMean(name string, known []string) string { return suggest.DidYouMean(name, known) }

func (l *loader) sourceIDs() []string {
	ids := make([]string, 0, len(l.cat.sources))
	for id := range l.cat.sources {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
