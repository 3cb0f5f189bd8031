package web

import "github.com/versus-web/versus/internal/catalog"

// HomeView is the home page: the subjects, every criterion at a glance, the filter and
// the latest articles.
type HomeView struct {
	Title       string
	Description string
	Subjects    []*catalog.Subject
	Rows        []Rows // every criterion, group by group
	Chart       Chart  // each group's average rating
	Filter      Filter
	Latest      []*catalog.Article
}
