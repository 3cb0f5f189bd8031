package server

import (
	"net/http"

	"github.com/versus-web/versus/internal/search"
	"github.com/versus-web/versus/web"
)

// handleSearch finds criteria and articles. Every query, even an empty or odd one, gets
// a page that says what happened and where to go next.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	st := s.current.Load()
	q := search.ParseQuery(r.URL.Query().Get("q"))
	view := web.SearchView{Query: q, Results: st.search.Search(q)}
	if len(view.Results) == 0 {
		for _, c := range st.cat.Criteria {
			view.Suggested = append(view.Suggested, web.Suggestion{Title: c.Title, URL: "/criteria/" + c.Slug})
		}
	}
	title := "Search"
	if q.Text != "" {
		title = "Search: " + q.Text
	}
	m := s.meta(st, title, "Search the "+st.cat.Title+" criteria and articles.", "", "")
	m.Query = q.Text
	m.NoIndex = true
	s.renderHTML(w, r, http.StatusOK, web.Search(m, view))
}
