package server

import (
	"fmt"
	"net/url"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/query"
)

// selection is what a /compare URL asks for, resolved against the catalog.
type selection struct {
	criteria []*catalog.Criterion // in catalog order; every criterion when none was chosen
	subjects []*catalog.Subject   // in catalog order; every subject when none was chosen
	checkedC map[string]bool      // criterion slugs the reader ticked
	checkedS map[string]bool      // subject ids the reader ticked
	notices  []string
}

// parseSelection reads c (criteria), g (groups) and s (subjects) from a query. Values may
// repeat or be comma-separated. Unknown values are named in notices and ignored; choosing
// nothing, or nothing known, means everything.
func parseSelection(cat *catalog.Catalog, q url.Values) selection {
	sel := selection{checkedC: map[string]bool{}, checkedS: map[string]bool{}}
	var unknownC, unknownG, unknownS []string
	for _, v := range query.Values(q["c"]) {
		if _, ok := cat.Criterion(v); ok {
			sel.checkedC[v] = true
		} else {
			unknownC = append(unknownC, v)
		}
	}
	for _, v := range query.Values(q["g"]) {
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
	for _, v := range query.Values(q["s"]) {
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
	sel.notices = append(sel.notices, notice("criterion", "criteria", unknownC)...)
	sel.notices = append(sel.notices, notice("group", "groups", unknownG)...)
	sel.notices = append(sel.notices, notice("subject", "subjects", unknownS)...)
	if len(unknownC)+len(unknownG) > 0 && len(sel.checkedC) == 0 {
		sel.notices = append(sel.notices, "No known criteria were chosen, so all are shown.")
	}
	if len(unknownS) > 0 && len(sel.checkedS) == 0 {
		sel.notices = append(sel.notices, "No known subjects were chosen, so all are shown.")
	}
	return sel
}

func notice(singular, plural string, unknown []string) []string {
	switch len(unknown) {
	case 0:
		return nil
	case 1:
		return []string{fmt.Sprintf("Unknown %s %s was ignored.", singular, query.List(unknown))}
	}
	return []string{fmt.Sprintf("Unknown %s %s were ignored.", plural, query.List(unknown))}
}

// canonicalQuery is the selection as a query string in catalog order, so equal views share
// one canonical URL.
func (sel selection) canonicalQuery() string {
	q := url.Values{}
	if len(sel.checkedC) > 0 {
		for _, c := range sel.criteria {
			q.Add("c", c.Slug)
		}
	}
	if len(sel.checkedS) > 0 {
		for _, s := range sel.subjects {
			q.Add("s", s.ID)
		}
	}
	return q.Encode()
}
