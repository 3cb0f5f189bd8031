// Package markdown renders content Markdown to trusted HTML: GitHub-flavoured Markdown
// with footnotes, typographic punctuation, heading IDs and chroma-classed code
// highlighting. Raw HTML in the source is shown escaped, never passed through.
package markdown

import (
	"bytes"
	"html"
	"io"
	"strings"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown to HTML. It is safe for concurrent use; build one and reuse it.
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
			highlighting.NewHighlighting(
				highlighting.WithFormatOptions(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{})),
				highlighting.WithWrapperRenderer(plainCodeWrapper),
			),
		),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(escapedHTML{}, 100)),
		),
	)}
}

// Doc is one rendered Markdown document.
type Doc struct {
	HTML     string
	Links    []Link    // every link and image destination, in order
	Headings []Heading // every heading's id, usable as a #fragment
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
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return Doc{}, err
	}
	var buf bytes.Buffer
	if err := r.md.Renderer().Render(&buf, src, root); err != nil {
		return Doc{}, err
	}
	doc.HTML = buf.String()
	return doc, nil
}

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

// WriteCSS writes the stylesheet for highlighted code: a light style, and a dark one for
// readers whose system prefers dark mode or who chose dark with the site's toggle.
func WriteCSS(w io.Writer) error {
	formatter := chromahtml.New(chromahtml.WithClasses(true))
	// The Modus themes keep every token at a contrast ratio of 7:1 or more.
	if err := formatter.WriteCSS(w, styles.Get("modus-operandi")); err != nil {
		return err
	}
	var dark bytes.Buffer
	if err := formatter.WriteCSS(&dark, styles.Get("modus-vivendi")); err != nil {
		return err
	}
	// The same dark rules apply when the system prefers dark and the reader has not chosen
	// light, and when the reader chose dark.
	css := dark.String()
	followSystem := strings.ReplaceAll(css, ".chroma", `:root:not([data-theme="light"]) .chroma`)
	chosen := strings.ReplaceAll(css, ".chroma", `:root[data-theme="dark"] .chroma`)
	_, err := io.WriteString(w, "@media (prefers-color-scheme: dark) {\n"+followSystem+"}\n"+chosen)
	return err
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

// focusablePre wraps highlighted code in a <pre> that takes keyboard focus, so a reader
// can scroll a long line without a mouse.
type focusablePre struct{}

func (focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return `<pre tabindex="0"` + styleAttr + `><code>`
	}
	return `<pre tabindex="0"` + styleAttr + `>`
}

func (focusablePre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}

// plainCodeWrapper wraps code blocks that are not highlighted (no or unknown language) the
// same focusable way; highlighted blocks are wrapped by focusablePre.
func plainCodeWrapper(w util.BufWriter, c highlighting.CodeBlockContext, entering bool) {
	if c.Highlighted() {
		return
	}
	if !entering {
		_, _ = w.WriteString("</code></pre>\n")
		return
	}
	_, _ = w.WriteString(`<pre tabindex="0"><code`)
	if lang, ok := c.Language(); ok {
		_, _ = w.WriteString(` class="language-` + html.EscapeString(string(lang)) + `"`)
	}
	_, _ = w.WriteString(">")
}

// PlainText strips the tags from rendered HTML and decodes its entities, leaving the text
// a reader sees, with white space folded.
func PlainText(rendered string) string {
	var b strings.Builder
	inTag := false
	for _, r := range rendered {
		switch {
		case r == '<':
			inTag = true
		case r == '>':
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(html.UnescapeString(b.String())), " ")
}

// Highlighted reports whether rendered HTML holds a highlighted code block, which needs
// the code stylesheet (WriteCSS).
func Highlighted(rendered string) bool { return strings.Contains(rendered, `class="chroma"`) }
