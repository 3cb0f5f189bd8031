package web

import (
	"strconv"

	"github.com/versus-web/versus/internal/catalog"
)

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

// claimID is the id of a claim on a criterion's page, made from its source and passage, so
// that it stays put when claims are added or reordered: seed-2024's passage 49.2 is
// "claim-seed-2024-49-2". A page lists a passage once, so the id is unique on it.
func claimID(cl catalog.Claim) string {
	id := "claim-" + cl.Source.ID + "-" + strconv.Itoa(cl.Passage.Line)
	if cl.Passage.Sentence > 0 {
		id += "-" + strconv.Itoa(cl.Passage.Sentence)
	}
	return id
}

// judgementURL links a claim listed as a reference to where it is judged.
func judgementURL(cl catalog.Claim) string {
	return criterionURL(cl.JudgedOn) + "#" + claimID(cl)
}

// judgementLinkDetail completes, for screen readers, the name of the link to where a claim
// is judged: a page can refer to several claims judged on one criterion, and each link's
// name must say which one it leads to.
func judgementLinkDetail(cl catalog.Claim) string {
	return " (the judgement of " + cl.Source.Publisher + ", " + year(cl.Source.Date.Time) + ", passage " + cl.Passage.String() + ")"
}
