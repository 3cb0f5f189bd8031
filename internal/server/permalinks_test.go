package server

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestHeadingsHavePermalinks: on every page of the site (the embeds aside, which are
// not read by sections), every heading but the page's title and headings hidden from
// sight has a permalink beside it, named after it, going to an id the page has.
func TestHeadingsHavePermalinks(t *testing.T) {
	s := testServer(t)
	st := s.current.Load()
	var paths []string
	for path, e := range st.pages {
		if e.kind.isHTML() && !e.kind.embeddable {
			paths = append(paths, path)
		}
	}
	slices.Sort(paths)
	paths = append(paths, "/no-such-page", "/search?q=zzzzqqq")
	for _, path := range paths {
		body := get(t, s, http.MethodGet, path).Body.Bytes()
		ids := pageIDs(body)
		doc, err := html.Parse(strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if !slices.Contains([]atom.Atom{atom.H2, atom.H3, atom.H4, atom.H5, atom.H6}, n.DataAtom) || hasClass(n, "visually-hidden") || insideClass(n, "notice") {
				continue
			}
			text := strings.Join(strings.Fields(textOf(n)), " ")
			if !hasClass(n.Parent, "section-heading") {
				t.Errorf("%s: heading %q is not in a section-heading", path, text)
				continue
			}
			var link *html.Node
			for c := n.NextSibling; c != nil; c = c.NextSibling {
				if c.DataAtom == atom.A && hasClass(c, "permalink") {
					link = c
				}
			}
			if link == nil {
				t.Errorf("%s: heading %q has no permalink", path, text)
				continue
			}
			href, label := attr(link, "href"), attr(link, "aria-label")
			if !strings.HasPrefix(href, "#") || ids[href[1:]] != 1 {
				t.Errorf("%s: heading %q links to %q, which is not an id of the page", path, text, href)
			}
			if label != "Link to this section: "+text {
				t.Errorf("%s: heading %q has a permalink named %q", path, text, label)
			}
		}
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	return n != nil && slices.Contains(strings.Fields(attr(n, "class")), class)
}

func insideClass(n *html.Node, class string) bool {
	for p := n.Parent; p != nil; p = p.Parent {
		if hasClass(p, class) {
			return true
		}
	}
	return false
}

func textOf(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
