package web

import "github.com/versus-web/versus/internal/catalog"

// CriteriaView is the index of criteria, by group.
type CriteriaView struct {
	Subjects []*catalog.Subject
	Groups   []Rows // groups that have criteria, in display order
	Count    int    // criteria in all
}

// CriterionView is one criterion's page.
type CriterionView struct {
	Criterion *catalog.Criterion
	Embed     EmbedCode // the iframe other sites can paste to show this criterion
}

// sectionTitle is the title a section of a criterion's page is shared under.
func sectionTitle(c *catalog.Criterion, section string) string {
	return c.Title + ": " + section
}
