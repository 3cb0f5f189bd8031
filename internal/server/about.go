package server

import (
	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

var aboutKind = pageKind{
	name:    "about",
	pattern: paths.About,
	pages:   one(paths.About, aboutPage),
	example: func(*catalog.Catalog) string { return paths.About },
}

func aboutPage(st *site, m web.Meta) templ.Component {
	cat := st.cat
	m.Title, m.Path = "About", paths.About
	m.Description = "How " + cat.Title + " is rated and sourced, and how to reuse its text and data under " + st.shared.License.Name + "."
	return web.About(m, web.AboutView{
		Title:    cat.Title,
		Criteria: len(cat.Criteria),
		Articles: len(cat.Articles),
		Sources:  len(cat.Sources),
		OpenData: openData(st),
	})
}

// openData lists the ways to get the content as data that this site serves.
func openData(st *site) []web.Resource {
	out := []web.Resource{
		{Name: "JSON API", Path: paths.API, Description: "subjects, groups, criteria with ratings, verdicts and judged claims, articles and sources; described by OpenAPI 3.1 at " + paths.APIOpenAPI + "."},
		{Name: "CSV", Path: paths.CompareCSV, Description: "every rating and summary, one row per criterion and subject; any view of the filter has its own CSV link."},
	}
	if st.shared.Feed != "" {
		out = append(out, web.Resource{Name: "Atom feed", Path: st.shared.Feed, Description: "new articles and every change to a criterion."})
	}
	if st.shared.BaseURL != "" {
		out = append(out, web.Resource{Name: "Sitemap", Path: paths.Sitemap, Description: "every page, with the date its content last changed."})
	}
	return out
}
