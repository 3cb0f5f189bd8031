package preview

import (
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

func TestWrap(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	ff, err := newFaces(fs)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 200)
	tests := []struct {
		name     string
		text     string
		width    int
		maxLines int
		want     []string // nil: check only the general rules below
		cut      bool     // whether the text must end with an ellipsis
	}{
		{name: "empty", text: "", width: 500, maxLines: 3, want: []string{}},
		{name: "only space", text: " \t\n ", width: 500, maxLines: 3, want: []string{}},
		{name: "no lines", text: "Hello", width: 500, maxLines: 0, want: []string{}},
		{name: "fits", text: "Hello, world", width: 1040, maxLines: 3, want: []string{"Hello, world"}},
		{name: "space runs and controls", text: "\tHello,\r\n  wo\x00rld ", width: 1040, maxLines: 1, want: []string{"Hello, wo rld"}},
		{name: "two lines", text: "Protection against cross-site request forgery", width: 1040, maxLines: 3,
			want: []string{"Protection against cross-site", "request forgery"}},
		{name: "too long", text: strings.Repeat("Protection against forgery ", 10), width: 1040, maxLines: 2, cut: true},
		{name: "one line too long", text: strings.Repeat("word ", 50), width: 600, maxLines: 1, cut: true},
		{name: "long word alone", text: long, width: 1040, maxLines: 3, cut: true},
		{name: "long word fits in lines", text: strings.Repeat("x", 60), width: 1040, maxLines: 3},
		{name: "long word after words", text: "see " + long + " here", width: 1040, maxLines: 9},
		{name: "letters the font lacks", text: strings.Repeat("日本語 ", 12) + strings.Repeat("😀", 40), width: 1040, maxLines: 2, cut: true},
		{name: "narrow", text: "Protection against", width: 120, maxLines: 2, cut: true},
		{name: "narrower than a letter", text: "Protection against", width: 30, maxLines: 2, want: []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			width := fixed.I(tt.width)
			lines := wrap(ff.title, tt.text, width, tt.maxLines)
			if tt.want != nil && strings.Join(lines, "|") != strings.Join(tt.want, "|") {
				t.Errorf("wrap = %q, want %q", lines, tt.want)
			}
			if len(lines) > max(tt.maxLines, 0) {
				t.Errorf("%d lines, want at most %d", len(lines), tt.maxLines)
			}
			for _, l := range lines {
				if w := font.MeasureString(ff.title, l); w > width {
					t.Errorf("line %q is %v wide, over %v", l, w.Ceil(), tt.width)
				}
				if l == "" || strings.TrimSpace(l) != l {
					t.Errorf("line %q is empty or has space at an end", l)
				}
			}
			all := strings.Join(lines, " ")
			if cut := strings.HasSuffix(all, ellipsis); cut != tt.cut {
				t.Errorf("ends with an ellipsis: %v, want %v (%q)", cut, tt.cut, lines)
			}
			if strings.Count(all, ellipsis) > 1 {
				t.Errorf("more than one ellipsis in %q", lines)
			}
			// Nothing is lost or reordered: the lines, put together again, begin the text.
			words := strings.Join(strings.Fields(strings.Map(func(r rune) rune {
				if r < ' ' {
					return ' '
				}
				return r
			}, tt.text)), "")
			if got := strings.ReplaceAll(strings.TrimSuffix(all, ellipsis), " ", ""); !strings.HasPrefix(words, got) {
				t.Errorf("lines %q are not the start of the text", lines)
			} else if !tt.cut && tt.want == nil && got != words {
				t.Errorf("lines %q lose some of the text", lines)
			}
		})
	}
}

func TestWrapBreaksLongWord(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	ff, err := newFaces(fs)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("x", 200)
	lines := wrap(ff.title, "see "+long+" here", fixed.I(1040), 9)
	if len(lines) < 3 || lines[0] != "see" || lines[len(lines)-1] != "here" && !strings.HasSuffix(lines[len(lines)-1], " here") {
		t.Errorf("wrap = %q, want \"see\", the word in pieces, then \"here\"", lines)
	}
	// The pieces of the word but the last fill their lines: each is within one x of the width.
	x := font.MeasureString(ff.title, "x")
	for _, l := range lines[1 : len(lines)-2] {
		if w := font.MeasureString(ff.title, l); w <= fixed.I(1040)-x {
			t.Errorf("piece %q is %d wide, want it to fill the line", l, w.Ceil())
		}
	}
}

func TestCutPrefersWordEnds(t *testing.T) {
	fs, err := fonts()
	if err != nil {
		t.Fatal(err)
	}
	ff, err := newFaces(fs)
	if err != nil {
		t.Fatal(err)
	}
	text := "Protection against cross-site request forgery in every framework"
	got := cut(ff.title, text, fixed.I(1040))
	if want := "Protection against cross-site…"; got != want {
		t.Errorf("cut = %q, want %q", got, want)
	}
}
