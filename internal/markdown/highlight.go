package markdown

import (
	"bytes"
	"embed"
	"html"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Code highlighting uses chroma's lexers and styles, but only the few in chroma/ (see its
// README.md): chroma's own lexers and styles packages embed every one of its ~280 lexers
// and ~70 styles and parse them all when the program starts, which costs megabytes of
// binary and tens of milliseconds at every start.

// lexerFiles are chroma's XML lexers for the languages that fences can name.
//
//go:embed chroma/lexers/*.xml
var lexerFiles embed.FS

// styleFiles are chroma's XML styles for the code stylesheet (WriteCSS).
//
//go:embed chroma/styles/*.xml
var styleFiles embed.FS

// lexerRegistry holds the lexers for fenced code, read on first use. Reading one takes its
// <config> only (name, aliases, file names); chroma reads and compiles its rules when it
// first highlights code in that language.
var lexerRegistry = sync.OnceValue(func() *chroma.LexerRegistry {
	reg := chroma.NewLexerRegistry()
	paths, err := fs.Glob(lexerFiles, "chroma/lexers/*.xml")
	if err != nil {
		panic(err)
	}
	for _, p := range paths {
		reg.Register(chroma.MustNewXMLLexer(lexerFiles, p))
	}
	reg.Register(goLexer())
	return reg
})

// lexerFor returns the lexer for a fence's language, looked up as chroma does: by name or
// alias, either exactly or in lower case, then by file extension or file name ("yml",
// "Dockerfile"). It returns nil when no lexer knows the language.
func lexerFor(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	return lexerRegistry().Get(lang)
}

// Languages lists the languages fenced code can be highlighted in: the first alias of each
// lexer (or its name, if it has none), sorted. Every lexer also answers to its other
// aliases, its name and its file extensions (see languageAliases).
func Languages() []string {
	var names []string
	for _, l := range lexerRegistry().Lexers {
		names = append(names, languageAliases(l.Config())[0])
	}
	slices.Sort(names)
	return names
}

// languageAliases is what a fence can say to pick the lexer with config c: its aliases,
// then its name in lower case if that is not one of them and is one word (a fence's
// language ends at the first space).
func languageAliases(c *chroma.Config) []string {
	names := slices.Clone(c.Aliases)
	if name := strings.ToLower(c.Name); !slices.Contains(names, name) && !strings.Contains(name, " ") {
		names = append(names, name)
	}
	return names
}

// Fence is a fenced code block's language and the 1-based source line of its opening fence.
type Fence struct {
	Lang string
	Line int
}

// lightStyle is the style code is highlighted in. With CSS classes the style does not
// change the HTML, only the stylesheet, but chroma's formatter needs one.
var lightStyle = sync.OnceValues(func() (*chroma.Style, error) { return loadStyle("modus-operandi") })

// loadStyle reads one of the styles in chroma/styles.
func loadStyle(name string) (*chroma.Style, error) {
	f, err := styleFiles.Open(path.Join("chroma/styles", name+".xml"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return chroma.NewXMLStyle(f)
}

// codeBlocks renders fenced code: highlighted with chroma's CSS classes when the language
// is known, otherwise plain and escaped. Either way the code is in a focusable, named
// <pre> (see openPre). Highlighting costs about a millisecond per block, so each distinct
// block is highlighted once per Renderer and its HTML reused.
type codeBlocks struct {
	highlighted sync.Map // language + "\x00" + code → its HTML
}

func (c *codeBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
}

func (c *codeBlocks) render(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(src))
	}
	lexer := lexerFor(lang)
	if lexer != nil {
		key := lang + "\x00" + code.String()
		if h, ok := c.highlighted.Load(key); ok {
			_, _ = w.WriteString(h.(string))
			return ast.WalkContinue, nil
		}
		if tokens, err := chroma.Coalesce(lexer).Tokenise(nil, code.String()); err == nil {
			style, err := lightStyle()
			if err != nil {
				return ast.WalkStop, err
			}
			formatter := chromahtml.New(chromahtml.WithClasses(true), chromahtml.WithPreWrapper(focusablePre{label: codeLabel(lexer)}))
			var h strings.Builder
			if err := formatter.Format(&h, style, tokens); err != nil {
				return ast.WalkStop, err
			}
			c.highlighted.Store(key, h.String())
			_, _ = w.WriteString(h.String())
			return ast.WalkContinue, nil
		}
	}
	_, _ = w.WriteString(openPre(codeLabel(lexer), "") + `<code`)
	if lang != "" {
		_, _ = w.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
	}
	_, _ = w.WriteString(">")
	gmhtml.DefaultWriter.RawWrite(w, code.Bytes())
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkContinue, nil
}

// codeLabel names a code block by its language: "Python code", or "Code" when the
// language is not given or not known.
func codeLabel(lexer chroma.Lexer) string {
	if lexer == nil {
		return "Code"
	}
	return lexer.Config().Name + " code"
}

// focusablePre wraps highlighted code in a focusable, named <pre>.
type focusablePre struct{ label string }

func (p focusablePre) Start(code bool, styleAttr string) string {
	if code {
		return openPre(p.label, styleAttr) + `<code>`
	}
	return openPre(p.label, styleAttr)
}

func (focusablePre) End(code bool) string {
	if code {
		return "</code></pre>"
	}
	return "</pre>"
}
