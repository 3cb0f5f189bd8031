package server

import (
	"fmt"
	"html"
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/versus-web/versus/internal/assets"
	"github.com/versus-web/versus/internal/catalog"
	"github.com/versus-web/versus/internal/suggest"
)

// The content's internal links are checked against the pages as rendered, not against
// a list kept beside them: a link is good when its path is a page the site serves (or a
// static file) and its #fragment is an id on that page.

// pageIDs is every id attribute in a rendered page, with how often it occurs. It scans
// the bytes for ` id="` inside tags rather than tokenizing the HTML, which was a tenth of
// loading a large catalog: every page is made with templ, which escapes every '<', '>'
// and '"' in text and attribute values, so those bytes delimit tags and values (the
// test compares it with a tokenizer on every page).
func pageIDs[HTML ~string | ~[]byte](page HTML) map[string]int {
	ids := map[string]int{}
	inTag := false
	for i := 0; i < len(page); i++ {
		switch c := page[i]; {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case inTag && (c == ' ' || c == '\n' || c == '\t') && hasIDAttr(page[i+1:]):
			value := page[i+1+len(idAttr):]
			end := 0
			for end < len(value) && value[end] != '"' {
				end++
			}
			if end == len(value) {
				return ids
			}
			ids[html.UnescapeString(string(value[:end]))]++
			i += len(idAttr) + end + 1
		}
	}
	return ids
}

const idAttr = `id="`

func hasIDAttr[HTML ~string | ~[]byte](s HTML) bool {
	return len(s) >= len(idAttr) && string(s[:len(idAttr)]) == idAttr
}

// checkPages reports content links to pages or ids that the rendered site does not have,
// and ids that an HTML page has twice. rendered maps each page's key to its body and ids;
// links may go to any page of the site, fragments only to ids of HTML pages.
func checkPages(st *site, pages []page, rendered map[string]renderedPage) error {
	ids := make(map[string]map[string]int, len(st.pages))
	for path := range st.pages {
		ids[path] = nil
	}
	for _, p := range pages {
		if p.kind.isHTML() {
			ids[p.path] = rendered[p.path].ids
		}
	}
	var problems catalog.Problems
	var broken []string
	for _, p := range pages {
		for id, n := range ids[p.path] {
			if n < 2 {
				continue
			}
			if i := slices.IndexFunc(p.refs.Anchors, func(a catalog.Anchor) bool { return a.ID == id }); i >= 0 {
				problems = append(problems, problemAt(p.refs.Anchors[i].At, fmt.Sprintf("heading id %q is used more than once on %s; reword the heading", id, p.path)))
			} else {
				broken = append(broken, fmt.Sprintf("%s has the id %q %d times", p.path, id, n))
			}
		}
		for _, link := range p.refs.Links {
			if msg := checkLink(st, p.path, link.Dest, ids); msg != "" {
				problems = append(problems, problemAt(link.At, msg))
			}
		}
	}
	if len(broken) > 0 {
		sort.Strings(broken)
		return fmt.Errorf("pages with duplicate ids: %s", strings.Join(broken, "; "))
	}
	if len(problems) > 0 {
		return problems.Sorted()
	}
	return nil
}

// checkLink returns what is wrong with a link written on the page at from, or "".
func checkLink(st *site, from, dest string, ids map[string]map[string]int) string {
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("malformed link %q", dest)
	}
	target := u.Path
	switch {
	case target == "" && u.Fragment != "": // "#setup": a place on the same page
		target = from
	case target != "/":
		target = strings.TrimSuffix(target, "/")
	}
	if strings.HasPrefix(target, assets.Prefix) {
		if _, ok := st.assets.Lookup(target); !ok {
			return fmt.Sprintf("link to unknown static file %q", dest)
		}
		return ""
	}
	onPage, ok := ids[target]
	if !ok || isErrorPage(target) {
		return fmt.Sprintf("link to unknown page %q%s", dest, pathHint(target, ids))
	}
	if u.Fragment != "" && onPage[u.Fragment] == 0 {
		return fmt.Sprintf("link to unknown anchor %q on %s", "#"+u.Fragment, target)
	}
	return ""
}

// pathHint suggests the page a mistyped path probably meant.
func pathHint(target string, ids map[string]map[string]int) string {
	known := make([]string, 0, len(ids))
	for p := range ids {
		if !isErrorPage(p) {
			known = append(known, p)
		}
	}
	sort.Strings(known)
	return suggest.DidYouMean(target, known)
}

func problemAt(at catalog.Position, message string) catalog.Problem {
	return catalog.Problem{Path: at.Path, Line: at.Line, Column: at.Column, Message: message}
}
