package catalog

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/versus-web/versus/internal/markdown"
)

// pendingLink is an internal Markdown link waiting to be checked.
type pendingLink struct {
	file string
	line int
	dest string
}

// renderField renders the Markdown at a YAML path, locating its links in the file.
func (l *loader) renderField(doc *yamlDoc, at, src string) (HTML, []string) {
	line, _ := doc.pos(at)
	if line > 0 {
		line++ // block scalars ("|") start on the line after their key
	}
	md, err := l.md.Render([]byte(src))
	if err != nil {
		doc.add(at, fmt.Sprintf("cannot render Markdown: %v", err))
		return "", nil
	}
	for _, link := range md.Links {
		if strings.HasPrefix(link.Dest, "/") {
			l.links = append(l.links, pendingLink{file: doc.path, line: line + link.Line - 1, dest: link.Dest})
		}
	}
	return HTML(md.HTML), md.IDs
}

// recordArticleLinks keeps an article body's internal links for checkLinks. A bare
// "#fragment" points into the article itself.
func (l *loader) recordArticleLinks(d *articleDraft, links []markdown.Link) {
	for _, link := range links {
		if strings.HasPrefix(link.Dest, "/") || strings.HasPrefix(link.Dest, "#") {
			dest := link.Dest
			if strings.HasPrefix(dest, "#") {
				dest = "/articles/" + d.slug + dest
			}
			l.links = append(l.links, pendingLink{file: d.doc.path, line: d.line + link.Line - 1, dest: dest})
		}
	}
}

// checkLinks reports internal Markdown links to pages or #fragments that do not exist.
func (l *loader) checkLinks() {
	for _, p := range []string{"/", "/criteria", "/articles", "/compare"} {
		if l.pages[p] == nil {
			l.pages[p] = map[string]bool{}
		}
	}
	for _, link := range l.links {
		u, err := url.Parse(link.dest)
		if err != nil {
			l.addf(link.file, link.line, "malformed link %q", link.dest)
			continue
		}
		p := strings.TrimSuffix(u.Path, "/")
		if p == "" {
			p = "/"
		}
		if strings.HasPrefix(p, "/static/") {
			continue // assets are checked by the server, which owns them
		}
		anchors, ok := l.pages[p]
		if !ok {
			hint := ""
			for _, prefix := range []string{"/criteria/", "/articles/"} {
				if slug, ok := strings.CutPrefix(p, prefix); ok {
					if h := didYouMean(slug, l.pageSlugs(prefix)); h != "" {
						hint = strings.Replace(h, `"`, `"`+prefix, 1)
					}
				}
			}
			l.addf(link.file, link.line, "link to unknown page %q%s", link.dest, hint)
			continue
		}
		if u.Fragment != "" && !anchors[u.Fragment] {
			l.addf(link.file, link.line, "link to unknown anchor %q on %s", "#"+u.Fragment, p)
		}
	}
}
