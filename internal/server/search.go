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
	view.Results, view.Total = st.search.Find(query, search.MaxResults)
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
