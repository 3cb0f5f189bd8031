package server

import (
	"fmt"
	"slices"
	"strings"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

var criteriaKind = pageKind{
	name:    "criteria",
	pattern: paths.Criteria,
	section: web.CriteriaSection,
	pages:   one(paths.Criteria, criteriaPage),
	example: func(*catalog.Catalog) string { return paths.Criteria },
}

var criterionKind = pageKind{
	name:    "criterion",
	pattern: paths.CriterionPattern,
	section: web.CriteriaSection,
	pages: func(st *site) []page {
		pages := make([]page, len(st.cat.Criteria))
		for i, c := range st.cat.Criteria {
			pages[i] = page{path: paths.Criterion(c.Slug), refs: c.Refs, modified: c.Modified(), build: func(m web.Meta) templ.Component { return criterionPage(m, c) }}
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return ""
		}
		return paths.Criterion(cat.Criteria[0].Slug)
	},
}

func criteriaPage(st *site, m web.Meta) templ.Component {
	cat := st.cat
	m.Title, m.Path = "Criteria", paths.Criteria
	m.Description = "Every criterion " + cat.Title + " is compared on, by group."
	return web.CriteriaIndex(m, web.CriteriaView{Subjects: cat.Subjects, Groups: web.GroupRows(cat.Groups), Count: len(cat.Criteria)})
}

func criterionPage(m web.Meta, c *catalog.Criterion) templ.Component {
	m.Title, m.Description, m.Path = c.Title, criterionDescription(c), paths.Criterion(c.Slug)
	m.HasCode = c.Refs.Code
	return web.CriterionPage(m, web.CriterionView{Criterion: c, Embed: embedCode(m, c)})
}

// criterionDescription says a criterion's result, for search results and shared links:
// "Django 5/5, Node.js 3/5. CSRF, escaping, … are on from startproject." The winner's
// summary explains the result; without a winner, the question says what was asked.
func criterionDescription(c *catalog.Criterion) string {
	ratings := slices.Clone(c.Ratings)
	slices.SortStableFunc(ratings, func(a, b catalog.Rating) int { return b.Score - a.Score })
	scores := make([]string, len(ratings))
	for i, r := range ratings {
		scores[i] = fmt.Sprintf("%s %d/%d", r.Subject.Name, r.Score, catalog.MaxScore)
	}
	result := strings.Join(scores, ", ")
	switch c.Verdict.Kind {
	case catalog.VerdictWinner:
		if r, ok := c.Rating(c.Verdict.Winner.ID); ok {
			return result + ". " + c.Verdict.Winner.Name + ": " + r.Summary
		}
	case catalog.VerdictTie:
		result += ", a tie"
	case catalog.VerdictDepends:
		result += "; it depends"
	}
	return result + ". " + c.Question
}
