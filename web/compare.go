package web

import (
	"context"
	"strings"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/query"
)

// CompareView is the /compare page: the table narrowed to the reader's choice.
type CompareView struct {
	Chart    Chart
	Subjects []*catalog.Subject
	Rows     []Rows
	Shown    int // criteria shown
	Total    int // criteria in the catalog
	Notices  []query.Notice
	Filter   Filter
	CSV      string // the same view as a spreadsheet
}

// shownCriteria lists the slugs of the criteria the table shows, in the order of its rows,
// and shownSubjects the ids of its subject columns, in their order. #results carries both
// as data-shown-criteria and data-shown-subjects: a static host answers any /compare query
// with the file it has, so static/js/site.js compares them with what the address asks for
// and narrows the view in the browser when they differ.
func (v CompareView) shownCriteria() string {
	var b strings.Builder
	for _, g := range v.Rows {
		for _, c := range g.Criteria {
			if b.Len() > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(c.Slug)
		}
	}
	return b.String()
}

func (v CompareView) shownSubjects() string {
	var b strings.Builder
	for i, s := range v.Subjects {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s.ID)
	}
	return b.String()
}

// Rows is one group's criteria as shown in a comparison table.
type Rows struct {
	Group    *catalog.Group
	Criteria []*catalog.Criterion
}

// GroupRows is every criterion of the groups, group by group, skipping empty groups.
func GroupRows(groups []*catalog.Group) []Rows {
	rows := make([]Rows, 0, len(groups))
	for _, g := range groups {
		if len(g.Criteria) > 0 {
			rows = append(rows, Rows{Group: g, Criteria: g.Criteria})
		}
	}
	return rows
}

// Filter is the state of the criteria filter form.
type Filter struct {
	Groups   []*catalog.Group
	Subjects []*catalog.Subject
	Criteria map[string]bool // checked criterion slugs
	Chosen   map[string]bool // checked subject ids
	// Parts, when set, are the form's checkboxes made once for the catalog.
	Parts *Parts
}

// Parts are the pieces of a compare view that depend only on the catalog, rendered once
// per catalog so that a view rendered per request writes them as they are: each
// criterion's checkbox, unticked and ticked, and its table row with every subject, and
// the head of each group's fieldset. templ allocates for every value it prints, and
// these were most of the allocations of a view.
type Parts struct {
	subjects int // the rows show this many subjects: all of them
	checks   map[*catalog.Criterion][2]templ.Component
	rows     map[*catalog.Criterion]templ.Component
	heads    map[*catalog.Group]templ.Component
}

// groupHead is the legend and link of group g's fieldset.
func (p *Parts) groupHead(g *catalog.Group) templ.Component {
	if p != nil {
		if head, ok := p.heads[g]; ok {
			return head
		}
	}
	return groupHead(g)
}

// check is the checkbox of criterion c.
func (p *Parts) check(c *catalog.Criterion, checked bool) templ.Component {
	if p != nil {
		if pair, ok := p.checks[c]; ok {
			if checked {
				return pair[1]
			}
			return pair[0]
		}
	}
	return criterionCheck(c, checked)
}

// row is the table row of criterion c for subjects, a subset of the catalog's in
// catalog order.
func (p *Parts) row(c *catalog.Criterion, subjects []*catalog.Subject) templ.Component {
	if p != nil && len(subjects) == p.subjects {
		if row, ok := p.rows[c]; ok {
			return row
		}
	}
	return criterionRow(c, subjects)
}

// NewParts renders the parts of every criterion of cat.
func NewParts(cat *catalog.Catalog) (*Parts, error) {
	p := &Parts{subjects: len(cat.Subjects), checks: map[*catalog.Criterion][2]templ.Component{},
		rows: map[*catalog.Criterion]templ.Component{}, heads: map[*catalog.Group]templ.Component{}}
	render := func(c templ.Component) (templ.Component, error) {
		var buf strings.Builder
		if err := c.Render(context.Background(), &buf); err != nil {
			return nil, err
		}
		return templ.Raw(buf.String()), nil
	}
	for _, g := range cat.Groups {
		var err error
		if p.heads[g], err = render(groupHead(g)); err != nil {
			return nil, err
		}
	}
	for _, c := range cat.Criteria {
		var err error
		var pair [2]templ.Component
		if pair[0], err = render(criterionCheck(c, false)); err != nil {
			return nil, err
		}
		if pair[1], err = render(criterionCheck(c, true)); err != nil {
			return nil, err
		}
		p.checks[c] = pair
		if p.rows[c], err = render(criterionRow(c, cat.Subjects)); err != nil {
			return nil, err
		}
	}
	return p, nil
}
