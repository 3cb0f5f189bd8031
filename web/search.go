package web

import (
	"fmt"
	"strings"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/search"
)

// SearchView is the /search page.
type SearchView struct {
	Query     search.Query
	Results   []search.Result      // the best matches, at most search.MaxResults
	Total     int                  // how many pages match in all
	Suggested []*catalog.Criterion // offered when there is nothing to search for or nothing found
}

func resultTitle(r search.Result) string {
	if r.Criterion != nil {
		return r.Criterion.Title
	}
	return r.Article.Title
}

func resultURL(r search.Result) string {
	if r.Criterion != nil {
		return criterionURL(r.Criterion)
	}
	return articleURL(r.Article)
}

// resultMeta says what kind of page matched, and where it sits: a criterion's group or an
// article's date.
func resultMeta(r search.Result) string {
	if r.Criterion != nil {
		return "Criterion · " + r.Criterion.Group.Title
	}
	return "Article · " + longDate(r.Article.Published)
}

func termList(terms []string) string { return "“" + strings.Join(terms, "”, “") + "”" }

func resultCount(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}
