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
	pages: func(st *site) []page {
		pages := make([]page, len(st.cat.Articles))
		for i, a := range st.cat.Articles {
			pages[i] = page{path: paths.Article(a.Slug), refs: a.Refs, modified: a.Modified(), build: func(m web.Meta) templ.Component { return articlePage(m, a) }}
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
