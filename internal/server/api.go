package server

import (
	"io"
	"net/http"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/api"
	"github.com/versus-web/versus/internal/cached"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// The read-only JSON API (API.md): each document is a page of a kind, readable from any
// site. The kinds are lazy: a document is rendered and compressed on its first request,
// once per catalog, because few are ever asked for and compressing them all at load
// would double the time the site takes to start. The wire format is package api's
// business.

// apiKind is a kind with one API document at path, made by doc.
func apiKind[T any](name, path string, doc func(*catalog.Catalog, api.Site) T) pageKind {
	return pageKind{
		name:        name,
		pattern:     path,
		pages:       one(path, func(st *site, m web.Meta) templ.Component { return apiDocument(doc(st.cat, apiSite(st)))(m) }),
		example:     func(*catalog.Catalog) string { return path },
		contentType: api.MediaType,
		crossOrigin: true,
		lazy:        true,
	}
}

var (
	apiIndexKind    = apiKind("api-index", paths.API, api.NewIndex)
	apiSubjectsKind = apiKind("api-subjects", paths.APISubjects, api.NewSubjects)
	apiGroupsKind   = apiKind("api-groups", paths.APIGroups, api.NewGroups)
	apiCriteriaKind = apiKind("api-criteria", paths.APICriteria, api.NewCriteria)
	apiArticlesKind = apiKind("api-articles", paths.APIArticles, api.NewArticles)
	apiSourcesKind  = apiKind("api-sources", paths.APISources, api.NewSources)
)

var apiCriterionKind = pageKind{
	name:    "api-criterion",
	pattern: paths.APICriterionPattern,
	pages: func(st *site) []page {
		pages := make([]page, len(st.cat.Criteria))
		for i, c := range st.cat.Criteria {
			pages[i] = page{path: paths.APICriterion(c.Slug), build: func(m web.Meta) templ.Component {
				return apiDocument(api.NewCriterionDocument(c, apiSite(st)))(m)
			}}
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return ""
		}
		return paths.APICriterion(cat.Criteria[0].Slug)
	},
	contentType: api.MediaType,
	crossOrigin: true,
	lazy:        true,
}

// apiOpenAPIKind is the OpenAPI document, with the site's URL and license filled in.
var apiOpenAPIKind = pageKind{
	name:    "api-openapi",
	pattern: paths.APIOpenAPI,
	pages: one(paths.APIOpenAPI, func(st *site, m web.Meta) templ.Component {
		return document(func(w io.Writer) error { return api.WriteOpenAPI(w, apiSite(st)) })(m)
	}),
	example:     func(*catalog.Catalog) string { return paths.APIOpenAPI },
	contentType: api.MediaType,
	crossOrigin: true,
	lazy:        true,
}

func apiSite(st *site) api.Site {
	return api.Site{BaseURL: st.shared.BaseURL, License: api.License{Name: st.shared.License.Name, URL: st.shared.License.URL}}
}

// apiDocument builds a page that is the JSON encoding of doc.
func apiDocument(doc any) func(web.Meta) templ.Component {
	return document(func(w io.Writer) error { return api.Write(w, doc) })
}

// The API's errors are problem documents (RFC 9457), not the site's HTML error pages,
// and like its documents any site may read them.
var (
	apiNotFound          = cached.New(api.ProblemMediaType, revalidate, api.NotFound)
	apiCriterionNotFound = cached.New(api.ProblemMediaType, revalidate, api.CriterionNotFound)
	apiMethodNotAllowed  = cached.New(api.ProblemMediaType, revalidate, api.MethodNotAllowed)
	apiServerError       = cached.New(api.ProblemMediaType, "no-store", api.ServerError)
)

// apiProblem answers a request under the API's path with a problem document.
func apiProblem(w http.ResponseWriter, r *http.Request, status int, res *cached.Response) {
	w.Header().Set("Access-Control-Allow-Origin", "*")
	w.Header().Del("ETag")
	res.Serve(w, r, status)
}
