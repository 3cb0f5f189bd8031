package web

import "github.com/versus-web/versus/internal/catalog"

// ArticlesView is the index of articles, newest first.
type ArticlesView struct {
	Subjects []*catalog.Subject
	Articles []*catalog.Article
}

// ArticleView is one article's page.
type ArticleView struct {
	Article *catalog.Article
}
