package server

import (
	"cmp"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/url"
	"strconv"

	"github.com/a-h/templ"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/paths"
	"github.com/versus-web/versus/web"
)

// compareCSVKind is any view of /compare as a spreadsheet: the same query string, one
// row per criterion and subject.
var compareCSVKind = pageKind{
	name:        "compare-csv",
	pattern:     paths.CompareCSV,
	contentType: "text/csv; charset=utf-8; header=present",
	crossOrigin: true,
	pages: func(st *site) []page {
		return []page{{path: paths.CompareCSV, build: func(web.Meta) templ.Component { return compareCSV(st, nil) }}}
	},
	query: func(st *site, _ web.Meta, q url.Values) templ.Component { return compareCSV(st, q) },
	// The table has no notices: what was not understood is left out.
	canonical: func(st *site, q url.Values) (string, bool) {
		return parseSelection(st.cat, q).canonicalQuery(), true
	},
	example: func(cat *catalog.Catalog) string {
		if len(cat.Criteria) == 0 {
			return paths.CompareCSV
		}
		return paths.WithQuery(paths.CompareCSV, url.Values{paths.CriterionParam: {cat.Criteria[0].Slug}}.Encode())
	},
}

// csvHeader names the columns; they are part of the open data's contract, so columns
// are only ever added at the end.
var csvHeader = []string{"criterion", "criterion_title", "group", "subject", "subject_name", "score", "max_score", "summary", "verdict", "url"}

// compareCSV writes the criteria and subjects the query selects, in the order /compare
// shows them. Unknown values are ignored, as on /compare.
func compareCSV(st *site, q url.Values) templ.Component {
	sel := parseSelection(st.cat, q)
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		out := csv.NewWriter(w)
		_ = out.Write(csvHeader)
		for _, c := range sel.criteria {
			verdict := string(c.Verdict.Kind)
			if c.Verdict.Kind == catalog.VerdictWinner {
				verdict = c.Verdict.Winner.ID
			}
			link := cmp.Or(st.shared.Absolute(paths.Criterion(c.Slug)), paths.Criterion(c.Slug))
			for _, s := range sel.subjects {
				r, ok := c.Rating(s.ID)
				if !ok {
					return fmt.Errorf("criterion %s has no rating for %s", c.Slug, s.ID)
				}
				_ = out.Write([]string{c.Slug, c.Title, c.Group.ID, s.ID, s.Name, strconv.Itoa(r.Score), strconv.Itoa(catalog.MaxScore), r.Summary, verdict, link})
			}
		}
		out.Flush()
		return out.Error()
	})
}
