package server

import (
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/fixture"
	"github.com/versus-web/versus/internal/query"
)

func unknown(param string, values ...string) query.Notice {
	return query.Notice{Param: param, Reason: query.Unknown, Values: values}
}

func noneKnown(param string) query.Notice { return query.Notice{Param: param, Reason: query.NoneKnown} }

func TestParseSelection(t *testing.T) {
	cat, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name      string
		query     string
		criteria  string // slugs shown, in order
		subjects  string // ids shown, in order
		notices   []query.Notice
		canonical string
	}{
		{"nothing means everything", "", "architecture,performance,security,auth", "nodejs,django", nil, ""},
		{"one criterion", "c=security", "security", "nodejs,django", nil, "c=security"},
		{"catalog order, not query order", "c=auth&c=architecture", "architecture,auth", "nodejs,django", nil, "c=architecture&c=auth"},
		{"repeats count once", "c=auth&c=auth&c=AUTH", "auth", "nodejs,django", nil, "c=auth"},
		{"comma separated", "c=auth,%20security,,", "security,auth", "nodejs,django", nil, "c=security&c=auth"},
		{"group", "g=architecture", "architecture,performance", "nodejs,django", nil, "c=architecture&c=performance"},
		{"group plus criterion", "g=security&c=performance", "performance,security,auth", "nodejs,django", nil, "c=performance&c=security&c=auth"},
		{"subject", "s=django", "architecture,performance,security,auth", "django", nil, "s=django"},
		{"unknown criterion beside a known one", "c=security&c=speed", "security", "nodejs,django",
			[]query.Notice{unknown("c", "speed")}, "c=security"},
		{"only unknown criteria", "c=speed&c=cost", "architecture,performance,security,auth", "nodejs,django",
			[]query.Notice{unknown("c", "speed", "cost"), noneKnown("c")}, ""},
		{"unknown group and subject", "g=nope&s=rails", "architecture,performance,security,auth", "nodejs,django",
			[]query.Notice{unknown("g", "nope"), unknown("s", "rails"), noneKnown("c"), noneKnown("s")}, ""},
		{"unknown parameters are ignored", "utm_source=x&page=2", "architecture,performance,security,auth", "nodejs,django", nil, ""},
		{"long value is kept whole (web shortens it)", "c=" + strings.Repeat("x", 100), "architecture,performance,security,auth", "nodejs,django",
			[]query.Notice{unknown("c", strings.Repeat("x", 100)), noneKnown("c")}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			sel := parseSelection(cat, q)
			var slugs, ids []string
			for _, c := range sel.criteria {
				slugs = append(slugs, c.Slug)
			}
			for _, s := range sel.subjects {
				ids = append(ids, s.ID)
			}
			if got := strings.Join(slugs, ","); got != tt.criteria {
				t.Errorf("criteria = %s, want %s", got, tt.criteria)
			}
			if got := strings.Join(ids, ","); got != tt.subjects {
				t.Errorf("subjects = %s, want %s", got, tt.subjects)
			}
			if !reflect.DeepEqual(sel.notices, tt.notices) {
				t.Errorf("notices = %+v, want %+v", sel.notices, tt.notices)
			}
			if got := sel.canonicalQuery(); got != tt.canonical {
				t.Errorf("canonical = %q, want %q", got, tt.canonical)
			}
		})
	}
}

func TestParseSelectionManyUnknownValues(t *testing.T) {
	cat, err := catalog.Load(fixture.Sample(), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	q := url.Values{}
	for i := 0; i < 5000; i++ {
		q.Add("c", "x"+strings.Repeat("y", i%7)+string(rune('a'+i%26))+strings.Repeat("z", i%11))
	}
	sel := parseSelection(cat, q)
	// The query package caps the values read, so a hostile URL costs no more than a normal one.
	if len(sel.criteria) != 4 || len(sel.notices) != 2 || len(sel.notices[0].Values) != 200 {
		t.Fatalf("criteria %d, notices %d, first lists %d values", len(sel.criteria), len(sel.notices), len(sel.notices[0].Values))
	}
}

// TestCompareSaysWhatItShows: #results names the criteria of the table's rows and the
// subjects of its columns, in their order, for every view, and each drawing of the chart
// has a row with values per criterion: static/js/site.js reads them to tell the page a
// static host sent (the whole table) from the view the address asks for, and the script
// named by data-narrow narrows it.
func TestCompareSaysWhatItShows(t *testing.T) {
	s := newTestServer(t, fixture.ThreeSubjects(t))
	tests := []struct {
		path     string
		criteria string
		subjects string
	}{
		{"/compare", "architecture performance security auth", "nodejs django flask"},
		{"/compare?c=auth&c=architecture", "architecture auth", "nodejs django flask"},
		{"/compare?g=security", "security auth", "nodejs django flask"},
		{"/compare?s=flask,django&c=performance", "performance", "django flask"},
		{"/compare?c=nope&s=nope", "architecture performance security auth", "nodejs django flask"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			doc, err := html.Parse(strings.NewReader(get(t, s, http.MethodGet, tt.path).Body.String()))
			if err != nil {
				t.Fatal(err)
			}
			var results *html.Node
			var rows, columns []string
			chartRows := 0 // in both drawings of the chart
			for n := range doc.Descendants() {
				switch {
				case n.Type != html.ElementNode:
				case attr(n, "id") == "results":
					results = n
				case n.Data == "a" && hasClass(n.Parent, "criterion-cell"):
					rows = append(rows, strings.TrimPrefix(attr(n, "href"), "/criteria/"))
				case n.Data == "th" && attr(n, "scope") == "col" && textOf(n) != "Criterion" && textOf(n) != "Verdict":
					columns = append(columns, strings.ToLower(strings.ReplaceAll(textOf(n), ".", "")))
				case n.Data == "g" && attr(n, "data-v") != "" && insideClass(n, "chart-svg"):
					chartRows++
				}
			}
			if results == nil {
				t.Fatal("no #results")
			}
			if got := attr(results, "data-shown-criteria"); got != tt.criteria {
				t.Errorf("data-shown-criteria = %q, want %q", got, tt.criteria)
			}
			if got := attr(results, "data-shown-subjects"); got != tt.subjects {
				t.Errorf("data-shown-subjects = %q, want %q", got, tt.subjects)
			}
			if got := strings.Join(rows, " "); got != tt.criteria {
				t.Errorf("the table's rows are %q, want %q", got, tt.criteria)
			}
			if got := strings.Join(columns, " "); got != tt.subjects {
				t.Errorf("the table's columns are %q, want %q", got, tt.subjects)
			}
			if want := 2 * len(rows); chartRows != want {
				t.Errorf("the chart's drawings have %d rows with values, want %d", chartRows, want)
			}
			script := attr(results, "data-narrow")
			if rec := get(t, s, http.MethodGet, script); !strings.HasPrefix(script, "/static/js/narrow.") || rec.Code != http.StatusOK ||
				!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/javascript") {
				t.Errorf("data-narrow = %q, which answers %d %s", script, rec.Code, rec.Header().Get("Content-Type"))
			}
		})
	}
}
