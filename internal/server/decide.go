package server

import (
	"net/http"
	"net/url"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/decide"
	"github.com/versus-web/versus/web"
)

// handleDecide ranks the subjects by the weights in the query. Without a query (equal
// weights) the page is rendered once per catalog.
func (s *Server) handleDecide(w http.ResponseWriter, r *http.Request) {
	s.serveQueryPage(w, r, s.decidePage)
}

// decidePage is the /decide page for a query.
func (s *Server) decidePage(st *site, query url.Values) templ.Component {
	weights, notices := decide.ParseWeights(st.cat, query)
	view := web.DecideView{
		Groups:   st.cat.Groups,
		Subjects: st.cat.Subjects,
		Weights:  weights,
		Result:   decide.Rank(st.cat, weights),
		Notices:  notices,
	}
	path := "/decide"
	if q := weights.Encode(st.cat); q != "" {
		path += "?" + q
	}
	m := s.meta(st, "Your priorities", "Rank "+st.cat.Title+" by the criteria that matter to you.", path, "decide")
	m.NoIndex = len(notices) > 0 || len(query) > 0
	return web.Decide(m, view)
}
