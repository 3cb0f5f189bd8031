package server

import (
	"net/http"

	"github.com/versus-web/versus/internal/decide"
	"github.com/versus-web/versus/web"
)

// handleDecide ranks the subjects by the weights in the query.
func (s *Server) handleDecide(w http.ResponseWriter, r *http.Request) {
	st := s.current.Load()
	weights, notices := decide.ParseWeights(st.cat, r.URL.Query())
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
	m.NoIndex = len(notices) > 0 || len(r.URL.RawQuery) > 0
	s.renderHTML(w, r, http.StatusOK, web.Decide(m, view))
}
