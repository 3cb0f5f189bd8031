package web

import "github.com/versus-web/versus/internal/catalog"

// NotFoundView is the 404 page: every criterion and article, to find the way back.
type NotFoundView struct {
	Criteria []*catalog.Criterion
	Articles []*catalog.Article
}

// ProblemView is a short error page, such as 405 or 500; its heading is the page title.
type ProblemView struct {
	Message string
}
