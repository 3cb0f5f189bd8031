package markdown

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/fences.html and testdata/code.css from the current code")

// TestHighlightedLanguages: every language a fence can name, by any of its names, is
// highlighted with chroma's classes and named after its lexer; names are found as chroma
// finds them (alias, name, any case, file extension or file name).
func TestHighlightedLanguages(t *testing.T) {
	r := New()
	tests := []struct {
		lexer string   // chroma's name for the language; the block is labelled "<lexer> code"
		code  string   // a line that gives at least one token a class
		names []string // what a fence can say
	}{
		{"Bash", "echo hi # note\n", []string{"bash", "sh", "shell", "zsh", "ksh", "Bash", "SH"}},
		{"Bash Session", "$ echo hi\nhi\n", []string{"console", "bash-session", "shell-session", "sh-session"}},
		{"CSS", "a { color: red }\n", []string{"css", "CSS"}},
		{"Diff", "-old\n+new\n", []string{"diff", "udiff", "patch"}},
		{"Docker", "FROM alpine\n", []string{"docker", "dockerfile", "Dockerfile", "containerfile"}},
		{"Go", "package main\n", []string{"go", "golang", "Go"}},
		{"Go Template", "{{ .Name }}\n", []string{"go-template", "gotmpl"}},
		{"HTML", "<p class=\"x\">hi</p>\n", []string{"html", "HTML", "htm"}},
		{"INI", "[section]\nkey = value\n", []string{"ini", "cfg", "dosini"}},
		{"JavaScript", "const x = 1\n", []string{"js", "javascript", "JavaScript", "JS", "mjs"}},
		{"JSON", "{\"a\": 1}\n", []string{"json", "jsonl", "jsonc", "JSON"}},
		{"Nginx configuration file", "server { listen 80; }\n", []string{"nginx", "nginx.conf"}},
		{"Python", "def f(): return 1\n", []string{"python", "py", "python3", "py3", "Python"}},
		{"SQL", "SELECT 1;\n", []string{"sql", "SQL"}},
		{"TOML", "a = 1\n", []string{"toml", "TOML"}},
		{"TypeScript", "let x: number = 1\n", []string{"ts", "typescript", "tsx", "TypeScript"}},
		{"XML", "<a b=\"c\"/>\n", []string{"xml", "svg", "XML"}},
		{"YAML", "a: 1\n", []string{"yaml", "yml", "YAML"}},
	}
	tokenClass := regexp.MustCompile(`<span class="([a-z0-9]+)">`)
	for _, tt := range tests {
		for _, name := range tt.names {
			t.Run(name, func(t *testing.T) {
				doc, err := r.Render([]byte("```"+name+"\n"+tt.code+"```\n"), "")
				if err != nil {
					t.Fatal(err)
				}
				if want := `<pre tabindex="0" role="group" aria-label="` + tt.lexer + ` code" class="chroma"><code>`; !strings.HasPrefix(doc.HTML, want) {
					t.Errorf("HTML does not start with %q:\n%s", want, doc.HTML)
				}
				classed := false
				for _, m := range tokenClass.FindAllStringSubmatch(doc.HTML, -1) {
					classed = classed || (m[1] != "line" && m[1] != "cl")
				}
				if !classed {
					t.Errorf("no token has a class:\n%s", doc.HTML)
				}
				if len(doc.PlainFences) > 0 {
					t.Errorf("PlainFences = %v, want none", doc.PlainFences)
				}
				if !doc.Highlighted {
					t.Error("Highlighted = false")
				}
			})
		}
	}
	// Plain text is highlighted too (a chroma block), but its tokens have no classes.
	doc, err := r.Render([]byte("```text\n<b>\n```\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.HTML, `aria-label="plaintext code" class="chroma"><code><span class="line"><span class="cl">&lt;b&gt;`) {
		t.Errorf("text is not a chroma block:\n%s", doc.HTML)
	}
}

// TestLanguageAliases: each name a lexer answers to picks that lexer, so no two lexers
// claim one name.
func TestLanguageAliases(t *testing.T) {
	for _, l := range lexerRegistry().Lexers {
		for _, name := range languageAliases(l.Config()) {
			if got := lexerFor(name); got == nil || got.Config().Name != l.Config().Name {
				t.Errorf("%q finds %v, want %s", name, got, l.Config().Name)
			}
		}
	}
}

// TestPlainFences: code in a language no lexer knows is shown plain and escaped, keeps its
// language as a class, and is reported with the line of its opening fence.
func TestPlainFences(t *testing.T) {
	src := "# Title\n\n```cobol\n<b>\"x\"</b>\n```\n\n```\nno language\n```\n\n```python\nx = 1\n```\n\n~~~ pyhton extra\ny\n~~~\n"
	doc, err := New().Render([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	want := `<pre tabindex="0" role="group" aria-label="Code"><code class="language-cobol">&lt;b&gt;&quot;x&quot;&lt;/b&gt;` + "\n</code></pre>\n"
	if !strings.Contains(doc.HTML, want) {
		t.Errorf("HTML lacks %q:\n%s", want, doc.HTML)
	}
	if wantFences := []Fence{{"cobol", 3}, {"pyhton", 15}}; !slices.Equal(doc.PlainFences, wantFences) {
		t.Errorf("PlainFences = %v, want %v", doc.PlainFences, wantFences)
	}
	if !doc.Highlighted { // the python block
		t.Error("Highlighted = false")
	}
	for _, src := range []string{"no code\n", "```cobol\nx\n```\n", "```\nno language\n```\n", "    indented code\n"} {
		if doc, _ := New().Render([]byte(src), ""); doc.Highlighted || strings.Contains(doc.HTML, "chroma") {
			t.Errorf("%q: Highlighted = %v, HTML %s", src, doc.Highlighted, doc.HTML)
		}
	}
}

// TestFencesUnchanged: testdata/fences.html was rendered from testdata/fences.md by the
// renderer this package had before it linked only a few of chroma's lexers: goldmark-
// highlighting with every lexer and style of chroma v2.27.0. It holds a block in every
// language Languages lists and every code block of the shipped articles, so highlighting
// is the same as it was. testdata/code.css is the same for WriteCSS. After upgrading chroma,
// check the difference and rewrite them with go test -run Unchanged -update.
func TestFencesUnchanged(t *testing.T) {
	src, err := os.ReadFile("testdata/fences.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := New().Render(src, "")
	if err != nil {
		t.Fatal(err)
	}
	var css bytes.Buffer
	if err := WriteCSS(&css); err != nil {
		t.Fatal(err)
	}
	for file, got := range map[string]string{"testdata/fences.html": doc.HTML, "testdata/code.css": css.String()} {
		if *update {
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if got != string(want) {
			t.Errorf("output differs from %s at byte %d:\n%s", file, firstDifference(got, string(want)), diffContext(got, string(want)))
		}
	}
	for _, l := range lexerRegistry().Lexers {
		if label := `aria-label="` + codeLabel(l) + `"`; !strings.Contains(doc.HTML, label) {
			t.Errorf("testdata/fences.md has no %s block", l.Config().Name)
		}
	}
}

func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// diffContext shows the lines around the first difference between got and want.
func diffContext(got, want string) string {
	i := firstDifference(got, want)
	start := strings.LastIndexByte(got[:i], '\n') + 1
	excerpt := func(s string) string {
		end := min(len(s), i+200)
		return s[start:end]
	}
	return "got:  " + excerpt(got) + "\nwant: " + excerpt(want)
}

// TestAuthoringListsLanguages: AUTHORING.md names every language a fence can be
// highlighted in, by every one of its names.
func TestAuthoringListsLanguages(t *testing.T) {
	doc, err := os.ReadFile("../../AUTHORING.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range lexerRegistry().Lexers {
		for _, name := range languageAliases(l.Config()) {
			if !bytes.Contains(doc, []byte("`"+name+"`")) {
				t.Errorf("AUTHORING.md does not list `%s` (%s)", name, l.Config().Name)
			}
		}
	}
}

// TestLinksOnlyCuratedLexers: the binary does not link chroma's lexers and styles
// packages, which embed and parse all of chroma's ~280 lexers and ~70 styles at start.
func TestLinksOnlyCuratedLexers(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH")
	}
	out, err := exec.Command(goCmd, "list", "-deps", "github.com/versus-web/versus/cmd/versus").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	for _, pkg := range []string{
		"github.com/alecthomas/chroma/v2/lexers",
		"github.com/alecthomas/chroma/v2/styles",
		"github.com/yuin/goldmark-highlighting/v2",
	} {
		if slices.Contains(deps, pkg) {
			t.Errorf("cmd/versus depends on %s", pkg)
		}
	}
	if !slices.Contains(deps, "github.com/alecthomas/chroma/v2") {
		t.Error("cmd/versus does not depend on chroma; is this test still needed?")
	}
}
