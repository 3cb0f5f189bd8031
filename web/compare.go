package web

import (
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
}
