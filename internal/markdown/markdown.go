// Package markdown renders content Markdown to trusted HTML: GitHub-flavoured Markdown
// with footnotes, typographic punctuation, heading IDs and chroma-classed code
// highlighting in the languages Languages lists (highlight.go). Raw HTML in the source is
// shown escaped, never passed through.
//
// Every heading has a permalink beside it (see Permalink), outside the heading element so
// that the heading's text stays its accessible name.
//
// Tables and code blocks can be wider than a phone's screen, so each is a scrolling box
// that takes keyboard focus and has an accessible name: a keyboard user can tab to it and
// scroll it with the arrow keys, and a screen reader says what it is.
package markdown

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to HTML. It is safe for concurrent use; build one and reuse it.
// It highlights each distinct piece of fenced code once, however often it recurs.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer with Versus's Markdown dialect.
func New() *Renderer {
	return &Renderer{md: goldmark.New(
		goldmark.WithExtensions(
			extension.GFM,
			extension.Footnote,
			extension.Typographer,
		),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(tableRegions{}, 100)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100), util.Prioritized(scrollBoxes{}, 100), util.Prioritized(headingLinks{}, 100), util.Prioritized(&codeBlocks{}, 100)),
		),
	)}
}

// Doc is one rendered Markdown document.
type Doc struct {
	HTML     string
	Links    []Link    // every link and image destination, in order
	Headings []Heading // every heading's id, usable as a #fragment
	// PlainFences is every fenced code block whose language is given but not one that
	// Languages lists; such code is shown plain, not highlighted.
	PlainFences []Fence
	// Highlighted is whether it shows highlighted code, which needs the code stylesheet
	// (WriteCSS).
	Highlighted bool
}

// Heading is a heading's id and the 1-based source line it is on.
type Heading struct {
	ID   string
	Line int
}

// Link is a link destination and the 1-based source line it is on.
type Link struct {
	Dest string
	Line int
}

// Render converts src to HTML and reports the links and heading IDs it contains. Every
// heading id starts with idPrefix, so that several documents shown on one page (one per
// subject, say) cannot give two headings the same id.
func (r *Renderer) Render(src []byte, idPrefix string) (Doc, error) {
	ids := prefixedIDs{prefix: idPrefix, IDs: parser.NewContext().IDs()}
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(parser.NewContext(parser.WithIDs(ids))))
	var doc Doc
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Line: lineOf(n, src)})
		case *ast.Image:
			doc.Links = append(doc.Links, Link{Dest: string(n.Destination), Line: lineOf(n, src)})
		case *ast.AutoLink:
			doc.Links = append(doc.Links, Link{Dest: string(n.URL(src)), Line: lineOf(n, src)})
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					doc.Headings = append(doc.Headings, Heading{ID: string(b), Line: lineOf(n, src)})
				}
			}
		case *ast.FencedCodeBlock:
			lang := string(n.Language(src))
			doc.Highlighted = doc.Highlighted || lexerFor(lang) != nil
			if lang != "" && lexerFor(lang) == nil {
				line := bytes.Count(src[:n.Info.Segment.Start], []byte("\n")) + 1
				doc.PlainFences = append(doc.PlainFences, Fence{Lang: lang, Line: line})
			}
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return Doc{}, err
	}
	// Into a buffer grown by earlier documents, then copied out at its size: goldmark
	// writes in 4 KB chunks, and growing a new buffer chunk by chunk allocated three
	// times the HTML it made, a seventh of what loading a large catalog allocates.
	buf := htmlBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledHTML {
			buf.Reset()
			htmlBuffers.Put(buf)
		}
	}()
	if err := r.md.Renderer().Render(buf, src, root); err != nil {
		return Doc{}, err
	}
	doc.HTML = buf.String()
	return doc, nil
}

var htmlBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooledHTML bounds the buffers kept for the next document, so a rare huge one is
// not held on to.
const maxPooledHTML = 1 << 20

// prefixedIDs makes goldmark's heading ids (unique within one document) start with a
// prefix.
type prefixedIDs struct {
	prefix string
	parser.IDs
}

func (p prefixedIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	return append([]byte(p.prefix), p.IDs.Generate(value, kind)...)
}

// lineOf finds the source line of an inline node through its nearest block ancestor.
func lineOf(n ast.Node, src []byte) int {
	for b := n; b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines().Len() > 0 {
			return bytes.Count(src[:b.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 1
}

// WriteCSS writes the stylesheet for highlighted code: each token's colour in a light
// style and a dark one, as light-dark(), so that the colour follows the page's colour
// scheme — the system's, or the one the reader chose with the site's toggle (site.css sets
// color-scheme). A declaration that is not a colour in both styles falls back to a dark
// rule for readers whose system prefers dark and have not chosen light, or who chose dark.
func WriteCSS(w io.Writer) error {
	formatter := chromahtml.New(chromahtml.WithClasses(true))
	var rules [2]bytes.Buffer
	// The Modus themes keep every token at a contrast ratio of 7:1 or more.
	for i, style := range []func() (*chroma.Style, error){lightStyle, func() (*chroma.Style, error) { return loadStyle("modus-vivendi") }} {
		s, err := style()
		if err != nil {
			return err
		}
		if err := formatter.WriteCSS(&rules[i], s); err != nil {
			return err
		}
	}
	light, dark := cssRules(rules[0].String()), cssRules(rules[1].String())
	var both, darkOnly strings.Builder
	for _, l := range light {
		d := dark.find(l.selector)
		if unusedCSS(l.selector) {
			continue
		}
		var decls, darkDecls []string
		for _, decl := range l.decls {
			prop, value, _ := strings.Cut(decl, ":")
			darkValue, inDark := d.value(prop)
			switch {
			case !inDark || darkValue == strings.TrimSpace(value):
				decls = append(decls, decl)
			case isHexColour(value) && isHexColour(darkValue):
				decls = append(decls, prop+": light-dark("+strings.TrimSpace(value)+", "+darkValue+")")
			default:
				decls = append(decls, decl)
				darkDecls = append(darkDecls, prop+": "+darkValue)
			}
		}
		for _, decl := range d.decls {
			if prop, _, _ := strings.Cut(decl, ":"); !l.has(prop) {
				darkDecls = append(darkDecls, decl)
			}
		}
		fmt.Fprintf(&both, "%s { %s }\n", l.selector, strings.Join(decls, "; "))
		if len(darkDecls) > 0 {
			fmt.Fprintf(&darkOnly, "%%[1]s%s { %s }\n", l.selector, strings.Join(darkDecls, "; "))
		}
	}
	css := both.String()
	if darkOnly.Len() > 0 {
		css += fmt.Sprintf("@media (prefers-color-scheme: dark) {\n"+darkOnly.String()+"}\n", `:root:not([data-theme="light"]) `)
		css += fmt.Sprintf(darkOnly.String(), `:root[data-theme="dark"] `)
	}
	_, err := io.WriteString(w, css)
	return err
}

// cssRule is one rule of chroma's stylesheet: a selector and its declarations.
type cssRule struct {
	selector string
	decls    []string // "color: #5317ac"
}

type cssRuleList []cssRule

// cssRules reads the rules chroma's formatter writes, one a line:
// "/* Keyword */ .chroma .k { color: #5317ac }".
func cssRules(css string) cssRuleList {
	var rules cssRuleList
	for line := range strings.Lines(css) {
		if _, rest, ok := strings.Cut(line, "*/"); ok {
			line = rest
		}
		selector, body, ok := strings.Cut(line, "{")
		if !ok {
			continue
		}
		body, _, _ = strings.Cut(body, "}")
		r := cssRule{selector: strings.TrimSpace(selector)}
		for decl := range strings.SplitSeq(body, ";") {
			if decl = strings.TrimSpace(decl); decl != "" {
				r.decls = append(r.decls, decl)
			}
		}
		rules = append(rules, r)
	}
	return rules
}

func (rs cssRuleList) find(selector string) cssRule {
	for _, r := range rs {
		if r.selector == selector {
			return r
		}
	}
	return cssRule{}
}

// value is the value the rule gives a property, if it gives one.
func (r cssRule) value(prop string) (string, bool) {
	for _, decl := range r.decls {
		if p, v, _ := strings.Cut(decl, ":"); p == prop {
			return strings.TrimSpace(v), true
		}
	}
	return "", false
}

func (r cssRule) has(prop string) bool { _, ok := r.value(prop); return ok }

func isHexColour(v string) bool {
	v = strings.TrimSpace(v)
	return len(v) > 1 && v[0] == '#' && strings.Trim(v[1:], "0123456789abcdefABCDEF") == ""
}

// unusedCSS tells the rules for what code blocks here never have: line numbers,
// highlighted lines, and the .bg class (the <pre> carries .chroma instead).
func unusedCSS(selector string) bool {
	switch selector {
	case ".bg", ".chroma .lnlinks", ".chroma .lntd", ".chroma .lntable", ".chroma .hl", ".chroma .lnt", ".chroma .ln":
		return true
	}
	return false
}

// escapedHTML renders raw HTML from the source as visible, escaped text.
type escapedHTML struct{}

func (escapedHTML) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
}

func renderRawHTML(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := n.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
		}
	}
	return ast.WalkSkipChildren, nil
}

func renderHTMLBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	block := n.(*ast.HTMLBlock)
	_, _ = w.WriteString("<p>")
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	if block.HasClosure() {
		_, _ = w.WriteString(html.EscapeString(string(block.ClosureLine.Value(src))))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

// openPre opens a code block: a <pre> that takes keyboard focus, so a reader can scroll a
// long line without a mouse, named by label so a screen reader says what the focus is on.
// A <pre> is generic, and ARIA does not let a generic element be named, so it gets the
// role group; not region, which would make every snippet a landmark (the REST API article
// would list seven beside its main content).
func openPre(label, attrs string) string {
	return `<pre tabindex="0" role="group" aria-label="` + html.EscapeString(label) + `"` + attrs + `>`
}

// kindTableRegion is the box tableRegions puts around each table.
var kindTableRegion = ast.NewNodeKind("TableRegion")

// tableRegion is a scrolling, focusable box around one table, named by Label.
type tableRegion struct {
	ast.BaseBlock
	Label string
}

func (n *tableRegion) Kind() ast.NodeKind { return kindTableRegion }

func (n *tableRegion) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Label": n.Label}, nil)
}

// tableRegions puts each table in a tableRegion named after the table's section: the
// nearest heading before it, which is what the author called the part of the text the
// table belongs to ("How they compare"). A table with no heading before it is named by its
// column headers ("Table: Concern, Fastify 5, Django Ninja"), which say what it holds.
// Tables that would share a name are numbered ("How they compare, table 2"), so that no
// two regions of a document have the same name.
type tableRegions struct{}

func (tableRegions) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var tables []*extast.Table
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*extast.Table); ok && entering {
			tables = append(tables, t)
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	labels := make([]string, len(tables))
	count := map[string]int{}
	for i, t := range tables {
		if h := headingBefore(t); h != nil {
			labels[i] = inlineText(h, src)
		}
		if labels[i] == "" {
			labels[i] = "Table"
			if names := columnNames(t, src); len(names) > 0 {
				labels[i] += ": " + strings.Join(names, ", ")
			}
		}
		count[labels[i]]++
	}
	seen := map[string]int{}
	for i, t := range tables {
		label := labels[i]
		if count[label] > 1 {
			seen[label]++
			label += ", table " + strconv.Itoa(seen[label])
		}
		box := &tableRegion{Label: label}
		parent := t.Parent()
		parent.ReplaceChild(parent, t, box)
		box.AppendChild(box, t)
	}
}

// headingBefore finds the nearest heading before n in document order, looking at n's
// earlier siblings and then at those of each of its ancestors.
func headingBefore(n ast.Node) *ast.Heading {
	for ; n != nil; n = n.Parent() {
		for s := n.PreviousSibling(); s != nil; s = s.PreviousSibling() {
			if h, ok := s.(*ast.Heading); ok {
				return h
			}
		}
	}
	return nil
}

// columnNames is the text of a table's header cells.
func columnNames(t *extast.Table, src []byte) []string {
	var names []string
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		if _, ok := row.(*extast.TableHeader); !ok {
			continue
		}
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			if name := inlineText(cell, src); name != "" {
				names = append(names, name)
			}
		}
	}
	return names
}

// inlineText is the text a reader sees in n's inline content, white space folded.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(src))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			if n.IsCode() { // typographic punctuation, as an entity
				b.WriteString(html.UnescapeString(string(n.Value)))
			} else {
				b.Write(n.Value)
			}
		case *ast.AutoLink:
			b.Write(n.Label(src))
		case *ast.RawHTML: // shown as text, see escapedHTML
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				b.Write(seg.Value(src))
			}
		case *extast.FootnoteLink:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.Join(strings.Fields(b.String()), " ")
}

// scrollBoxes renders the table boxes, and indented code blocks as focusable as fenced ones.
type scrollBoxes struct{}

func (scrollBoxes) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindTableRegion, renderTableRegion)
	reg.Register(ast.KindCodeBlock, renderCodeBlock)
}

func renderTableRegion(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		label := n.(*tableRegion).Label
		_, _ = w.WriteString(`<div class="table-scroll" role="region" tabindex="0" aria-label="` + html.EscapeString(label) + "\">\n")
	} else {
		_, _ = w.WriteString("</div>\n")
	}
	return ast.WalkContinue, nil
}

func renderCodeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(openPre("Code", "") + `<code>`)
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		_, _ = w.WriteString(html.EscapeString(string(seg.Value(src))))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

// Permalink is the link a heading has to itself, written after the heading's closing tag
// and inside its wrapper (<div class="section-heading">), as in web/permalink.templ. Its
// "#" is drawn by the stylesheet, so the link adds no text to the page: the search index
// and snippets (PlainText) never see it, and a screen reader says its label.
func Permalink(id, heading string) string {
	return `<a class="permalink" href="#` + html.EscapeString(id) + `" aria-label="` + html.EscapeString(PermalinkLabel(heading)) + `"></a>`
}

// PermalinkLabel is the accessible name of the permalink beside a heading.
func PermalinkLabel(heading string) string { return "Link to this section: " + heading }

// headingLinks renders each heading inside a wrapper, with its permalink after it.
type headingLinks struct{}

func (headingLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, renderHeading)
}

func renderHeading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	tag := "h" + strconv.Itoa(n.Level)
	var id string
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			id = string(b)
		}
	}
	if entering {
		if id != "" {
			_, _ = w.WriteString(`<div class="section-heading">`)
		}
		_, _ = w.WriteString("<" + tag)
		if n.Attributes() != nil {
			gmhtml.RenderAttributes(w, n, gmhtml.HeadingAttributeFilter)
		}
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</" + tag + ">")
	if id != "" {
		_, _ = w.WriteString(Permalink(id, inlineText(n, src)) + "</div>")
	}
	_ = w.WriteByte('\n')
	return ast.WalkContinue, nil
}

// PlainText strips the tags from rendered HTML and decodes its entities, leaving the text
// a reader sees, with white space folded.
func PlainText(rendered string) string {
	// Tags are ASCII, so the text between them is copied byte by byte; a tag becomes a
	// space, as does every run of white space, once at the end.
	text := make([]byte, 0, len(rendered))
	inTag := false
	for i := 0; i < len(rendered); i++ {
		switch c := rendered[i]; {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
			text = append(text, ' ')
		case !inTag:
			text = append(text, c)
		}
	}
	unescaped := string(text)
	if bytes.IndexByte(text, '&') >= 0 {
		unescaped = html.UnescapeString(unescaped)
	}
	return foldSpace(unescaped)
}

// foldSpace trims s and turns every run of white space in it into one space, as
// strings.Join(strings.Fields(s), " ") does, without a slice of its words.
func foldSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
