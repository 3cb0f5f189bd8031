package server

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestCompareCSVMatchesTheHTMLView: for the same query, the CSV has one row per
// criterion and subject of the HTML table, with the same scores and summaries.
func TestCompareCSVMatchesTheHTMLView(t *testing.T) {
	s := testServer(t)
	for _, q := range []string{"", "?c=security&c=performance-io&s=django", "?g=security", "?c=nope&s=nodejs", "?c=auth,security"} {
		t.Run(q, func(t *testing.T) {
			rec := get(t, s, http.MethodGet, "/compare.csv"+q)
			if rec.Code != http.StatusOK || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/csv") {
				t.Fatalf("status %d, Content-Type %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Error("the CSV is open data but not readable cross-origin")
			}
			records, err := csv.NewReader(rec.Body).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(records[0], csvHeader) {
				t.Errorf("header %v", records[0])
			}
			var got []string
			for _, r := range records[1:] {
				if r[9] != "https://versus.example/criteria/"+r[0] {
					t.Errorf("url %q for %s", r[9], r[0])
				}
				got = append(got, r[0]+" "+r[4]+" "+r[5]+"/"+r[6]+" "+r[7])
			}
			if len(got) == 0 {
				t.Fatal("no rows")
			}
			want := htmlTableCells(t, get(t, s, http.MethodGet, "/compare"+q).Body.Bytes())
			if !slices.Equal(got, want) {
				t.Errorf("CSV rows\n%s\nHTML cells\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

var criterionHref = regexp.MustCompile(`^/criteria/([a-z0-9-]+)$`)

// htmlTableCells reads the comparison table as "slug Subject score/5 summary", row by
// row, subject by subject.
func htmlTableCells(t *testing.T, body []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var subjects, cells []string
	var slug string
	var text func(n *html.Node) string
	text = func(n *html.Node) string {
		if n.Type == html.TextNode {
			return n.Data
		}
		var b strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			b.WriteString(text(c))
		}
		return b.String()
	}
	class := func(n *html.Node) string {
		for _, a := range n.Attr {
			if a.Key == "class" {
				return a.Val
			}
		}
		return ""
	}
	column := 0
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "th" && len(n.Attr) > 0 && n.Attr[0].Val == "col":
				subjects = append(subjects, text(n))
			case n.Data == "a" && n.Parent != nil && class(n.Parent) == "criterion-cell":
				for _, a := range n.Attr {
					if m := criterionHref.FindStringSubmatch(a.Val); a.Key == "href" && m != nil {
						slug, column = m[1], 1
					}
				}
			case n.Data == "td" && class(n) == "subject-cell":
				var score, summary string
				for c := range n.Descendants() {
					switch class(c) {
					case "score-num":
						score = text(c)
					case "summary":
						summary = text(c)
					}
				}
				cells = append(cells, slug+" "+subjects[column]+" "+score+" "+summary)
				column++
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return cells
}
