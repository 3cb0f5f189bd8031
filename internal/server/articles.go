package server

import (
	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

var articlesKind = pageKind{
	name:    "articles",
	pattern: paths.Articles,
	section: web.ArticlesSection,
	pages:   one(paths.Articles, articlesPage),
	example: func(*catalog.Catalog) string { return paths.Articles },
}

var articleKind = pageKind{
	name:    "article",
	pattern: paths.ArticlePattern,
	section: web.ArticlesSection,
	lazy:    true, // a site may have thousands; each is made when first asked for
	pages: func(st *site) []page {
		pages := make([]page, len(st.cat.Articles))
		for i, a := range st.cat.Articles {
			pages[i] = page{path: paths.Article(a.Slug), refs: a.Refs, modified: a.Modified(),
				build: func(m web.Meta) templ.Component { return articlePage(m, a) },
				ids:   func(st *site, p page) (map[string]int, error) { return articleIDs(st, p, a) }}
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Articles) == 0 {
			return ""
		}
		return paths.Article(cat.Articles[0].Slug)
	},
}

func articlesPage(st *site, m web.Meta) templ.Component {
	cat := st.cat
	m.Title, m.Path = "Articles", paths.Articles
	m.Description = "Articles on " + cat.Title + ", newest first."
	return web.ArticlesIndex(m, web.ArticlesView{Subjects: cat.Subjects, Articles: cat.Articles})
}

func articlePage(m web.Meta, a *catalog.Article) templ.Component {
	m.Title, m.Description, m.Path = a.Title, a.Summary, paths.Article(a.Slug)
	m.Article = &web.ArticleFacts{Published: a.Published, Modified: a.Updated}
	m.HasCode = a.Refs.Code
	return web.ArticlePage(m, web.ArticleView{Article: a})
}

// articleIDs are the ids an article's page will have, read without rendering it in full:
// those of the page around an empty body, plus those of the body, which the page
// includes as it is.
func articleIDs(st *site, p page, a *catalog.Article) (map[string]int, error) {
	frame := *a
	frame.Body = ""
	p.build = func(m web.Meta) templ.Component { return articlePage(m, &frame) }
	body, err := renderPage(st, p)
	if err != nil {
		return nil, err
	}
	ids := pageIDs(body)
	for id, n := range pageIDs(a.Body) {
		ids[id] += n
	}
	return ids, nil
}
