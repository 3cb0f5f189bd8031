package server

import (
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/search"
	"github.com/versus-web/versus/web"
)

var searchKind = pageKind{
	name:     "search",
	unlisted: true, // results pages are endless; robots.txt disallows them
	pattern:  paths.Search,
	pages: one(paths.Search, func(st *site, m web.Meta) templ.Component {
		return searchPage(st, m, nil)
	}),
	query: searchPage,
	canonical: func(_ *site, q url.Values) (string, bool) {
		// The page shows the query as typed (trimmed, cut to the maximum length), and
		// says when it was cut.
		query := search.ParseQuery(q.Get(paths.SearchParam))
		return strconv.FormatBool(query.Truncated) + ":" + query.Text, true
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return paths.Search
		}
		return paths.SearchFor(cat.Criteria[0].Title)
	},
}

// searchPage finds criteria and articles. Every query, even an empty or odd one, gets a
// page that says what happened and where to go next.
func searchPage(st *site, m web.Meta, q url.Values) templ.Component {
	query := search.ParseQuery(q.Get(paths.SearchParam))
	view := web.SearchView{Query: query}
	if len(query.Terms) > 0 { // the page without a query, rendered at load, needs no index
		view.Results, view.Total = st.search.index().Find(query, search.MaxResults)
	}
	if len(view.Results) == 0 {
		view.Suggested = st.cat.Criteria
	}
	m.Title = "Search"
	if query.Text != "" {
		m.Title = "Search: " + query.Text
	}
	m.Description = "Search the " + st.cat.Title + " criteria and articles."
	m.Query = query.Text
	m.NoIndex = true
	return web.Search(m, view)
}

// searchIndex is a site's search index, built in the background once the site is
// served: the pages do not need it, and on a large catalog it costs a good part of a
// second. A search asked for meanwhile waits for it.
type searchIndex struct {
	ready chan struct{} // closed once ix is built
	ix    *search.Index
}

func (si *searchIndex) build(cat *catalog.Catalog) {
	si.ix = search.New(cat)
	close(si.ready)
}

// index returns the index, waiting for it to be built.
func (si *searchIndex) index() *search.Index {
	<-si.ready
	return si.ix
}
