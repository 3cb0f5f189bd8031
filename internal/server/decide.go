package server

import (
	"net/url"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/decide"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

var decideKind = pageKind{
	name:    "decide",
	pattern: paths.Decide,
	section: web.DecideSection,
	pages: one(paths.Decide, func(st *site, m web.Meta) templ.Component {
		return decidePage(st, m, nil)
	}),
	query: decidePage,
	canonical: func(st *site, q url.Values) (string, bool) {
		weights, notices := decide.ParseWeights(st.cat, q)
		// An empty query ("?&") renders the page for search engines; only real ones are kept.
		return weights.Encode(st.cat), len(notices) == 0 && len(q) > 0
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return paths.Decide
		}
		return paths.WithQuery(paths.Decide, decide.Weights{cat.Criteria[0].Slug: decide.MaxWeight}.Encode(cat))
	},
}

// decidePage ranks the subjects by the weights in the query; without one, every
// criterion weighs the same.
func decidePage(st *site, m web.Meta, q url.Values) templ.Component {
	cat := st.cat
	weights, notices := decide.ParseWeights(cat, q)
	view := web.DecideView{
		Groups:   cat.Groups,
		Subjects: cat.Subjects,
		Weights:  weights,
		Result:   decide.Rank(cat, weights),
		Notices:  notices,
	}
	m.Title = "Your priorities"
	m.Description = "Rank " + cat.Title + " by the criteria that matter to you."
	m.Path = paths.WithQuery(paths.Decide, weights.Encode(cat))
	m.NoIndex = len(notices) > 0 || len(q) > 0
	return web.Decide(m, view)
}
