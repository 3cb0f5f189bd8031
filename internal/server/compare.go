package server

import (
	"fmt"
	"net/url"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/internal/query"
	"github.com/versus-web/versus/web"
)

var compareKind = pageKind{
	name:    "compare",
	pattern: paths.Compare,
	section: web.CompareSection,
	pages: one(paths.Compare, func(st *site, m web.Meta) templ.Component {
		return comparePage(st, m, nil)
	}),
	query: comparePage,
	canonical: func(st *site, q url.Values) (string, bool) {
		sel := parseSelection(st.cat, q)
		return sel.canonicalQuery(), len(sel.notices) == 0
	},
	// One view per group: the links on every page that narrow the table to a group.
	exports: func(st *site) []page {
		pages := make([]page, len(st.cat.Groups))
		for i, g := range st.cat.Groups {
			pages[i] = page{path: paths.CompareGroup(g.ID), build: func(m web.Meta) templ.Component {
				return comparePage(st, m, url.Values{paths.GroupParam: {g.ID}})
			}}
		}
		return pages
	},
	example: func(cat *catalog.Catalog) string {
		var slugs []string
		for _, c := range cat.Criteria[:min(2, len(cat.Criteria))] {
			slugs = append(slugs, c.Slug)
		}
		return paths.CompareCriteria(slugs...)
	},
}

// comparePage is the table narrowed to the criteria and subjects in the query.
func comparePage(st *site, m web.Meta, q url.Values) templ.Component {
	cat := st.cat
	sel := parseSelection(cat, q)
	view := web.CompareView{
		Subjects: sel.subjects,
		Shown:    len(sel.criteria),
		Total:    len(cat.Criteria),
		Notices:  sel.notices,
		Filter:   web.Filter{Groups: cat.Groups, Subjects: cat.Subjects, Criteria: sel.checkedC, Chosen: sel.checkedS, Parts: st.parts},
	}
	chosen := map[string]bool{}
	for _, c := range sel.criteria {
		chosen[c.Slug] = true
	}
	for _, g := range cat.Groups {
		rows := web.Rows{Group: g}
		for _, c := range g.Criteria {
			if chosen[c.Slug] {
				rows.Criteria = append(rows.Criteria, c)
			}
		}
		if len(rows.Criteria) > 0 {
			view.Rows = append(view.Rows, rows)
		}
	}
	caption := "Each subject's rating on the selected criteria, 1 (weak) to 5 (strong)."
	if view.Shown == view.Total {
		caption = "Each subject's rating on every criterion, 1 (weak) to 5 (strong)."
	}
	view.Chart = web.CriteriaChart("compare-chart", caption, view.Subjects, view.Rows)
	m.Title = "Filter"
	if view.Shown < view.Total {
		m.Title = fmt.Sprintf("%d of %d criteria", view.Shown, view.Total)
	}
	m.Description = "The " + cat.Title + " comparison, narrowed to the criteria you choose."
	m.Path = paths.WithQuery(paths.Compare, sel.canonicalQuery())
	view.CSV = paths.WithQuery(paths.CompareCSV, sel.canonicalQuery())
	m.NoIndex = len(sel.notices) > 0
	return web.Compare(m, view)
}

// selection is what a /compare URL asks for, resolved against the catalog.
type selection struct {
	criteria []*catalog.Criterion // in catalog order; every criterion when none was chosen
	subjects []*catalog.Subject   // in catalog order; every subject when none was chosen
	checkedC map[string]bool      // criterion slugs the reader ticked
	checkedS map[string]bool      // subject ids the reader ticked
	notices  []query.Notice
}

// parseSelection reads c (criteria), g (groups) and s (subjects) from a query. Values may
// repeat or be comma-separated. Unknown values are named in notices and ignored; choosing
// nothing, or nothing known, means everything.
func parseSelection(cat *catalog.Catalog, q url.Values) selection {
	sel := selection{checkedC: map[string]bool{}, checkedS: map[string]bool{}}
	var unknownC, unknownG, unknownS []string
	for _, v := range query.Values(q[paths.CriterionParam]) {
		if _, ok := cat.Criterion(v); ok {
			sel.checkedC[v] = true
		} else {
			unknownC = append(unknownC, v)
		}
	}
	for _, v := range query.Values(q[paths.GroupParam]) {
		found := false
		for _, g := range cat.Groups {
			if g.ID == v {
				found = true
				for _, c := range g.Criteria {
					sel.checkedC[c.Slug] = true
				}
			}
		}
		if !found {
			unknownG = append(unknownG, v)
		}
	}
	for _, v := range query.Values(q[paths.SubjectParam]) {
		if _, ok := cat.Subject(v); ok {
			sel.checkedS[v] = true
		} else {
			unknownS = append(unknownS, v)
		}
	}
	for _, c := range cat.Criteria {
		if len(sel.checkedC) == 0 || sel.checkedC[c.Slug] {
			sel.criteria = append(sel.criteria, c)
		}
	}
	for _, s := range cat.Subjects {
		if len(sel.checkedS) == 0 || sel.checkedS[s.ID] {
			sel.subjects = append(sel.subjects, s)
		}
	}
	sel.notices = append(sel.notices, query.Ignored(paths.CriterionParam, query.Unknown, unknownC)...)
	sel.notices = append(sel.notices, query.Ignored(paths.GroupParam, query.Unknown, unknownG)...)
	sel.notices = append(sel.notices, query.Ignored(paths.SubjectParam, query.Unknown, unknownS)...)
	if len(unknownC)+len(unknownG) > 0 && len(sel.checkedC) == 0 {
		sel.notices = append(sel.notices, query.Notice{Param: paths.CriterionParam, Reason: query.NoneKnown})
	}
	if len(unknownS) > 0 && len(sel.checkedS) == 0 {
		sel.notices = append(sel.notices, query.Notice{Param: paths.SubjectParam, Reason: query.NoneKnown})
	}
	return sel
}

// canonicalQuery is the selection as a query string in catalog order, so equal views share
// one canonical URL.
func (sel selection) canonicalQuery() string {
	q := url.Values{}
	if len(sel.checkedC) > 0 {
		for _, c := range sel.criteria {
			q.Add(paths.CriterionParam, c.Slug)
		}
	}
	if len(sel.checkedS) > 0 {
		for _, s := range sel.subjects {
			q.Add(paths.SubjectParam, s.ID)
		}
	}
	return q.Encode()
}
