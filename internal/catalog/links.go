package catalog

import (
	"fmt"
	"strings"

	"github.com/versus-web/versus/internal/markdown"
)

// The catalog records where the content links within the site and which heading ids its
// Markdown gives, each with its place in a file. It does not judge the links: what pages
// and ids exist is known once the pages are rendered, so the server checks them there.

// Position is a place in a content file.
type Position struct {
	Path   string // slash-separated, relative to the content folder
	Line   int    // 1-based
	Column int    // 1-based; 0 when unknown
}

// Link is an internal link written in the content: a path on the site ("/criteria/auth",
// "/criteria/auth#verdict") or a place on the same page ("#setup").
type Link struct {
	Dest string
	At   Position
}

// Anchor is a heading id that Markdown gave, where the heading was written.
type Anchor struct {
	ID string
	At Position
}

// Refs are what one page's Markdown brings to the page: its internal links and heading
// ids, and whether it needs the code stylesheet.
type Refs struct {
	Links   []Link
	Anchors []Anchor
	Code    bool // some of it shows highlighted code
}

// add records a rendered document's internal links and headings; firstLine is the file
// line of the document's first line.
func (r *Refs) add(doc markdown.Doc, path string, firstLine int) {
	r.Code = r.Code || doc.Highlighted
	for _, link := range doc.Links {
		if strings.HasPrefix(link.Dest, "/") || strings.HasPrefix(link.Dest, "#") {
			r.Links = append(r.Links, Link{Dest: link.Dest, At: Position{Path: path, Line: firstLine + link.Line - 1}})
		}
	}
	for _, h := range doc.Headings {
		r.Anchors = append(r.Anchors, Anchor{ID: h.ID, At: Position{Path: path, Line: firstLine + h.Line - 1}})
	}
}

// renderField renders the Markdown at a YAML path, with heading ids that start with
// idPrefix, and records its links and headings in refs.
func (l *loader) renderField(refs *Refs, doc *yamlDoc, at, src, idPrefix string) HTML {
	line, _ := doc.pos(at)
	if line > 0 {
		line++ // block scalars ("|") start on the line after their key
	}
	md, err := l.md.Render([]byte(src), idPrefix)
	if err != nil {
		doc.add(at, fmt.Sprintf("cannot render Markdown: %v", err))
		return ""
	}
	refs.add(md, doc.path, line)
	l.checkFences(md, doc.path, line)
	return HTML(md.HTML)
}

// checkFences reports fenced code whose language is not highlighted, so that a typo
// ("pyhton") or a language the site does not highlight is noticed rather than shown plain;
// firstLine is the file line of the document's first line.
func (l *loader) checkFences(doc markdown.Doc, path string, firstLine int) {
	for _, f := range doc.PlainFences {
		l.addf(path, firstLine+f.Line-1, "fence language %q is not highlighted; known: %s",
			f.Lang, strings.Join(markdown.Languages(), ", "))
	}
}
