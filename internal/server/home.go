package server

import (
	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

var homeKind = pageKind{
	name:    "home",
	pattern: paths.Home,
	section: web.HomeSection,
	pages:   one(paths.Home, homePage),
	example: func(*catalog.Catalog) string { return paths.Home },
}

// latestArticles is how many articles the home page lists.
const latestArticles = 3

func homePage(st *site, m web.Meta) templ.Component {
	cat := st.cat
	m.Description, m.Path = cat.Description, paths.Home
	m.Dataset = &web.DatasetFacts{Modified: cat.Modified(), Keywords: subjectNames(cat), Downloads: downloads()}
	rows := web.GroupRows(cat.Groups)
	return web.Home(m, web.HomeView{
		Title:       cat.Title,
		Description: cat.Description,
		Subjects:    cat.Subjects,
		Rows:        rows,
		Chart:       web.GroupChart("group-chart", "Average rating per group, 1 (weak) to 5 (strong).", cat.Subjects, rows),
		Filter:      web.Filter{Groups: cat.Groups, Subjects: cat.Subjects},
		Latest:      cat.Articles[:min(latestArticles, len(cat.Articles))],
	})
}

func subjectNames(cat *catalog.Catalog) []string {
	names := make([]string, len(cat.Subjects))
	for i, s := range cat.Subjects {
		names[i] = s.Name
	}
	return names
}

// downloads are the ways to take the whole comparison as data.
func downloads() []web.Download {
	return []web.Download{{Format: "application/json", Path: paths.APICriteria}, {Format: "text/csv", Path: paths.CompareCSV}}
}
