package catalog

import (
	"bytes"
	"fmt"
)

// articleDraft holds a decoded article file until references can be resolved.
type articleDraft struct {
	slug string
	doc  *yamlDoc
	raw  articleFrontMatter
	body []byte
	line int // line of the body's first line in the file
	a    *Article
}

// decodeArticle reads an article file; it is built later, once every page is known. slug
// is the one its file name gives, or "" when that is not a valid slug: the file is still
// read, so that its other problems are reported too.
func (l *loader) decodeArticle(p, slug string) *articleDraft {
	src := l.read(p)
	if slug == "" || src == nil {
		return nil
	}
	front, body, bodyLine, err := splitFrontMatter(src)
	if err != "" {
		l.addf(p, 1, "%s", err)
		return nil
	}
	d := &articleDraft{slug: slug, body: body, line: bodyLine}
	var ok bool
	d.doc, ok = decodeYAML(p, 1, front, &d.raw, &l.problems)
	if !ok {
		return nil
	}
	d.a = &Article{Slug: slug}
	return d
}

// splitFrontMatter separates "---\nYAML\n---\nMarkdown". bodyLine is the file line on
// which the Markdown starts.
func splitFrontMatter(src []byte) (front, body []byte, bodyLine int, problem string) {
	if bytes.IndexByte(src, '\r') >= 0 { // ReplaceAll copies even when nothing matches
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	if !bytes.HasPrefix(src, []byte("---\n")) {
		return nil, nil, 0, `missing front matter: an article starts with a line "---", then YAML fields, then "---"`
	}
	rest := src[len("---\n"):]
	end := bytes.Index(rest, []byte("\n---\n"))
	switch {
	case bytes.HasPrefix(rest, []byte("---\n")):
		end = -1 // empty front matter
		front, body = nil, rest[len("---\n"):]
	case end >= 0:
		front, body = rest[:end+1], rest[end+len("\n---\n"):]
	case bytes.HasSuffix(rest, []byte("\n---")):
		front, body = rest[:len(rest)-len("---")], nil
	default:
		return nil, nil, 0, `front matter is not closed: add a line "---" after its last field`
	}
	bodyLine = 2 + bytes.Count(front, []byte("\n")) + 1
	return front, body, bodyLine, ""
}

// buildArticle checks a decoded article against the rest of the content and renders its body.
func (l *loader) buildArticle(d *articleDraft) {
	l.articleFields(d)
	if !d.raw.Draft {
		l.checkPublishedArticle(d)
	}
	l.articleBody(d)
}

// articleFields fills in the front matter's fields and checks the criteria it names.
func (l *loader) articleFields(d *articleDraft) {
	doc, raw, a := d.doc, d.raw, d.a
	a.Title = required(doc, "$.title", "title", raw.Title)
	a.Summary = required(doc, "$.summary", "summary", raw.Summary)
	a.Published = date(doc, "$.published", "published", raw.Published, true)
	a.Updated = date(doc, "$.updated", "updated", raw.Updated, false)
	if !a.Updated.IsZero() && a.Updated.Before(a.Published) {
		doc.add("$.updated", "updated is before published")
	}
	for i, slug := range raw.Criteria {
		if !l.criterionFiles[slug] {
			doc.add(fmt.Sprintf("$.criteria[%d]", i), fmt.Sprintf("unknown criterion %q%s", slug, didYouMean(slug, sortedKeys(l.criterionFiles))))
		}
	}
}

// checkPublishedArticle reports skeleton TODOs left in a published article.
func (l *loader) checkPublishedArticle(d *articleDraft) {
	for at, text := range map[string]string{"$.title": d.raw.Title, "$.summary": d.raw.Summary} {
		if isTODO(text) {
			d.doc.add(at, "TODO left in a published article; finish it or mark it draft: true")
		}
	}
	if bytes.HasPrefix(bytes.TrimSpace(d.body), []byte("TODO")) { // isTODO, without copying the body
		l.addf(d.doc.path, d.line, "TODO left in a published article; finish it or mark it draft: true")
	}
}

// articleBody renders the Markdown below the front matter; its headings become anchors.
func (l *loader) articleBody(d *articleDraft) {
	if len(bytes.TrimSpace(d.body)) == 0 {
		l.addf(d.doc.path, d.line, "empty article body; write the article below the front matter")
		return
	}
	md, err := l.md.Render(d.body, "")
	if err != nil {
		l.addf(d.doc.path, d.line, "cannot render Markdown: %v", err)
		return
	}
	d.a.Body = HTML(md.HTML)
	d.a.Refs.add(md, d.doc.path, d.line)
	l.checkFences(md, d.doc.path, d.line)
}
