package markdown

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestRender(t *testing.T) {
	r := New()
	tests := []struct {
		name    string
		src     string
		want    []string
		wantNot []string
	}{
		{"table", "| a | b |\n|---|---|\n| 1 | 2 |\n", []string{"<table>", "<th>a</th>", "<td>2</td>"}, nil},
		// Tables and code blocks scroll sideways on a phone: each must take keyboard focus
		// and have a name (axe: scrollable-region-focusable).
		{"table is a focusable region named after its heading", "## How they compare\n\nIntro.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
			[]string{`<div class="table-scroll" role="region" tabindex="0" aria-label="How they compare">` + "\n<table>", "</table>\n</div>"}, nil},
		{"tables under one heading are numbered", "## Costs\n\n| a |\n|---|\n| 1 |\n\n| b |\n|---|\n| 2 |\n\n## Other\n\n| c |\n|---|\n| 3 |\n",
			[]string{`aria-label="Costs, table 1"`, `aria-label="Costs, table 2"`, `aria-label="Other"`}, nil},
		{"table without a heading is named by its columns", "| Concern | *Fastify* 5 | `DRF` |\n|---|---|---|\n| 1 | 2 | 3 |\n",
			[]string{`aria-label="Table: Concern, Fastify 5, DRF"`}, nil},
		{"tables with the same columns are numbered", "| a |\n|---|\n| 1 |\n\nText.\n\n| a |\n|---|\n| 2 |\n\n|  |\n|---|\n| 3 |\n",
			[]string{`aria-label="Table: a, table 1"`, `aria-label="Table: a, table 2"`, `aria-label="Table"`}, nil},
		{"table label is plain, escaped text", "# Title\n\n## \"A\" & <b> [link](/x)\n\n> | a |\n> |---|\n> | 1 |\n",
			[]string{`aria-label="“A” &amp; &lt;b&gt; link"`}, []string{"<b>"}},
		{"code is highlighted with classes", "```python\ndef f():\n    return 1\n```\n", []string{`<pre tabindex="0" role="group" aria-label="Python code" class="chroma"><code>`, `<span class="k">def</span>`}, []string{"style="}},
		{"plain code is focusable, named and escaped", "```\n<b>x</b>\n```\n", []string{`<pre tabindex="0" role="group" aria-label="Code"><code>&lt;b&gt;x&lt;/b&gt;`}, []string{"<b>"}},
		{"unknown language keeps its class", "```nosuchlang\nx\n```\n", []string{`<pre tabindex="0" role="group" aria-label="Code"><code class="language-nosuchlang">x`}, nil},
		{"indented code is focusable and named too", "Text.\n\n    <b>wide line</b>\n", []string{`<pre tabindex="0" role="group" aria-label="Code"><code>&lt;b&gt;wide line&lt;/b&gt;` + "\n</code></pre>"}, []string{"<b>"}},
		{"footnote", "Claim.[^1]\n\n[^1]: Evidence.\n", []string{`class="footnote-ref"`, "Evidence."}, nil},
		{"heading id", "## Out of the box\n", []string{`<h2 id="out-of-the-box">`}, nil},
		// A heading's permalink sits beside it, not inside it, so the heading's accessible
		// name stays its text; the link is named by the heading's plain text.
		{"heading permalink", "## Out of the *box* & `more`\n",
			[]string{`<div class="section-heading"><h2 id="out-of-the-box--more">Out of the <em>box</em> &amp; <code>more</code></h2><a class="permalink" href="#out-of-the-box--more" aria-label="Link to this section: Out of the box &amp; more"></a></div>`}, nil},
		{"typographer", `"quoted" -- and...`, []string{"&ldquo;quoted&rdquo;", "&ndash;", "&hellip;"}, nil},
		{"inline raw html is escaped", "Hi <script>alert(1)</script> there", []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>"}},
		{"block raw html is escaped", "<div onclick=\"x()\">\nhi\n</div>\n", []string{"&lt;div onclick=&#34;x()&#34;&gt;"}, []string{"<div"}},
		{"strikethrough", "~~old~~", []string{"<del>old</del>"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := r.Render([]byte(tt.src), "")
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(doc.HTML, w) {
					t.Errorf("HTML lacks %q:\n%s", w, doc.HTML)
				}
			}
			for _, w := range tt.wantNot {
				if strings.Contains(doc.HTML, w) {
					t.Errorf("HTML contains %q:\n%s", w, doc.HTML)
				}
			}
		})
	}
}

func TestRenderReportsLinksAndIDs(t *testing.T) {
	src := "# Title\n\nSee [security](/criteria/security).\n\n## Next step\n\nAnd ![chart](/static/x.png) and <https://example.com>.\n"
	doc, err := New().Render([]byte(src), "")
	if err != nil {
		t.Fatal(err)
	}
	want := []Link{{"/criteria/security", 3}, {"/static/x.png", 7}, {"https://example.com", 7}}
	if len(doc.Links) != len(want) {
		t.Fatalf("links = %v, want %v", doc.Links, want)
	}
	for i := range want {
		if doc.Links[i] != want[i] {
			t.Errorf("link %d = %v, want %v", i, doc.Links[i], want[i])
		}
	}
	wantHeadings := []Heading{{"title", 1}, {"next-step", 5}}
	if !slices.Equal(doc.Headings, wantHeadings) {
		t.Errorf("headings = %v, want %v", doc.Headings, wantHeadings)
	}
}

// TestHeadingIDPrefix: documents shown on one page get their own id prefix, and ids
// stay unique within a document.
func TestHeadingIDPrefix(t *testing.T) {
	doc, err := New().Render([]byte("## Defaults\n\ntext\n\n## Defaults\n"), "nodejs-")
	if err != nil {
		t.Fatal(err)
	}
	want := []Heading{{"nodejs-defaults", 1}, {"nodejs-defaults-1", 5}}
	if !slices.Equal(doc.Headings, want) {
		t.Errorf("headings = %v, want %v", doc.Headings, want)
	}
	for _, h := range want {
		if !strings.Contains(doc.HTML, `id="`+h.ID+`"`) {
			t.Errorf("HTML lacks id %q:\n%s", h.ID, doc.HTML)
		}
	}
}

func TestWriteCSS(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCSS(&buf); err != nil {
		t.Fatal(err)
	}
	// Keywords in the light style's colour, or the dark style's when the page is dark.
	if !strings.Contains(buf.String(), ".chroma .k { color: light-dark(#5317ac, #b6a0ff) }") {
		t.Fatalf("CSS lacks the keyword's light and dark colours:\n%.300s", buf.String())
	}
	if strings.Contains(buf.String(), ".lnt") {
		t.Error("CSS has rules for line numbers, which code blocks here never have")
	}
}

func TestPlainText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>Fast &amp; <em>safe</em>\n<code>&lt;b&gt;</code></p>": "Fast & safe <b>",
		"  <p>Node’s\u00a0“event loop” — <b>fast</b></p>\t\n":     "Node’s “event loop” — fast",
		"":                     "",
		"<p>bad \xff byte</p>": "bad \ufffd byte",
	} {
		if got := PlainText(in); got != want {
			t.Errorf("PlainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestPermalinkAddsNoText: the permalink's "#" comes from the stylesheet, so the text a
// reader sees, and the search index reads, is the heading alone.
func TestPermalinkAddsNoText(t *testing.T) {
	doc, err := New().Render([]byte("## Defaults\n\nBody.\n"), "django-")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(doc.HTML, `href="#django-defaults"`) {
		t.Errorf("no permalink to the prefixed id:\n%s", doc.HTML)
	}
	if got := PlainText(doc.HTML); got != "Defaults Body." {
		t.Errorf("PlainText = %q, want %q", got, "Defaults Body.")
	}
}
